"""Hostile input on every address of the site and the API: a NUL byte in the path or in any query parameter, and
integers past what a database column holds, are a 400 (JSON under /api/), never a 500."""

from __future__ import annotations

import re
from urllib.parse import quote, urlencode

import pytest
from django.urls import URLPattern

from tests import factories

HUGE = "9223372036854775808"  # 2**63: one past the largest BIGINT
# Every query parameter any page or the API reads, sent to every address: a page that ignores one must still
# answer, and a page that reads one must refuse what it cannot use.
SITE_PARAMETERS = [
    "q", "page", "table", "matchday", "as_of", "round", "speaker", "club", "competition", "date_from",
    "date_to", "occasion", "verification", "order", "status", "cursor", "limit", "offset", "live", "season",
]  # fmt: skip
NUMERIC = {"page", "matchday", "round", "limit", "offset", "cursor"}


@pytest.fixture
def newsroom(db, settings):
    settings.RATE_LIMITS = {"anonymous": 10**6, "journalist": 10**6, "token": 10**6}
    season = factories.SeasonFactory(competition__code="es.1")
    home, away = factories.ClubFactory(slug="barcelona"), factories.ClubFactory(slug="real-madrid")
    match = factories.MatchFactory(season=season, home=home, away=away)
    person = factories.PersonFactory(slug="xabi-alonso")
    article = factories.ArticleFactory(published=True, slug="clasico", match=match)
    quote_ = factories.QuoteFactory(speaker=person, source_article=article, match=match)
    tag, section = factories.TagFactory(slug="la-liga"), factories.SectionFactory(slug="news")
    return {
        "slug": {"club": home.slug, "person": person.slug, "tag": tag.slug, "section": section.slug},
        "article": article.slug,
        "code": season.competition.code,
        "season": season.label,
        "pk": {"match": match.pk, "quote": quote_.pk},
        "match": match,
    }


def site_paths(newsroom) -> list[str]:
    """One real address for each pattern of the public site."""
    values = {
        "article": {"slug": newsroom["article"]},
        "tag": {"slug": newsroom["slug"]["tag"]},
        "section": {"slug": newsroom["slug"]["section"]},
        "club": {"slug": newsroom["slug"]["club"]},
        "club_seasons": {"slug": newsroom["slug"]["club"]},
        "feed_club_rss": {"slug": newsroom["slug"]["club"]},
        "feed_club_atom": {"slug": newsroom["slug"]["club"]},
        "person": {"slug": newsroom["slug"]["person"]},
        "quote": {"pk": newsroom["pk"]["quote"]},
        "preview_link": {"token": "not-a-token"},
        "sitemap_section": {"section": "articles"},
    }
    from django.urls import reverse

    paths = []
    for pattern in site_patterns():
        kwargs = values.get(pattern.name, {})
        converters = pattern.pattern.converters
        for name in converters:
            if name not in kwargs:
                kwargs = {**kwargs, name: guess(name, newsroom)}
        paths.append(reverse(pattern.name, kwargs=kwargs))
    return paths


def guess(name: str, newsroom) -> object:
    return {"pk": newsroom["pk"]["match"], "code": newsroom["code"], "season": newsroom["season"]}[name]


def site_patterns() -> list[URLPattern]:
    from newsroom import site_urls

    return [p for p in site_urls.urlpatterns if isinstance(p, URLPattern)]


def api_operations(client) -> list[tuple[str, str, list[dict]]]:
    """Each GET of the API from its OpenAPI document: its path template and its parameters."""
    schema = client.get("/api/v1/openapi.json").json()
    return [
        (path, "get", operation.get("parameters", []))
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
        if method == "get"
    ]


def api_path(template: str, newsroom) -> str:
    values = {
        "code": newsroom["code"],
        "season": newsroom["season"],
        "slug": newsroom["slug"]["club"],
        "id": newsroom["pk"]["quote"],
        "quote_id": newsroom["pk"]["quote"],
        "match_id": newsroom["pk"]["match"],
    }
    path = re.sub(r"\{(\w+)\}", lambda m: str(values.get(m.group(1), "x")), template)
    return path.replace("/people/" + newsroom["slug"]["club"], "/people/" + newsroom["slug"]["person"])


def with_nul_in_path(path: str) -> str:
    """A NUL inside the path's last segment (or, for the home page, as a segment of its own)."""
    stripped = path.rstrip("/")
    return (stripped or "") + quote("\x00") + ("/" if path.endswith("/") else "")


def assert_refused(response, path: str, *, api: bool) -> None:
    assert response.status_code < 500, f"{path}: {response.status_code}"
    if api:
        assert response["Content-Type"].startswith("application/json"), f"{path}: {response['Content-Type']}"


@pytest.mark.django_db
def test_every_site_address_refuses_a_nul_byte_in_the_path_with_a_400(client, newsroom):
    for path in site_paths(newsroom):
        response = client.get(with_nul_in_path(path))
        assert response.status_code == 400, f"{path}: {response.status_code}"


@pytest.mark.django_db
def test_no_site_address_fails_on_a_nul_byte_in_any_query_parameter(client, newsroom):
    """A page refuses a NUL in a parameter it reads with a 400 naming it, or drops it as the search box drops
    every control character; one it does not read is ignored. A NUL in a parameter's name is a 400."""
    for path in site_paths(newsroom):
        for name in SITE_PARAMETERS:
            response = client.get(f"{path}?{urlencode({name: 'a\x00b'})}")
            assert response.status_code in (200, 302, 400, 404), f"{path}?{name}=NUL: {response.status_code}"
        assert client.get(f"{path}?{urlencode({'a\x00b': '1'})}").status_code == 400


@pytest.mark.django_db
def test_no_site_address_fails_on_a_huge_number_in_any_parameter(client, newsroom):
    for path in site_paths(newsroom):
        for name in NUMERIC:
            response = client.get(f"{path}?{urlencode({name: HUGE})}")
            assert response.status_code < 500, f"{path}?{name}={HUGE}: {response.status_code}"


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["match", "match_score", "match_table", "quote"])
def test_a_huge_number_in_a_site_path_is_not_found(client, newsroom, name):
    from django.urls import reverse

    response = client.get(reverse(name, kwargs={"pk": int(HUGE)}), follow=True)
    assert response.status_code in (400, 404)


@pytest.mark.django_db
def test_every_api_operation_refuses_a_nul_byte_in_the_path_and_in_each_parameter_in_json(client, newsroom):
    operations = api_operations(client)
    assert len(operations) >= 7
    for template, _, parameters in operations:
        path = api_path(template, newsroom)
        if "{" in template:
            response = client.get(with_nul_in_path(path))
            assert response.status_code == 400, f"{path}+NUL: {response.status_code}"
            assert_refused(response, path, api=True)
        for parameter in parameters:
            if parameter["in"] != "query":
                continue
            response = client.get(f"{path}?{urlencode({parameter['name']: 'a\x00b'})}")
            assert 400 <= response.status_code < 500, f"{path}?{parameter['name']}=NUL: {response.status_code}"
            assert_refused(response, path, api=True)


@pytest.mark.django_db
def test_every_api_operation_answers_a_huge_number_in_any_parameter_with_a_4xx_in_json(client, newsroom):
    for template, _, parameters in api_operations(client):
        path = api_path(template, newsroom)
        names = {p["name"] for p in parameters if p["in"] == "query"} | {"limit", "offset", "cursor"}
        for name in sorted(names):
            response = client.get(f"{path}?{urlencode({name: HUGE})}")
            assert_refused(response, f"{path}?{name}={HUGE}", api=True)
        for value in ("-" + HUGE, HUGE):
            response = client.get(re.sub(r"/\d+(?=/|$)", "/" + value, path))
            assert_refused(response, f"{path} with {value}", api=True)


@pytest.mark.django_db
def test_offset_past_two_to_the_63_is_a_400_on_the_api(client, newsroom):
    response = client.get(f"/api/v1/matches?offset={HUGE}")
    assert response.status_code == 400
    assert "offset" in response.json()["detail"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("get", "/api/v1/no-such-thing", 404),
        ("get", "/api/v1/", 404),
        ("delete", "/api/v1/matches", 405),
        ("get", "/api/v1/matches/1/score", 405),
    ],
)
def test_every_error_under_the_api_is_json(client, newsroom, method, path, status):
    response = getattr(client, method)(path)
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["detail"]


@pytest.mark.django_db
def test_an_unexpected_failure_under_the_api_is_a_json_500(client, newsroom, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("matches.api.season_table", broken)
    client.raise_request_exception = False
    response = client.get(f"/api/v1/competitions/{newsroom['code']}/seasons/{newsroom['season']}/standings")
    assert response.status_code == 500
    assert response["Content-Type"].startswith("application/json")
    assert "boom" not in response.content.decode()
