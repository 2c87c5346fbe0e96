"""bench.site's machinery where it has logic: reading wrk's report, the medians and ratios, the load run's
verdict, and finding the pages in whatever database it runs on. No server, no wrk."""

import datetime

import pytest
from django.utils import timezone

from bench.__main__ import benchmarks
from bench.site import servers
from bench.site.pages import Target, discover
from bench.site.results import Row, load_problems, median_result, ratio_to_bare, rows_table
from bench.site.wrk import WrkResult, command, duration_ms, parse
from newsroom.models import Quote
from tests.factories import ArticleFactory, MatchFactory, QuoteFactory

# wrk 4.1's reports, as it prints them with --latency.
HEALTHY = """\
Running 2s test @ http://127.0.0.1:8140/
  2 threads and 4 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     3.40ms    3.14ms  26.42ms   86.48%
    Req/Sec   686.78    219.62     1.06k    65.00%
  Latency Distribution
     50%    1.88ms
     75%    4.73ms
     90%    7.69ms
     99%   14.96ms
  2740 requests in 2.00s, 1.24MB read
Requests/sec:   1367.11
Transfer/sec:    631.49KB
"""
# Slow, with failures of both kinds; wrk pads a percentile in seconds with a trailing space.
FAILING = """\
Running 10s test @ http://127.0.0.1:8140/missing
  2 threads and 64 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   741.18ms  225.77ms   1.99s    62.50%
    Req/Sec    10.14      5.24    20.00     71.43%
  Latency Distribution
     50%  805.65ms
     75%  946.78ms
     90%    1.04s
     99%    1.87s
  812 requests in 10.06s, 149.41KB read
  Socket errors: connect 0, read 3, write 1, timeout 17
  Non-2xx or 3xx responses: 40
Requests/sec:     80.72
Transfer/sec:     14.85KB
""".replace("1.04s\n", "1.04s \n").replace("1.87s\n", "1.87s \n")
NOTHING_ANSWERED = """\
Running 2s test @ http://127.0.0.1:8141/
  2 threads and 4 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     0.00us    0.00us   0.00us    -nan%
    Req/Sec     0.00      0.00     0.00      -nan%
  Latency Distribution
     50%    0.00us
     75%    0.00us
     90%    0.00us
     99%    0.00us
  0 requests in 2.01s, 0.00B read
Requests/sec:      0.00
Transfer/sec:       0.00B
"""


def result(rps: float, *, p99_ms: float = 10.0, requests: int = 1000, **errors: int) -> WrkResult:
    return WrkResult(requests=requests, requests_per_second=rps, p50_ms=p99_ms / 2, p99_ms=p99_ms, **errors)


def test_a_healthy_report_is_read_with_no_errors():
    assert parse(HEALTHY) == WrkResult(requests=2740, requests_per_second=1367.11, p50_ms=1.88, p99_ms=14.96)
    assert parse(HEALTHY).errors == 0


def test_every_kind_of_failure_counts_as_an_error():
    found = parse(FAILING)
    assert (found.non_2xx_3xx, found.socket_errors, found.timeouts) == (40, 4, 17)
    assert found.errors == 61
    assert found.p50_ms == 805.65
    assert found.p99_ms == 1870.0
    assert found.requests == 812


def test_a_report_without_percentiles_is_refused_rather_than_read_as_zero():
    without_latency = HEALTHY.replace("Latency Distribution", "").replace("     99%   14.96ms\n", "")
    with pytest.raises(ValueError, match="--latency"):
        parse(without_latency)


@pytest.mark.parametrize(
    ("text", "ms"),
    [("512.00us", 0.512), ("4.20ms", 4.2), ("1.02s", 1020.0), ("2.00m", 120_000.0), (" 1.04s ", 1040.0)],
)
def test_wrk_durations_in_milliseconds(text, ms):
    assert duration_ms(text) == pytest.approx(ms)


def test_a_duration_without_unit_is_refused():
    with pytest.raises(ValueError):
        duration_ms("12")


def test_the_wrk_command_sends_each_header_and_asks_for_percentiles():
    headers = {"HX-Request": "true", "If-None-Match": 'W/"a"'}
    args = command("http://x/", headers, connections=64, duration="60s", timeout="10s")
    assert args == [
        "wrk", "-t2", "-c64", "-d60s", "--timeout=10s", "--latency",
        "-H", "HX-Request: true", "-H", 'If-None-Match: W/"a"', "http://x/",
    ]  # fmt: skip
    # wrk needs a connection for each thread
    assert command("http://x/", {}, connections=1, duration="1s", timeout="2s")[1] == "-t1"


def test_the_rounds_give_medians_and_keep_every_error():
    rounds = [result(100, p99_ms=30), result(300, p99_ms=10, timeouts=2), result(200, p99_ms=20, non_2xx_3xx=1)]
    median = median_result(rounds)
    assert (median.requests_per_second, median.p99_ms, median.p50_ms) == (200, 20, 10)
    assert median.errors == 3
    assert median.requests == 3000


def test_the_ratio_is_to_the_bare_project_of_the_same_run():
    assert ratio_to_bare(result(50), result(2000)) == 0.025
    with pytest.raises(ValueError):
        ratio_to_bare(result(50), result(0, requests=0))


def test_a_clean_fast_page_passes_the_load_run():
    assert load_problems("home", result(500, p99_ms=999)) == []


@pytest.mark.parametrize(
    ("loaded", "said"),
    [
        (result(500, p99_ms=1000), "p99 1.00 s, not under 1.00 s"),
        (result(500, non_2xx_3xx=1), "1 errors in 1,000 requests (1 not 2xx/3xx, 0 socket errors, 0 timeouts)"),
        (result(500, socket_errors=2), "2 socket errors"),
        (result(500, timeouts=3), "3 timeouts"),
        (parse(NOTHING_ANSWERED), "no request answered"),
    ],
)
def test_the_load_run_fails_on_any_error_or_a_slow_p99(loaded, said):
    problems = load_problems("home", loaded)
    assert len(problems) == 1
    assert problems[0].startswith("home: ")
    assert said in problems[0]


def test_the_table_shows_each_figure():
    row = Row.of("home", "warm", result(1234.5, p99_ms=1500), of_bare=0.0421, queries=8)
    assert rows_table([row]).splitlines()[-1] == "| home | warm | 1,234 | 750.0 ms | 1.50 s | 0 | 0.042 | 8 |"


def test_a_poll_answered_200_is_noted_and_a_failing_page_stops_the_run():
    poll = Target("live table fragment, 304", "/matches/1/table/", conditional=True)
    assert poll.note_on(304) == ""
    assert poll.note_on(200) == "answered 200, not 304"
    assert Target("home", "/").note_on(200) == ""
    with pytest.raises(SystemExit, match="home"):
        Target("home", "/").note_on(404)
    with pytest.raises(SystemExit):
        poll.note_on(500)


def test_the_bare_project_is_served_exactly_as_pressbox_is():
    cached = servers.pressbox("cached", "bench.settings")
    bare, pressbox = servers.gunicorn_command(servers.BARE, 8150, 2), servers.gunicorn_command(cached, 8150, 2)
    assert bare[1] == "bench.bare.wsgi:application"
    assert bare[:1] + bare[2:] == pressbox[:1] + pressbox[2:]


def test_the_bare_project_has_startproject_middleware_only():
    from bench.bare import settings

    assert settings.DATABASES == {}
    assert [m.rsplit(".", 1)[-1] for m in settings.MIDDLEWARE] == [
        "SecurityMiddleware", "SessionMiddleware", "CommonMiddleware", "CsrfViewMiddleware",
        "AuthenticationMiddleware", "MessageMiddleware", "XFrameOptionsMiddleware",
    ]  # fmt: skip


def test_make_bench_finds_the_site_benchmark_and_not_its_support():
    found = benchmarks()
    assert found[:2] == ["standings", "site"]  # before the benchmarks that grow the database
    assert {"archive", "search"} <= set(found[2:])
    assert not {"bare", "settings_uncached", "settings", "urls", "wsgi", "common"} & set(found)


@pytest.mark.django_db
def test_the_pages_are_found_in_the_data_not_by_demo_ids():
    match = MatchFactory(home__name="FC Barcelona", home__short_name="Barcelona", away__name="Real Madrid")
    ArticleFactory(published=True, match=MatchFactory(), headline="An older story")
    lead = ArticleFactory(published=True, match=match, is_lead=True, headline="The lead")
    ArticleFactory(match=MatchFactory(), is_lead=True, headline="A draft lead")  # drafts are never public
    QuoteFactory()  # a quote of no article: verified, so public
    quote = QuoteFactory(source_article=lead)
    site = discover()
    assert site.pages["lead article"] == lead.get_absolute_url()
    assert site.pages["match page"] == f"/matches/{match.pk}/"
    assert site.pages["season page"] == match.season.get_absolute_url()
    assert site.pages["club page"] == match.home.get_absolute_url()
    assert site.pages["person page"] == quote.speaker.get_absolute_url()
    assert site.pages["quote page"] == f"/quotes/{quote.pk}/"
    assert site.pages["search"] == "/search/?q=Barcelona+Real+Madrid"
    code, label = match.season.competition.code, match.season.label
    assert site.api["standings API"] == f"/api/v1/competitions/{code}/seasons/{label}/standings"
    assert [t.path for t in site.live_targets()] == [f"/matches/{match.pk}/table/"] * 2 + [
        f"/matches/{match.pk}/score/"
    ] * 2


@pytest.mark.django_db
def test_without_a_lead_the_newest_published_story_about_a_match_leads():
    now = timezone.now()
    ArticleFactory(published=True, match=MatchFactory(), published_at=now - datetime.timedelta(days=2))
    newest = ArticleFactory(published=True, match=MatchFactory(), published_at=now - datetime.timedelta(days=1))
    ArticleFactory(published=True, published_at=now)  # about no match: no match page to go with it
    QuoteFactory()
    assert discover().pages["lead article"] == newest.get_absolute_url()


@pytest.mark.django_db
def test_a_database_without_public_stories_or_quotes_is_named():
    ArticleFactory(match=MatchFactory(), is_lead=True)  # a draft
    with pytest.raises(SystemExit, match="published article"):
        discover()
    ArticleFactory(published=True, match=MatchFactory())
    QuoteFactory(verification=Quote.Verification.REJECTED)
    with pytest.raises(SystemExit, match="public quote"):
        discover()
