"""Floor benchmark: what the uncached preview is made of, and what its parts cost on their own.

The demo's lead story (the Clasico preview), in-process with the cache a DummyCache (bench.growth's uncached
path), beside the bare view through Pressbox's own middleware, median of BENCH_ROUNDS (40) each:

- the whole uncached preview, as bench.growth times it;
- its SQL alone: the statements one uncached request runs, captured with their parameters and sent again
  through Django's cursor, rows fetched, nothing built from them (PostgreSQL's planning and execution, and the
  round trips);
- its template alone: `newsroom/article.html` rendered from the page's own context after one rendering has
  read everything (every lazy read done, 0 queries while timed, checked): the template engine, with the tags
  and filters the page uses (the points-race chart is drawn by one);
- the preview as a reader meets it after an edit elsewhere moved its page's version: the whole-page cache
  misses (PAGE_CACHE_SECONDS=0) but the fragments whose own versions did not move are warm (a local-memory
  cache), so the article and what the page's version is made of are read, not the panels.

Each part as a ratio to the bare view says how far it alone is from the issue's 0.14, whatever the rest costs.

DATABASE_URL=postgres://postgres@127.0.0.1:5432/pressbox_bench python -m bench floor
"""

from __future__ import annotations

import os
import statistics
from collections.abc import Callable

from bench.common import (
    DUMMY_CACHE,
    UNLIMITED,
    Measurement,
    Report,
    count_queries,
    machine,
    quantile,
    statements,
    timed,
)

LOCAL_CACHE = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "bench-floor"}}
# The share of the bare view's rate the issue asks of the uncached preview.
TARGET = 0.14


def run() -> Report:
    """Precondition: Django set up on the benchmark database, demo loaded (`setup_django`, `ensure_database`)."""
    from django.test import Client
    from django.test.utils import override_settings

    from newsroom.models import Article

    rounds = int(os.environ.get("BENCH_ROUNDS", "40"))
    lead = Article.objects.get(is_lead=True)
    url = lead.get_absolute_url()
    client = Client()

    def preview() -> object:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        return response

    with override_settings(ROOT_URLCONF="bench.urls", CACHES=DUMMY_CACHE, RATE_LIMITS=UNLIMITED):
        bare = statistics.median(timed(lambda: client.get("/bench/bare/"), rounds * 5))
        rows = [
            ("the whole uncached preview", timed(preview, rounds), count_queries(preview)),
            ("its SQL alone, replayed through the cursor", *replayed_sql(preview, rounds)),
            ("its template alone, every value in memory", *template_alone(lead.slug, rounds)),
        ]
    with override_settings(ROOT_URLCONF="bench.urls", CACHES=LOCAL_CACHE, RATE_LIMITS=UNLIMITED, PAGE_CACHE_SECONDS=0):
        preview()  # the fragments, cached
        rows.append(("page cache missed, its fragments warm", timed(preview, rounds), count_queries(preview)))
    budget = bare / TARGET
    measurements = [
        Measurement("bare view, Pressbox's middleware", f"{bare * 1000:.2f} ms", "the baseline"),
        Measurement(f"the budget a {TARGET} ratio leaves", f"{budget * 1000:.2f} ms", "bare / 0.14"),
    ]
    for what, samples, queries in rows:
        p50 = statistics.median(samples)
        note = f"p95 {quantile(samples, 0.95) * 1000:.1f} ms; {queries} queries; {bare / p50:.4f} of bare"
        measurements.append(Measurement(what, f"{p50 * 1000:.2f} ms", f"{note}; {p50 / budget:.1f}x the budget"))
    conditions = f"{machine()}, PostgreSQL, the demo's lead story uncached (DummyCache), medians of {rounds}"
    return Report("floor", conditions, measurements)


def replayed_sql(request: Callable[[], object], rounds: int) -> tuple[list[float], int]:
    """Timings of the statements one `request` runs, sent again with their parameters, rows fetched."""
    from django.db import connection

    sent = statements(request)

    def replay() -> None:
        with connection.cursor() as cursor:
            for sql, params in sent:
                cursor.execute(sql, params)
                cursor.fetchall()

    return timed(replay, rounds), len(sent)


def template_alone(slug: str, rounds: int) -> tuple[list[float], int]:
    """Timings of the article template rendered again from a context that one rendering has read in full."""
    from django.db.models import QuerySet
    from django.template.loader import get_template
    from django.test import RequestFactory

    from newsroom.pages.article import article_context, public_article

    article = public_article(slug).get()
    context = article_context(article)
    for name, value in list(context.items()):
        if callable(value) and getattr(value, "__name__", "") == "<lambda>":
            context[name] = value()  # the body and corrections, rendered once
        elif isinstance(value, QuerySet):
            context[name] = list(value)  # the article's quotes and related stories, read once
    request = RequestFactory().get(article.get_absolute_url())
    template = get_template("newsroom/article.html")
    template.render(context, request)  # reads the preview's panels, kept on them
    queries = count_queries(lambda: template.render(context, request))
    assert queries == 0, f"the template read {queries} queries with every value in memory"
    return timed(lambda: template.render(context, request), rounds), queries
