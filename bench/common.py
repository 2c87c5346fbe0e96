"""Shared set-up for the benchmarks: Django on the PostgreSQL named by DATABASE_URL, with the real data."""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from io import StringIO
from pathlib import Path
from typing import Any

BASE_DIR = Path(__file__).resolve().parent.parent
# Settings for timing in-process: nothing cached (every read a miss), and no rate limit on the benchmark's
# own thousands of requests.
DUMMY_CACHE = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
UNLIMITED = {"anonymous": 10**9, "journalist": 10**9, "token": 10**9}


@dataclass(frozen=True)
class Measurement:
    """One line of a benchmark's results: what was measured, the figure, and a note (queries, latency)."""

    what: str
    figure: str
    note: str = ""


@dataclass(frozen=True)
class Report:
    """A benchmark's results and the conditions they were measured under (compare ratios within one)."""

    benchmark: str
    conditions: str
    measurements: Sequence[Measurement] = field(default_factory=list)
    # A benchmark whose figures need more columns than the shared table's gives them as a Markdown table.
    table: str = ""
    # What failed a benchmark that did run (a load run with errors): printed, and the exit status is non-zero.
    problems: Sequence[str] = ()


def print_reports(reports: Sequence[Report]) -> None:
    """The reports as one Markdown table, each benchmark's conditions above it."""
    for report in reports:
        print(f"# bench.{report.benchmark}: {report.conditions}")
    if any(report.measurements for report in reports):
        print("| benchmark | what | figure | note |")
        print("|---|---|---:|---|")
    for report in reports:
        for m in report.measurements:
            print(f"| {report.benchmark} | {m.what} | {m.figure} | {m.note} |")
    for report in reports:
        if report.table:
            print(f"\n## bench.{report.benchmark}\n\n{report.table}")
    for report in reports:
        for problem in report.problems:
            print(f"bench.{report.benchmark} FAILED: {problem}", file=sys.stderr)


def milliseconds(seconds: float) -> str:
    return f"{seconds * 1000:.2f} ms"


def queries(n: int) -> str:
    return f"{n} quer{'y' if n == 1 else 'ies'}"


def setup_django() -> None:
    """Django on the PostgreSQL of DATABASE_URL; exits with a message (no traceback) when it names none."""
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit(
            "Benchmarks run on PostgreSQL: set DATABASE_URL, e.g. "
            "DATABASE_URL=postgres://postgres@127.0.0.1:5432/pressbox_bench"
        )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    os.environ.setdefault("DJANGO_DEBUG", "1")
    sys.path.insert(0, str(BASE_DIR))
    import django

    django.setup()
    from django.conf import settings

    # DEBUG would keep every query in memory and add its own overhead to each request.
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["*"]


def ensure_database() -> None:
    """Create the benchmark database if needed, migrate it and load the demo data once."""
    import psycopg
    from django.conf import settings
    from django.core.management import call_command

    db = settings.DATABASES["default"]
    admin_dsn = f"host={db['HOST']} port={db['PORT'] or 5432} user={db['USER']} dbname=postgres"
    try:
        with psycopg.connect(admin_dsn, autocommit=True, connect_timeout=10) as conn:
            if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [db["NAME"]]).fetchone():
                conn.execute(f'CREATE DATABASE "{db["NAME"]}"')
    except psycopg.OperationalError as error:
        sys.exit(f"Cannot reach PostgreSQL at {db['HOST']}:{db['PORT'] or 5432} as {db['USER']!r}: {error}")
    call_command("migrate", verbosity=0)
    call_command("load_demo", stdout=StringIO())


def median_seconds(fn: Callable[[], object], *, repeat: int, warmup: int = 5) -> float:
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def machine() -> str:
    import platform

    return f"{platform.python_implementation()} {platform.python_version()}, {os.cpu_count()} cores"


def count_queries(fn: Callable[[], object]) -> int:
    """Queries `fn` runs, counted at the cursor (robust to connections closed and reopened mid-request)."""
    from django.db import connection

    count = 0

    def counter(execute: Callable, sql: str, params: object, many: bool, context: object) -> object:
        nonlocal count
        count += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counter):
        fn()
    return count


def timed(call: Callable[[], object], rounds: int) -> list[float]:
    """`rounds` timings of `call`, in seconds, after one call to warm it."""
    call()
    samples = []
    for _ in range(rounds):
        started = time.perf_counter()
        call()
        samples.append(time.perf_counter() - started)
    return samples


def quantile(samples: Sequence[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def statements(call: Callable[[], object]) -> list[tuple[str, Any]]:
    """The SQL `call` runs, each statement with its parameters, in order."""
    from django.db import connection

    sqls: list[tuple[str, Any]] = []

    def keep(execute: Callable, sql: str, params: Any, many: bool, context: object) -> object:
        sqls.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(keep):
        call()
    return sqls


def explain(call: Callable[[], object]) -> None:
    """Print EXPLAIN (ANALYZE, BUFFERS) of each query `call` runs."""
    from django.db import connection

    with connection.cursor() as cursor:
        for sql, params in statements(call):
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
            print(f"-- {sql[:160]}\n{plan}\n")


def whole_requests(
    path: str, shapes: dict[str, dict[str, str]], rounds: int, *, username: str | None = None
) -> list[Measurement]:
    """Each of `shapes` (a name and its query parameters) as a whole request to `path` (middleware, view, read,
    template), as `username` or anonymous, beside a bare Django view through the same middleware, in the same
    run: the ratio is the figure to keep. Rate limits are lifted for the run."""
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.test.utils import override_settings

    client = Client()
    if username is not None:
        client.force_login(get_user_model().objects.get(username=username))
    out = []
    with override_settings(ROOT_URLCONF="bench.urls", RATE_LIMITS=UNLIMITED):
        bare = timed(lambda: client.get("/bench/bare/"), rounds * 5)
        bare_p50 = statistics.median(bare)
        note = f"p95 {quantile(bare, 0.95) * 1000:.2f} ms"
        out.append(Measurement("bare Django view, same middleware", f"{bare_p50 * 1000:.2f} ms", note))
        for what, params in shapes.items():

            def request(params: dict[str, str] = params) -> object:
                response = client.get(path, params)
                assert response.status_code == 200, response.status_code
                return response

            samples = timed(request, rounds)
            p50, p95 = statistics.median(samples), quantile(samples, 0.95)
            note = f"p95 {p95 * 1000:.1f} ms; {p50 / bare_p50:.0f}x the bare view"
            out.append(Measurement(f"{path} page, {what}", f"{p50 * 1000:.1f} ms", note))
    return out
