"""Editorial writes that matter: importing, publishing and unpublishing, validated before they save."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass

import reversion
from django.contrib.auth.models import AbstractUser, AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from matches.models import Match
from newsroom.models import Article, ArticleEvent, Quote
from newsroom.quotes import KnownPerson, extract_quotes
from people.models import Person

PUBLISH_PERMISSION = "newsroom.publish_article"


def can_publish(user: AbstractUser | AnonymousUser) -> bool:
    return user.is_active and user.has_perm(PUBLISH_PERMISSION)


# Where a story may be submitted from (publishing starts anywhere: on a live story it publishes a correction).
SUBMITTABLE = {Article.Status.DRAFT, Article.Status.CHANGES_REQUESTED, Article.Status.UNPUBLISHED}


def can_submit(user: AbstractUser | AnonymousUser) -> bool:
    return user.is_active and user.has_perm("newsroom.change_article")


@transaction.atomic
def submit_for_review(*, article: Article, writer: AbstractUser, note: str = "") -> Article:
    """A draft (or one sent back with changes requested) goes to the editors for review."""
    if not can_submit(writer):
        raise PermissionDenied("You cannot submit articles for review.")
    if article.status not in SUBMITTABLE:
        raise ValidationError(f"A story that is {article.state.lower()} cannot be submitted for review.")
    if not article.headline.strip() or not article.body.strip():
        raise ValidationError("An article needs a headline and a body before it is submitted.")
    return _move(article, to=Article.Status.IN_REVIEW, action=ArticleEvent.Action.SUBMITTED, user=writer, note=note)


@transaction.atomic
def request_changes(*, article: Article, editor: AbstractUser, note: str) -> Article:
    """An editor sends a story in review back to its writer, saying what to change."""
    if not can_publish(editor):
        raise PermissionDenied("Only editors can ask for changes.")
    if article.status != Article.Status.IN_REVIEW:
        raise ValidationError("Only a story in review can be sent back with changes requested.")
    if not note.strip():
        raise ValidationError("Say what should change: the writer reads this note.")
    return _move(
        article,
        to=Article.Status.CHANGES_REQUESTED,
        action=ArticleEvent.Action.CHANGES_REQUESTED,
        user=editor,
        note=note,
    )


@transaction.atomic
def publish_article(
    *, article: Article, editor: AbstractUser, at: datetime.datetime | None = None, note: str = ""
) -> Article:
    """Publish now, or schedule for `at` (a future time keeps it out of every public page until then).

    Precondition: `editor` holds newsroom.publish_article; writers cannot publish.
    A correction to an already-published article stamps `content_updated_at` rather than moving
    the publication date, so readers see "Updated" and the original date stays true.
    """
    if not can_publish(editor):
        raise PermissionDenied("Only editors can publish or schedule articles.")
    if not article.headline.strip() or not article.body.strip():
        raise ValidationError("An article needs a headline and a body before it is published.")
    now = timezone.now()
    if article.status == Article.Status.PUBLISHED and at is None:
        article.content_updated_at = now
        action = ArticleEvent.Action.UPDATED
    else:
        article.published_at = at or now
        action = ArticleEvent.Action.SCHEDULED if article.published_at > now else ArticleEvent.Action.PUBLISHED
    return _move(article, to=Article.Status.PUBLISHED, action=action, user=editor, note=note)


@transaction.atomic
def unpublish_article(*, article: Article, editor: AbstractUser, note: str = "") -> Article:
    """Take an article off the public site; its publication date is kept for the record."""
    if not can_publish(editor):
        raise PermissionDenied("Only editors can unpublish articles.")
    if article.status != Article.Status.PUBLISHED:
        raise ValidationError("Only a published or scheduled story can be unpublished.")
    return _move(
        article, to=Article.Status.UNPUBLISHED, action=ArticleEvent.Action.UNPUBLISHED, user=editor, note=note
    )


def next_steps(article: Article, user: AbstractUser | AnonymousUser) -> list[str]:
    """The transitions `user` may take `article` through now, in the order an editing screen offers them."""
    steps = []
    if article.status in SUBMITTABLE and can_submit(user):
        steps.append("submit")
    if can_publish(user):
        if article.status == Article.Status.IN_REVIEW:
            steps.append("request_changes")
        steps += ["publish", "schedule"]
        if article.status == Article.Status.PUBLISHED:
            steps.append("unpublish")
    return steps


def _move(article: Article, *, to: str, action: str, user: AbstractUser, note: str) -> Article:
    """Save the new status in a revision that names the user, and record the step on the article's timeline."""
    before = article.status
    with reversion.create_revision():
        article.status = to
        article.save()
        reversion.set_user(user)
        reversion.set_comment(ArticleEvent.Action(action).label)
    go_live = article.published_at if action == ArticleEvent.Action.SCHEDULED else None
    event = ArticleEvent(
        article=article, action=action, from_status=before, to_status=to, note=note, go_live_at=go_live
    )
    event.user_id = user.pk
    event.save()
    return article


class ArticleChangedMeanwhile(Exception):
    """The article was saved by someone else after the editor opened it; nothing was saved."""


@transaction.atomic
def save_article_edit(*, article: Article, opened_at: datetime.datetime) -> Article:
    """Save an editor's change to `article`, opened when its `updated_at` was `opened_at`.

    Raises ArticleChangedMeanwhile, saving nothing, when anyone has saved it since. The check and the claim
    are one conditional UPDATE on that version, so of two saves racing from the same version only one passes,
    on any database. Revisions are the caller's (the admin makes one around every change form).
    """
    claimed = Article.objects.filter(pk=article.pk, updated_at=opened_at).update(updated_at=timezone.now())
    if not claimed:
        raise ArticleChangedMeanwhile(f"{article} was saved by someone else after it was opened.")
    article.save()
    return article


@transaction.atomic
def set_quote_verification(*, quotes: Iterable[Quote], verification: str, editor: AbstractUser) -> int:
    """Mark quotes verified, disputed or rejected; returns how many changed.

    Each change is saved on its own row, inside one revision that names the editor, so the history shows who
    rejected what, and saving moves the content version: an article page showing a rejected quote is
    rebuilt on its next request rather than served from the cache.
    """
    if verification not in Quote.Verification.values:
        raise ValidationError(f"{verification!r} is not a verification state.")
    label = Quote.Verification(verification).label.lower()
    changed = 0
    with reversion.create_revision():
        for quote in quotes:
            if quote.verification != verification:
                quote.verification = verification
                quote.save(update_fields=["verification"])
                changed += 1
        reversion.set_user(editor)
        reversion.set_comment(f"Marked {label}")
    return changed


WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@dataclass(frozen=True)
class ImportedArticle:
    article: Article
    created: bool
    quotes: int


@transaction.atomic
def import_article(
    *,
    text: str,
    headline: str | None = None,
    kind: str = Article.Kind.NEWS,
    match: Match | None = None,
    standfirst: str = "",
    slug: str | None = None,
    dated: datetime.date | None = None,
    occasion: str = Quote.Occasion.OTHER,
) -> ImportedArticle:
    """A plain-text article becomes a draft with its quotes suggested for an editor to check.

    Paragraphs are the non-blank lines; the first is the headline unless `headline` is given. An article
    whose slug already exists is left exactly as it is (editors may have changed it since), so importing
    twice changes nothing. `dated` is the day the piece appeared, used to date quotes "said on Friday".
    """
    paragraphs = [line.strip() for line in text.splitlines() if line.strip()]
    if headline is None:
        if not paragraphs:
            raise ValidationError("The article is empty: there is no headline and no body.")
        headline, paragraphs = paragraphs[0], paragraphs[1:]
    headline = headline.strip()
    if not headline or not paragraphs:
        raise ValidationError("An article needs a headline and at least one paragraph of body.")
    slug = slug or slugify(headline)[:200]
    if not slug:
        raise ValidationError("The headline gives no usable URL slug; give one.")
    existing = Article.objects.filter(slug=slug).first()
    if existing is not None:
        return ImportedArticle(existing, created=False, quotes=existing.quotes.count())
    article = Article(
        kind=kind, headline=headline[:200], slug=slug, standfirst=standfirst, body=paragraphs_to_markdown(paragraphs)
    )
    if match is not None:
        article.match = match
        article.competition = match.season.competition
    article.full_clean()
    article.save()
    if match is not None:
        article.clubs.add(match.home, match.away)
    quotes = suggest_quotes(article=article, paragraphs=paragraphs, dated=dated, occasion=occasion)
    return ImportedArticle(article, created=True, quotes=quotes)


def paragraphs_to_markdown(paragraphs: list[str]) -> str:
    """Plain paragraphs as Markdown that renders them as written, one blank line apart."""
    return "\n\n".join(escape_markdown(p) for p in paragraphs)


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")
_LIST_START = re.compile(r"^(\d+)([.)])(\s)|^([-+=])(\s)")


def escape_markdown(paragraph: str) -> str:
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", paragraph)
    return _LIST_START.sub(lambda m: f"{m[1]}\\{m[2]}{m[3]}" if m[1] else f"\\{m[4]}{m[5]}", escaped)


def suggest_quotes(*, article: Article, paragraphs: list[str], dated: datetime.date | None, occasion: str) -> int:
    """Extract the quotes of an article's paragraphs and store them as suggestions for an editor."""
    people = list(Person.objects.all())
    known = [KnownPerson(full_name=p.name, aliases=tuple(p.aliases or ())) for p in people]
    by_name = {p.name: p for p in people}
    quotes = [
        Quote(
            source_article=article,
            text=found.text,
            speaker=by_name.get(found.speaker or ""),
            speaker_name="" if found.speaker in by_name else (found.speaker or ""),
            paragraph=found.paragraph,
            said_on=said_on(found.said_on_hint, dated),
            occasion=occasion,
            match=article.match,
            context=found.context or "",
            verification=Quote.Verification.SUGGESTED,
        )
        for found in extract_quotes("\n".join(paragraphs), known_people=known)
    ]
    Quote.objects.bulk_create(quotes)
    return len(quotes)


def said_on(hint: str | None, dated: datetime.date | None) -> datetime.date | None:
    """ "on Friday" in a piece dated Friday 9 May means 9 May; a weekday is the latest one on or before."""
    if dated is None:
        return None
    if hint is None or hint.lower() not in WEEKDAYS:
        return dated
    back = (dated.weekday() - WEEKDAYS.index(hint.lower())) % 7
    return dated - datetime.timedelta(days=back)
