"""The quote archive: search and filters, bad input, what is public, exports, the API and citations.

Run on SQLite and PostgreSQL; what only PostgreSQL does (ranking, web-search `or`, headlines) is marked.
"""

import csv
import datetime
import io
import json

import pytest
import time_machine
from django.db import connection
from django.utils import timezone

from newsroom.actions import publish_article, set_quote_verification, unpublish_article
from newsroom.models import Quote
from newsroom.search_terms import search_terms
from tests import factories

pytestmark = pytest.mark.django_db
postgres_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="full-text search is PostgreSQL's")
DAY = datetime.date(2025, 5, 9)


def said(text: str, **fields) -> Quote:
    return factories.QuoteFactory(text=text, **fields)


def listed(client, query: str = "", **headers) -> str:
    response = client.get(f"/quotes/{query}", headers=headers)
    assert response.status_code == 200, response.content.decode()[:500]
    return response.content.decode()


# ---- Search ------------------------------------------------------------------------------------------------


def test_words_are_all_required_and_marked(client):
    said("The title race is not over.")
    said("The race for fourth place.")
    html = listed(client, "?q=title+race")
    assert "is not over" in html and "fourth place" not in html
    assert "<mark>" in html and "1\N{EN DASH}1 of 1 quote" in html


def test_a_phrase_and_an_excluded_word(client):
    said("The title race goes on, said Flick.")
    said("A race for the title.")
    said("The title race in Madrid is over.")
    html = listed(client, '?q="title+race"+-madrid')
    assert "goes on, said Flick." in html and "for the" not in html and "is over." not in html


def test_an_unbalanced_quote_still_searches(client):
    said("The title race goes on.")
    assert "goes on." in listed(client, '?q="title+race')


def test_search_reads_the_name_as_printed_and_the_context(client):
    said("No comment.", speaker=None, speaker_name="Anonymous Director")
    said("Another thing.", context="Asked about the stadium move.")
    assert "No comment." in listed(client, "?q=director")
    assert "Another thing." in listed(client, "?q=stadium")


@postgres_only
def test_postgres_ranks_the_quote_text_above_its_context(client):
    said("Context only.", context="honeymoon talk")
    said("The honeymoon is over.", said_on=datetime.date(2020, 1, 1))
    html = listed(client, "?q=honeymoon&order=relevance")
    assert html.index("The <mark>honeymoon</mark> is over.") < html.index("Context only.")
    html = listed(client, "?q=honeymoon")  # newest first unless asked
    assert html.index("Context only.") < html.index("The <mark>honeymoon</mark> is over.")


@postgres_only
def test_postgres_reads_or(client):
    said("Pressure is a privilege.")
    said("Tactics decide.")
    html = listed(client, "?q=pressure+or+tactics")
    assert "is a privilege." in html and "decide." in html


def test_the_highlight_never_trusts_the_quote(client):
    said('<script>alert("x")</script> pressure')
    html = listed(client, "?q=pressure")
    assert "<script>alert" not in html and "&lt;script&gt;" in html


def test_search_terms_parse_web_search_syntax():
    terms = search_terms('"title race" -madrid or  Pressure "open')
    assert terms.required == ["title race", "pressure", "open"] and terms.excluded == ["madrid"]


# ---- Filters and facets ------------------------------------------------------------------------------------


def test_filters_narrow_and_facets_count(client):
    ancelotti = factories.PersonFactory(name="Carlo Ancelotti", slug="carlo-ancelotti")
    club = factories.ClubFactory(name="Real Madrid", slug="real-madrid")
    said("One.", speaker=ancelotti, club=club, occasion=Quote.Occasion.POST_MATCH, said_on=DAY)
    said("Two.", speaker=ancelotti, club=club, said_on=datetime.date(2024, 1, 1))
    said("Three.", said_on=DAY)
    html = listed(client, "?speaker=carlo-ancelotti&club=real-madrid&date_from=2025-01-01&date_to=2025-12-31")
    assert "One." in html and "Two." not in html and "Three." not in html
    assert '<option value="carlo-ancelotti" selected>Carlo Ancelotti (1)</option>' in html
    html = listed(client, "?occasion=post_match_press_conference")
    assert "One." in html and "Two." not in html
    # The occasion facet counts over the other filters, so the other occasions stay in view.
    assert ">Pre-match press conference (2)</option>" in html


def test_past_the_cap_the_count_says_more_than(client, monkeypatch):
    monkeypatch.setattr("newsroom.archive.COUNT_CAP", 2)
    make_many(3)
    html = listed(client)
    assert "1\N{EN DASH}2 of more than 2 quotes" in html and "among 2 of the matches, a sample" in html


def test_competition_filter_reads_the_match(client):
    match = factories.MatchFactory()
    said("In the cup.", match=match)
    said("Elsewhere.")
    html = listed(client, f"?competition={match.season.competition.code}")
    assert "In the cup." in html and "Elsewhere." not in html


@pytest.mark.parametrize(
    ("query", "parameter", "why"),
    [
        ("?speaker=nobody", "speaker", "There is no speaker"),
        ("?club=no-club", "club", "There is no club"),
        ("?competition=zz.9", "competition", "There is no competition"),
        ("?competition=%3Cb%3E", "competition", "competition code"),
        ("?occasion=party", "occasion", "Select a valid choice"),
        ("?verification=rejected", "verification", "Select a valid choice"),
        ("?date_from=2025-02-30", "date_from", "YYYY-MM-DD"),
        ("?date_to=yesterday", "date_to", "YYYY-MM-DD"),
        ("?date_from=2025-05-10&date_to=2025-05-01", "date_to", "before date_from"),
        ("?q=" + "a" * 10_000, "q", "at most 500 characters"),
        ("?speaker=ancelotti%00", "speaker", "valid"),
        ("?q=we%00are", "q", "Null characters are not allowed"),
    ],
)
def test_bad_parameters_are_a_400_naming_them_everywhere(client, query, parameter, why):
    page = client.get(f"/quotes/{query}")
    assert page.status_code == 400 and f"<code>{parameter}</code>" in page.content.decode()
    assert why in page.content.decode().replace("&#x27;", "'")
    for url in (f"/quotes/export.json{query}", f"/quotes/export.csv{query}", f"/api/v1/quotes{query}"):
        answer = client.get(url)
        assert answer.status_code == 400, url
        assert parameter in [error["parameter"] for error in answer.json()["errors"]], url


@pytest.mark.parametrize("q", ["", " ", "%09", "---", '"', "%22%22", "or", "-", "%E2%80%AE"])
def test_odd_queries_answer_without_failing(client, q):
    said("We are ready.")
    assert client.get(f"/quotes/?q={q}").status_code == 200
    assert client.get(f"/api/v1/quotes?q={q}").status_code == 200
    assert client.get(f"/quotes/export.csv?q={q}").status_code == 200


def test_a_page_past_the_end_lands_on_the_last(client, journalist):
    client.force_login(journalist)
    said("Only one.")
    assert "Only one." in listed(client, "?page=999")


def test_htmx_gets_the_results_with_their_facets(client):
    said("Fragment words.")
    response = client.get("/quotes/?q=fragment", headers={"HX-Request": "true"})
    html = response.content.decode()
    assert "<html" not in html and 'id="quote-results"' in html and 'form="archive-form"' in html
    assert "HX-Request" in response.headers["Vary"]


# ---- What is public ----------------------------------------------------------------------------------------


@time_machine.travel(datetime.datetime(2025, 5, 9, 12, tzinfo=datetime.UTC))
def test_public_is_verified_or_from_a_published_story(client, editor):
    article = factories.ArticleFactory()
    unverified_in_draft = said("Draft words.", source_article=article, verification=Quote.Verification.UNVERIFIED)
    verified_in_draft = said("Checked draft words.", source_article=article)
    unverified_alone = said("Loose words.", verification=Quote.Verification.UNVERIFIED)
    not_a_quote = said("Not a quote.", verification=Quote.Verification.REJECTED)
    assert list(Quote.objects.public()) == []
    later = timezone.now() + datetime.timedelta(hours=2)
    publish_article(article=article, editor=editor, at=later)
    assert list(Quote.objects.public()) == []  # scheduled: not yet
    with time_machine.travel(later + datetime.timedelta(minutes=1)):
        assert set(Quote.objects.public()) == {unverified_in_draft, verified_in_draft}
    unpublish_article(article=article, editor=editor)
    assert list(Quote.objects.public()) == []
    set_quote_verification(quotes=[unverified_alone], verification="verified_recording", editor=editor)
    unverified_alone.refresh_from_db()
    assert list(Quote.objects.public()) == [unverified_alone]
    assert unverified_alone.verified_by == editor and unverified_alone.verified_at is not None
    assert not_a_quote not in Quote.objects.public()


def test_the_name_as_printed_is_filled_from_the_speaker():
    person = factories.PersonFactory(name="Xabi Alonso")
    assert said("Words.", speaker=person).speaker_name == "Xabi Alonso"
    assert said("Words.", speaker=person, speaker_name="Alonso").speaker_name == "Alonso"


def test_the_competition_and_club_are_filled():
    match = factories.MatchFactory()
    person = factories.PersonFactory()
    factories.TenureFactory(person=person, club=match.home, start_date=datetime.date(2020, 1, 1))
    quote = said("Words.", speaker=person, match=match, said_on=DAY)
    assert (quote.competition, quote.club) == (match.season.competition, match.home)


# ---- Exports and the API -----------------------------------------------------------------------------------


def make_many(n: int) -> None:
    for day in range(n):
        said(f"Quote {day:03}.", said_on=DAY - datetime.timedelta(days=day))


def test_anonymous_exports_hold_the_first_page_and_journalists_everything(client, journalist):
    make_many(30)
    response = client.get("/quotes/export.csv")
    assert response.streaming and response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert len(rows) == 25 and rows[0]["text"] == "Quote 000."
    client.force_login(journalist)
    items = json.loads(b"".join(client.get("/quotes/export.json").streaming_content))
    assert len(items) == 30 and [i["text"] for i in items[:2]] == ["Quote 000.", "Quote 001."]
    assert items[0]["said_on"] == "2025-05-09" and items[0]["occasion"] == "pre_match_press_conference"


def test_csv_export_defuses_formulas(client):
    said("=HYPERLINK(1)")
    text = b"".join(client.get("/quotes/export.csv").streaming_content).decode()
    assert "'=HYPERLINK(1)" in text


def test_api_pages_with_a_signed_cursor(client, journalist):
    make_many(30)
    client.force_login(journalist)
    first = client.get("/api/v1/quotes?limit=20").json()
    assert len(first["results"]) == 20 and first["next"]
    second = client.get(first["next"]).json()
    assert [q["text"] for q in second["results"]] == [f"Quote {n:03}." for n in range(20, 30)]
    assert second["next"] is None
    tampered = first["next"].replace("cursor=", "cursor=x")
    assert client.get(tampered).status_code == 400


def test_api_gives_anonymous_clients_the_first_page_only(client):
    make_many(30)
    first = client.get("/api/v1/quotes?limit=100").json()
    assert len(first["results"]) == 25
    refused = client.get(first["next"])
    assert refused.status_code == 403 and "journalist" in refused.json()["detail"]


def test_api_quote_and_schema(client):
    quote = said("One quote.")
    hidden = said("Hidden.", verification=Quote.Verification.REJECTED)
    assert client.get(f"/api/v1/quotes/{quote.pk}").json()["text"] == "One quote."
    assert client.get(f"/api/v1/quotes/{hidden.pk}").status_code == 404
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/quotes" in paths and "/api/v1/quotes/{quote_id}" in paths


# ---- A quote's page ----------------------------------------------------------------------------------------


def test_quote_page_has_citations_and_the_same_occasion(client):
    person = factories.PersonFactory(name="Hansi Flick")
    quote = said("We go again.", speaker=person, said_on=DAY, said_on_precision="month")
    also = said("Same day.", speaker=person, said_on=DAY)
    said("Other day.", speaker=person, said_on=datetime.date(2024, 1, 1))
    html = client.get(quote.get_absolute_url()).content.decode()
    assert "Also said on this occasion" in html and also.text in html and "Other day." not in html
    assert "@misc{pressbox-quote-" in html and "month = may," in html
    assert "&quot;type&quot;: &quot;speech&quot;" in html
    assert "&quot;date-parts&quot;: [\n        [\n          2025,\n          5\n        ]" in html
    assert 'data-copy="citation-bibtex" hidden' in html and 'data-copy="citation-csl" hidden' in html


def test_htmx_gets_a_bad_parameter_as_a_fragment_naming_it(client):
    response = client.get("/quotes/?date_from=2025-13-01", headers={"HX-Request": "true"})
    html = response.content.decode()
    assert response.status_code == 400 and "<html" not in html and "<code>date_from</code>" in html


def test_anonymous_readers_get_the_first_page_and_are_told_why(client, journalist):
    make_many(30)
    html = listed(client, "?page=2")
    assert "Quote 000." in html and "Quote 029." not in html
    assert "Only the first page of a search is open to everyone." in html and 'rel="next"' not in html
    client.force_login(journalist)
    html = listed(client, "?page=2")
    assert "Quote 029." in html and "Quote 000." not in html


# ---- Query budgets: however many quotes match -------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "anonymous", "logged_in"),
    [
        # ids, their rows, their tags; logged in, the session, the user and their permissions (user and groups)
        ("/api/v1/quotes", 3, 3 + 4),
        ("/quotes/export.json", 3, 2 + 4),  # a journalist's export: the rows and their tags, one chunk each
        ("/quotes/export.csv?q=quote", 3, 2 + 4),
    ],
)
def test_api_and_export_budgets(client, journalist, django_assert_num_queries, url, anonymous, logged_in):
    for size in (3, 30):
        make_many(size)
        with django_assert_num_queries(anonymous):
            response = client.get(url)
            b"".join(response.streaming_content) if response.streaming else response.content
    client.force_login(journalist)
    with django_assert_num_queries(logged_in):
        response = client.get(url)
        b"".join(response.streaming_content) if response.streaming else response.content


def test_api_quote_budget(client, django_assert_num_queries):
    quote = said("One.")
    with django_assert_num_queries(2):  # the quote with its related rows, its tags
        assert client.get(f"/api/v1/quotes/{quote.pk}").status_code == 200


# ---- The database's side -----------------------------------------------------------------------------------


def test_the_stored_document_and_its_indexes_exist_only_on_postgres():
    with connection.cursor() as cursor:
        indexes = connection.introspection.get_constraints(cursor, Quote._meta.db_table)
    expected = {"quote_document", "quote_archive_order", "quote_speaker_order", "quote_club_order"}
    assert expected <= set(indexes) if connection.vendor == "postgresql" else not expected & set(indexes)
    quote = said("The honeymoon is over.", context="On the bench.")
    assert Quote.objects.filter(pk=quote.pk).search("honeymoon").exists()


@postgres_only
def test_postgres_searches_through_the_gin_index():
    said("The honeymoon is over.")
    with connection.cursor() as cursor:
        # A test's table is too small for the planner to prefer any index: the question is whether it can use
        # this one for the archive's search, which it can only if the expressions are the same.
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = Quote.objects.search("honeymoon").order_by().explain()
    assert "quote_document" in plan, plan


@postgres_only
def test_the_document_weighs_text_over_name_over_context():
    quote = said("Honeymoon.", speaker=None, speaker_name="Ancelotti", context="Madrid")
    document = Quote.objects.values_list("document", flat=True).get(pk=quote.pk)
    assert document == "'ancelotti':2B 'honeymoon':1A 'madrid':3C"


def test_the_editors_admin_lists_and_filters_quotes(client, editor):
    quote = said("Admin words.", tags=[factories.TagFactory(name="Clasico")])
    client.force_login(editor)
    listing = client.get("/admin/newsroom/quote/?verification__exact=verified_transcript&q=admin")
    assert listing.status_code == 200 and "Admin words." in listing.content.decode()
    assert client.get(f"/admin/newsroom/quote/{quote.pk}/change/").status_code == 200


# ---- Tokens and rate limits on the archive (newsroom.access) ------------------------------------------------


def test_a_personal_token_exports_everything_and_pages_the_api(client, journalist):
    from newsroom.actions import create_api_token

    make_many(30)
    _, secret = create_api_token(owner=journalist, name="Notebook", created_by=journalist)
    auth = {"Authorization": f"Bearer {secret}"}

    rows = list(
        csv.DictReader(
            io.StringIO(b"".join(client.get("/quotes/export.csv", headers=auth).streaming_content).decode())
        )
    )
    assert len(rows) == 30
    first = client.get("/api/v1/quotes?limit=20", headers=auth).json()
    assert len(client.get(first["next"], headers=auth).json()["results"]) == 10


def test_a_writers_token_or_login_gets_first_pages_only(client, writer):
    make_many(30)
    client.force_login(writer)
    assert len(json.loads(b"".join(client.get("/quotes/export.json").streaming_content))) == 25


@pytest.mark.parametrize("url", ["/quotes/", "/quotes/export.csv", "/quotes/export.json"])
def test_a_bad_token_on_the_archive_is_a_401_never_anonymous(client, url):
    response = client.get(url, headers={"Authorization": "Bearer pbx_not-a-real-one"})
    assert response.status_code == 401
    assert "pbx_not-a-real-one" not in response.content.decode()


@pytest.mark.parametrize("url", ["/quotes/", "/quotes/export.csv", "/api/v1/quotes"])
def test_past_the_limit_the_archive_answers_429_with_retry_after(client, settings, url):
    settings.RATE_LIMITS = {"anonymous": 2, "journalist": 4, "token": 4}
    said("Within the limit.")
    assert [client.get(url).status_code for _ in range(2)] == [200, 200]
    refused = client.get(url)
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert Quote.objects.count() == 1
