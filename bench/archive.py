"""Quote archive benchmark: the archive grown to BENCH_QUOTES quotes (default 300,000), bulk-loaded with COPY,
then the archive's page read (count, page, highlights and five facets) timed for three searches: one word, a
phrase, and a word with a speaker and a date range. p50 and p95 of BENCH_ROUNDS calls each (default 40);
with BENCH_EXPLAIN=1, EXPLAIN ANALYZE of each query those reads run is printed too; BENCH_REGENERATE=1 deletes
the generated quotes first.

DATABASE_URL=postgres://postgres@127.0.0.1:5432/pressbox_bench BENCH_QUOTES=300000 python -m bench.archive
"""

from __future__ import annotations

import datetime
import itertools
import os
import random
import statistics
import time
from collections.abc import Callable, Iterator
from typing import cast

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
    setup_django,
    timed,
    whole_requests,
)

SEED = 20250511
SPEAKERS = 400
FIRST_DAY = datetime.date(2012, 7, 1)
DAYS = 13 * 365
# A Zipf vocabulary of VOCABULARY words, as real text has: filler first, then football words (a word such as
# "pressure" then appears in about 1-2% of quotes), then a long tail of rarer made-up words.
FILLER = (  # noqa: SIM905
    "the we to and a of is in it that i have for not be this but they on with are was you all what at so do "
    "can there will more if about no when just our very one from think now he them as good want by"
).split()
FOOTBALL = (  # noqa: SIM905
    "players gave everything tonight pressure title race season league cup final referee decision penalty goal "
    "chance defence attack midfield squad injury fitness training young coach president fans stadium "
    "atmosphere derby clasico honeymoon future contract project respect proud disappointed happy focus next "
    "match points table top four relegation europe champions tactics formation pressing counter possession "
    "mentality character quality intensity rotation transfer window market performance result draw win lost "
    "history moment opportunity believe dream work hard together family"
).split()
PHRASES = ("title race", "we are ready", "the honeymoon is over", "next season", "a big game", "step by step")
VOCABULARY = 20_000
SYLLABLES = ("ka", "lo", "mi", "ter", "san", "ro", "vel", "du", "ne", "bar", "is", "on", "al", "ge", "fu")
BENCH_SOURCE = "https://bench.invalid/generated"
OCCASIONS = (
    "pre_match_press_conference", "post_match_press_conference", "interview", "broadcast", "statement",
    "social_media", "other",
)  # fmt: skip
VERIFICATIONS = ("unverified", "verified_recording", "verified_transcript", "disputed", "misattributed")


def main() -> None:
    setup_django()
    ensure_database()
    print_reports([run()])


def run() -> Report:
    """Precondition: Django set up on the benchmark database, demo loaded (`setup_django`, `ensure_database`)."""
    from newsroom.models import Quote

    wanted = int(os.environ.get("BENCH_QUOTES", "300000"))
    rounds = int(os.environ.get("BENCH_ROUNDS", "40"))
    grow_archive(wanted)
    speaker = most_quoted_speaker()
    shapes = {
        "one word (q=pressure)": {"q": "pressure"},
        'phrase (q="title race")': {"q": '"title race"'},
        "word + speaker + dates": {
            "q": "future",
            "speaker": speaker,
            "date_from": "2018-01-01",
            "date_to": "2022-12-31",
        },
    }
    measurements = []
    for what, params in shapes.items():
        call = page_read(params)
        samples = timed(call, rounds)
        p50, p95 = statistics.median(samples), quantile(samples, 0.95)
        note = f"p95 {p95 * 1000:.1f} ms; {queries(count_queries(call))}; {hits(params)} matches"
        measurements.append(Measurement(what, f"{p50 * 1000:.1f} ms", note))
        if os.environ.get("BENCH_EXPLAIN"):
            explain(call)
    measurements += whole_requests("/quotes/", shapes, rounds, username="journalist")
    measurements += streamed_exports()
    total = Quote.objects.count()
    return Report("archive", f"{machine()}, PostgreSQL, {total} quotes, median and p95 of {rounds}", measurements)


def streamed_exports() -> list[Measurement]:
    """/quotes/export.csv as a journalist for the newest 10,000 and 100,000 quotes: the time to stream every
    row, and the peak of Python's allocations while doing it (tracemalloc), which must not grow with the rows."""
    import tracemalloc

    from django.contrib.auth import get_user_model
    from django.http import StreamingHttpResponse
    from django.test import Client
    from django.test.utils import override_settings

    from newsroom.models import Quote

    client = Client()
    client.force_login(get_user_model().objects.get(username="journalist"))
    out = []
    newest = Quote.objects.citable().order_by("-said_on").values_list("said_on", flat=True)
    for rows in (10_000, 100_000):
        since = newest[rows - 1 : rows].first()
        if since is None:
            continue

        def export(since: datetime.date = since) -> int:
            response = cast(StreamingHttpResponse, client.get("/quotes/export.csv", {"date_from": since.isoformat()}))
            # Generated quotes are one line each: lines are rows (a header line, then one a quote).
            return sum(chunk.count(b"\n") for chunk in cast(Iterator[bytes], response.streaming_content))

        with override_settings(ROOT_URLCONF="bench.urls"):
            started = time.perf_counter()
            lines = export()
            elapsed = time.perf_counter() - started
            # Measured apart: tracing every allocation slows Python several times over.
            tracemalloc.start()
            export()
            _, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
        note = f"{(lines - 1) / elapsed:,.0f} rows/s; peak Python memory {peak / 2**20:.1f} MiB"
        out.append(Measurement(f"export.csv, {lines - 1:,} rows", f"{elapsed:.1f} s", note))
    return out


def page_read(params: dict[str, str]) -> Callable[[], object]:
    from newsroom.archive import ArchiveForm
    from newsroom.pages.quotes import archive_page

    form = ArchiveForm(params)
    assert form.is_valid(), form.errors

    def call() -> object:
        page = archive_page(form.filters(), None, everything=True)
        return [hit.text_html for hit in page.hits], page.facets

    return call


def hits(params: dict[str, str]) -> int:
    from newsroom.archive import ArchiveForm, matching

    form = ArchiveForm(params)
    assert form.is_valid()
    return matching(form.filters()).count()


def most_quoted_speaker() -> str:
    from django.db.models import Count

    from people.models import Person

    return Person.objects.annotate(n=Count("quotes")).order_by("-n").values_list("slug", flat=True)[0]


# ---- Bulk generation -------------------------------------------------------------------------------------


def grow_archive(wanted: int) -> None:
    """Add generated quotes (public: verified, or from no story) until the archive holds `wanted`."""
    from django.db import connection

    from matches.models import Club, Competition
    from newsroom.models import Quote

    if os.environ.get("BENCH_REGENERATE"):
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM newsroom_quote WHERE source_url = %s", [BENCH_SOURCE])
            cursor.execute("VACUUM ANALYZE newsroom_quote")
    missing = wanted - Quote.objects.count()
    if missing <= 0:
        return
    speakers = ensure_speakers()
    clubs: list[int | None] = [*Club.objects.values_list("pk", flat=True)] or [None]
    competitions: list[int | None] = [*Competition.objects.values_list("pk", flat=True)] or [None]
    rng = random.Random(SEED + missing)
    started = time.perf_counter()
    columns = (
        "text, language, translation, speaker_id, speaker_name, speaker_role, said_on, said_on_precision, "
        "occasion, club_id, competition_id, source_url, verification, context, created_at"
    )
    with connection.cursor() as cursor, cursor.copy(f"COPY newsroom_quote ({columns}) FROM STDIN") as copy:
        for row in generated(missing, rng, speakers, clubs, competitions):
            copy.write_row(row)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE newsroom_quote")
    print(f"bench.archive: added {missing} quotes in {time.perf_counter() - started:.0f} s")


def ensure_speakers() -> list[tuple[int, str]]:
    from people.models import Person

    have = Person.objects.filter(slug__startswith="bench-speaker-").count()
    Person.objects.bulk_create(
        Person(name=f"Speaker {n:03} Example", slug=f"bench-speaker-{n:03}") for n in range(have, SPEAKERS)
    )
    return list(Person.objects.values_list("pk", "name"))


def vocabulary() -> list[str]:
    made_up = (
        "".join(SYLLABLES[(n // len(SYLLABLES) ** i) % len(SYLLABLES)] for i in range(4))
        for n in range(VOCABULARY - len(FILLER) - len(FOOTBALL))
    )
    return [*FILLER, *FOOTBALL, *made_up]


def generated(
    n: int,
    rng: random.Random,
    speakers: list[tuple[int, str]],
    clubs: list[int | None],
    competitions: list[int | None],
) -> Iterator[tuple[object, ...]]:
    words = vocabulary()
    cumulative = list(itertools.accumulate(1 / (rank + 1) for rank in range(len(words))))
    # A few speakers say much more than the rest, as head coaches of big clubs do: the most quoted of 400 has
    # about 4% of the archive, the fiftieth about 0.5%.
    speaker_weights = list(itertools.accumulate(1 / (rank + 1) ** 0.6 for rank in range(len(speakers))))
    now = datetime.datetime.now(datetime.UTC)
    for _ in range(n):
        pk, name = rng.choices(speakers, cum_weights=speaker_weights)[0]
        said = rng.choices(words, cum_weights=cumulative, k=rng.randint(8, 40))
        if rng.random() < 0.03:
            said.insert(rng.randrange(len(said)), rng.choice(PHRASES))
        context = " ".join(rng.choices(words, cum_weights=cumulative, k=rng.randint(0, 20)))
        said_on = FIRST_DAY + datetime.timedelta(days=rng.randrange(DAYS))
        yield (
            " ".join(said).capitalize() + ".", "en", "", pk, name, "Head coach", said_on, "day",
            rng.choice(OCCASIONS), rng.choice(clubs), rng.choice(competitions), BENCH_SOURCE,
            rng.choice(VERIFICATIONS[1:3]), context, now,
        )  # fmt: skip


if __name__ == "__main__":
    main()
