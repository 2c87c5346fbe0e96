# ruff: noqa: RUF001 -- the site prints scores with en dashes and text with curly quotes, as these tests expect
"""Article bodies from Markdown to safe HTML, and the display helpers and filters that print football: no database."""

import datetime
import re
from pathlib import Path

import pytest
import time_machine
from django.conf import settings

from matches import display
from matches.display import round_label
from matches.models import Competition, Match, Stage
from newsroom.rendering import render_body
from newsroom.templatetags import pressbox
from tests import factories

UTC = datetime.UTC


# ---- Paragraphs ------------------------------------------------------------------------------------------------


def test_paragraphs_become_paragraphs():
    assert render_body("One.\n\nTwo.") == "<p>One.</p>\n<p>Two.</p>"


@pytest.mark.parametrize(
    "body",
    [
        "One.\n\n\n\n\n\n\nTwo.",
        "One.\n\n   \n\t\n\nTwo.",
        "One.\r\n\r\n\r\n\r\nTwo.",
        "\n\n\nOne.\n\nTwo.\n\n\n",
        "One.\n\n\u00a0\n\nTwo.",  # a non-breaking space alone on a line
        "One.\n\n&nbsp;\n\nTwo.",  # the same, typed as an entity
        "One.\n\n\u200b\ufeff\n\nTwo.",  # zero-width characters from a paste
        "One.\n\n<br>\n\nTwo.",
    ],
    ids=["blank-run", "spaces-and-tabs", "crlf", "leading-trailing", "nbsp", "nbsp-entity", "zero-width", "br"],
)
def test_blank_and_invisible_paragraphs_are_never_rendered(body):
    html = render_body(body)
    paragraphs = re.findall(r"<p>(.*?)</p>", html, re.DOTALL)
    assert [p for p in paragraphs if p.strip() and "&lt;br&gt;" not in p] == ["One.", "Two."]
    assert not re.search(r"<p>(\s|&nbsp;)*</p>", html)


@pytest.mark.parametrize("body", ["", "   ", "\n\n\n", "\u00a0\n\n\u00a0"])
def test_an_empty_body_renders_nothing(body):
    assert render_body(body) == ""


def test_the_reference_article_renders_one_paragraph_per_paragraph():
    path = Path(settings.SHARED_DIR) / "content" / "clasico-preview.txt"
    if not path.is_file():
        pytest.skip(f"{path} is not here")
    lines = path.read_text().splitlines()
    paragraphs = [line for line in lines if line.strip()]
    # As stored by import_article: one blank line between paragraphs, here with the file's own blank runs kept.
    html = render_body("\n\n".join(lines))
    assert html.count("<p>") == len(paragraphs)
    assert not re.search(r"<p>\s*</p>", html)


def test_typography_curls_quotes_and_dashes():
    html = render_body('He said "it\'s over" -- and left...')
    assert html == "<p>He said “it’s over” – and left…</p>"


def test_markdown_formatting_is_kept():
    html = render_body('Some *emphasis*, **strength** and a [link](https://example.com/a "A").\n\n> Quoted.')
    assert "<em>emphasis</em>" in html and "<strong>strength</strong>" in html
    assert '<a href="https://example.com/a" title="A" rel="noopener noreferrer nofollow">link</a>' in html
    assert "<blockquote>\n<p>Quoted.</p>\n</blockquote>" in html


def test_headings_start_below_the_pages_headline():
    assert render_body("# Big\n\n## Smaller") == "<h2>Big</h2>\n<h3>Smaller</h3>"


# ---- Sanitising ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        "<script>alert(1)</script>",
        "Text <script>alert(1)</script> more",
        "<img src=x onerror=alert(1)>",
        '<a href="javascript:alert(1)">x</a>',
        "[x](javascript:alert(1))",
        "[x](JaVaScRiPt:alert(1))",
        "[x](data:text/html;base64,PHNjcmlwdD4=)",
        "<javascript:alert(1)>",
        '<div onclick="alert(1)">x</div>',
        "<iframe src=https://evil.example></iframe>",
        '<svg onload="alert(1)"></svg>',
        "<style>body{display:none}</style>",
        '[x](https://ok.example "t" onmouseover=alert(1))',
    ],
)
def test_hostile_markup_never_renders_live(body):
    html = render_body(body)
    # Any "<" left is a real tag (text ones are escaped): only allowed tags, none with an event handler.
    assert set(re.findall(r"</?([a-z0-9]+)", html)) <= {"p", "a"}
    assert not re.search(r"<[^>]*\son\w+\s*=", html)
    assert not re.search(r'href="\s*(javascript|data):', html, re.IGNORECASE)


def test_raw_html_is_shown_as_text_not_run():
    assert render_body("<script>alert(1)</script>") == "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"


def test_only_web_and_mail_links_survive():
    html = render_body("[web](https://a.example) [mail](mailto:x@a.example) [ftp](ftp://a.example) [rel](/quotes/)")
    assert 'href="https://a.example"' in html and 'href="mailto:x@a.example"' in html
    assert 'href="/quotes/"' in html
    assert 'href="ftp:' not in html


# ---- Filters ---------------------------------------------------------------------------------------------------


def clasico(**fields) -> Match:
    la_liga = factories.CompetitionFactory.build(code="es.1", name="LaLiga", short_name="La Liga")
    season = factories.SeasonFactory.build(competition=la_liga)
    defaults = {
        "season": season,
        "round_name": "Matchday 35",
        "matchday": 35,
        "home": factories.ClubFactory.build(name="FC Barcelona"),
        "away": factories.ClubFactory.build(name="Real Madrid CF"),
        "kickoff": datetime.datetime(2025, 5, 11, 14, 15, tzinfo=UTC),
    }
    return factories.MatchFactory.build(**(defaults | fields))


def test_kickoff_is_printed_in_the_competitions_local_time():
    match = clasico()
    assert display.kickoff(match) == "Sunday 11 May 2025, 16:15"
    assert display.kickoff(match, "short") == "Sun 11 May, 16:15"
    assert display.kickoff(match, "day") == "Sun 11 May"
    assert display.kickoff(match, "time") == "16:15"
    assert display.kickoff_iso(match) == "2025-05-11T16:15+02:00"


def test_a_kickoff_time_not_yet_known_prints_the_date_alone():
    match = clasico(kickoff_time_known=False)
    assert display.kickoff(match) == "Sunday 11 May 2025"
    assert display.kickoff(match, "time") == "TBC"
    assert display.kickoff_iso(match) == "2025-05-11"


def test_scores_use_the_counted_score():
    assert display.score(clasico()) == ""
    assert display.score(clasico(status=Match.Status.FINISHED, home_score=4, away_score=3)) == "4–3"
    awarded = clasico(status=Match.Status.AWARDED, home_score=1, away_score=1, home_awarded=0, away_awarded=2)
    assert display.score(awarded) == "0–2"
    assert display.pair(None, None) == ""


def test_publication_dates_are_printed_in_london():
    assert display.local_date(datetime.datetime(2025, 5, 8, 23, 30, tzinfo=UTC)) == "Friday 9 May 2025"
    assert display.local_date(None) == ""


@pytest.mark.parametrize(
    ("names", "expected"),
    [([], ""), (["Ana"], "Ana"), (["Ana", "Ben"], "Ana and Ben"), (["A", "B", "C"], "A, B and C")],
)
def test_bylines_join_names(names, expected):
    assert display.and_list(names) == expected


@time_machine.travel(datetime.datetime(2025, 5, 9, 12, 0, tzinfo=UTC))
def test_age_counts_whole_years():
    assert factories.PersonFactory.build(birth_date=datetime.date(1981, 11, 25)).age == 43
    assert factories.PersonFactory.build(birth_date=datetime.date(1959, 5, 9)).age == 66
    assert factories.PersonFactory.build(birth_date=None).age is None


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.com/a", "https://example.com/a"),
        ("HTTP://example.com", "HTTP://example.com"),
        ("javascript:alert(1)", ""),
        (" javascript:alert(1)", ""),
        ("data:text/html,x", ""),
        ("", ""),
    ],
)
def test_only_web_urls_become_links(url, expected):
    assert pressbox.web_url(url) == expected


@pytest.mark.parametrize(
    ("url_name", "area"),
    [("home", "news"), ("article", "news"), ("season", "competitions"), ("person", "quotes"), (None, ""), ("", "")],
)
def test_nav_area(url_name, area):
    assert pressbox.nav_area(url_name) == area


# ---- Rounds ----------------------------------------------------------------------------------------------------


def ucl_match(**fields) -> Match:
    ucl = factories.CompetitionFactory.build(code="uefa.cl", kind=Competition.Kind.LEAGUE_PHASE_KNOCKOUT)
    return clasico(season=factories.SeasonFactory.build(competition=ucl), **fields)


@pytest.mark.parametrize(
    ("fields", "label"),
    [
        ({"round_name": "League, Matchday 3", "matchday": 3}, "League phase · Matchday 3"),
        ({"round_name": "Finals, Semifinals", "stage": Stage.SEMI_FINAL, "matchday": None, "leg": 2},
         "Semi-final, second leg"),
        ({"round_name": "Playoffs, Matchday 1", "stage": Stage.PLAY_OFF, "matchday": None, "leg": 1},
         "Knockout play-off, first leg"),
        ({"round_name": "Finals, Final", "stage": Stage.FINAL, "matchday": None}, "Final"),
        ({"round_name": "Super Cup", "stage": Stage.OTHER, "matchday": None}, "Super Cup"),
    ],
)  # fmt: skip
def test_round_labels_for_a_cup(fields, label):
    assert round_label(ucl_match(**fields)) == label


def test_a_league_round_is_printed_as_the_competition_names_it():
    assert round_label(clasico()) == "Matchday 35"
