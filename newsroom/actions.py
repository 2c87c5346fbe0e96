"""Editorial writes that matter: importing, publishing, unpublishing and correcting, validated before they save;
and the personal API tokens' lifecycle (created, used, revoked)."""

from __future__ import annotations

import datetime
import re
import secrets
from collections.abc import Iterable
from dataclasses import dataclass

import reversion
from django.contrib.auth.models import AbstractUser, AnonymousUser, User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify

from matches.models import Match
from newsroom import drafting
from newsroom.embedded import embed_errors
from newsroom.embeds import EmbedError
from newsroom.models import (
    ApiToken,
    Article,
    ArticleEvent,
    Author,
    Correction,
    PreviewLink,
    Quote,
    Section,
    Tag,
    without_control_characters,
)
from newsroom.quotes import KnownPerson, extract_quotes, split_paragraphs
from people.models import Person

PUBLISH_PERMISSION = "newsroom.publish_article"
ONLY_PUBLIC_CORRECTED = "Only a published story takes a correction; edit a draft or a scheduled one instead."


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
    sync_quote_visibility(article=article)
    go_live = article.published_at if action == ArticleEvent.Action.SCHEDULED else None
    event = ArticleEvent(
        article=article, action=action, from_status=before, to_status=to, note=note, go_live_at=go_live
    )
    event.user_id = user.pk
    event.save()
    return article


def sync_quote_visibility(*, article: Article) -> int:
    """Copy `article`'s publication time onto its quotes (NULL unless published), which is all the archive's
    "public" test reads: a scheduled story's quotes go live at its time with no job to run. Returns the count."""
    published_at = article.published_at if article.status == Article.Status.PUBLISHED else None
    return Quote.objects.filter(source_article=article).update(source_published_at=published_at)


def is_live_quote(quote: Quote) -> bool:
    """On a published (or scheduled) story, or standing in the archive on its own: what readers see or will."""
    article = quote.source_article
    return article is None or article.status == Article.Status.PUBLISHED


def check_quote_write(*, quote: Quote, user: AbstractUser | AnonymousUser) -> None:
    """Raise PermissionDenied unless `user` may save `quote` as it now stands.

    An editor may save any quote. Anyone else holding add/change_quote works only on the quotes of a story not
    yet published: they cannot rewrite a live quote, move a quote onto a live story, or verify, dispute or reject
    one (a writer's quote stays as it was, or "unverified" when new).
    """
    stored = Quote.objects.select_related("source_article").filter(pk=quote.pk).first() if quote.pk else None
    if not user.is_active or not user.has_perm("newsroom.change_quote" if stored else "newsroom.add_quote"):
        raise PermissionDenied("You may not change quotes.")
    if can_publish(user):
        return
    if stored is not None and is_live_quote(stored):
        raise PermissionDenied("This quote is on a published story: only an editor may change it.")
    if is_live_quote(quote):
        raise PermissionDenied("A writer's quote belongs to a story that is not yet published.")
    unchanged = stored.verification if stored is not None else Quote.Verification.UNVERIFIED
    if quote.verification != unchanged:
        raise PermissionDenied("Only an editor may verify, dispute or reject a quote.")


def on_a_live_story(label: Section | Tag | Author) -> bool:
    return label.pk is not None and label.articles.filter(status=Article.Status.PUBLISHED).exists()


def check_label_write(*, label: Section | Tag | Author, user: AbstractUser | AnonymousUser) -> None:
    """Raise PermissionDenied when `label` names a published story and `user` is no editor: readers see it."""
    if on_a_live_story(label) and not can_publish(user):
        raise PermissionDenied(f"{label} is shown on a published story: only an editor may change or delete it.")


@transaction.atomic
def save_quote(*, quote: Quote, user: AbstractUser | AnonymousUser) -> Quote:
    """Validate and save a quote written in the admin, on its own or inline on its story."""
    check_quote_write(quote=quote, user=user)
    quote.full_clean()
    quote.save()
    return quote


@transaction.atomic
def append_correction(*, article: Article, text: str, editor: User) -> Correction:
    """Append a dated correction under a public story; the story's modified date moves to it, its
    publication date stays as it was.

    Precondition: `editor` holds newsroom.publish_article. The article is published and its time has come:
    a draft or a scheduled story has no readers yet, so it is simply edited. Blank text is refused.
    """
    if not can_publish(editor):
        raise PermissionDenied("Only editors can append a correction.")
    if not article.is_live:
        raise ValidationError(ONLY_PUBLIC_CORRECTED)
    correction = Correction(article=article, text=text, editor=editor, published_at=timezone.now())
    correction.full_clean(exclude=["article", "editor"])
    if not correction.text.strip():
        raise ValidationError("A correction needs its wording.")
    with reversion.create_revision():
        correction.save()
        article.content_updated_at = correction.published_at
        article.save(update_fields=["content_updated_at", "updated_at"])
        reversion.set_user(editor)
        reversion.set_comment("Correction appended")
    return correction


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
    sync_quote_visibility(article=article)  # an editor may have moved a published story's time
    return article


@transaction.atomic
def set_quote_verification(*, quotes: Iterable[Quote], verification: str, editor: AbstractUser) -> int:
    """Set quotes' verification (verified against a recording or a transcript, disputed, misattributed, or
    rejected: not a quote at all), recording the editor and the time; returns how many changed.

    Each change is saved on its own row, inside one revision that names the editor, so the history shows who
    rejected what, and saving moves the content version: an article page showing a rejected quote is
    rebuilt on its next request rather than served from the cache.

    Precondition: `editor` holds newsroom.publish_article; a writer only suggests.
    """
    if not can_publish(editor):
        raise PermissionDenied("Only editors can verify, dispute or reject quotes.")
    if verification not in Quote.Verification.values:
        raise ValidationError(f"{verification!r} is not a verification state.")
    label = Quote.Verification(verification).label.lower()
    changed, now = 0, timezone.now()
    with reversion.create_revision():
        for quote in quotes:
            if quote.verification != verification:
                quote.verification, quote.verified_by_id, quote.verified_at = verification, editor.pk, now
                quote.save(update_fields=["verification", "verified_by", "verified_at"])
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
    numbered = [(number, line.strip()) for number, line in enumerate(text.splitlines(), start=1) if line.strip()]
    paragraphs = [line for _, line in numbered]
    if headline is None:
        if not paragraphs:
            raise ValidationError("The article is empty: there is no headline and no body.")
        headline, paragraphs, numbered = paragraphs[0], paragraphs[1:], numbered[1:]
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
    check_imported_embeds(article.body, [number for number, _ in numbered])
    if match is not None:
        article.match = match
        article.competition = match.season.competition
    article.full_clean()
    article.save()
    if match is not None:
        article.clubs.add(match.home, match.away)
    quotes = suggest_quotes(article=article, paragraphs=paragraphs, dated=dated, occasion=occasion)
    return ImportedArticle(article, created=True, quotes=quotes)


def check_imported_embeds(body: str, lines: list[int]) -> None:
    """Refuse an imported body whose embed is malformed or points at nothing, naming the line of the imported
    text it came from (`lines`: each paragraph's; paragraphs_to_markdown puts paragraph k on line 2k - 1)."""
    if errors := embed_errors(body):
        raise ValidationError([str(EmbedError(lines[(error.line - 1) // 2], error.problem)) for error in errors])


def paragraphs_to_markdown(paragraphs: list[str]) -> str:
    """Plain paragraphs as Markdown that renders them as written, one blank line apart."""
    return "\n\n".join(escape_markdown(p) for p in paragraphs)


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")
_LIST_START = re.compile(r"^(\d+)([.)])(\s)|^([-+=])(\s)")


def escape_markdown(paragraph: str) -> str:
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", paragraph)
    return _LIST_START.sub(lambda m: f"{m[1]}\\{m[2]}{m[3]}" if m[1] else f"\\{m[4]}{m[5]}", escaped)


def known_people(people: Iterable[Person] | None = None) -> list[KnownPerson]:
    """The people of the database as the quote extractor knows them: full name, then the name in headlines and
    the aliases, so that a surname or a nickname in an article resolves to the person's row."""
    rows = Person.objects.all() if people is None else people
    return [
        KnownPerson(full_name=p.name, aliases=tuple(a for a in (p.known_as, *(p.aliases or ())) if a)) for p in rows
    ]


def suggest_quotes(*, article: Article, paragraphs: list[str], dated: datetime.date | None, occasion: str) -> int:
    """Extract the quotes of an article's paragraphs and store them as suggestions for an editor; returns how
    many were new. A quote the article already has at the same paragraph with the same text (whatever became of
    it: a rejected one stays rejected) is not suggested again."""
    stored = set(article.quotes.values_list("paragraph", "text"))
    people = list(Person.objects.all())
    known = known_people(people)
    by_name = {p.name: p for p in people}
    quotes = [
        Quote(
            source_article=article,
            text=found.text,
            speaker=by_name.get(found.speaker or ""),
            speaker_name=found.speaker or "",
            paragraph=found.paragraph,
            said_on=said_on(found.said_on_hint, dated),
            occasion=occasion,
            match=article.match,
            context=found.context or "",
            verification=Quote.Verification.UNVERIFIED,
        )
        for found in extract_quotes("\n".join(paragraphs), known_people=known)
        if (found.paragraph, found.text) not in stored
    ]
    for quote in quotes:
        quote.fill_derived()  # bulk_create skips save()
    Quote.objects.bulk_create(quotes)
    return len(quotes)


@transaction.atomic
def suggest_quotes_from_body(*, article: Article, user: AbstractUser | AnonymousUser) -> int:
    """Find the quotes in `article`'s saved body and store the new ones as suggestions; returns how many.

    Paragraphs are counted as `import_article` counts them, so finding again, or after an import, adds nothing.
    Precondition: `user` may add quotes; on a published story only an editor may.
    """
    if not (user.is_active and user.has_perm("newsroom.add_quote")):
        raise PermissionDenied("You may not add quotes.")
    if article.status == Article.Status.PUBLISHED and not can_publish(user):
        raise PermissionDenied("This story is published: only an editor may change its quotes.")
    paragraphs = [unescape_markdown(p) for p in split_paragraphs(article.body)]
    dated = timezone.localdate(article.published_at) if article.published_at else None
    return suggest_quotes(article=article, paragraphs=paragraphs, dated=dated, occasion=Quote.Occasion.OTHER)


_MARKDOWN_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")


def unescape_markdown(paragraph: str) -> str:
    """A Markdown paragraph's text as written: backslash escapes (as `escape_markdown` adds them) undone."""
    return _MARKDOWN_ESCAPED.sub(r"\1", paragraph)


@transaction.atomic
def correct_speaker(
    *, quote: Quote, speaker: Person | None, speaker_name: str, user: AbstractUser | AnonymousUser
) -> Quote:
    """Say who said `quote`: a known person, or, when nobody matches, the name as written.

    Saved in a revision that names `user`. The same rules as any quote write apply (`check_quote_write`): a
    writer corrects only the quotes of a story not yet published. A blank name with no person is refused.
    """
    # A chosen person's name becomes the name as printed (filled on save); a name alone is kept as written.
    speaker_name = "" if speaker is not None else speaker_name.strip()
    if speaker is None and not speaker_name:
        raise ValidationError("Choose the speaker, or write their name.")
    quote.speaker, quote.speaker_name, quote.club = speaker, speaker_name, None  # the club is the new speaker's
    check_quote_write(quote=quote, user=user)
    quote.full_clean()
    with reversion.create_revision():
        quote.save(update_fields=["speaker", "speaker_name", "club"])
        reversion.set_user(user if isinstance(user, AbstractUser) else None)
        reversion.set_comment("Speaker corrected")
    return quote


def said_on(hint: str | None, dated: datetime.date | None) -> datetime.date | None:
    """ "on Friday" in a piece dated Friday 9 May means 9 May; a weekday is the latest one on or before."""
    if dated is None:
        return None
    if hint is None or hint.lower() not in WEEKDAYS:
        return dated
    back = (dated.weekday() - WEEKDAYS.index(hint.lower())) % 7
    return dated - datetime.timedelta(days=back)


# ---- Previews ----------------------------------------------------------------------------------------------------

PREVIEW_HOURS = range(1, 169)  # an hour to a week


def can_preview(user: AbstractUser | AnonymousUser) -> bool:
    """Staff who may read articles in the admin may read a draft or a scheduled one at its own address."""
    return user.is_active and user.is_staff and user.has_perm("newsroom.view_article")


@transaction.atomic
def create_preview_link(*, article: Article, editor: AbstractUser, hours: int) -> PreviewLink:
    """A link to `article` for someone without a login, working for `hours` (1 to 168) from now.

    Precondition: `editor` holds newsroom.publish_article: a link shows an unpublished story outside the newsroom.
    """
    if not can_publish(editor):
        raise PermissionDenied("Only editors can share a preview link.")
    if isinstance(hours, bool) or not isinstance(hours, int) or hours not in PREVIEW_HOURS:
        raise ValidationError("A preview link lasts from 1 to 168 hours (a week).")
    expires_at = timezone.now() + datetime.timedelta(hours=hours)
    return PreviewLink.objects.create(article=article, created_by_id=editor.pk, expires_at=expires_at)


@transaction.atomic
def revoke_preview_link(*, link: PreviewLink, editor: AbstractUser) -> PreviewLink:
    """Withdraw a link at once; revoking one already revoked keeps the first time."""
    if not can_publish(editor):
        raise PermissionDenied("Only editors can withdraw a preview link.")
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at"])
    return link


DRAFT_PERMISSION = "newsroom.add_article"


@transaction.atomic
def draft_from_match(*, match: Match, author: AbstractUser, now: datetime.datetime | None = None) -> Article:
    """A draft preview (before kick-off) or short report (after full time) of `match`, written from the data as
    of `now` (default: now), linked to the match, its competition and both clubs, for a writer to edit.

    One draft per match and kind: when it exists already (found by its slug) it is returned as it is, edits and
    all. Raises PermissionDenied for a user who may not add articles, ValidationError for a match in play,
    postponed, or kicked off without a result, and for a slug another article already holds.
    """
    if not (author.is_active and author.has_perm(DRAFT_PERMISSION)):
        raise PermissionDenied("Only writers and editors can draft articles.")
    now = now or timezone.now()
    match = Match.objects.with_related().get(pk=match.pk)
    slug = drafting.draft_slug(match, drafting.draft_kind(match, now))
    existing = Article.objects.filter(slug=slug).first()
    if existing is not None:
        if existing.match_id != match.pk:
            raise ValidationError(f"Another article already uses the address {slug!r}.")
        return existing
    draft = drafting.write_draft(drafting.draft_facts(match=match, now=now))
    article = Article(
        kind=draft.kind,
        status=Article.Status.DRAFT,
        headline=draft.headline,
        slug=draft.slug,
        standfirst=draft.standfirst,
        body=paragraphs_to_markdown(draft.paragraphs),
        match=match,
        competition=match.season.competition,
    )
    article.full_clean()
    with reversion.create_revision():
        article.save()
        article.clubs.add(match.home, match.away)
        article.authors.add(*Author.objects.filter(user_id=author.pk))
        reversion.set_user(author)
        reversion.set_comment(f"Drafted from the data as of {now.isoformat(timespec='minutes')}")
    return article


# Personal API tokens: each is its owner's alone; only a superuser manages other people's.
TOKEN_USE_RESOLUTION = datetime.timedelta(minutes=1)


def may_manage_token(user: AbstractUser | AnonymousUser, *, owner_id: int | None, verb: str) -> bool:
    """Whether `user` may `verb` ("view", "add", "change") a token of the user `owner_id` (None: any token)."""
    if not user.is_active:
        return False
    if user.is_superuser:
        return True
    return (owner_id is None or owner_id == user.pk) and user.has_perm(f"newsroom.{verb}_apitoken")


@transaction.atomic
def create_api_token(
    *, owner: AbstractUser, name: str, created_by: AbstractUser, expires_at: datetime.datetime | None = None
) -> tuple[ApiToken, str]:
    """A new token for `owner`, and its secret: returned here once, stored nowhere (only its digest is).

    Precondition: `created_by` is `owner`, holding newsroom.add_apitoken, or a superuser (who may make one for
    anyone). Raises PermissionDenied otherwise; ValidationError for a blank name, an owner whose account is
    deactivated, or an expiry that is not in the future.
    """
    if not may_manage_token(created_by, owner_id=owner.pk, verb="add"):
        raise PermissionDenied("You can only create API tokens for yourself.")
    name = without_control_characters(name).strip()
    if not name:
        raise ValidationError("Give the token a name that says what it is for.")
    if len(name) > ApiToken.NAME_LENGTH:
        raise ValidationError(f"A token's name is at most {ApiToken.NAME_LENGTH} characters.")
    if not owner.is_active:
        raise ValidationError(f"{owner.get_username()}'s account is deactivated: a token would not work.")
    if expires_at is not None and expires_at <= timezone.now():
        raise ValidationError("The expiry is in the past: a token must expire later than now.")
    secret = ApiToken.SECRET_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        owner_id=owner.pk,
        name=name,
        prefix=secret[: ApiToken.PREFIX_LENGTH],
        digest=ApiToken.digest_of(secret),
        created_by_id=created_by.pk,
        expires_at=expires_at,
    )
    return token, secret


@transaction.atomic
def revoke_api_token(*, token: ApiToken, revoked_by: AbstractUser) -> ApiToken:
    """Stop `token` working at once, recording who revoked it and when; revoking it again keeps the first record.

    Precondition: `revoked_by` owns the token and holds newsroom.change_apitoken, or is a superuser.
    """
    if not may_manage_token(revoked_by, owner_id=token.owner_id, verb="change"):
        raise PermissionDenied("You can only revoke your own API tokens.")
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.revoked_by_id = revoked_by.pk
        token.save(update_fields=["revoked_at", "revoked_by"])
    return token


def note_api_token_use(*, token: ApiToken, at: datetime.datetime) -> None:
    """Stamp the token's `last_used_at`, at most once a minute: one small UPDATE a minute, not one a request."""
    if token.last_used_at is not None and at - token.last_used_at < TOKEN_USE_RESOLUTION:
        return
    stale = Q(last_used_at__isnull=True) | Q(last_used_at__lt=at - TOKEN_USE_RESOLUTION)
    ApiToken.objects.filter(stale, pk=token.pk).update(last_used_at=at)
    token.last_used_at = at
