"""Site benchmark: every public page under gunicorn, loaded by wrk from loopback, beside a bare Django project.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/pressbox_bench python -m bench.site

Starts three servers and stops them at the end: the bare project (bench.bare), Pressbox with its caches
(Redis at REDIS_URL, the whole-page cache warm) and Pressbox with nothing cached (bench.settings_uncached,
PAGE_CACHE_SECONDS=0), all under gunicorn with the same workers and flags. Each round loads every target once,
round-robin; each figure is the median of the rounds, and its ratio is to the bare project of the same run.
Then the load run: each page with its caches at 64 connections for 60 s, which fails the benchmark (non-zero
exit) on any error or a p99 of a second or more. Query counts come from the test client, in-process.
Needs wrk (Debian's package) and Redis. Pages are found in the database's own data (bench.site.pages).
"""

from __future__ import annotations

import os
import sys
import urllib.error
import urllib.request
from contextlib import ExitStack
from dataclasses import dataclass, field

from bench.common import Report, ensure_database, machine, print_reports, setup_django
from bench.site import servers, wrk
from bench.site.pages import SitePages, Target, data_size, discover
from bench.site.queries import query_counts
from bench.site.results import Row, load_problems, load_table, median_result, ratio_to_bare, rows_table
from bench.site.wrk import WrkResult

DURATION = os.environ.get("BENCH_DURATION", "5s")
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "16"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))
LOAD_DURATION = os.environ.get("BENCH_LOAD_DURATION", "60s")
LOAD_CONNECTIONS = int(os.environ.get("BENCH_LOAD_CONNECTIONS", "64"))
# wrk's own default, 2 s, leaves every slower answer out of the percentiles: the p99 could never pass 2 s.
TIMEOUT = os.environ.get("BENCH_TIMEOUT", "10s")

BARE_PROJECT = "bare Django project (baseline)"
BARE_VIEW = "no-op view inside Pressbox's middleware"


@dataclass
class Load:
    """One target on one server, and its rounds."""

    what: str
    cache: str
    url: str
    headers: dict[str, str]
    note: str = ""
    queries: int | None = None
    runs: list[WrkResult] = field(default_factory=list)


def main() -> None:
    setup_django()
    ensure_database()
    report = run()
    print_reports([report])
    if report.problems:
        sys.exit(1)


def run() -> Report:
    """Precondition: Django set up on the benchmark database (`setup_django`, `ensure_database`).
    Exits with a message when wrk, gunicorn or Redis is missing, or a page does not answer."""
    wrk.require()
    redis_url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/15")
    servers.require_redis(redis_url)
    site = discover()
    targets = site.page_targets() + site.api_targets() + site.live_targets()
    counts = {"warm": query_counts(targets, cached=True), "none": query_counts(targets, cached=False)}
    cached = servers.pressbox("cached", "bench.settings", REDIS_URL=redis_url)
    uncached = servers.pressbox("uncached", "bench.settings_uncached", REDIS_URL=redis_url, PAGE_CACHE_SECONDS="0")
    servers.collect_static(cached)
    with ExitStack() as stack:
        bare = stack.enter_context(servers.serving(servers.BARE, workers=WORKERS))
        bases = {
            "warm": stack.enter_context(servers.serving(cached, workers=WORKERS)),
            "none": stack.enter_context(servers.serving(uncached, workers=WORKERS)),
        }
        loads = [Load(BARE_PROJECT, "—", f"{bare}/", {}), Load(BARE_VIEW, "—", f"{bases['warm']}/bench/bare/", {})]
        for target in targets:
            loads += [prepared(target, cache, base, counts[cache]) for cache, base in bases.items()]
        measure(loads)
        loaded = load_run(bases["warm"], site.page_targets())
    return report(site, loads, loaded)


def measure(loads: list[Load]) -> None:
    """ROUNDS rounds, each loading every target once in turn: a noisy machine's drift touches them alike."""
    for round_number in range(1, ROUNDS + 1):
        for load in loads:
            progress(f"round {round_number}/{ROUNDS}: {load.what}, cache {load.cache}")
            result = wrk.run(load.url, load.headers, connections=CONNECTIONS, duration=DURATION, timeout=TIMEOUT)
            load.runs.append(result)


def load_run(base: str, targets: list[Target]) -> dict[str, WrkResult]:
    """Each page, its caches warm, at LOAD_CONNECTIONS connections for LOAD_DURATION, one after another."""
    results = {}
    for target in targets:
        progress(f"load run: {target.name}, {LOAD_CONNECTIONS} connections for {LOAD_DURATION}")
        results[target.name] = wrk.run(
            base + target.path, {}, connections=LOAD_CONNECTIONS, duration=LOAD_DURATION, timeout=TIMEOUT
        )
    return results


def prepared(target: Target, cache: str, base: str, counts: dict[str, int]) -> Load:
    """`target` on one server, asked once: checks its answer, warms its caches, and takes a poll's ETag."""
    headers = dict(target.headers)
    if target.conditional:
        headers["If-None-Match"] = fetch(base + target.path, target.headers)[1]
    note = target.note_on(fetch(base + target.path, headers)[0])
    return Load(target.name, cache, base + target.path, headers, note, counts[target.name])


def fetch(url: str, headers: dict[str, str]) -> tuple[int, str]:
    """The status of one request, and its ETag ("" without one)."""
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            response.read()
            return response.status, response.headers.get("ETag", "")
    except urllib.error.HTTPError as answer:  # urllib raises for every status outside 2xx, 304 included
        return answer.code, answer.headers.get("ETag", "")


def progress(message: str) -> None:
    print(f"bench.site: {message}", file=sys.stderr, flush=True)


def report(site: SitePages, loads: list[Load], loaded: dict[str, WrkResult]) -> Report:
    bare = median_result(loads[0].runs)
    rows = []
    for load in loads:
        result = median_result(load.runs)
        what = f"{load.what} ({load.note})" if load.note else load.what
        rows.append(Row.of(what, load.cache, result, of_bare=ratio_to_bare(result, bare), queries=load.queries))
    problems = [problem for name, result in loaded.items() for problem in load_problems(name, result)]
    conditions = (
        f"{machine()}; {data_size()}; gunicorn {WORKERS} sync workers for each of the bare project, Pressbox "
        f"with its caches (Redis) and Pressbox with nothing cached; PostgreSQL; "
        f"wrk -t2 -c{CONNECTIONS} -d{DURATION} --timeout={TIMEOUT} on the same machine, median of {ROUNDS} "
        f"alternating rounds; load run -c{LOAD_CONNECTIONS} -d{LOAD_DURATION}"
    )
    pages = ", ".join(f"{name} {path}" for name, path in site.pages.items())
    table = (
        f"{rows_table(rows)}\n\nPages: {pages}.\n\n"
        f"Load run, each page with its caches, {LOAD_CONNECTIONS} connections for {LOAD_DURATION} "
        f"(passes with 0 errors and p99 under 1 s):\n\n{load_table(loaded)}"
    )
    return Report("site", conditions, table=table, problems=problems)


if __name__ == "__main__":
    main()
