"""Each target's database queries, counted in-process with Django's test client (the servers' figures are
throughput; this is what each request asks the database): with the caches warm, and with nothing cached."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from contextlib import contextmanager

from bench.common import DUMMY_CACHE, UNLIMITED, count_queries
from bench.site.pages import Target

NOTHING_CACHED = {
    "CACHES": DUMMY_CACHE,
    "PAGE_CACHE_SECONDS": 0,
}


@contextmanager
def cache_setting(*, cached: bool) -> Iterator[None]:
    from django.test.utils import override_settings

    with override_settings(RATE_LIMITS=UNLIMITED, **({} if cached else NOTHING_CACHED)):
        yield


def query_counts(targets: list[Target], *, cached: bool) -> dict[str, int]:
    """Queries of one request to each target; cached, the request after one that warmed the caches.
    Exits naming a target that does not answer as it should (a 404 would make every figure meaningless)."""
    from django.test import Client

    client = Client()
    counts = {}
    # Static files are collected for the servers, not for this process, which reads no static file.
    with cache_setting(cached=cached), warnings.catch_warnings():
        warnings.filterwarnings("ignore", "No directory at", UserWarning)
        for target in targets:
            headers = dict(target.headers)
            if target.conditional:
                headers["If-None-Match"] = client.get(target.path, headers=target.headers)["ETag"]
            else:
                client.get(target.path, headers=headers)  # warms what the next request reads

            def request(headers: dict[str, str] = headers, target: Target = target) -> None:
                target.note_on(client.get(target.path, headers=headers).status_code)

            counts[target.name] = count_queries(request)
    return counts
