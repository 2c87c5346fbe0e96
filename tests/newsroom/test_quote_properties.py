"""Invariants of the quote extractor over generated text: whatever the article, extraction answers, and what it
answers is found in the article. Pure: no database.

Articles are built from the pieces quotes are made of (quote marks of every kind, balanced or not, speech verbs,
names, pronouns, appositives, interview labels, colons, dashes, line breaks) mixed with any text, so that the
extractor's paths are reached, not only its "no quote here" path (most generated articles hold quotes).
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsroom.quotes import ExtractedQuote, KnownPerson, extract_quotes, split_paragraphs

# Curly, straight and single marks, guillemets and low-9 marks, and their closings (one left open).
OPENING = ["\u201c", '"', "\u2018", "'", "\u00ab", "\u201e", "\u2039"]
CLOSING = ["\u201d", '"', "\u2019", "'", "\u00bb", "\u201c", "\u203a", ""]
NAMES = ["Ancelotti", "Carlo Ancelotti", "Xabi Alonso", "Alonso", "Hansi Flick", "van Gaal", "he", "she", "the club"]
VERBS = ["said", "says", "told reporters", "added", "admitted", "insisted", "said on Monday", ", 43, said"]
WORDS = ["we", "have", "to", "win", "the", "title", "race", "is", "not", "over", "I", "think", "Madrid", "—", "…"]
PUNCTUATION = [".", ",", ":", ";", "?", "!", " ", "\n", "\n\n", "\r\n", "\t", "Q:", "A:", "Ancelotti:", " - "]

words = st.lists(st.sampled_from(WORDS) | st.text(max_size=3), min_size=1, max_size=8).map(" ".join)
ending = st.sampled_from(["", ",", ".", "?", "!", "…"])
quoted = st.builds(
    lambda o, w, e, c: f"{o}{w}{e}{c}", st.sampled_from(OPENING), words, ending, st.sampled_from(CLOSING)
)
attribution = st.builds(lambda n, v: f"{n} {v}", st.sampled_from(NAMES), st.sampled_from(VERBS))
sentence = st.one_of(
    st.builds(lambda q, a: f"{q} {a}.", quoted, attribution),
    st.builds(lambda a, q: f"{a}: {q}", attribution, quoted),
    st.builds(lambda q, a, r: f"{q} {a}, {r}", quoted, attribution, quoted),
    st.builds(lambda n, w: f"{n}: {w}.", st.sampled_from(["Q", "A", "CA", "Ancelotti", "Xabi Alonso"]), words),
    words.map(lambda w: w.capitalize() + "."),
    quoted,
    st.sampled_from(PUNCTUATION),
    st.text(max_size=6),
)
paragraphs = st.lists(sentence, min_size=1, max_size=4).map(" ".join)
ARTICLES = st.one_of(
    st.lists(paragraphs, max_size=6).flatmap(
        lambda ps: st.sampled_from(["\n", "\n\n", "\r\n"]).map(lambda s: s.join(ps))
    ),
    st.text(),
)
PEOPLE = st.lists(
    st.builds(KnownPerson, full_name=st.sampled_from(["Carlo Ancelotti", "Xabi Alonso", "Hansi Flick"])), max_size=3
)


def normalised(text: str) -> str:
    return " ".join(text.split())


def found_in_order(quote: ExtractedQuote, article: str) -> bool:
    """Each word of the quote appears in the article, in the quote's order: a quote split around its attribution
    is its pieces joined by a single space, so the words, not the whole text, are what the article holds."""
    haystack, at = normalised(article), 0
    for word in quote.text.split():
        at = haystack.find(word, at)
        if at < 0:
            return False
        at += len(word)
    return True


@given(ARTICLES, PEOPLE)
@settings(max_examples=400, deadline=None)
def test_extraction_answers_any_text_with_quotes_found_in_it(article, people):
    quotes = extract_quotes(article, known_people=people)

    paragraphs = split_paragraphs(article)
    for quote in quotes:
        assert 0 <= quote.paragraph < len(paragraphs)
        assert quote.text and quote.text == normalised(quote.text)
        assert found_in_order(quote, article), (quote.text, article)
        assert quote.speaker is None or (quote.speaker.strip() == quote.speaker and quote.speaker)
    assert [q.paragraph for q in quotes] == sorted(q.paragraph for q in quotes)


@given(ARTICLES)
@settings(max_examples=100, deadline=None)
def test_extraction_is_the_same_each_time(article):
    assert extract_quotes(article) == extract_quotes(article)
