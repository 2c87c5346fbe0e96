# ruff: noqa: RUF001 -- the page prints ranges with en dashes, and the queries test lookalike letters on purpose
"""Site search: what a reader finds, in what order, highlighted how, and what it costs.

The same tests run on both engines and check the branch that engine takes: PostgreSQL's full-text search
(stemming, ranking, ts_headline, the GIN index) where `connection.vendor == "postgresql"`, the substring fallback
on SQLite otherwise. CI runs PostgreSQL and `make test` runs SQLite, so both branches are tested somewhere.
"""

import datetime
import re
from html import unescape

import pytest
from django.db import connection
from django.utils import timezone

from newsroom import search
from newsroom.models import Article
from tests import factories

ON_POSTGRES = connection.vendor == "postgresql"
HOSTILE = "</script><script>alert(1)</script><img src=x onerror=alert(1)>"


def story(headline: str, body: str = "Nothing to see.", *, hours_ago: int = 1, **fields: object) -> Article:
    published = timezone.now() - datetime.timedelta(hours=hours_ago)
    fields = {"status": Article.Status.PUBLISHED, "published_at": published, **fields}
    return factories.ArticleFactory(headline=headline, body=body, standfirst=fields.pop("standfirst", ""), **fields)


def results(client, query: str, **params: str) -> str:
    response = client.get("/search/", {"q": query, **params})
    assert response.status_code == 200
    return response.content.decode()


def headlines(html: str) -> list[str]:
    """The results' headlines as a reader reads them: <mark>s dropped, entities decoded."""
    return [
        unescape(re.sub(r"<[^>]+>", "", h))
        for h in re.findall(r'class="search-hit__headline"><a [^>]+>(.*?)</a>', html)
    ]


# ---- Cleaning the query (no database) ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        ("  Alonso  ", "Alonso"),
        ("Xabi \t\n  Alonso", "Xabi Alonso"),
        ("nul\x00byte", "nulbyte"),
        ("bell\x07 and \u200b zero width", "bell and zero width"),
        ("", ""),
        ("   \n ", ""),
    ],
)
def test_a_query_loses_control_characters_and_extra_space(raw, text):
    assert search.clean_query(raw) == search.Query(text)


def test_a_long_query_is_cut_at_a_word_under_200_characters():
    query = search.clean_query("word " * 100)
    assert query.truncated and len(query.text) <= 200 and query.text.endswith("word")
    unbroken = search.clean_query("x" * 500)
    assert unbroken.truncated and unbroken.text == "x" * 200


def test_terms_are_the_words_without_search_syntax():
    assert search.Query('"Real Madrid\'s" -Alonso OR x:* (Barça)').terms == [
        "real",
        "madrid's",
        "alonso",
        "or",
        "x",
        "barça",
    ]


def test_highlight_escapes_the_text_and_marks_every_term_in_any_case():
    html = search.highlight(f"Alonso {HOSTILE} ALONSO & alonso's", ["alonso"])
    assert "<script>" not in html and "<img" not in html and "&lt;/script&gt;" in html
    assert html.count("<mark>") == 3 and "<mark>ALONSO</mark> &amp;" in html


def test_marked_text_from_postgres_becomes_html_only_through_escaping():
    start, stop = search.START, search.STOP
    html = search.marked_to_html(f"{start}Alonso{stop} <b>bold</b> & {start}<script>{stop} stray{stop}{start}")
    assert html == "<mark>Alonso</mark> &lt;b&gt;bold&lt;/b&gt; &amp; <mark>&lt;script&gt;</mark> stray"


def test_excerpt_starts_a_little_before_the_first_hit():
    text = " ".join(f"w{n}" for n in range(100)) + " Alonso " + " ".join(f"v{n}" for n in range(100))
    excerpt = search.excerpt(text, ["alonso"], words=30)
    assert excerpt.startswith("… w90 ") and "Alonso" in excerpt and excerpt.endswith(" …")
    assert len(excerpt.split()) == 32  # thirty words and two ellipses
    assert search.excerpt("Short text.", ["nowhere"]) == "Short text."


def test_plain_text_drops_markdown_and_html():
    assert search.plain_text("**Xabi** said [this](https://example.com).\n\n<b>raw</b>") == (
        "Xabi said this. <b>raw</b>"
    )


@pytest.mark.parametrize(
    ("fragment", "text"),
    [
        ("said [it](https://example.com", "said it"),  # ts_headline cut the link short
        ("**Xabi Alonso said", "Xabi Alonso said"),  # or the emphasis
        ("Alonso** said", "Alonso said"),
        ("![Flick](photo.jpg) on the touchline", "Flick on the touchline"),
        ("a snake_case name and 5 * 3", "a snake_case name and 5 * 3"),
    ],
)
def test_plain_text_of_a_fragment_shows_no_leftover_markdown(fragment, text):
    assert search.plain_text(fragment) == text


# ---- The page ----------------------------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["", "   ", "\x00"])
def test_an_empty_query_shows_the_prompt_and_asks_the_database_nothing(client, query, django_assert_num_queries):
    story("Alonso leaves Leverkusen")
    with django_assert_num_queries(0):
        html = results(client, query)
    assert "Type a name, a club or a few words" in html
    assert "search-hit" not in html and 'role="status"' not in html
    assert '<link rel="canonical" href="http://testserver/search/">' in html


@pytest.mark.django_db
def test_search_finds_only_published_stories(client):
    story("Alonso published")
    story("Alonso draft", status=Article.Status.DRAFT, published_at=None)
    story("Alonso in review", status=Article.Status.IN_REVIEW, published_at=None)
    story("Alonso scheduled", hours_ago=-2)
    html = results(client, "alonso")
    assert headlines(html) == ["Alonso published"]
    assert "1 story for" in html


@pytest.mark.django_db
def test_a_headline_match_comes_before_a_body_match(client):
    story("Leverkusen news", body="Xabi Alonso will leave.", hours_ago=1)
    story("Alonso to leave Leverkusen", hours_ago=5)
    story("Unrelated story", hours_ago=2)
    assert headlines(results(client, "alonso")) == ["Alonso to leave Leverkusen", "Leverkusen news"]


@pytest.mark.django_db
def test_matches_are_marked_in_the_headline_and_the_excerpt(client):
    story("Alonso to leave Leverkusen", body="Some words first. **Xabi Alonso** said [it](https://example.com).")
    html = results(client, "alonso")
    assert '<a href="/articles/alonso-to-leave-leverkusen/"><mark>Alonso</mark> to leave Leverkusen</a>' in html
    excerpt = re.search(r'class="search-hit__excerpt">(.*?)</p>', html)[1]
    # PostgreSQL may cut the fragment inside the link; either way no Markdown shows.
    assert "Xabi <mark>Alonso</mark> said it" in excerpt and "*" not in excerpt and "](" not in excerpt


@pytest.mark.django_db
def test_nothing_in_a_story_or_a_query_runs_in_the_results(client):
    story(f"Alonso {HOSTILE}", body=f"Alonso {HOSTILE}\n\n<script>alert(2)</script> Alonso", standfirst=HOSTILE)
    for query in ["alonso", f"alonso {HOSTILE}", HOSTILE]:
        html = results(client, query)
        assert "<script>alert" not in html and "<img" not in html, query
    html = results(client, "alonso")
    assert "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        "'; DROP TABLE newsroom_article; --",
        "!!!",
        "x:* | & ! ( ) <-> :",
        '"unclosed phrase',
        "-",
        "or",
        "the",
        "%_%",
        "\\",
        "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 Barça 🏆",
        "\ue000Alonso\ue001",
        "a" * 5000,
        "Alonso " * 1500,  # 10,000 characters
        "Alonso\x00Leverkusen",
        '"to leave" "Leverkusen',
        '-"',
        " ".join(["alonso"] * 300),
    ],
)
def test_odd_and_hostile_queries_never_fail(client, query):
    story("Alonso to leave Leverkusen")
    assert "search-results" in results(client, query)


@pytest.mark.django_db
def test_a_query_over_200_characters_is_cut_and_the_reader_told(client):
    story("Alonso to leave Leverkusen")
    html = results(client, "alonso " * 60)
    assert "Only the first 200 characters of your search were used." in html
    assert "Alonso to leave Leverkusen" in headlines(html)[0]


@pytest.mark.django_db
def test_wildcards_are_plain_characters(client):
    story("Alonso to leave Leverkusen")
    assert "No stories match" in results(client, "%")
    assert "No stories match" in results(client, "_")


@pytest.mark.django_db
def test_results_are_paged_by_ten_and_the_links_keep_the_query(client):
    for n in range(12):
        story(f"Alonso story {n:02}", hours_ago=n + 1)
    first = results(client, "alonso")
    assert len(headlines(first)) == 10 and "1–10 of 12 stories for" in first
    assert 'href="?q=alonso&amp;page=2"' in first and "Next →" in first
    second = results(client, "alonso", page="2")
    assert len(headlines(second)) == 2 and "11–12 of 12" in second and "← Previous" in second
    assert '<link rel="canonical" href="http://testserver/search/?q=alonso&amp;page=2">' in second
    for page in ["0", "99", "abc", "-1"]:
        assert len(headlines(results(client, "alonso", page=page))) in (2, 10), page


@pytest.mark.django_db
def test_htmx_gets_the_results_fragment_with_its_title(client):
    story("Alonso to leave Leverkusen")
    response = client.get("/search/", {"q": "alonso"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert "<html" not in html and "<header" not in html
    assert html.lstrip().startswith("<title>Search: alonso | Pressbox</title>")
    assert 'id="search-results"' in html and "<mark>Alonso</mark>" in html
    assert "HX-Request" in response.headers["Vary"]
    history = client.get(
        "/search/", {"q": "alonso"}, headers={"HX-Request": "true", "HX-History-Restore-Request": "true"}
    )
    assert "<html" in history.content.decode()


@pytest.mark.django_db
def test_the_full_page_searches_without_javascript_and_with_htmx(client):
    html = results(client, "alonso")
    form = re.search(r'<form class="search-form".*?</form>', html, re.S)[0]
    assert 'method="get" action="/search/"' in form and 'name="q" value="alonso"' in form
    assert 'hx-get="/search/"' in form and 'hx-trigger="input changed delay:250ms, search"' in form
    assert 'hx-push-url="true"' in form and 'hx-target="#search-results"' in form
    assert '<meta name="robots" content="noindex, follow">' in html
    assert "masthead-search" not in html  # one search box on the search page


@pytest.mark.django_db
def test_every_other_page_has_the_search_box_in_the_masthead(client):
    html = client.get("/").content.decode()
    box = re.search(r'<form class="masthead-search".*?</form>', html, re.S)[0]
    assert 'role="search"' in box and 'action="/search/"' in box and 'name="q"' in box
    assert '<label class="visually-hidden" for="masthead-q">' in box


@pytest.mark.django_db
@pytest.mark.parametrize("headers", [{}, {"HX-Request": "true"}])
def test_search_query_budget(client, headers, django_assert_num_queries):
    author = factories.AuthorFactory()
    match = factories.MatchFactory()
    section = factories.SectionFactory()
    for size in (3, 12):
        for n in range(size):
            story(f"Alonso {size} {n}", authors=[author], match=match, section=section)
        # The count, the page of stories with section and match, their authors.
        with django_assert_num_queries(3):
            response = client.get("/search/", {"q": "alonso"}, headers=headers)
        assert response.status_code == 200 and "<mark>Alonso</mark>" in response.content.decode()


@pytest.mark.django_db
def test_phrases_and_excluded_words_read_as_web_search_syntax_on_either_engine(client):
    story("Alonso to leave Leverkusen")
    story("Alonso will not leave", body="He stays at Leverkusen.")
    story("Leave it to Alonso", body="Leverkusen again.")
    assert headlines(results(client, '"leave Leverkusen"')) == ["Alonso to leave Leverkusen"]
    assert sorted(headlines(results(client, "alonso leverkusen -stays"))) == [
        "Alonso to leave Leverkusen",
        "Leave it to Alonso",
    ]


@pytest.mark.django_db
def test_past_the_cap_the_count_says_more_than(client, monkeypatch, django_assert_num_queries):
    monkeypatch.setattr(search, "COUNT_CAP", 3)
    for n in range(5):
        story(f"Alonso story {n}", hours_ago=n + 1)
    html = results(client, "alonso")
    assert "more than 3 stories for" in html and len(headlines(html)) == 3
    assert "Next →" not in html
    assert "2 stories for" in results(client, "alonso story -0 -1 -2")


@pytest.mark.django_db
def test_past_the_cap_the_newest_matches_come_first(client, monkeypatch):
    """Ranking would read every match; past the cap the page shows the newest, whatever their rank."""
    monkeypatch.setattr(search, "COUNT_CAP", 2)
    story("Alonso, Alonso, Alonso", body="Alonso.", hours_ago=30)
    story("Leverkusen news", body="Alonso was there.", hours_ago=2)
    story("Alonso leaves", hours_ago=3)
    html = results(client, "alonso")
    assert "more than 2 stories for" in html and "The newest come first" in html
    assert headlines(html) == ["Leverkusen news", "Alonso leaves"]


@pytest.mark.django_db
@pytest.mark.skipif(not ON_POSTGRES, reason="SQLite orders every match by headline hits, not by rank")
def test_within_the_cap_the_best_match_comes_first(client):
    story("Alonso, Alonso, Alonso", body="Alonso.", hours_ago=30)
    story("Leverkusen news", body="Alonso was there.", hours_ago=2)
    assert headlines(results(client, "alonso"))[0] == "Alonso, Alonso, Alonso"


@pytest.mark.django_db
def test_a_search_that_matches_nothing_is_one_query(client, django_assert_num_queries):
    story("Alonso to leave Leverkusen")
    with django_assert_num_queries(1):  # the count
        assert "No stories match" in results(client, "zanzibarian")


# ---- Each engine's own branch ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_each_engine_matches_words_its_own_way(client):
    story("Ancelotti leaves Real Madrid", body="The Italian is leaving.")
    story("Madrid's mood", body="Quiet.")
    if ON_POSTGRES:
        # Full-text search stems: "leaving" finds "leaves"; it matches whole words, so "madr" finds nothing.
        assert headlines(results(client, "leaving")) == ["Ancelotti leaves Real Madrid"]
        assert "No stories match" in results(client, "madr")
        assert "No stories match" in results(client, "ancelotti -madrid")  # websearch syntax: not Madrid
    else:
        # The fallback matches substrings: "leav" finds both forms, "madr" finds both stories.
        assert headlines(results(client, "leav")) == ["Ancelotti leaves Real Madrid"]
        assert sorted(headlines(results(client, "madr"))) == ["Ancelotti leaves Real Madrid", "Madrid's mood"]


@pytest.mark.django_db
def test_every_word_must_be_found_somewhere_in_the_story(client):
    story("Alonso to leave Leverkusen", standfirst="The Spaniard is heading for Madrid.")
    story("Alonso stays", body="No news from Madrid.")
    story("Leverkusen win")
    assert headlines(results(client, "alonso leverkusen")) == ["Alonso to leave Leverkusen"]
    assert sorted(headlines(results(client, "alonso madrid"))) == ["Alonso stays", "Alonso to leave Leverkusen"]


@pytest.mark.django_db
def test_the_search_index_exists_only_where_it_can_be_used():
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, Article._meta.db_table)
    assert ("article_document" in constraints) is ON_POSTGRES
    assert "article_search_vector" not in constraints  # the expression index it replaced


@pytest.mark.django_db
def test_postgres_uses_the_gin_index_for_the_search_query():
    if not ON_POSTGRES:
        # SQLite has no index to use; the fallback scans, and must still answer (the tests above).
        assert search.search_articles(search.clean_query("alonso"), 0, 10).count() == 0
        return
    Article.objects.bulk_create(
        Article(
            headline=f"Story {n}",
            slug=f"story-{n}",
            body="Football words " * 20,
            status=Article.Status.PUBLISHED,
            published_at=timezone.now(),
        )
        for n in range(3000)
    )
    story("Alonso to leave Leverkusen")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE newsroom_article")
    # The count and the candidates both find a rare word's stories through the GIN index on the stored document.
    query = search.clean_query("alonso")
    for plan in (search.search_articles(query, 0, 10).explain(), search.matching(query).explain()):
        assert "article_document" in plan and "to_tsvector" not in plan, plan
