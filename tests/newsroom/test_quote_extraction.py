"""Quote extraction (newsroom.quotes): pure tests, no database.

The real articles are read from settings.SHARED_DIR and never copied here: expected quotes are derived from
each file's structure (which paragraphs hold quote marks, read by hand below), the texts by a deliberately
simple oracle, `quoted()`, that reads what lies between a paragraph's marks.
"""

import re
import time
from collections.abc import Iterable
from pathlib import Path

import pytest
from django.conf import settings

from newsroom.quotes import ExtractedQuote, KnownPerson, extract_quotes, split_paragraphs

ANCELOTTI, ALONSO = "Carlo Ancelotti", "Xabi Alonso"


def read_article(name: str) -> str:
    path = Path(settings.SHARED_DIR) / "content" / name
    if not path.exists():
        pytest.skip(f"{path} is not available")
    return path.read_text(encoding="utf-8")


def paragraphs(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def quoted(paragraph: str) -> list[str]:
    """Each “…” (or "…", or mixed) pair of a paragraph, and a last quote left open to the paragraph's end."""
    return [match.group(1).strip() for match in re.finditer(r'[“"]([^”"]*)(?:[”"]|$)', paragraph)]


def triples(quotes: list[ExtractedQuote]) -> list[tuple[int, str | None, str]]:
    return [(quote.paragraph, quote.speaker, quote.text) for quote in quotes]


def only(text: str, known_people: Iterable[KnownPerson] = ()) -> ExtractedQuote:
    quotes = extract_quotes(text, known_people=known_people)
    assert len(quotes) == 1, quotes
    return quotes[0]


# --- The Clasico preview ---------------------------------------------------------------------------------


@pytest.fixture
def clasico() -> str:
    return read_article("clasico-preview.txt")


def clasico_layout(paras: list[str]) -> dict[str, int]:
    """Read by hand: twelve paragraphs hold quote marks, in this order of reading."""
    holding = [index for index, paragraph in enumerate(paras) if quoted(paragraph)]
    assert len(holding) == 12
    names = [
        *("split", "alonso", "run1", "run2", "run3", "run4"),
        *("second", "third", "added", "honeymoon", "more1", "more2"),
    ]
    layout = dict(zip(names, holding, strict=True))
    assert len(quoted(paras[layout["split"]])) == 2  # “A,” Ancelotti said … “B.”
    assert not paras[layout["run1"]].endswith("”") and paras[layout["run4"]].endswith("”")
    assert paras[layout["more2"]].startswith('"')  # opens with a straight mark, closes with a curly one
    return layout


def test_clasico_quotes_in_reading_order(clasico: str) -> None:
    paras = paragraphs(clasico)
    at = clasico_layout(paras)
    first = {key: quoted(paras[at[key]])[0] for key in at}
    run = " ".join(first[key] for key in ("run1", "run2", "run3", "run4"))
    expected = [
        (at["split"], ANCELOTTI, " ".join(quoted(paras[at["split"]]))),
        # '“A,” Alonso said on Friday.' closes inside its paragraph: the quote ends there, and the next paragraph's
        # quote, open over four paragraphs, is a new one by the same speaker.
        (at["alonso"], ALONSO, first["alonso"]),
        (at["run1"], ALONSO, run),
        (at["second"], ALONSO, first["second"]),
        (at["third"], ALONSO, first["third"]),
        (at["added"], ALONSO, first["added"]),
        (at["honeymoon"], ANCELOTTI, first["honeymoon"]),
        (at["more1"], ANCELOTTI, f"{first['more1']} {first['more2']}"),
    ]
    assert triples(extract_quotes(clasico)) == expected


def test_clasico_attributions_and_days(clasico: str) -> None:
    quotes = extract_quotes(clasico)
    hints = [quote.said_on_hint for quote in quotes]
    assert hints == ["Friday", "Friday", None, None, None, None, "Friday", None]
    attributions = [quote.attribution for quote in quotes]
    # The quotes that only continue a speaker's words in a new paragraph have no attribution of their own.
    assert [attribution is None for attribution in attributions] == [
        False,
        False,
        True,
        False,
        True,
        False,
        False,
        True,
    ]
    assert attributions[0] is not None and attributions[0].startswith("Ancelotti") and "Friday" in attributions[0]
    assert attributions[6] is not None and attributions[6].split()[1] == "Ancelotti"  # verb first
    assert [attributions[3], attributions[5]] == ["he said", "he added"]


def test_clasico_context_is_narrative_not_quote(clasico: str) -> None:
    quotes = extract_quotes(clasico)
    for quote in quotes:
        assert quote.context and not any(mark in quote.context for mark in '“”"'), quote
        assert quote.text[:20] not in quote.context
    split = quotes[0]
    assert split.attribution is not None and split.attribution in split.context


def test_clasico_ignores_blank_lines_and_line_endings(clasico: str) -> None:
    expected = triples(extract_quotes(clasico))
    assert triples(extract_quotes(clasico.replace("\n", "\n\n  \n"))) == expected
    assert triples(extract_quotes(clasico.replace("\n", "\r\n"))) == expected


def test_clasico_known_people_win_over_the_text(clasico: str) -> None:
    known = [KnownPerson("Carlo Ancelotti Jr", ("Ancelotti",)), KnownPerson("X. Alonso Olano", ("Alonso", "Xabi"))]
    speakers = {quote.speaker for quote in extract_quotes(clasico, known_people=known)}
    assert speakers == {"Carlo Ancelotti Jr", "X. Alonso Olano"}


# --- The Wikinews report ---------------------------------------------------------------------------------


def test_wikinews_quotes_with_lead_in_attributions() -> None:
    text = read_article("wikinews-wc2018-day5.txt")
    paras = paragraphs(text)
    holding = [index for index, paragraph in enumerate(paras) if quoted(paragraph)]
    assert len(holding) == 2
    coach, last = holding
    kane, maaloul = quoted(paras[last])
    expected = [(coach, "Hernan Dario Gomez", quoted(paras[coach])[0]), (last, "Harry Kane", kane)]
    expected.append((last, "Nabil Maaloul", maaloul))
    quotes = extract_quotes(text)
    assert triples(quotes) == expected
    assert [quote.attribution and quote.attribution.split()[-1] for quote in quotes] == ["said"] * 3
    assert all(quote.said_on_hint is None for quote in quotes)
    assert quotes[1].context.endswith("He said,") and "Harry Kane" in quotes[1].context


# --- Quote marks and pieces --------------------------------------------------------------------------------


def test_split_around_attribution_is_one_quote() -> None:
    quote = only("“We wanted more,” Pat Reyes said after the game. “Next week we go again.”")
    assert (quote.text, quote.speaker) == ("We wanted more, Next week we go again.", "Pat Reyes")
    assert quote.attribution == "Pat Reyes said"


def test_pieces_with_their_own_attributions_stay_apart() -> None:
    text = "“First thing,” Pat Reyes said. “Second thing,” Lou Marsh replied."
    assert triples(extract_quotes(text)) == [(0, "Pat Reyes", "First thing,"), (0, "Lou Marsh", "Second thing,")]


def test_open_quote_runs_over_paragraphs_that_open_with_a_mark() -> None:
    text = 'Pat Reyes spoke for long.\n\n“One thing.\n\n“Two things.\n\n"Three things.”\nAfter that, silence.'
    # A quote right after a paragraph about one person is that person's (the quote after its paraphrase).
    assert triples(extract_quotes(text)) == [(1, "Pat Reyes", "One thing. Two things. Three things.")]


def test_open_quote_stops_before_a_narrative_paragraph() -> None:
    text = "“It was a long season for all of us.\nThe coach left.\n“We will be back next year.”"
    assert [quote.paragraph for quote in extract_quotes(text)] == [0, 2]


def test_quote_closed_after_its_attribution_ends_with_its_paragraph() -> None:
    # A quotation that closes inside a paragraph ends there, even when its sentence ended on a comma: the next
    # paragraph's quote is a new one, by the same speaker.
    text = "“We fought,” Pat Reyes said.\n“We will fight again.”"
    assert triples(extract_quotes(text)) == [(0, "Pat Reyes", "We fought,"), (1, "Pat Reyes", "We will fight again.")]


def test_finished_quote_does_not_run_on_but_passes_its_speaker() -> None:
    text = "“We fought.” Pat Reyes said.\n“We will fight again.”"
    assert triples(extract_quotes(text)) == [(0, "Pat Reyes", "We fought."), (1, "Pat Reyes", "We will fight again.")]


def test_next_paragraph_with_its_own_attribution_is_a_new_quote() -> None:
    text = "“We fought,” Pat Reyes said.\n“We lost,” Lou Marsh said."
    assert triples(extract_quotes(text)) == [(0, "Pat Reyes", "We fought,"), (1, "Lou Marsh", "We lost,")]


def test_mixed_straight_and_curly_marks() -> None:
    text = '"Half straight,” Pat Reyes said. “Half curly," she added.\n“Nested "words" stay inside,” Pat said.'
    assert [quote.text for quote in extract_quotes(text)] == [
        "Half straight,",
        "Half curly,",
        'Nested "words" stay inside,',
    ]


def test_apostrophes_and_ellipsis_do_not_break_quotes() -> None:
    text = "“Let's go, it's the club's night … we\u2019re ready,” the 31-year-old's coach Lou Marsh said."
    quote = only(text)
    assert quote.text == "Let's go, it's the club's night … we\u2019re ready,"
    assert quote.speaker == "Lou Marsh"


# --- Attribution forms --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "speaker", "attribution", "day"),
    [
        ("“We go on,” Reyes said on Monday before training.", "Reyes", "Reyes said on Monday", "Monday"),
        ("“We go on,” said Reyes.", "Reyes", "said Reyes", None),
        ("“We go on,” added Reyes on Tuesday, when she left.", "Reyes", "added Reyes on Tuesday", "Tuesday"),
        ("“We go on,” Reyes told reporters.", "Reyes", "Reyes told reporters", None),
        ("“We go on,” according to Reyes.", "Reyes", "according to Reyes", None),
        ("According to Reyes, “we go on.”", "Reyes", "According to Reyes", None),
        ("Later, Pat Reyes said: “We go on.”", "Pat Reyes", "Pat Reyes said", None),
        (
            'At the end, Pat Reyes, Ruritania coach, said, "We go on."',
            "Pat Reyes",
            "Pat Reyes, Ruritania coach, said",
            None,
        ),
        (
            'At the end, Ruritania\'s coach Pat Reyes said, "We go on."',
            "Pat Reyes",
            "Ruritania's coach Pat Reyes said",
            None,
        ),
        (
            "“We go on,” said the club's former captain Pat Reyes.",
            "Pat Reyes",
            "said the club's former captain Pat Reyes",
            None,
        ),
        ("“We go on,” the coach said.", None, "the coach said", None),
        ("“We go on,” said the 40-year-old Ruritanian.", None, "said the 40-year-old Ruritanian", None),
        ("“We go on,” Reyes told the press on 9 May.", "Reyes", "Reyes told the press on 9 May", "9 May"),
    ],
)
def test_attribution_forms(text: str, speaker: str | None, attribution: str, day: str | None) -> None:
    quote = only(text)
    assert (quote.speaker, quote.attribution, quote.said_on_hint) == (speaker, attribution, day)


def test_lead_in_belongs_to_the_next_quote_not_the_previous() -> None:
    text = 'Pat Reyes said, "Good game today." After that, Lou Marsh said, "Bad game today."'
    assert triples(extract_quotes(text)) == [(0, "Pat Reyes", "Good game today."), (0, "Lou Marsh", "Bad game today.")]


# --- Speakers ------------------------------------------------------------------------------------------------


def test_surname_and_first_name_resolve_to_the_full_name_named_earlier() -> None:
    text = "Pat Reyes and Lou Marsh met.\n“We talked a lot,” Reyes said.\n“We agreed,” Lou said."
    assert [quote.speaker for quote in extract_quotes(text)] == ["Pat Reyes", "Lou Marsh"]


def test_known_people_and_aliases() -> None:
    known = [KnownPerson("Patricia Reyes Ortiz", aliases=("Patri",))]
    assert only("“We talked,” Patri said.", known_people=known).speaker == "Patricia Reyes Ortiz"
    assert only("Pat Reyes came.\n“We talked,” Reyes said.", known_people=known).speaker == "Patricia Reyes Ortiz"
    assert only("“We talked,” Ortiz said.", known_people=known).speaker == "Patricia Reyes Ortiz"


def test_ambiguous_surname_stays_as_written() -> None:
    text = "Pat Reyes and Sam Reyes arrived.\n“We talked,” Reyes said."
    assert only(text).speaker == "Reyes"


def test_a_namesake_is_not_taken_for_a_known_person() -> None:
    known = [KnownPerson("Pat Reyes")]
    assert only("“We talked,” Sam Reyes said.", known_people=known).speaker == "Sam Reyes"


def test_pronoun_takes_the_most_recently_named_person() -> None:
    text = "“First,” Pat Reyes said. Then Lou Marsh, the captain, spoke.\n“Second,” Marsh said.\n“Third,” he added."
    assert [quote.speaker for quote in extract_quotes(text)] == ["Pat Reyes", "Lou Marsh", "Lou Marsh"]
    text = "Captain Lou Marsh sat down.\n“First of all, thanks,” she said."
    assert only(text).speaker == "Lou Marsh"


def test_pronoun_after_a_role_introduced_name() -> None:
    text = 'Ruritania won. Their captain Lou Marsh scored twice. He said, "It was a good night for us."'
    assert only(text).speaker == "Lou Marsh"


@pytest.mark.parametrize(
    "text",
    [
        "“We talked,” he said.",  # nobody named at all
        "Ruritania won at Port Ash. He said, “It was fine.”",  # only a country and a place
        "Captain Lou Marsh met coach Pat Reyes. He said, “It was fine.”",  # two people in the latest sentence
        "“Yes,” the coach said. “No,” he said.",  # the latest speaker has no name
    ],
)
def test_unresolvable_pronoun_gives_no_speaker(text: str) -> None:
    assert extract_quotes(text)[-1].speaker is None


def test_far_antecedent_is_not_used() -> None:
    text = "Captain Lou Marsh arrived.\nRain.\nWind.\nFog.\n“It was fine,” he said."
    assert only(text).speaker is None


# --- What is not a quote -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The fans called the night “unbelievable” after the final whistle.",
        "He was reading “The Long Road Home” on the team bus.",
        "She said it was “the best day” of her life.",
        'A "so-called" crisis.',
    ],
)
def test_scare_quotes_and_titles_are_not_quotes(text: str) -> None:
    assert extract_quotes(text) == []


def test_a_standalone_quoted_sentence_is_a_quote() -> None:
    quote = only("The dressing room was quiet. “We will come back from this.” Nobody answered.")
    assert (quote.text, quote.speaker, quote.attribution) == ("We will come back from this.", None, None)
    assert quote.context == "The dressing room was quiet. Nobody answered."


# --- Hostile input -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "   ", "\n\n\t\n", "“", '"', "”", "“”", '""', "«»"])
def test_empty_or_degenerate_input(text: str) -> None:
    assert extract_quotes(text) == []


def test_markup_is_returned_as_plain_text() -> None:
    text = '<p>“<script>alert("x")</script> is <b>not</b> code,” Pat Reyes said.</p>'
    quote = only(text)
    assert quote.text == '<script>alert("x")</script> is <b>not</b> code,'
    assert quote.speaker == "Pat Reyes"


@pytest.mark.parametrize(
    "text",
    [
        "“Unclosed at the end of everything and more words",
        "Words “one ” two “three” four “five",
        "”Backwards marks“ here” and “there",
        '"a" "b" "c',
    ],
)
def test_unbalanced_quotes_do_not_crash(text: str) -> None:
    for quote in extract_quotes(text):
        assert quote.text and quote.paragraph == 0


def test_extremely_long_line() -> None:
    line = "Pat Reyes said, “" + "we run and we run " * 20_000 + "”"
    quote = only(line)
    assert quote.speaker == "Pat Reyes" and len(quote.text) > 300_000


def test_a_long_run_of_capitals_is_not_a_speaker() -> None:
    assert only("“We go on,” " + "Very " * 40 + "Loud Capitals said.").speaker is None
    assert only("“We go on,” " + "A" * 500 + " said.").speaker is None
    assert only("The captain " + "Kane " * 50 + "arrived. He said, “We go on.”").speaker is None


MEGABYTE = 1_000_000


@pytest.mark.parametrize(
    "text",
    [
        "“" * MEGABYTE,
        '"' * MEGABYTE,
        "Kane " * (MEGABYTE // 5),
        ("Pat Reyes said: “" + "x " * 50 + "” ") * (MEGABYTE // 120),
        "a" + "-" * MEGABYTE,
        "\u2019" * MEGABYTE,
        ("said " * 20 + "“") * (MEGABYTE // 101),
    ],
    ids=["curly-openers", "straight-marks", "capitals", "many-quotes", "dashes", "apostrophes", "verbs-and-openers"],
)
def test_megabyte_pathological_input_completes(text: str) -> None:
    started = time.monotonic()
    assert isinstance(extract_quotes(text), list)
    # Generous on purpose: this catches catastrophic backtracking (hours), not slowness.
    assert time.monotonic() - started < 120


# --- The API's values --------------------------------------------------------------------------------------


def test_split_paragraphs_drops_blank_lines() -> None:
    assert split_paragraphs("  one \n\n\n two\r\nthree\r\r four ") == ["one", "two", "three", "four"]


def test_values() -> None:
    assert KnownPerson("Pat Reyes").aliases == ()
    quote = ExtractedQuote(text="Hi.", speaker=None, paragraph=3)
    assert quote.as_json() == {"text": "Hi.", "speaker": None, "paragraph": 3}
    assert (quote.attribution, quote.context, quote.said_on_hint) == (None, "", None)
