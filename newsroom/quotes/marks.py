"""Paragraphs and the quote marks in them.

Double marks (curly “ ”, straight ", guillemets « ») and single marks (curly or straight ') both quote: British
house style quotes with single marks and nests double ones inside, American style the reverse. A quotation opened
with one kind closes only with the same kind, so the other kind inside it is a nested quote and stays text; a curly
opening mark inside a quotation it opened opens a nested quote too, which the next closing mark closes.

A single mark is an apostrophe, not a quote mark, when it stands inside a word (don't, Let's), when it elides the
start of a number or word ('90s, 'em), or when a word ending in s owns what follows (the players' union). An
opening single mark counts only if a closing single mark follows it in the paragraph, or if it opens the paragraph
or follows a lead-in's colon, comma or dash (the multi-paragraph convention); otherwise it is an apostrophe too.

Scanning is one pass over the marks of a paragraph (plus one backwards pass to know where closers remain), linear
in its length.
"""

import re
from dataclasses import dataclass

_MARK = re.compile("[\u201c\u201d\"\u00ab\u00bb\u2018\u2019'\u201b]")
_DOUBLE_OPENERS = frozenset("\u201c\u00ab")
_DOUBLE_CLOSERS = frozenset("\u201d\u00bb")
_STRAIGHT = '"'
_SINGLES = frozenset("\u2018\u2019'\u201b")
# What may stand right before an opening mark, and right after a closing one.
_BEFORE_OPENER = frozenset('([{\u2014\u2013-/\u201c"\u00ab')
_AFTER_CLOSER = frozenset(',.;:!?)]}\u2014\u2013-\u2026\u201d"\u00bb')
# What ends a lead-in before a quotation that may stay open to the paragraph's end ("" is the paragraph's start).
_LEAD_INS = ("", ":", ",", "\u2014", "\u2013")
# Elisions that start with an apostrophe: 'em, 'til, 'n', 'cause, 'tis, 'twas.
_ELISIONS = frozenset({"em", "til", "n", "cause", "tis", "twas", "bout", "ere"})


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


def _single_role(paragraph: str, at: int) -> str:
    """'open', 'close', 'either' or '' (an apostrophe) for the single mark at `at`."""
    before = paragraph[at - 1] if at else " "
    after = paragraph[at + 1] if at + 1 < len(paragraph) else " "
    if before.isalnum() and after.isalnum():
        return ""  # don't, Let's, O'Neill
    opens = (before.isspace() or before in _BEFORE_OPENER) and not after.isspace()
    closes = (not before.isspace()) and (after.isspace() or after in _AFTER_CLOSER)
    if opens:
        if after.isdigit() or paragraph[at + 1 : at + 6].split(" ")[0].rstrip(",.;:!?").casefold() in _ELISIONS:
            return ""  # '90s, 'em
        return "either" if closes else "open"
    if closes:
        if before in "sS" and after.isspace() and at + 2 < len(paragraph) and paragraph[at + 2].islower():
            return ""  # the players' union
        return "close"
    return ""


def _double_role(paragraph: str, at: int, mark: str) -> str:
    if mark in _DOUBLE_OPENERS:
        return "open"
    if mark == _STRAIGHT:
        return "either"
    # A closing mark used as an opener (some typesetting does): only where a word starts right after it.
    starts_word = at + 1 < len(paragraph) and not paragraph[at + 1].isspace()
    return "either" if starts_word and (at == 0 or paragraph[at - 1].isspace()) else "close"


def find_spans(paragraph: str) -> list[Span]:
    """Every non-empty top-level quoted span of one paragraph, in order.

    A straight " opens or closes; inside a curly quote it is a nested quote unless no curly closing mark
    follows (an article may open with " and close with ”, or the reverse). A quote still open at the end of the
    paragraph yields an unclosed span.
    """
    marks = [(match.start(), match.group()) for match in _MARK.finditer(paragraph)]
    last_curly_close = max(paragraph.rfind("\u201d"), paragraph.rfind("\u00bb"))
    roles = [
        _single_role(paragraph, at) if mark in _SINGLES else _double_role(paragraph, at, mark) for at, mark in marks
    ]
    # For each single mark, whether a single closer comes later: an opener with none is an apostrophe.
    closer_ahead = [False] * len(marks)
    seen = False
    for index in range(len(marks) - 1, -1, -1):
        closer_ahead[index] = seen
        if marks[index][1] in _SINGLES and roles[index] in ("close", "either"):
            seen = True
    spans: list[Span] = []
    opened_at, single, kind, nested = -1, False, "", 0
    for index, (at, mark) in enumerate(marks):
        role = roles[index]
        is_single = mark in _SINGLES
        if opened_at < 0:
            if role not in ("open", "either"):
                continue
            if is_single and not closer_ahead[index] and paragraph[:at].rstrip()[-1:] not in _LEAD_INS:
                continue  # an apostrophe: nothing closes it, and it neither opens the paragraph nor follows a lead-in
            opened_at, single, kind, nested = at, is_single, mark, 0
        elif mark == kind and kind in _DOUBLE_OPENERS:
            nested += 1  # “… “I am taking this!” …”: a quote nested in the same marks
        elif is_single == single and role in ("close", "either") and _closes(mark, kind, at, last_curly_close):
            if nested and mark in _DOUBLE_CLOSERS:
                nested -= 1
                continue
            spans.append(Span(opened_at + 1, at, closed=True))
            opened_at = -1
    if opened_at >= 0:
        spans.append(Span(opened_at + 1, len(paragraph), closed=False))
    return [span for span in spans if paragraph[span.start : span.end].strip()]


def _closes(mark: str, kind: str, at: int, last_curly_close: int) -> bool:
    if mark in _SINGLES or mark in _DOUBLE_CLOSERS:
        return True
    # Inside a curly quote, a straight mark is nested unless no curly closer follows.
    return mark == _STRAIGHT and (kind == _STRAIGHT or at > last_curly_close)
