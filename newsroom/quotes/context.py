"""The sentences around a quote that are not quote: what a journalist needs to cite it."""

import itertools
import re

from .assembly import Draft, Piece
from .marks import find_spans

# Context is a few sentences; on a pathological paragraph we look no further than this either side.
WINDOW = 400
_SENTENCE_BREAK = re.compile(r"(?<=[.!?…])\s+")
_FIRST_SENTENCE_END = re.compile(r"[.!?…](?=\s|$)")


def quote_context(paragraphs: list[str], draft: Draft) -> str:
    """Up to two sentences before the quote (its paragraph only), the attribution between its pieces,
    and the sentence after it unless that sentence leads into another quote.

    When all of those are empty (a quote filling its paragraphs), the closing narrative of the previous
    paragraph, usually the attribution the quote continues from. Whitespace is collapsed.
    """
    parts = [_before(paragraphs, draft.first), *_between(paragraphs, draft.pieces), _after(paragraphs, draft.last)]
    return " ".join(part for part in parts if part) or _previous(paragraphs, draft.first.paragraph - 1)


def _clean(text: str) -> str:
    return " ".join(text.split())


def _before(paragraphs: list[str], piece: Piece) -> str:
    mark = piece.span.mark
    text = paragraphs[piece.paragraph][max(piece.floor, mark - WINDOW) : mark].strip()
    return _clean(" ".join(_SENTENCE_BREAK.split(text)[-2:]))


def _between(paragraphs: list[str], pieces: list[Piece]) -> list[str]:
    gaps = itertools.pairwise(pieces)
    return [_gap(paragraphs, one, two) for one, two in gaps if one.paragraph == two.paragraph]


def _gap(paragraphs: list[str], one: Piece, two: Piece) -> str:
    return _clean(paragraphs[one.paragraph][one.span.after : min(two.span.mark, one.span.after + WINDOW)])


def _after(paragraphs: list[str], piece: Piece) -> str:
    if not piece.span.closed:
        return ""
    start = piece.span.after
    text = paragraphs[piece.paragraph][start : min(piece.ceiling, start + WINDOW)]
    end = _FIRST_SENTENCE_END.search(text)
    if end:
        return _clean(text[: end.end()])
    # No full stop before the next quote: these words introduce that quote, not this one.
    return _clean(text) if piece.ceiling == len(paragraphs[piece.paragraph]) else ""


def _previous(paragraphs: list[str], index: int) -> str:
    if index < 0:
        return ""
    paragraph = paragraphs[index]
    spans = find_spans(paragraph)
    if not spans:
        tail = paragraph[-WINDOW:]
    elif spans[-1].closed and paragraph[spans[-1].after :].strip():
        tail = paragraph[spans[-1].after : spans[-1].after + WINDOW]
    else:
        tail = paragraph[max(0, spans[0].mark - WINDOW) : spans[0].mark]
    return _clean(_SENTENCE_BREAK.split(tail.strip())[-1])
