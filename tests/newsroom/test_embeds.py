"""Embeds in an article body: read without the database, checked on save, rendered by the site's templates
after the editor's Markdown is sanitised, and read in a fixed number of queries however many there are."""

import datetime

import pytest

from newsroom.embeds import ItemRef, TableRef, find_embeds

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
