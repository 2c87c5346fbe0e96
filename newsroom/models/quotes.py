"""The quote archive's model: who said what, where, when and how it was checked; its stored search document;
and its reads (public, search, the archive's order and keyset)."""

from __future__ import annotations

import datetime
import operator
from collections.abc import Sequence
from functools import reduce
from typing import Any, Self

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector, SearchVectorField
from django.db import connection, models
from django.db.models import ExpressionWrapper, F, Lookup, Q, Value
from django.urls import reverse
from django.utils import timezone

from matches.models import Club, Competition, Match
from newsroom.models.articles import Article, Tag
from newsroom.models.cleaning import CleanCharField, CleanTextField
from newsroom.search_terms import search_terms
from people.models import Person, Tenure

QUOTE_SEARCH_CONFIG = "english"


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


class AnyOf(Lookup):
    """PostgreSQL's `lhs = ANY(ARRAY(subquery))`: the subquery runs once, first, and its few values are then
    looked up through the index on `lhs`. `lhs IN (subquery)` lets the planner join the subquery in instead,
    which it may do by reading the whole table when the query has joins of its own."""

    lookup_name = "any_of"
    prepare_rhs = False

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, tuple[str | int, ...]]:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} = ANY(ARRAY{rhs})", (*lhs_params, *rhs_params)


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
        # The stored search document is for searching, not reading: a row's tsvector is as long as its text.
        return (
            self.select_related("speaker", "club", "competition", "source_article")
            .prefetch_related("tags")
            .defer("document")
        )

    def citable(self) -> Self:
        """Public quotes with what their citation names. The stored search documents (the quote's and its source
        story's) are for searching, not reading: each is as long as its text."""
        return self.public().with_related().defer("document", "source_article__document")

    def latest_of_each(self, speakers: Sequence[int], count: int) -> Self:
        """This queryset's newest `count` quotes said by each of `speakers`, in one query whose read for each speaker
        is bounded: on PostgreSQL it walks that speaker's archive-order index and stops after `count` (a union of
        one such read per speaker), however many quotes each has. Unordered: order the result."""
        picks = [self.filter(speaker=speaker).newest_first().values("pk")[:count] for speaker in speakers]
        if not picks:
            return self.none()
        if connection.vendor == "postgresql":
            ids = picks[0] if len(picks) == 1 else picks[0].union(*picks[1:], all=True).order_by()
            return self.filter(AnyOf(F("pk"), ids))
        # SQLite cannot limit the parts of a union: one bounded subquery per speaker instead.
        return self.filter(reduce(operator.or_, (Q(pk__in=pick) for pick in picks)))

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
