"""Standings benchmark: a 380-match table in pure Python, and the standings API beside a bare view.

DATABASE_URL=postgres://postgres@127.0.0.1:5432/pressbox_bench python -m bench.standings
"""

from __future__ import annotations

from bench.common import (
    Measurement,
    Report,
    count_queries,
    ensure_database,
    machine,
    median_seconds,
    milliseconds,
    print_reports,
    queries,
    setup_django,
)


def main() -> None:
    setup_django()
    ensure_database()
    print_reports([run()])


def run() -> Report:
    """Precondition: Django set up on the benchmark database, demo loaded (`setup_django`, `ensure_database`)."""
    from django.core.cache import cache
    from django.http import HttpResponse
    from django.test import Client
    from django.test.utils import override_settings
    from django.urls import include, path

    from matches.models import Season
    from matches.standings import LA_LIGA, compute_table
    from matches.tables import league_fixtures

    season = Season.objects.select_related("competition").get(competition__code="es.1", label="2024-25")
    results = [f.result() for f in league_fixtures(season) if f.score is not None]
    assert len(results) == 380, len(results)
    table_s = median_seconds(lambda: compute_table(results, rules=LA_LIGA), repeat=300)

    urlpatterns = [path("bench/bare/", lambda request: HttpResponse("ok")), path("", include("newsroom.urls"))]
    module = type("BenchUrls", (), {"urlpatterns": urlpatterns})
    client = Client()
    url = "/api/v1/competitions/es.1/seasons/2024-25/standings"

    def cold(params: dict[str, str] | None = None) -> object:
        """One request with the cache emptied first, so the table is computed."""
        cache.clear()
        return client.get(url, params)

    with override_settings(ROOT_URLCONF=module):
        cache.clear()
        cold_queries = count_queries(lambda: client.get(url))
        warm_queries = count_queries(lambda: client.get(url))
        as_of_queries = count_queries(lambda: client.get(url, {"as_of": "2024-09-01"}))
        bare_s = median_seconds(lambda: client.get("/bench/bare/"), repeat=300)
        api_s = median_seconds(lambda: client.get(url), repeat=100)
        api_cold_s = median_seconds(cold, repeat=100)
        api_as_of_s = median_seconds(lambda: cold({"as_of": "2025-05-10"}), repeat=100)

    return Report(
        "standings",
        f"{machine()}, PostgreSQL, in-process Django test client; medians",
        [
            Measurement("compute_table, 380 La Liga results (pure Python)", milliseconds(table_s), queries(0)),
            Measurement("bare Django view (baseline)", milliseconds(bare_s)),
            Measurement("GET standings, cold (computed)", milliseconds(api_cold_s), queries(cold_queries)),
            Measurement("GET standings, warm (cached per season version)", milliseconds(api_s), queries(warm_queries)),
            Measurement("GET standings ?as_of=2025-05-10, cold", milliseconds(api_as_of_s)),
            Measurement("GET standings ?as_of=2024-09-01 (fewer matches)", "—", queries(as_of_queries)),
        ],
    )


if __name__ == "__main__":
    main()
