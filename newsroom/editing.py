"""Two editors on one article: who saved it last, and what differs between the saved text and an editor's.

An article's version is its `updated_at`: every save moves it (publishing and unpublishing too), so an edit
form opened at one version knows when someone else has saved since. The diff is plain text lines; templates
print them autoescaped, so whatever an editor typed stays text.
"""

from __future__ import annotations

import datetime
import difflib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import QueryDict
from django.utils import timezone
from django.utils.formats import date_format
from reversion.models import Version

from newsroom.embedded import embed_errors
from newsroom.embeds import SYNTAX_HELP
from newsroom.models import Article

# The text an edit conflict shows, in the order of the form.
DIFFED_FIELDS = ("headline", "standfirst", "body")

# The workflow's steps as the editing screen and the status page offer them (newsroom.actions.next_steps).
STEP_LABELS = {
    "submit": "Submit for review",
    "request_changes": "Ask for changes",
    "publish": "Publish now",
    "schedule": "Schedule",
    "unpublish": "Unpublish",
}


def schedule_error(at: datetime.datetime | None) -> str | None:
    """Why `at` cannot be a story's go-live time, or None when it can."""
    if at is None:
        return "Give the time the story goes live."
    if at <= timezone.now():
        return "A schedule needs a time in the future; publish now instead."
    return None


@dataclass(frozen=True)
class LastSave:
    by: str
    at: datetime.datetime


@dataclass(frozen=True)
class DiffLine:
    """One line of a unified diff: `kind` is "field", "hunk", "removed", "added" or "same"."""

    kind: str
    text: str


def user_label(user: AbstractBaseUser | None) -> str:
    if user is None:
        return "someone"
    full_name = getattr(user, "get_full_name", lambda: "")()
    return full_name or user.get_username()


def last_save(article: Article) -> LastSave:
    """Who saved `article` last and when, from its newest revision (one query). A save made outside any
    revision (a shell, an import) names nobody and is dated by the article itself."""
    version = Version.objects.get_for_object(article).select_related("revision__user").first()
    if version is None or version.revision.date_created < article.updated_at - datetime.timedelta(seconds=1):
        return LastSave(by="someone", at=article.updated_at)
    return LastSave(by=user_label(version.revision.user), at=version.revision.date_created)


def text_diff(saved: Mapping[str, str], yours: Mapping[str, str]) -> list[DiffLine]:
    """A unified diff, field by field, from one text of the article to another (the saved text to the
    editor's, or the text as opened to the saved one); fields that agree are left out."""
    lines: list[DiffLine] = []
    for name in DIFFED_FIELDS:
        before, after = saved.get(name, "").splitlines(), yours.get(name, "").splitlines()
        if before == after:
            continue
        lines.append(DiffLine("field", name))
        for line in list(difflib.unified_diff(before, after, "saved", "yours", n=2, lineterm=""))[2:]:
            kind = {"@": "hunk", "-": "removed", "+": "added"}.get(line[:1], "same")
            lines.append(DiffLine(kind, line))
    return lines


def saved_text(article: Article) -> dict[str, str]:
    return {name: getattr(article, name) for name in DIFFED_FIELDS}


def saved_at_label(at: datetime.datetime) -> str:
    """When a save happened, in the newsroom's time zone, to the second: two saves a minute apart differ."""
    return date_format(timezone.localtime(at), "j F Y, H:i:s")


def text_as_opened(article: Article, opened_at: datetime.datetime) -> dict[str, str] | None:
    """The headline, standfirst and body as they stood at version `opened_at`, from the article's revisions;
    None when no revision holds that version (a save made outside the admin, or one since deleted)."""
    # Revisions store times to the millisecond (Django's JSON serializer); two saves never share one.
    wanted = opened_at.replace(microsecond=opened_at.microsecond // 1000 * 1000)
    for version in Version.objects.get_for_object(article)[:OPENED_VERSION_SEARCH]:
        try:
            fields = version.field_dict
        except Exception:  # a revision from an older schema: it cannot be the version just opened
            continue
        if fields.get("updated_at") == wanted:
            return {name: str(fields.get(name) or "") for name in DIFFED_FIELDS}
    return None


# How far back the revisions are searched for the version an editor opened: saves in one editing session.
OPENED_VERSION_SEARCH = 50


@dataclass(frozen=True)
class Conflict:
    """A refused stale save: who saved last, what they changed since the editor opened the story (None when
    that version is not on record), and how the editor's text differs from theirs."""

    last: LastSave
    diff: list[DiffLine]
    meanwhile: list[DiffLine] | None = None
    taken: tuple[str, ...] = ()  # fields only they changed, now in the form as they saved them


class ArticleEditForm(forms.ModelForm):
    """The admin's article form, carrying the version it was opened at (`opened_at`, rendered by the change form).

    Saving a form opened at an older version than the saved one is a form error naming who saved last and
    when; `conflict` then holds the diff from their text to this editor's, the editor's text stays in the form,
    and `opened_at` moves to the saved version, so saving again is a deliberate choice to replace theirs.
    """

    opened_at = forms.CharField(widget=forms.HiddenInput, required=False)
    # The status panel beside the text: a step button saves the story, then takes it through that step.
    step = forms.ChoiceField(choices=[("", "Save only"), *STEP_LABELS.items()], required=False)
    step_note = forms.CharField(
        required=False,
        max_length=2000,
        label="Note for the timeline",
        help_text="The writer reads it when changes are asked for.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    step_at = forms.DateTimeField(
        required=False,
        label="Go live at",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=f"To schedule. In the newsroom's time zone, {timezone.get_current_timezone_name()}.",
    )
    checks_version = True
    # The steps this user may take the story through now; set per request by the admin (next_steps).
    allowed_steps: tuple[str, ...] = ()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.conflict: Conflict | None = None
        if "body" in self.fields:
            self.fields["body"].help_text = f"{self.fields['body'].help_text} {SYNTAX_HELP}".strip()
        if self.instance.pk is not None:
            self.initial["opened_at"] = self.instance.updated_at.isoformat()

    def clean_body(self) -> str:
        """A body whose embed is malformed or points at nothing is refused, each such line named."""
        body: str = self.cleaned_data["body"]
        if errors := embed_errors(body):
            raise ValidationError([str(error) for error in errors])
        return body

    def clean_step(self) -> str:
        step: str = self.cleaned_data.get("step") or ""
        if step and step not in self.allowed_steps:
            raise ValidationError(f"“{STEP_LABELS[step]}” is not a step you can take on this story now.")
        return step

    def clean(self) -> dict[str, Any] | None:
        cleaned = super().clean() or {}
        if cleaned.get("step") == "schedule" and (problem := schedule_error(cleaned.get("step_at"))):
            self.add_error("step_at", problem)
        if self.instance.pk is None or not self.checks_version:
            return cleaned
        opened_at = parse_version(self.data.get("opened_at", ""))
        if opened_at is None:
            raise ValidationError("This form does not say which version of the article it was opened at: reload it.")
        # Locks the row until the admin's transaction ends (PostgreSQL): a racing save waits here, then sees ours.
        with transaction.atomic():
            current = Article.objects.select_for_update().filter(pk=self.instance.pk).first()
        if current is None:
            raise ValidationError("This article was deleted after you opened it.")
        if current.updated_at != opened_at:
            yours = {name: str(cleaned.get(name, self.data.get(name, ""))) for name in DIFFED_FIELDS}
            self.refuse(current, yours, opened_at)
        cleaned["opened_at"] = opened_at
        return cleaned

    def refuse(self, current: Article, yours: dict[str, str], opened_at: datetime.datetime) -> None:
        """Refuse the save, keeping the editor's text. A field only the other editor changed since this form was
        opened (the editor left it as it was) takes their version into the form: a three-way merge of the
        headline, standfirst and body, so that saving again replaces only what both of them changed."""
        theirs = saved_text(current)
        opened = text_as_opened(current, opened_at)
        merged, taken = dict(yours), []
        if opened is not None:
            for name in DIFFED_FIELDS:
                untouched = same_text(yours[name], opened[name])
                if untouched and not same_text(theirs[name], opened[name]):
                    merged[name] = theirs[name]
                    taken.append(name)
        self.conflict = Conflict(
            last=last_save(current),
            diff=text_diff(theirs, merged),
            meanwhile=text_diff(opened, theirs) if opened is not None else None,
            taken=tuple(taken),
        )
        data = QueryDict(mutable=True)
        data.update(self.data)
        data["opened_at"] = current.updated_at.isoformat()
        for name in taken:
            data[name] = theirs[name]
        self.data = data
        raise ValidationError(
            "%(by)s saved this article at %(at)s, after you opened it. Your text is still in the form; what they "
            "changed, and how yours differs from theirs, is shown above it. Save again to replace their version "
            "with yours.",
            params={"by": self.conflict.last.by, "at": saved_at_label(self.conflict.last.at)},
            code="stale",
        )


def same_text(a: str, b: str) -> bool:
    """Equal but for line endings: a browser posts a textarea's lines with CRLF."""
    return a.replace("\r\n", "\n").strip() == b.replace("\r\n", "\n").strip()


def parse_version(text: str) -> datetime.datetime | None:
    try:
        parsed = datetime.datetime.fromisoformat(text.strip())
    except ValueError:
        return None
    return parsed if timezone.is_aware(parsed) or not settings.USE_TZ else None
