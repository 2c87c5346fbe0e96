"""Growth benchmark: the pages readers hit most, uncached, as the data grows.

The demo newsroom first; then BENCH_ARTICLES published articles (default 100,000, bench.search's generator, each
linked to the club its headline opens with) and BENCH_QUOTES quotes (default 1,000,000, bench.archive's), with
BENCH_SEASONS seasons per competition in turn (default 1,5,20: the importer's real seasons re-dated into earlier
years, with their clubs, ties and zones, so every competition's rules stay valid). At each size the Clasico
preview, the home page, La Liga's season page, its standings API and the preview's home club's page are timed
in-process (Django's test client, the cache a DummyCache so every request takes the uncached path) beside a bare
view, with their query counts: median and p95 of BENCH_ROUNDS requests each (default 40). Growing is idempotent;
the seasons shrink back when a smaller size follows a larger one, and to the real ones alone at the end. The demo
row is measured only while the database holds nothing generated; BENCH_REGENERATE=1 deletes what earlier runs
generated first. BENCH_EXPLAIN=1 prints EXPLAIN ANALYZE of each page's queries at the largest size.

DATABASE_URL=postgres://postgres@127.0.0.1:5432/pressbox_growth python -m bench.growth
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bench.common import (
    DUMMY_CACHE,
    UNLIMITED,
    Measurement,
    Report,
    count_queries,
    ensure_database,
    explain,
    machine,
    quantile,
    setup_django,
    timed,
)

if TYPE_CHECKING:
    from matches.models import Season

STANDINGS = "/api/v1/competitions/es.1/seasons/2024-25/standings"
# The importer's seasons from openfootball start with 2023-24; any season before it was generated here.
FIRST_REAL_YEAR = 2023


@dataclass(frozen=True)
class Timing:
    page: str
    median: float
    p95: float
    queries: int


def main() -> None:
    setup_django()
    ensure_database()
    sizes, timings = grow_and_time()
    print_tables(sizes, timings)


def run() -> Report:
    """Precondition: Django set up on the benchmark database, demo loaded (`setup_django`, `ensure_database`)."""
    sizes, timings = grow_and_time()
    measurements = []
    for size, rows in zip(sizes, timings, strict=True):
        bare = rows[0].median
        for row in rows:
            note = f"p95 {row.p95 * 1000:.1f} ms; {row.queries} queries; {bare / row.median:.3f} of bare"
            measurements.append(Measurement(f"{size}: {row.page}", f"{row.median * 1000:.2f} ms", note))
    rounds = os.environ.get("BENCH_ROUNDS", "40")
    conditions = f"{machine()}, PostgreSQL, uncached (DummyCache), median and p95 of {rounds}"
    return Report("growth", conditions, measurements)


def grow_and_time() -> tuple[list[str], list[list[Timing]]]:
    from newsroom.models import Article, Quote

    rounds = int(os.environ.get("BENCH_ROUNDS", "40"))
    seasons = [int(n) for n in os.environ.get("BENCH_SEASONS", "1,5,20").split(",")]
    articles = int(os.environ.get("BENCH_ARTICLES", "100000"))
    quotes = int(os.environ.get("BENCH_QUOTES", "1000000"))
    if os.environ.get("BENCH_REGENERATE"):
        forget_generated()
    sizes, timings = [], []
    if not generated_anything():
        sizes.append("demo")
        timings.append(time_pages(rounds))
    grow_articles(articles)
    grow_quotes(quotes)
    for n in seasons:
        grow_seasons(n)
        counts = f"{Article.objects.count():,} articles, {Quote.objects.count():,} quotes"
        sizes.append(f"{n} season{'s' if n > 1 else ''} a competition, {counts}")
        timings.append(time_pages(rounds, explain_queries=n == max(seasons)))
    # The benchmarks that follow in `make bench` (bench.site's season page among them) measure the real
    # seasons; the articles and quotes stay, as bench.search and bench.archive leave theirs.
    grow_seasons(0)
    return sizes, timings


def print_tables(sizes: list[str], timings: list[list[Timing]]) -> None:
    for size, rows in zip(sizes, timings, strict=True):
        bare = rows[0].median
        print(f"\n### {size}\n")
        print("| page | median | p95 | queries | ratio to bare |")
        print("|---|---:|---:|---:|---:|")
        for row in rows:
            ratio = f"{bare / row.median:.3f}"
            print(f"| {row.page} | {row.median * 1000:.2f} ms | {row.p95 * 1000:.2f} ms | {row.queries} | {ratio} |")


# ---- Timing --------------------------------------------------------------------------------------------------


def pages() -> dict[str, str]:
    from matches.models import Season
    from newsroom.models import Article

    season = Season.objects.for_url("es.1", "2024-25").get()
    lead = Article.objects.select_related("match__home").get(is_lead=True)
    assert lead.match is not None, "the demo's lead story is the Clasico preview"
    return {
        "Clasico preview": lead.get_absolute_url(),
        "home": "/",
        "season page (La Liga 2024-25)": season.get_absolute_url(),
        "standings API": STANDINGS,
        # Its place in each league season it has played: the latest five, the rest on its seasons page.
        "club page (the preview's home side)": lead.match.home.get_absolute_url(),
    }


def time_pages(rounds: int, *, explain_queries: bool = False) -> list[Timing]:
    """The bare view, then each page, uncached: every request reads what it shows from the database."""
    from django.test import Client
    from django.test.utils import override_settings

    client = Client()
    out = []
    with override_settings(ROOT_URLCONF="bench.urls", CACHES=DUMMY_CACHE, RATE_LIMITS=UNLIMITED):
        out.append(timing("bare Django view", lambda: client.get("/bench/bare/"), rounds * 5))
        for page, url in pages().items():

            def request(url: str = url) -> object:
                response = client.get(url)
                assert response.status_code == 200, (url, response.status_code)
                return response

            out.append(timing(page, request, rounds))
            if explain_queries and os.environ.get("BENCH_EXPLAIN"):
                print(f"\n## {page}: {url}")
                explain(request)
    return out


def timing(page: str, call: Callable[[], object], rounds: int) -> Timing:
    samples = timed(call, rounds)
    return Timing(page, statistics.median(samples), quantile(samples, 0.95), count_queries(call))


# ---- Growing -------------------------------------------------------------------------------------------------


def generated_anything() -> bool:
    from bench.archive import BENCH_SOURCE
    from bench.search import SLUG_PREFIX
    from matches.models import Season
    from newsroom.models import Article, Quote

    return (
        Article.objects.filter(slug__startswith=SLUG_PREFIX).exists()
        or Quote.objects.filter(source_url=BENCH_SOURCE).exists()
        or Season.objects.filter(label__lt=str(FIRST_REAL_YEAR)).exists()
    )


def forget_generated() -> None:
    """Back to the demo: bench.archive's and bench.search's own BENCH_REGENERATE deletes, and the seasons."""
    import bench.archive
    import bench.search

    bench.archive.grow_archive(0)  # with BENCH_REGENERATE set: deletes its quotes, adds none
    bench.search.grow_articles(0)
    grow_seasons(0)
    del os.environ["BENCH_REGENERATE"]  # the growth that follows must not delete again


def grow_articles(wanted: int) -> None:
    """bench.search's articles, each linked to the club its headline opens with, as an editor would tag it
    (so a story about Barcelona has thousands of related ones)."""
    from django.db import connection

    import bench.search

    bench.search.grow_articles(wanted)
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO newsroom_article_clubs (article_id, club_id)
            SELECT article.id, club.id FROM newsroom_article article JOIN matches_club club
              ON article.headline LIKE club.name || ' %%'
              OR (club.short_name <> '' AND article.headline LIKE club.short_name || ' %%')
            WHERE article.slug LIKE %s
              AND NOT EXISTS (SELECT 1 FROM newsroom_article_clubs linked WHERE linked.article_id = article.id)
            ON CONFLICT DO NOTHING
            """,
            [bench.search.SLUG_PREFIX + "%"],
        )
        if cursor.rowcount:
            cursor.execute("ANALYZE newsroom_article_clubs")
            print(f"bench.growth: linked {cursor.rowcount} articles to clubs in {time.perf_counter() - started:.0f} s")


def grow_quotes(wanted: int) -> None:
    import bench.archive

    bench.archive.grow_archive(wanted)


def grow_seasons(per_competition: int) -> None:
    """Each competition with `per_competition` seasons (at least its real ones): earlier seasons are copies of
    its earliest real one, re-dated a year earlier each (from 2022-23 down), its clubs, ties, matches and zones
    with it. Seasons
    generated earlier than that are deleted, so a smaller size after a larger one shrinks back."""
    from matches.models import Competition, Season

    for competition in Competition.objects.all():
        real = list(competition.seasons.filter(label__gte=str(FIRST_REAL_YEAR)).order_by("label"))
        if not real:
            continue
        first_year = int(real[0].label[:4])
        # Generated labels stay before FIRST_REAL_YEAR, which is how they are told from the real ones (a
        # competition whose data starts in 2024-25 has no 2023-24: its copies start at 2022-23).
        top = min(first_year, FIRST_REAL_YEAR)
        years = range(top - max(0, per_competition - len(real)), top)
        wanted = {season_label(year) for year in years}
        generated = Season.objects.filter(competition=competition, label__lt=str(FIRST_REAL_YEAR))
        stale = [season.pk for season in generated if season.label not in wanted]
        if stale:
            delete_seasons(stale)
        have = set(generated.values_list("label", flat=True))
        for year in years:
            if season_label(year) not in have:
                copy_season(real[0], first_year - year)


def season_label(year: int) -> str:
    return f"{year}-{(year + 1) % 100:02}"


def earlier(moment: dt.date, years: int) -> dt.date:
    """`moment` (a date or a datetime) `years` earlier; 29 February becomes the 28th."""
    try:
        return moment.replace(year=moment.year - years)
    except ValueError:
        return moment.replace(year=moment.year - years, day=28)


def delete_seasons(pks: list[int]) -> None:
    from matches.models import Match, PointDeduction, Season, Tie

    Match.objects.filter(season__in=pks)._raw_delete(Match.objects.db)
    Tie.objects.filter(season__in=pks).delete()
    PointDeduction.objects.filter(season__in=pks).delete()
    Season.objects.filter(pk__in=pks).delete()


def copy_season(source: Season, years: int) -> None:
    """A copy of `source` (a real season) `years` earlier, as one transaction."""
    from django.db import transaction

    from matches.models import Match, Season, Tie
    from matches.standings.race import zones_for

    start_year = int(source.label[:4]) - years
    usual = zones_for(source.competition.code, source.label)
    zones = source.zones or {zone.name: [zone.first, zone.last] for zone in usual}
    with transaction.atomic():
        season = Season.objects.create(
            competition=source.competition,
            label=season_label(start_year),
            start_date=source.start_date and earlier(source.start_date, years),
            end_date=source.end_date and earlier(source.end_date, years),
            zones=zones,
        )
        season.clubs.set(source.clubs.all())
        ties = {}
        for tie in Tie.objects.filter(season=source):
            old = tie.pk
            tie.pk, tie.season = None, season
            tie.save(force_insert=True)
            ties[old] = tie.pk
        copies = []
        for match in Match.objects.filter(season=source).order_by("pk"):
            match.pk, match.season_id = None, season.pk
            match.tie_id = ties.get(match.tie_id) if match.tie_id else None
            match.kickoff = earlier(match.kickoff, years)
            match.kickoff_date = earlier(match.kickoff_date, years)
            copies.append(match)
        Match.objects.bulk_create(copies, batch_size=2000)


if __name__ == "__main__":
    main()
