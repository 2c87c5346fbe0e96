"""Standings benchmark: a 380-match table in pure Python, and the standings API beside a bare view.

DATABASE_URL=postgres://postgres@127.0.0.1:5432/pressbox_bench python -m bench.standings
"""

from __future__ import annotations

from bench.common import count_queries, ensure_database, machine, median_seconds, setup_django


def main() -> None:
    setup_django()
    ensure_database()
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
        queries = count_queries(lambda: client.get(url))
        warm_queries = count_queries(lambda: client.get(url))
        as_of_queries = count_queries(lambda: client.get(url, {"as_of": "2024-09-01"}))
        bare_s = median_seconds(lambda: client.get("/bench/bare/"), repeat=300)
        api_s = median_seconds(lambda: client.get(url), repeat=100)
        api_cold_s = median_seconds(cold, repeat=100)
        api_as_of_s = median_seconds(lambda: cold({"as_of": "2025-05-10"}), repeat=100)

    print(f"# Standings benchmark ({machine()}, PostgreSQL, in-process Django test client; medians)")
    print(f"compute_table, 380 La Liga results (pure Python):   {table_s * 1000:.2f} ms")
    print(f"bare Django view (baseline):                          {bare_s * 1000:.2f} ms")
    print(f"GET standings, cold (computed):                       {api_cold_s * 1000:.2f} ms, {queries} queries")
    print(f"GET standings, warm (cached per season version):      {api_s * 1000:.2f} ms, {warm_queries} query")
    print(f"GET standings ?as_of=2025-05-10, cold:                {api_as_of_s * 1000:.2f} ms")
    print(f"queries with ?as_of=2024-09-01 (fewer matches):       {as_of_queries}")


if __name__ == "__main__":
    main()
