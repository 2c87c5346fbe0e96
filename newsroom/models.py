"""The editorial app: sections, tags, authors, articles and the quote archive.

The newsroom may refer to matches and people; neither refers back.
"""

from __future__ import annotations

import datetime
import re
from typing import Any, Self

from django import forms
from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector, SearchVectorField
from django.core import signing
from django.db import connection, models, transaction
from django.db.models import ExpressionWrapper, F, Q, Value
from django.urls import reverse
from django.utils import timezone

from matches.models import Club, Competition, Match
from matches.naming import NamedWithSlug
from newsroom.search_terms import search_terms
from people.models import Person, Tenure

QUOTE_SEARCH_CONFIG = "english"

# What XML 1.0 cannot carry (C0 controls other than tab, newline and carriage return; lone surrogates; U+FFFE and
# U+FFFF), and DEL. Pasted from word processors, one in a headline made every feed that printed it answer 500.
_UNPRINTABLE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
# A vertical tab is a word processor's line break, a form feed its page break: a space keeps the words apart.
_BREAKS = re.compile(r"[\x0b\x0c]")


def without_control_characters(text: str) -> str:
    """`text` as a reader should see it and XML can carry it; tab, newline and carriage return are kept."""
    return _UNPRINTABLE.sub("", _BREAKS.sub(" ", text))


class CleanFormField(forms.CharField):
    """Cleans before validating, so a pasted NUL is dropped rather than refused, and the editor sees no error."""

    def to_python(self, value: Any) -> Any:
        return super().to_python(without_control_characters(value) if isinstance(value, str) else value)


class CleansControlCharacters:
    """For text an editor types: control characters are dropped in forms, in full_clean() and on every save."""

    attname: str

    def to_python(self, value: Any) -> Any:
        value = super().to_python(value)  # type: ignore[misc]
        return without_control_characters(value) if isinstance(value, str) else value

    def pre_save(self, model_instance: models.Model, add: bool) -> Any:
        value = getattr(model_instance, self.attname)
        if isinstance(value, str):
            value = without_control_characters(value)
            setattr(model_instance, self.attname, value)
        return value

    def formfield(self, **kwargs: Any) -> Any:
        return super().formfield(**{"form_class": CleanFormField, **kwargs})  # type: ignore[misc]


class CleanCharField(CleansControlCharacters, models.CharField):
    pass


class CleanTextField(CleansControlCharacters, models.TextField):
    pass


class Section(NamedWithSlug):
    name = models.CharField(max_length=60, unique=True)
    slug = models.SlugField(max_length=60, unique=True, blank=True)
    description = models.TextField(blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "name"]


class Tag(NamedWithSlug):
    name = models.CharField(max_length=60, unique=True)
    slug = models.SlugField(max_length=60, unique=True, blank=True)

    class Meta:
        ordering = ["name"]


class Author(NamedWithSlug):
    """A byline. Usually a staff user, but agency and guest writers have no login."""

    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100, unique=True, blank=True)
    role = models.CharField(max_length=80, blank=True, help_text="e.g. Chief football writer")
    bio = models.TextField(blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="author"
    )

    class Meta:
        ordering = ["name"]


class ArticleQuerySet(models.QuerySet["Article"]):
    def published(self) -> Self:
        """What the public may see: published, and not scheduled for later."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__lte=timezone.now())

    def scheduled(self) -> Self:
        """Published for a time still to come."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__gt=timezone.now())

    def for_listing(self) -> Self:
        return self.select_related(
            "section", "competition", "match__season__competition", "match__home", "match__away"
        ).prefetch_related("authors")

    def newest_first(self) -> Self:
        return self.order_by("-published_at", "-pk")

    def about_club(self, club: Club) -> Self:
        return self.filter(Q(clubs=club) | Q(match__home=club) | Q(match__away=club)).distinct()

    def listed(self) -> Self:
        """Published articles, newest first, with what a teaser shows (section, match, authors)."""
        return self.published().for_listing().newest_first()

    def lead_first(self) -> Self:
        """The front page's order: the newest story marked lead, then the newest stories."""
        return self.order_by("-is_lead", "-published_at", "-pk")

    def for_page(self) -> Self:
        """With what an article's page and its head metadata show: section, match card, bylines, tags, corrections."""
        match_card = "match__season__competition", "match__home", "match__away", "match__venue"
        return self.select_related("section", *match_card).prefetch_related("authors", "tags", "corrections")

    def formerly_at(self, slug: str) -> Self:
        """Articles whose address was once `slug` (combine with `published()`: only a public story redirects)."""
        return self.filter(former_slugs__slug=slug)

    def related_to(self, article: Article) -> Self:
        """Other published stories about the same match or clubs, newest first (one query, plus authors)."""
        about = Q(clubs__in=article.clubs.all())
        if article.match is not None:
            about |= Q(match_id=article.match_id) | Q(clubs__in=[article.match.home_id, article.match.away_id])
        ids = self.listed().filter(about).exclude(pk=article.pk).values("pk")
        return self.listed().filter(pk__in=ids)


class Article(models.Model):
    class Kind(models.TextChoices):
        PREVIEW = "preview", "Preview"
        REPORT = "report", "Match report"
        NEWS = "news", "News"
        INTERVIEW = "interview", "Interview"
        FEATURE = "feature", "Feature"

    class Status(models.TextChoices):
        # A published story whose time has not come is "scheduled" (see `state`): it goes live at its time with
        # no job to run, since every public read asks for published_at <= now.
        DRAFT = "draft", "Draft"
        IN_REVIEW = "in_review", "In review"
        CHANGES_REQUESTED = "changes_requested", "Changes requested"
        PUBLISHED = "published", "Published"
        UNPUBLISHED = "unpublished", "Unpublished"

    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.NEWS)
    headline = CleanCharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    standfirst = CleanTextField(blank=True, help_text="The summary under the headline, one or two sentences.")
    body = CleanTextField(help_text="Markdown. One blank line between paragraphs.")
    authors = models.ManyToManyField(Author, blank=True, related_name="articles")
    section = models.ForeignKey(Section, on_delete=models.SET_NULL, null=True, blank=True, related_name="articles")
    tags = models.ManyToManyField(Tag, blank=True, related_name="articles")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True)
    published_at = models.DateTimeField(
        null=True, blank=True, db_index=True, help_text="When it goes live; a future time schedules it."
    )
    updated_at = models.DateTimeField(auto_now=True)
    content_updated_at = models.DateTimeField(
        null=True, blank=True, help_text="Shown to readers as 'Updated' when a published story is corrected."
    )
    match = models.ForeignKey(Match, on_delete=models.SET_NULL, null=True, blank=True, related_name="articles")
    competition = models.ForeignKey(
        Competition, on_delete=models.SET_NULL, null=True, blank=True, related_name="articles"
    )
    clubs = models.ManyToManyField(Club, blank=True, related_name="articles")
    people = models.ManyToManyField(Person, blank=True, related_name="articles")
    hero_image = models.ImageField(upload_to="articles/%Y/%m/", blank=True)
    hero_caption = CleanCharField(max_length=240, blank=True)
    hero_credit = CleanCharField(max_length=120, blank=True)
    hero_alt = CleanCharField(max_length=240, blank=True, help_text="What the picture shows, for screen readers.")
    is_lead = models.BooleanField(default=False, help_text="Lead story on the home page.")

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        permissions = [("publish_article", "Can publish, schedule and unpublish articles")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="article_published_has_date",
            ),
        ]

    def __str__(self) -> str:
        return self.headline

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Saves, and when a public story's slug changes, remembers the old one so its address keeps working."""
        update_fields = kwargs.get("update_fields")
        if self.pk is None or (update_fields is not None and "slug" not in update_fields):
            super().save(*args, **kwargs)
            return
        with transaction.atomic():
            # What readers could reach is what the database holds, not what this instance was loaded with.
            public_slug = Article.objects.published().filter(pk=self.pk).values_list("slug", flat=True).first()
            super().save(*args, **kwargs)
            if public_slug is not None and public_slug != self.slug:
                ArticleSlug.objects.update_or_create(slug=public_slug, defaults={"article": self})

    def get_absolute_url(self) -> str:
        return reverse("article", kwargs={"slug": self.slug})

    @property
    def is_live(self) -> bool:
        """Whether `Article.objects.published()` holds this article, without asking the database again."""
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def is_scheduled(self) -> bool:
        """Published, but its time has not come: it goes live then, with no job to run."""
        return self.status == self.Status.PUBLISHED and not self.is_live

    @property
    def state(self) -> str:
        """The state an editor sees: the stored status, or "Scheduled" for a published story not yet live."""
        return "Scheduled" if self.is_scheduled else self.get_status_display()


class QuoteDocument(models.Func):
    """The archive's weighted search document on PostgreSQL; NULL elsewhere (SQLite has no tsvector)."""

    template = "%(expressions)s"
    output_field = SearchVectorField()

    def __init__(self) -> None:
        # Spelled out with an explicit regconfig so PostgreSQL accepts the expression as immutable.
        super().__init__(
            SearchVector("text", "translation", weight="A", config=QUOTE_SEARCH_CONFIG)
            + SearchVector("speaker_name", weight="B", config=QUOTE_SEARCH_CONFIG)
            + SearchVector("context", weight="C", config=QUOTE_SEARCH_CONFIG)
        )

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, tuple[str | int, ...]]:
        return "NULL", ()


def quote_search_query(text: str) -> SearchQuery:
    return SearchQuery(text, config=QUOTE_SEARCH_CONFIG, search_type="websearch")


def _contains(phrase: str) -> Q:
    return (
        Q(text__icontains=phrase)
        | Q(translation__icontains=phrase)
        | Q(speaker_name__icontains=phrase)
        | Q(context__icontains=phrase)
    )


class QuoteQuerySet(models.QuerySet["Quote"]):
    def with_related(self) -> Self:
        """With the speaker, match and source article a citation names."""
        return self.select_related(
            "speaker", "match__season__competition", "match__home", "match__away", "source_article"
        )

    def public(self) -> Self:
        """Quotes a journalist may cite: never one marked "not a quote"; verified, or from a published story.

        Reads the quote's own columns only (`source_published_at` is the source story's publication time,
        copied there when it is published, scheduled or unpublished), so no query joins the article table.
        A verified quote of a story not yet live stays hidden: drafts are never public.
        """
        from_live_story = Q(source_published_at__lte=timezone.now())
        verified_alone = Q(source_article__isnull=True, verification__in=Quote.VERIFIED_STATES)
        return self.exclude(verification=Quote.Verification.REJECTED).filter(from_live_story | verified_alone)

    def for_export(self) -> Self:
        """With what an exported row or an API item names: speaker, club, competition, source, tags."""
        return self.select_related("speaker", "club", "competition", "source_article").prefetch_related("tags")

    def citable(self) -> Self:
        """Public quotes with what their citation names."""
        return self.public().with_related()

    def newest_first(self) -> Self:
        """The archive's order, which its cursors and exports page through: date said, newest first, then id."""
        return self.order_by(F("said_on").desc(nulls_last=True), "-pk")

    def in_reading_order(self) -> Self:
        return self.order_by("paragraph", "pk")

    def search(self, text: str) -> Self:
        """Quotes whose words, name as printed or context match `text`, annotated with a `rank` (higher: better).

        PostgreSQL reads web-search syntax ("a phrase", -word, or) against the stored `document`, ranked by
        ts_rank. SQLite: every word and quoted phrase must appear (any case, as a substring) and no -word may;
        its rank is 0. Precondition: `text` holds no NUL (PostgreSQL refuses one).
        """
        if connection.vendor == "postgresql":
            query = quote_search_query(text)
            return self.filter(document=query).annotate(rank=SearchRank(F("document"), query))
        terms = search_terms(text)
        rank = Value(0.0, output_field=models.FloatField())
        if not terms.required and not terms.excluded:
            return self.none().annotate(rank=rank)  # as PostgreSQL: punctuation alone matches nothing
        found = Q()
        for phrase in terms.required:
            found &= _contains(phrase)
        for phrase in terms.excluded:
            found &= ~_contains(phrase)
        return self.filter(found).annotate(rank=rank)

    def said_between(self, start: datetime.date | None, end: datetime.date | None, *, by_index: bool = True) -> Self:
        """Said on or after `start` and on or before `end` (either may be None: open).

        `by_index=False` keeps PostgreSQL from reading the date index for the range, for a read that stops
        after a few thousand rows of a text search: there, ANDing a bitmap of every quote in a five-year range
        costs more than checking the dates of the rows the text index finds.
        """
        said_on: Any = F("said_on")
        if not by_index and connection.vendor == "postgresql":
            said_on = ExpressionWrapper(F("said_on") + 0, output_field=models.DateField())
        quotes = self.alias(said=said_on)
        bounds = {"said__gte": start, "said__lte": end}
        return quotes.filter(**{key: day for key, day in bounds.items() if day is not None})

    def after(self, said_on: datetime.date | None, pk: int) -> Self:
        """What `newest_first()` lists after the quote said on `said_on` with id `pk`: the keyset's next rows."""
        if said_on is None:
            return self.filter(said_on__isnull=True, pk__lt=pk)
        later = Q(said_on__lt=said_on) | Q(said_on=said_on, pk__lt=pk) | Q(said_on__isnull=True)
        return self.filter(later)

    def on_same_occasion(self, quote: Quote) -> Self:
        """The speaker's other quotes from the same match, or the same day and occasion (empty without a speaker)."""
        if quote.speaker_id is None:
            return self.none()
        same = Q(said_on=quote.said_on, occasion=quote.occasion) if quote.said_on else Q(pk__in=[])
        if quote.match_id is not None:
            same |= Q(match_id=quote.match_id)
        return self.filter(same, speaker_id=quote.speaker_id).exclude(pk=quote.pk)


class Quote(models.Model):
    class Occasion(models.TextChoices):
        PRE_MATCH = "pre_match_press_conference", "Pre-match press conference"
        POST_MATCH = "post_match_press_conference", "Post-match press conference"
        INTERVIEW = "interview", "Interview"
        BROADCAST = "broadcast", "Broadcast"
        STATEMENT = "statement", "Statement"
        SOCIAL_MEDIA = "social_media", "Social media"
        OTHER = "other", "Other"

    class Verification(models.TextChoices):
        UNVERIFIED = "unverified", "Unverified"
        VERIFIED_RECORDING = "verified_recording", "Verified against a recording"
        VERIFIED_TRANSCRIPT = "verified_transcript", "Verified against a transcript"
        DISPUTED = "disputed", "Disputed"
        MISATTRIBUTED = "misattributed", "Misattributed"
        # The quote desk's "reject": the extractor was wrong, these words are no quote. Never public.
        REJECTED = "rejected", "Rejected: not a quote"

    class Precision(models.TextChoices):
        DAY = "day", "Day"
        MONTH = "month", "Month"
        YEAR = "year", "Year"

    VERIFIED_STATES = (Verification.VERIFIED_RECORDING, Verification.VERIFIED_TRANSCRIPT)

    speaker = models.ForeignKey(Person, on_delete=models.PROTECT, null=True, blank=True, related_name="quotes")
    speaker_name = CleanCharField(
        "name as printed",
        max_length=120,
        blank=True,
        help_text="As the source printed it; the speaker's name if blank.",
    )
    speaker_role = CleanCharField(
        "role at the time", max_length=120, blank=True, help_text="e.g. Real Madrid head coach"
    )
    text = CleanTextField(help_text="Verbatim, in the language it was said in.")
    language = models.CharField(max_length=12, default="en", help_text="Language of the text: a code such as en, es.")
    translation = CleanTextField(blank=True, help_text="In English, when the text is in another language.")
    said_on = models.DateField(null=True, blank=True)
    said_on_precision = models.CharField(
        "date precision",
        max_length=5,
        choices=Precision.choices,
        default=Precision.DAY,
        help_text="How much of the date is known: for a month or a year, the date is its first day.",
    )
    occasion = models.CharField(max_length=30, choices=Occasion.choices, default=Occasion.OTHER)
    match = models.ForeignKey(Match, on_delete=models.SET_NULL, null=True, blank=True, related_name="quotes")
    club = models.ForeignKey(
        Club,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="quotes",
        help_text="Who the speaker spoke for; filled from their job on the day when blank.",
    )
    competition = models.ForeignKey(
        Competition,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="quotes",
        help_text="Filled from the match when blank.",
    )
    source_article = models.ForeignKey(Article, on_delete=models.CASCADE, null=True, blank=True, related_name="quotes")
    # The source story's publication time while it is published (scheduled: in the future), else NULL. Copied by
    # the publishing actions so that "public" is a test on this row alone.
    source_published_at = models.DateTimeField(null=True, blank=True, editable=False)
    source_url = models.URLField(blank=True)
    paragraph = models.PositiveIntegerField(null=True, blank=True, help_text="Where it starts in the source.")
    verification = models.CharField(max_length=20, choices=Verification.choices, default=Verification.UNVERIFIED)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    verified_at = models.DateTimeField(null=True, blank=True, editable=False)
    context = CleanTextField(blank=True)
    tags = models.ManyToManyField(Tag, blank=True, related_name="quotes")
    created_at = models.DateTimeField(auto_now_add=True)
    document = models.GeneratedField(expression=QuoteDocument(), output_field=SearchVectorField(), db_persist=True)

    objects = QuoteQuerySet.as_manager()

    class Meta:
        # The source's id, not the source: ordering by a relation would join the article table to every read.
        ordering = ["-said_on", "source_article_id", "paragraph", "pk"]
        indexes = [models.Index(fields=["source_published_at"], name="quote_source_published")]
        # And on PostgreSQL (migration 0013): a GIN index on `document`, and the archive's order, newest first with
        # undated quotes last, alone and after the speaker or the club. SQLite has no GIN and no NULLS LAST index.

    def __str__(self) -> str:
        return f"{self.speaker_label}: {self.text[:60]}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Fills what is derived: the name as printed, the competition, the club, the source's publication."""
        self.fill_derived()
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("quote", kwargs={"pk": self.pk})

    def fill_derived(self) -> None:
        if not self.speaker_name and self.speaker is not None:
            self.speaker_name = self.speaker.name
        if self.competition_id is None and self.match is not None:
            self.competition_id = self.match.season.competition_id
        if self.club_id is None and self.speaker_id is not None and self.said_on is not None:
            tenures = Tenure.objects.filter(person_id=self.speaker_id).on(self.said_on).order_by("-start_date")
            self.club_id = tenures.values_list("club_id", flat=True).first()
        article = self.source_article
        self.source_published_at = article.published_at if article and article.status == "published" else None

    @property
    def speaker_label(self) -> str:
        return self.speaker.name if self.speaker is not None else self.speaker_name

    @property
    def is_verified(self) -> bool:
        return self.verification in self.VERIFIED_STATES


class ArticleEvent(models.Model):
    """One step of an article's workflow: who moved it from which status to which, when, and why."""

    class Action(models.TextChoices):
        SUBMITTED = "submitted", "Submitted for review"
        CHANGES_REQUESTED = "changes_requested", "Asked for changes"
        PUBLISHED = "published", "Published"
        SCHEDULED = "scheduled", "Scheduled"
        UPDATED = "updated", "Published an update"
        UNPUBLISHED = "unpublished", "Unpublished"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=30, choices=Action.choices)
    from_status = models.CharField(max_length=20, choices=Article.Status.choices)
    to_status = models.CharField(max_length=20, choices=Article.Status.choices)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    # When a scheduled story goes live.
    go_live_at = models.DateTimeField(null=True, blank=True)
    note = CleanTextField(blank=True)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_action_display()}: {self.article}"


PREVIEW_SALT = "newsroom.preview-link"


class PreviewLinkQuerySet(models.QuerySet["PreviewLink"]):
    def for_token(self, token: str) -> Self:
        """The link a signed token names; none for a token tampered with, malformed or signed for anything else."""
        try:
            pk = signing.loads(token, salt=PREVIEW_SALT)
        except signing.BadSignature:
            return self.none()
        return self.filter(pk=pk) if type(pk) is int else self.none()

    def for_page(self) -> Self:
        """With who shared it, for the banner a preview shows."""
        return self.select_related("created_by")

    def newest_first(self) -> Self:
        return self.order_by("-created_at", "-pk")


class PreviewLink(models.Model):
    """A signed, expiring address at which someone without a login may read an unpublished article.

    The address carries the link's id signed with the site's secret (`newsroom.pages.previews`); this row says
    whether it still works: until `expires_at`, unless an editor revoked it.
    """

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="preview_links")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = PreviewLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Preview link #{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("preview_link", kwargs={"token": self.token})

    @property
    def token(self) -> str:
        """The link's id signed with the site's secret: changing a character of it makes it worthless."""
        return signing.dumps(self.pk, salt=PREVIEW_SALT)

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()


class ArticleSlug(models.Model):
    """An address a published story had before an editor renamed it: it answers with a redirect to the story.

    Derived data, written by `Article.save()`. A slug is remembered once, for the story that last held it in
    public; an article that takes the slug itself is served at it, ahead of the redirect.
    """

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="former_slugs")
    slug = models.SlugField(max_length=200, unique=True)
    retired_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-retired_at", "-pk"]

    def __str__(self) -> str:
        return self.slug


class Correction(models.Model):
    """A dated correction appended to a published story, shown under it for good (`append_correction` writes it).

    Never edited or deleted from the admin: a correction to a correction is another correction.
    """

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="corrections")
    text = CleanTextField(help_text="What was wrong and what is right. Markdown; shown under the story.")
    published_at = models.DateTimeField(default=timezone.now)
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["published_at", "pk"]

    def __str__(self) -> str:
        return f"Correction of {timezone.localdate(self.published_at):%d %b %Y}"


class ArticleImage(models.Model):
    """A picture for an article's body, embedded as `{{ image N }}`; uploaded through the admin, never without
    a description for readers who cannot see it."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="images")
    image = models.ImageField(upload_to="articles/body/%Y/%m/")
    alt = CleanCharField(
        "alt text", max_length=240, help_text="What the picture shows, for readers who cannot see it (required)."
    )
    caption = CleanCharField(max_length=240, blank=True)
    credit = CleanCharField(max_length=120, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["article", "pk"]

    def __str__(self) -> str:
        return f"Image {self.pk}: {self.alt}"
