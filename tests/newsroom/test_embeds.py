"""Embeds in an article body: read without the database, checked on save, rendered by the site's templates
after the editor's Markdown is sanitised, and read in a fixed number of queries however many there are."""

import datetime
import re

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import connection, reset_queries
from django.test.utils import CaptureQueriesContext

from matches.actions import record_score
from matches.display import score
from matches.models import Match
from newsroom.actions import import_article
from newsroom.embedded import embed_errors
from newsroom.embeds import EmbedError, ItemRef, TableRef, find_embeds
from newsroom.models import Article, Quote
from newsroom.pages.embeds import BodyEmbeds
from newsroom.rendering import render_body
from tests import factories
from tests.newsroom.test_edit_conflicts import change_url, logged_in, make_editor, open_form

pytestmark = pytest.mark.django_db

# The parser: no database.


def test_each_kind_is_read_with_its_line_number():
    body = (
        "Intro.\n\n{{ table es.1 2024-25 as of 2025-05-10 }}\n{{table es.1 2024-25}}\n"
        "{{ match 1234 }}\n   {{ quote 56 }}\n{{  move   7  }}  "
    )
    embeds, errors = find_embeds(body)
    assert errors == []
    assert [(e.line, e.ref) for e in embeds] == [
        (3, TableRef("es.1", "2024-25", datetime.date(2025, 5, 10))),
        (4, TableRef("es.1", "2024-25", None)),
        (5, ItemRef("match", 1234)),
        (6, ItemRef("quote", 56)),
        (7, ItemRef("move", 7)),
    ]


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("{{ table xx.1 2024-25 as of 2025-13-40 }}", "2025-13-40 is not a date"),
        ("{{ table xx.1 2024-25 as of 10/05/2025 }}", "10/05/2025 is not a date"),
        ("{{ table XX 2024-25 }}", "unknown competition XX"),
        ("{{ table xx.1 24/25 }}", "24/25 is not a season"),
        ("{{ table xx.1 }}", "is not how to embed a table"),
        ("{{ match twelve }}", "“twelve” is not a match number"),
        ("{{ quote 5 6 }}", "is not how to embed a quote"),
        ("{{ video 3 }}", "“video” is not something to embed"),
        ("{{ }}", "is not something to embed"),
    ],
)
def test_a_malformed_embed_is_an_error_naming_its_line(line, problem):
    embeds, errors = find_embeds(f"Intro.\n\n{line}\n")
    assert embeds == []
    assert len(errors) == 1
    assert errors[0].line == 3
    assert str(errors[0]).startswith("Line 3: ")
    assert problem in str(errors[0])


def test_lines_in_code_and_lines_with_more_on_them_are_not_embeds():
    body = (
        "```\n{{ match 1 }}\n```\n"
        "~~~~\n{{ match 2 }}\n```\n{{ match 3 }}\n~~~~\n"
        "Text.\n\n    {{ match 4 }}\n\n"
        "{{ quote 1 }}<script>\n"
        "Before {{ match 5 }} after\n"
        "> {{ match 6 }}\n"
        "{{ match 7 }}\n"
    )
    embeds, errors = find_embeds(body)
    assert errors == []
    assert [(e.line, e.ref) for e in embeds] == [(16, ItemRef("match", 7))]


# Checked on save.


@pytest.fixture
def editor(django_user_model):
    return make_editor(django_user_model, "sid", "Sid", "Lowe")


@pytest.fixture
def season():
    competition = factories.CompetitionFactory(code="es.1", name="LaLiga")
    return factories.SeasonFactory(competition=competition, label="2024-25")


def test_embed_errors_name_what_is_not_there(season):
    match = factories.MatchFactory(season=season)
    body = (
        f"{{{{ match {match.pk} }}}}\n{{{{ match {match.pk + 100} }}}}\n{{{{ table xx.9 2024-25 }}}}\n"
        "{{ table es.1 2019-20 }}\n{{ quote 999 }}\n{{ move 999 }}\n{{ table es.1 2024-25 as of 2025-02-30 }}\n"
        "{{ table es.1 2024-25 }}"
    )
    assert [str(error) for error in embed_errors(body)] == [
        f"Line 2: there is no match {match.pk + 100}",
        "Line 3: unknown competition xx.9",
        "Line 4: there is no es.1 season 2019-20",
        "Line 5: there is no quote 999 that may be cited",
        "Line 6: there is no move 999",
        "Line 7: 2025-02-30 is not a date",
    ]


def test_a_rejected_quote_cannot_be_embedded():
    quote = factories.QuoteFactory(verification=Quote.Verification.REJECTED)
    assert embed_errors(f"{{{{ quote {quote.pk} }}}}") == [
        EmbedError(1, f"there is no quote {quote.pk} that may be cited")
    ]


def test_the_admin_refuses_a_body_whose_embed_points_at_nothing(editor, season):
    article = factories.ArticleFactory(body="Before.")
    client = logged_in(editor)
    form = open_form(client, article)
    body = "Intro.\n\nMore.\n\n{{ table es.1 2024-25 as of 2025-13-40 }}\n\n{{ match 1234 }}"
    response = client.post(change_url(article), form | {"body": body})
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["body"]
    assert errors == ["Line 5: 2025-13-40 is not a date", "Line 7: there is no match 1234"]
    article.refresh_from_db()
    assert article.body == "Before."


def test_the_admin_saves_a_body_whose_embeds_are_all_there(editor, season):
    article = factories.ArticleFactory(body="Before.")
    match = factories.MatchFactory(season=season)
    client = logged_in(editor)
    body = f"Intro.\n\n{{{{ match {match.pk} }}}}\n\n{{{{ table es.1 2024-25 }}}}"
    assert client.post(change_url(article), open_form(client, article) | {"body": body}).status_code == 302
    article.refresh_from_db()
    assert article.body == body


def test_the_body_field_documents_the_syntax(editor):
    article = factories.ArticleFactory()
    response = logged_in(editor).get(change_url(article))
    assert "{{ table es.1 2024-25 as of 2025-05-10 }}" in response.context["adminform"].form.fields["body"].help_text


def test_an_import_is_refused_naming_the_line_of_the_imported_text(season):
    match = factories.MatchFactory(season=season)
    text = f"Headline\n\nFirst.\n{{{{ match {match.pk} }}}}\n\n\n{{{{ quote 999 }}}}\n"
    with pytest.raises(ValidationError) as refused:
        import_article(text=text)
    assert refused.value.messages == ["Line 7: there is no quote 999 that may be cited"]
    assert not Article.objects.exists()
    imported = import_article(text=f"Headline\n\nFirst.\n{{{{ match {match.pk} }}}}\n").article
    assert imported.body.splitlines()[2] == f"{{{{ match {match.pk} }}}}"


# Rendered.


def rendered(body: str) -> str:
    return render_body(body, BodyEmbeds(body).html())


def test_a_match_card_takes_the_place_of_its_line(season):
    match = factories.MatchFactory(season=season, home__name="Barcelona", away__name="Real Madrid", played=True)
    html = rendered(f"Before.\n{{{{ match {match.pk} }}}}\nAfter.")
    assert html.startswith("<p>Before.</p>")
    assert html.endswith("<p>After.</p>")
    assert 'class="match-card"' in html
    assert "Barcelona" in html and "Real Madrid" in html
    assert f">{score(match)}</span>" in html
    assert "{{" not in html


def test_a_table_as_of_a_date_counts_matches_up_to_that_day(season):
    barca, madrid = factories.ClubFactory(name="Barcelona"), factories.ClubFactory(name="Real Madrid")
    season.clubs.add(barca, madrid)
    kickoff = datetime.datetime(2025, 5, 11, 14, 15, tzinfo=datetime.UTC)
    factories.MatchFactory(season=season, home=barca, away=madrid, kickoff=kickoff, played=True)
    before = rendered("{{ table es.1 2024-25 as of 2025-05-10 }}")
    after = rendered("{{ table es.1 2024-25 }}")
    assert "No matches had been played by" in before
    assert 'class="league-table"' in after and ">3</td>" in after
    assert "LaLiga 2024-25" in after


def test_a_quote_and_a_move_render_as_the_site_shows_them():
    quote = factories.QuoteFactory(text="We go again.", speaker__name="Hansi Flick")
    move = factories.ManagerMoveFactory(person__name="Xabi Alonso", to_club__name="Real Madrid")
    factories.ManagerMoveUpdateFactory(move=move, summary="Agreed terms.")
    html = rendered(f"{{{{ quote {quote.pk} }}}}\n\n{{{{ move {move.pk} }}}}")
    assert '<figure class="quote">' in html and "We go again." in html and "Hansi Flick" in html
    assert '<article class="move">' in html and "Xabi Alonso" in html and "Agreed terms." in html


def test_hostile_text_around_and_inside_an_embed_is_inert():
    quote = factories.QuoteFactory(text='<script>alert("q")</script> said it', speaker__name="<b>Bold</b>")
    body = (
        f'{{{{ quote {quote.pk} }}}}<script>alert("x")</script>\n\n'
        f"{{{{ quote {quote.pk} }}}}\n\n<img src=x onerror=alert(1)>"
    )
    html = rendered(body)
    assert "<script" not in html and "<img" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(&quot;q&quot;)&lt;/script&gt; said it" in html
    assert '<figure class="quote">' in html


def test_the_editor_cannot_forge_a_placeholder():
    """A placeholder holds a nonce drawn per rendering: text that looks like one stays text."""
    quote = factories.QuoteFactory(text="Real words.")
    body = f"{{{{ quote {quote.pk} }}}}"
    forged = "embed0000000000000000x1z\n\n" + body
    html = rendered(forged)
    assert html.count('<figure class="quote">') == 1
    assert "embed0000000000000000x1z" in html


def test_an_embed_withdrawn_since_saving_shows_nothing():
    quote = factories.QuoteFactory()
    body = f"Before.\n\n{{{{ quote {quote.pk} }}}}\n\nAfter."
    Quote.objects.filter(pk=quote.pk).update(verification=Quote.Verification.REJECTED)
    assert rendered(body) == "<p>Before.</p>\n<p>After.</p>"


# The article page: a fixed number of queries.


def embedding_article(season, count: int) -> Article:
    lines = []
    for _ in range(count):
        match = factories.MatchFactory(season=season, played=True)
        season.clubs.add(match.home, match.away)
        lines.append(f"{{{{ match {match.pk} }}}}")
        lines.append(f"{{{{ quote {factories.QuoteFactory().pk} }}}}")
        move = factories.ManagerMoveFactory()
        factories.ManagerMoveUpdateFactory(move=move)
        lines.append(f"{{{{ move {move.pk} }}}}")
        lines.append("{{ table es.1 2024-25 as of 2025-05-31 }}")
    body = "Intro.\n\n" + "\n\n".join(lines)
    assert embed_errors(body) == []
    return factories.ArticleFactory(published=True, body=body)


def page_queries(client, django_assert_num_queries, article: Article, expected: int) -> str:
    cache.clear()
    with django_assert_num_queries(expected):
        response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def queries_for(client, url: str) -> int:
    # A request empties the connection's query log as it starts: count from an empty one.
    reset_queries()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def plain_page_queries(client) -> int:
    """What the page of a story without embeds costs, cold: the budget the embeds add to."""
    plain = factories.ArticleFactory(published=True)
    cache.clear()
    return queries_for(client, plain.get_absolute_url())


@pytest.mark.parametrize("count", [1, 5])
def test_the_article_page_reads_its_embeds_in_a_fixed_number_of_queries(
    client, django_assert_num_queries, season, count
):
    article = embedding_article(season, count)
    # The seasons the tables name (1), the matches (1), the quotes (1), the moves and their updates (2), and
    # the one distinct table: its clubs and matches (2; the clubs' read says the season has no deductions).
    html = page_queries(client, django_assert_num_queries, article, plain_page_queries(client) + 7)
    assert html.count('class="match-card"') == count
    assert html.count('class="league-table"') == count
    assert html.count('<article class="move">') == count


def test_a_cached_page_reads_only_which_seasons_it_embeds_and_follows_their_scores(
    client, django_capture_on_commit_callbacks, season
):
    """A warm page names its embedded tables' seasons (one query) to learn their versions from the cache; a
    score in such a season renders the page afresh, the table with it."""
    article = embedding_article(season, 1)
    plain = factories.ArticleFactory(published=True)
    cold = queries_for(client, article.get_absolute_url())
    queries_for(client, plain.get_absolute_url())
    assert queries_for(client, article.get_absolute_url()) == queries_for(client, plain.get_absolute_url()) + 1
    match = season.matches.first()
    with django_capture_on_commit_callbacks(execute=True):
        record_score(match=match, home=5, away=0, minute=90, status=Match.Status.FINISHED)
    assert queries_for(client, article.get_absolute_url()) == cold


def test_a_cached_page_follows_the_score_of_a_match_it_embeds(client, django_capture_on_commit_callbacks, season):
    match = factories.MatchFactory(season=season, status=Match.Status.SCHEDULED)
    article = factories.ArticleFactory(published=True, body=f"{{{{ match {match.pk} }}}}")
    cold = queries_for(client, article.get_absolute_url())
    assert queries_for(client, article.get_absolute_url()) < cold
    with django_capture_on_commit_callbacks(execute=True):
        record_score(match=match, home=1, away=0, minute=10)
    response = client.get(article.get_absolute_url())
    assert f">{score(Match.objects.get(pk=match.pk))}</span>" in response.content.decode()


def test_two_embedded_tables_do_not_share_element_ids():
    from newsroom.pages.embeds import BodyEmbeds

    season = factories.SeasonFactory()
    match = factories.MatchFactory(season=season, played=True)
    season.clubs.add(match.home, match.away)
    code, label = season.competition.code, season.label
    body = f"{{{{ table {code} {label} }}}}\n\nBetween.\n\n{{{{ table {code} {label} }}}}"

    html = "".join(BodyEmbeds(body).html().values())

    ids = re.findall(r'id="([^"]+)"', html)
    assert ids and len(ids) == len(set(ids))
