"""What bench.site asks for, found in whatever database it runs on (the demo, or data grown to any size):
the lead article, its match, season and clubs, a person with quotes and one of their quotes."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.urls import reverse

HTMX = {"HX-Request": "true"}


@dataclass(frozen=True)
class Target:
    """One address to load. `conditional`: asked with the ETag of its own 200, so each answer is a 304."""

    name: str
    path: str
    headers: dict[str, str] = field(default_factory=dict)
    conditional: bool = False

    def note_on(self, status: int) -> str:
        """What to say of an answer: "" as expected; a note for a poll not answered 304 (with nothing cached the
        versions its ETag names are new on every request, so it gets a 200: a figure worth showing).
        Exits for any other answer: a page that fails would make every figure meaningless."""
        if status == (304 if self.conditional else 200):
            return ""
        if self.conditional and status == 200:
            return "answered 200, not 304"
        raise SystemExit(f"{self.name} ({self.path}) answered {status}")


@dataclass(frozen=True)
class SitePages:
    """The public addresses of one database's newsroom, each named as the bench's table names it."""

    pages: dict[str, str]
    api: dict[str, str]
    match_id: int

    def page_targets(self) -> list[Target]:
        return [Target(name, path) for name, path in self.pages.items()]

    def api_targets(self) -> list[Target]:
        return [Target(name, path) for name, path in self.api.items()]

    def live_targets(self) -> list[Target]:
        """The live fragments as an open page polls them: a 200, and the unchanged poll's 304."""
        table = reverse("match_table", kwargs={"pk": self.match_id})
        score = reverse("match_score", kwargs={"pk": self.match_id})
        return [
            Target("live table fragment, 200", table, HTMX),
            Target("live table fragment, 304", table, HTMX, conditional=True),
            Target("live score fragment, 200", score, HTMX),
            Target("live score fragment, 304", score, HTMX, conditional=True),
        ]


def discover() -> SitePages:
    """The site's pages from its own data, not from ids of the demo. Exits naming what the database lacks.

    The lead article is the published one marked lead (else the newest published article about a match); the
    match, season and clubs are its own; the person is the speaker of a public quote, of the lead article's
    when it has one, and the quote page is that quote's."""
    from newsroom.models import Article, Quote

    published = (
        Article.objects.published()
        .filter(match__isnull=False)
        .select_related("match__season__competition", "match__home", "match__away")
        .order_by("-published_at")
    )
    lead = published.filter(is_lead=True).first() or published.first()
    if lead is None or lead.match is None:
        raise SystemExit("bench.site needs a published article about a match (load the demo: manage.py load_demo)")
    quotes = Quote.objects.public().filter(speaker__isnull=False).select_related("speaker").order_by("pk")
    quote = quotes.filter(source_article=lead).first() or quotes.first()
    if quote is None or quote.speaker is None:
        raise SystemExit("bench.site needs a public quote with a speaker (load the demo: manage.py load_demo)")
    match = lead.match
    season = match.season
    words = f"{match.home.display_name} {match.away.display_name}"
    pages = {
        "lead article": lead.get_absolute_url(),
        "home": reverse("home"),
        "match page": match.get_absolute_url(),
        "season page": season.get_absolute_url(),
        "club page": match.home.get_absolute_url(),
        "person page": quote.speaker.get_absolute_url(),
        "quote page": quote.get_absolute_url(),
        "quote list": reverse("quotes"),
        "search": f"{reverse('search')}?{urlencode({'q': words})}",
    }
    standings = f"/api/v1/competitions/{season.competition.code}/seasons/{season.label}/standings"
    return SitePages(pages=pages, api={"standings API": standings}, match_id=match.pk)


def data_size() -> str:
    """How much the database holds, for the conditions of a run: pages slow down as the data grows, and the
    same harness measures the demo and grown databases alike."""
    from matches.models import Season
    from newsroom.models import Article, Quote

    articles, quotes, seasons = Article.objects.published().count(), Quote.objects.count(), Season.objects.count()
    return f"{articles:,} published articles, {quotes:,} quotes, {seasons} seasons"
