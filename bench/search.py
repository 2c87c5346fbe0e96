"""Site search benchmark: the newsroom grown to BENCH_ARTICLES published articles (default 100,000), bulk-loaded
with COPY, then the search page's read (capped count, a page of ten ranked among a bounded set of candidates,
their headlines and excerpts) timed for three searches: two club names, a phrase that thousands of stories
hold, and a rare word. p50 and p95 of BENCH_ROUNDS calls each (default 40), then whole /search/ requests
beside a bare view in the same run. BENCH_EXPLAIN=1 prints EXPLAIN ANALYZE of each query the read runs;
BENCH_REGENERATE=1 deletes the generated articles first.

DATABASE_URL=postgres://postgres@127.0.0.1:5432/pressbox_search_bench python -m bench.search
"""

from __future__ import annotations

import datetime
import os
import random
import statistics
import time
from collections.abc import Callable, Iterator

from bench.common import (
    Measurement,
    Report,
    count_queries,
    ensure_database,
    explain,
    machine,
    print_reports,
    quantile,
    queries,
    timed,
    whole_requests,
)

SEED = 20250509
SLUG_PREFIX = "bench-story-"
FIRST_DAY = datetime.datetime(2012, 7, 1, 9, tzinfo=datetime.UTC)
DAYS = 13 * 365
# A few clubs are in most of the news, as the big ones are: the first of these is in about 1 story in 5.
BIG_CLUBS = ("Barcelona", "Real Madrid", "Atlético Madrid", "Bayern Munich", "Manchester City", "Liverpool")
VERBS = (
    "beat", "drew with", "lost to", "held", "edged past", "thrashed", "were beaten by", "came from behind against",
)  # fmt: skip
OPENINGS = (
    "{club} {verb} {other} on {day} night, and the title race took another turn.",
    "{coach} said his {club} side had shown character after the match against {other}.",
    "The {other} defence could not cope with the pressing of {club} in the first half.",
    "{club} are four points clear at the top of the table with four matches left.",
    "Injury worries for {club}: the squad trained without three first-team players before {other}.",
    "A late penalty decided the derby; {club} fans in the stadium had seen the referee give nothing all night.",
)
SENTENCES = (
    "The coach rotated the squad, resting the captain and two defenders ahead of the cup final.",
    "It was a match of few chances until the hour, when the midfield began to find space between the lines.",
    "The goalkeeper made three fine saves, the best of them from a free kick that was curling in.",
    "The supporters stayed long after the final whistle to applaud the players.",
    "Transfer talk has followed the winger all season, and his contract runs out in the summer.",
    "The press conference was short: the manager answered four questions and left.",
    "Relegation is still possible, but three points here eased the pressure on the dressing room.",
    "Their possession was patient rather than penetrating, and the counter-attack nearly punished them.",
    "The young striker scored his first league goal with a header from a corner.",
    "Europe remains the target, with the Champions League places within reach.",
    "The board backed the coach in a statement, though the results of the last month worried them.",
    "Tactically it was a contest of formations: a back three against a flat four.",
)
RARE = "zanzibarian"  # a word in about 1 story in 2,000
COACHES = ("Hansi Flick", "Carlo Ancelotti", "Xabi Alonso", "Diego Simeone", "Pep Guardiola", "Arne Slot")
DAYS_OF_WEEK = ("Saturday", "Sunday", "Tuesday", "Wednesday")
KINDS = ("preview", "report", "news", "interview", "feature")


def main() -> None:
    from bench.common import setup_django

    setup_django()
    ensure_database()
    print_reports([run()])


def run() -> Report:
    """Precondition: Django set up on the benchmark database, demo loaded (`setup_django`, `ensure_database`)."""
    from newsroom.models import Article

    wanted = int(os.environ.get("BENCH_ARTICLES", "100000"))
    rounds = int(os.environ.get("BENCH_ROUNDS", "40"))
    grow_articles(wanted)
    shapes = {
        "two words (q=Barcelona Madrid)": "Barcelona Madrid",
        'phrase (q="title race")': '"title race"',
        f"rare word (q={RARE})": RARE,
    }
    measurements = []
    for what, q in shapes.items():
        call = page_read(q)
        samples = timed(call, rounds)
        p50, p95 = statistics.median(samples), quantile(samples, 0.95)
        note = f"p95 {p95 * 1000:.1f} ms; {queries(count_queries(call))}; {matches(q):,} matches"
        measurements.append(Measurement(what, f"{p50 * 1000:.1f} ms", note))
        if os.environ.get("BENCH_EXPLAIN"):
            explain(call)
    measurements.append(two_readers('"title race"', rounds))
    measurements += whole_requests("/search/", {what: {"q": q} for what, q in shapes.items()}, rounds)
    total = Article.objects.published().count()
    conditions = f"{machine()}, PostgreSQL, {total} published articles, median and p95 of {rounds}"
    return Report("search", conditions, measurements)


def page_read(q: str) -> Callable[[], object]:
    """The search page's read for `q`, first page, with the HTML of each result's headline and excerpt."""
    from newsroom.pages.search import search_page
    from newsroom.search import clean_query

    query = clean_query(q)

    def call() -> object:
        found = search_page(query, None)
        return [(hit.headline_html, hit.excerpt_html) for hit in found.page_obj.object_list]

    return call


def two_readers(q: str, rounds: int) -> Measurement:
    """Two readers searching the same common phrase at once, each on its own connection, `rounds` times each:
    the case that used to take the site down."""
    import threading

    from django.db import connection

    samples: list[float] = []

    def reader() -> None:
        try:
            samples.extend(timed(page_read(q), rounds))
        finally:
            connection.close()

    threads = [threading.Thread(target=reader) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    p50, p95 = statistics.median(samples), quantile(samples, 0.95)
    return Measurement(f"two readers at once, q={q}", f"{p50 * 1000:.1f} ms", f"p95 {p95 * 1000:.1f} ms")


def matches(q: str) -> int:
    from newsroom.search import clean_query, matching

    return matching(clean_query(q)).count()


# ---- Bulk generation -------------------------------------------------------------------------------------


def grow_articles(wanted: int) -> None:
    """Add generated published articles until the newsroom holds `wanted` articles."""
    from django.db import connection

    from matches.models import Club
    from newsroom.models import Article

    if os.environ.get("BENCH_REGENERATE"):
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM newsroom_article WHERE slug LIKE %s", [SLUG_PREFIX + "%"])
            cursor.execute("VACUUM ANALYZE newsroom_article")
    have = Article.objects.count()
    missing = wanted - have
    if missing <= 0:
        return
    clubs = [*BIG_CLUBS, *Club.objects.values_list("name", flat=True)]
    rng = random.Random(SEED + missing)
    started = time.perf_counter()
    columns = (
        "kind, headline, slug, standfirst, body, status, published_at, updated_at, hero_image, hero_caption, "
        "hero_credit, hero_alt, is_lead"
    )
    start = Article.objects.filter(slug__startswith=SLUG_PREFIX).count()
    with connection.cursor() as cursor, cursor.copy(f"COPY newsroom_article ({columns}) FROM STDIN") as copy:
        for row in generated(missing, start, rng, clubs):
            copy.write_row(row)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE newsroom_article")
    print(f"bench.search: added {missing} articles in {time.perf_counter() - started:.0f} s")


def generated(n: int, start: int, rng: random.Random, clubs: list[str]) -> Iterator[tuple[object, ...]]:
    # Club i is picked with weight 1/(i+1): Barcelona in about a fifth of stories, Real Madrid in a tenth.
    weights = [1 / (rank + 1) for rank in range(len(clubs))]
    now = datetime.datetime.now(datetime.UTC)
    for number in range(start, start + n):
        club, other = rng.choices(clubs, weights=weights, k=2)
        fill = {
            "club": club,
            "other": other if other != club else clubs[-1],
            "verb": rng.choice(VERBS),
            "coach": rng.choice(COACHES),
            "day": rng.choice(DAYS_OF_WEEK),
        }
        headline = f"{club} {fill['verb']} {fill['other']}"
        standfirst = rng.choice(OPENINGS).format(**fill)
        paragraphs = [
            " ".join([rng.choice(OPENINGS).format(**fill), *rng.choices(SENTENCES, k=rng.randint(2, 4))])
            for _ in range(rng.randint(3, 7))
        ]
        if rng.random() < 0.0005:
            paragraphs.append(f"A {RARE} fan travelled furthest of all to see {club}.")
        published = FIRST_DAY + datetime.timedelta(minutes=rng.randrange(DAYS * 24 * 60))
        yield (
            rng.choice(KINDS), headline, f"{SLUG_PREFIX}{number}", standfirst, "\n\n".join(paragraphs),
            "published", published, now, "", "", "", "", False,
        )  # fmt: skip


if __name__ == "__main__":
    main()
