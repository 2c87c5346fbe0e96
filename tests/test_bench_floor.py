"""bench.floor on a small newsroom: it finds the lead preview, replays the very statements one uncached request
runs, and renders the template with nothing left to read."""

import pytest

import bench.__main__
import bench.floor
from newsroom.models import Article
from tests.factories import ArticleFactory, MatchFactory


@pytest.mark.django_db
def test_floor_times_the_lead_preview_and_its_parts(monkeypatch):
    match = MatchFactory()
    match.season.clubs.add(match.home, match.away)
    ArticleFactory(published=True, is_lead=True, kind=Article.Kind.PREVIEW, match=match)
    monkeypatch.setenv("BENCH_ROUNDS", "2")
    report = bench.floor.run()
    rows = {m.what: m for m in report.measurements}
    whole = rows["the whole uncached preview"].note
    sql = rows["its SQL alone, replayed through the cursor"].note
    template = rows["its template alone, every value in memory"].note
    queries = int(whole.split("; ")[1].split()[0])
    assert queries >= 10  # the preview's reads: the article, its match's table and meetings, coaches, moves...
    assert f"; {queries} queries;" in sql  # the same statements, replayed
    assert "; 0 queries;" in template
    # A page-cache miss with its fragments warm reads the article, not the panels.
    warm = rows["page cache missed, its fragments warm"].note
    assert int(warm.split("; ")[1].split()[0]) < queries
    assert rows["the budget a 0.14 ratio leaves"].figure.endswith(" ms")


def test_make_bench_runs_the_floor_benchmark():
    assert "floor" in bench.__main__.benchmarks()
