"""Sections, tags, authors and articles, with their workflow's events, preview links, old slugs, corrections and
pictures."""

from __future__ import annotations

from typing import Any, Self

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchVector, SearchVectorField
from django.core import signing
from django.db import connection, models, transaction
from django.db.models import Case, Exists, OuterRef, Q, Value, When
from django.urls import reverse
from django.utils import timezone

from matches.models import Club, Competition, Match
from matches.naming import NamedWithSlug
from newsroom.models.cleaning import CleanCharField, CleanTextField
from newsroom.search_terms import search_terms
from people.models import Person

ARTICLE_SEARCH_CONFIG = "english"


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


class ArticleDocument(models.Func):
    """An article's weighted search document on PostgreSQL (headline A, standfirst B, body C); NULL elsewhere
    (SQLite has no tsvector)."""

    template = "%(expressions)s"
    output_field = SearchVectorField()

    def __init__(self) -> None:
        # Spelled out with an explicit regconfig so PostgreSQL accepts the expression as immutable.
        super().__init__(
            SearchVector("headline", weight="A", config=ARTICLE_SEARCH_CONFIG)
            + SearchVector("standfirst", weight="B", config=ARTICLE_SEARCH_CONFIG)
            + SearchVector("body", weight="C", config=ARTICLE_SEARCH_CONFIG)
        )

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, tuple[str | int, ...]]:
        return "NULL", ()


def article_search_query(text: str) -> SearchQuery:
    """`text` in web-search syntax ("a phrase", -word, or), which never raises on a stray operator."""
    return SearchQuery(text, config=ARTICLE_SEARCH_CONFIG, search_type="websearch")


def _article_contains(phrase: str) -> Q:
    return Q(headline__icontains=phrase) | Q(standfirst__icontains=phrase) | Q(body__icontains=phrase)


def names_a_club(clubs: Q) -> Exists:
    """Whether the story names one of `clubs` (a condition on Article.clubs.through), tested row by row.

    `article_id >= OuterRef("pk")` repeats the equality beside it on purpose: with only the equality,
    PostgreSQL may answer the test from a hash of every story naming the clubs, built before the first row is
    read (tens of thousands for a big club), where a list of the newest few needs a handful of index probes.
    A condition that is not a plain equality keeps the test a lookup per row."""
    through = Article.clubs.through
    return Exists(through.objects.filter(clubs, article_id=OuterRef("pk"), article_id__gte=OuterRef("pk")))


class ArticleQuerySet(models.QuerySet["Article"]):
    def published(self) -> Self:
        """What the public may see: published, and not scheduled for later."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__lte=timezone.now())

    def scheduled(self) -> Self:
        """Published for a time still to come."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__gt=timezone.now())

    def for_listing(self) -> Self:
        # The stored search document is for searching, not reading: a row's tsvector is as long as its text.
        return (
            self.select_related("section", "competition", "match__season__competition", "match__home", "match__away")
            .prefetch_related("authors")
            .defer("document")
        )

    def search(self, text: str) -> Self:
        """Articles whose headline, standfirst or body match `text`, unordered and unranked.

        PostgreSQL reads web-search syntax ("a phrase", -word, or) against the stored `document` through its
        GIN index. SQLite: every word and quoted phrase must appear (any case, as a substring) and no -word may.
        Either way punctuation alone matches nothing. Precondition: `text` holds no NUL (PostgreSQL refuses one).
        """
        if connection.vendor == "postgresql":
            return self.filter(document=article_search_query(text))
        terms = search_terms(text)
        if not terms.required and not terms.excluded:
            return self.none()
        found = Q()
        for phrase in terms.required:
            found &= _article_contains(phrase)
        for phrase in terms.excluded:
            found &= ~_article_contains(phrase)
        return self.filter(found)

    def headline_hits_first(self, text: str) -> Self:
        """SQLite's stand-in for a rank: stories with more of `text`'s words and phrases in the headline first,
        then the newest."""
        required = search_terms(text).required
        in_headline = [Case(When(headline__icontains=p, then=Value(1)), default=Value(0)) for p in required]
        hits = sum(in_headline[1:], in_headline[0]) if in_headline else Value(0)
        return self.alias(headline_hits=hits).order_by("-headline_hits", "-published_at", "-pk")

    def newest_first(self) -> Self:
        return self.order_by("-published_at", "-pk")

    def about_club(self, club: Club) -> Self:
        """Stories naming `club` or about one of its matches; each tested on its own row, so that the newest few
        are found by walking the newest-first index (no DISTINCT over every story about a big club)."""
        return self.filter(Q(names_a_club(Q(club_id=club.pk))) | Q(match__home=club) | Q(match__away=club))

    def listed(self) -> Self:
        """Published articles, newest first, with what a teaser shows (section, match, authors)."""
        return self.published().for_listing().newest_first()

    def lead_first(self) -> Self:
        """The front page's order: the newest story marked lead, then the newest stories."""
        return self.order_by("-is_lead", "-published_at", "-pk")

    def for_page(self) -> Self:
        """With what an article's page and its head metadata show: section, match card, bylines, tags, the clubs
        its related stories are found by (and its cached page depends on), and whether it has corrections, which
        few stories have: `shown_corrections()` reads them only then."""
        match_card = "match__season__competition", "match__home", "match__away", "match__venue"
        related = self.select_related("section", *match_card).prefetch_related("authors", "tags", "clubs")
        corrected = Exists(Correction.objects.filter(article=OuterRef("pk")))
        return related.annotate(has_corrections=corrected).defer("document")

    def formerly_at(self, slug: str) -> Self:
        """Articles whose address was once `slug` (combine with `published()`: only a public story redirects)."""
        return self.filter(former_slugs__slug=slug)

    def related_to(self, article: Article) -> Self:
        """Other published stories about the same match or clubs, newest first (one query, plus authors).

        A story qualifies by a test on its own row (its match, and whether it names one of the clubs), so the
        newest few are found by walking the publication index and stop there, rather than by gathering every
        story about a big club first."""
        through = Article.clubs.through
        clubs = Q(club_id__in=through.objects.filter(article_id=article.pk).values("club_id"))
        if article.match is not None:
            clubs |= Q(club_id__in=[article.match.home_id, article.match.away_id])
        about = Q(names_a_club(clubs))
        if article.match is not None:
            about |= Q(match_id=article.match_id)
        return self.listed().filter(about).exclude(pk=article.pk)


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
    # Kept by the database from the three fields above; GIN-indexed on PostgreSQL (migration 0017).
    document = models.GeneratedField(expression=ArticleDocument(), output_field=SearchVectorField(), db_persist=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        permissions = [("publish_article", "Can publish, schedule and unpublish articles")]
        # The orders stories are listed in, so that the newest few are read from an index rather than found by
        # sorting every story: newest first (lists, related stories), the lead story first (the front page).
        indexes = [
            models.Index(fields=["-published_at", "-id"], name="article_newest_first"),
            models.Index(fields=["-is_lead", "-published_at", "-id"], name="article_lead_first"),
        ]
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

    def shown_corrections(self) -> list[Correction]:
        """Its corrections, oldest first, read once; none read when the article's own read (`for_page()`) says
        it has none."""
        if getattr(self, "has_corrections", True) is False:
            return []
        if "corrections" not in getattr(self, "_prefetched_objects_cache", {}):
            models.prefetch_related_objects([self], "corrections")
        return list(self.corrections.all())

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
