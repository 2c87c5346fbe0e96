"""Paragraphs and the quote marks in them.

Double quote marks only: curly “ ”, straight ", and guillemets « ». Single quotes, curly or straight, are
never quote marks, so apostrophes in "Let's" or "Real's" cannot break a quote. Scanning is one pass over the marks of a
paragraph, linear in its length.
"""

import re
from dataclasses import dataclass

_MARK = re.compile(r'[“”"«»]')
_OPENERS = frozenset("“«")
_CLOSERS = frozenset("”»")
_STRAIGHT = '"'


@dataclass(frozen=True, slots=True)
class Span:
    """Quoted text in one paragraph: `paragraph[start:end]` lies inside the marks.

    `start - 1` is the opening mark; `end` is the closing mark, or the paragraph's length when the quote
    is still open at the end of the paragraph (`closed` False).
    """

    start: int
    end: int
    closed: bool

    @property
    def mark(self) -> int:
        return self.start - 1

    @property
    def after(self) -> int:
        """Offset of the first character after the quote (past the closing mark)."""
        return self.end + 1 if self.closed else self.end


def split_paragraphs(text: str) -> list[str]:
    """The paragraphs of a plain-text article: its non-blank lines, stripped, in order.

    Blank lines only separate, so a run of them neither makes paragraphs nor shifts indexes. Line ends
    may be \\n, \\r\\n or \\r; other Unicode line separators stay inside their paragraph.
    """
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return [line.strip() for line in lines if line.strip()]


def find_spans(paragraph: str) -> list[Span]:
    """Every non-empty quoted span of one paragraph, in order.

    A straight " opens or closes; inside a curly quote it is a nested quote unless no curly closing mark
    follows (an article may open with " and close with ”, or the reverse). An opening mark inside an open
    quote is kept as text. A quote still open at the end of the paragraph yields an unclosed span.
    """
    last_curly_close = max(paragraph.rfind("”"), paragraph.rfind("»"))
    spans: list[Span] = []
    opened_at, kind = -1, ""
    for match in _MARK.finditer(paragraph):
        at, mark = match.start(), match.group()
        if opened_at < 0:
            if _can_open(paragraph, at, mark):
                opened_at, kind = at, mark
        elif _closes(mark, kind, at, last_curly_close):
            spans.append(Span(opened_at + 1, at, closed=True))
            opened_at = -1
    if opened_at >= 0:
        spans.append(Span(opened_at + 1, len(paragraph), closed=False))
    return [span for span in spans if paragraph[span.start : span.end].strip()]


def _can_open(paragraph: str, at: int, mark: str) -> bool:
    if mark in _OPENERS or mark == _STRAIGHT:
        return True
    # A closing mark used as an opener (some typesetting does): only where a word starts right after it.
    starts_word = at + 1 < len(paragraph) and not paragraph[at + 1].isspace()
    return starts_word and (at == 0 or paragraph[at - 1].isspace())


def _closes(mark: str, kind: str, at: int, last_curly_close: int) -> bool:
    if mark in _CLOSERS:
        return True
    if mark == _STRAIGHT:
        return kind == _STRAIGHT or at > last_curly_close
    return False
