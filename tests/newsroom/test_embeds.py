"""Embeds in an article body: read without the database, checked on save, rendered by the site's templates
after the editor's Markdown is sanitised, and read in a fixed number of queries however many there are."""

import datetime

import pytest

from newsroom.embedded import embed_errors
from newsroom.embeds import EmbedError, ItemRef, TableRef, find_embeds
from newsroom.models import Quote
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
