"""Quoted spans grouped into quotes: one quote may be printed in several pieces.

- "“A,” X said. “B.”": within a paragraph, a piece followed only by its attribution clause continues in the
  next piece, unless that next piece has an attribution of its own.
- A quote still open at the end of a paragraph continues into the next paragraph when that paragraph opens
  with a quote mark. Blank lines are not paragraphs, so they never interrupt.
- "“A,” X said." closing a paragraph is a quote interrupted by its attribution: it continues into the next
  paragraph when that one opens with a quote mark and has no attribution of its own, like a quote split
  around its attribution in one paragraph. A paragraph whose quote ends its sentence ("…world.”") does
  not continue: the next quoted paragraph is a new quote (which usually inherits the speaker, see
  speakers.py).

Which drafts are speech (the rule that keeps scare quotes and titles out): a quote is reported when
  1. an attribution is attached to it (a speech-verb clause right before or right after it), or
  2. it opens its paragraph, or continues a quote left open in the previous paragraph, or
  3. it stands as a sentence of its own: only finished sentences before it in the paragraph, at least
     MIN_STANDALONE_WORDS words, ending with . ! ? or ….
So “unbelievable” or a title in the middle of a sentence is not a quote.
"""

from dataclasses import dataclass

from .attribution import Attribution, after_quote, before_quote
from .marks import Span, find_spans
from .model import Position

MIN_STANDALONE_WORDS = 4
_SENTENCE_ENDS = (".", "!", "?", "…")
# How a piece ends when the sentence goes on after the attribution: "“A,” he said, “b…”".
_UNFINISHED = (",", "\u2013", "\u2014", "-", "…")  # comma, en dash, em dash, hyphen, ellipsis


@dataclass(frozen=True, slots=True)
class Piece:
    """One quoted span. `floor`/`ceiling` bound the narrative around it in its paragraph."""

    paragraph: int
    span: Span
    floor: int
    ceiling: int
    post: Attribution | None
    text: str

    @property
    def opens_paragraph(self) -> bool:
        return self.span.mark == 0


@dataclass(slots=True)
class Draft:
    """A quote being assembled: its pieces in reading order and the lead-in before the first one."""

    pieces: list[Piece]
    lead_in: Attribution | None
    stands_alone: bool

    @property
    def first(self) -> Piece:
        return self.pieces[0]

    @property
    def last(self) -> Piece:
        return self.pieces[-1]

    @property
    def text(self) -> str:
        return " ".join(piece.text for piece in self.pieces)

    @property
    def attribution(self) -> tuple[Position, Attribution] | None:
        """The lead-in, else the first piece's closing attribution, with the position of its subject."""
        if self.lead_in:
            return (self.first.paragraph, self.lead_in.subject.start), self.lead_in
        piece = next((piece for piece in self.pieces if piece.post), None)
        if piece is None or piece.post is None:
            return None
        return (piece.paragraph, piece.post.subject.start), piece.post

    @property
    def is_speech(self) -> bool:
        # Cheap tests first: a quote running over many paragraphs is asked once per paragraph.
        continued = len(self.pieces) > 1
        return continued or self.first.opens_paragraph or self.stands_alone or bool(self.attribution)

    def takes(self, paragraph: str, piece: Piece) -> bool:
        """Whether `piece` continues this quote across an attribution in the same paragraph."""
        last = self.last
        if last.paragraph != piece.paragraph or last.post is None or piece.post is not None:
            return False
        return not paragraph[last.post.end : piece.span.mark].strip()


def assemble(paragraphs: list[str]) -> list[Draft]:
    """Every quoted span of the article grouped into drafts, in reading order (speech or not)."""
    drafts: list[Draft] = []
    carried: Draft | None = None
    for index, paragraph in enumerate(paragraphs):
        carried = _assemble_paragraph(paragraph, pieces_of(index, paragraph), carried, drafts)
    return drafts


def _assemble_paragraph(
    paragraph: str, pieces: list[Piece], carried: Draft | None, drafts: list[Draft]
) -> Draft | None:
    """Adds the paragraph's pieces to `drafts`; returns the draft left open for the next paragraph."""
    current: Draft | None = None
    for piece in pieces:
        if carried and piece.opens_paragraph and (not carried.last.span.closed or piece.post is None):
            carried.pieces.append(piece)
            current = carried
        elif current and current.takes(paragraph, piece):
            current.pieces.append(piece)
        else:
            current = _start(paragraph, piece)
            drafts.append(current)
        carried = None
    if current is None or not current.is_speech:
        return None
    return current if not current.last.span.closed or _interrupted(current.last) else None


def _interrupted(piece: Piece) -> bool:
    """'“A,” X said.' ends a paragraph mid-sentence: the quote goes on in the next paragraph if that one
    opens with a quote mark. The comma (or dash) before the closing mark says the speech is unfinished."""
    return piece.post is not None and piece.text.endswith(_UNFINISHED)


def pieces_of(index: int, paragraph: str) -> list[Piece]:
    """The quoted spans of paragraph `index` with their closing attributions."""
    spans = find_spans(paragraph)
    if not spans:
        return []
    floors = [0, *(span.after for span in spans[:-1])]
    ceilings = [*(span.mark for span in spans[1:]), len(paragraph)]
    return [_piece(index, paragraph, *bounds) for bounds in zip(spans, floors, ceilings, strict=True)]


def _piece(index: int, paragraph: str, span: Span, floor: int, ceiling: int) -> Piece:
    text = " ".join(paragraph[span.start : span.end].split())
    post = after_quote(paragraph, span.after) if span.closed else None
    if post and post.lead_in and not text.endswith(_UNFINISHED):
        # '"…today." Later, X said, "…"': the clause introduces the next quote, not this one.
        post = None
    return Piece(index, span, floor, ceiling, post, text)


def _start(paragraph: str, piece: Piece) -> Draft:
    lead_in = before_quote(paragraph, piece.span.mark, piece.floor)
    return Draft([piece], lead_in, _stands_alone(paragraph, piece))


def _stands_alone(paragraph: str, piece: Piece) -> bool:
    before = paragraph[piece.floor : piece.span.mark].rstrip()
    finished = not before or before.endswith(_SENTENCE_ENDS)
    long_enough = len(piece.text.split(maxsplit=MIN_STANDALONE_WORDS)) >= MIN_STANDALONE_WORDS
    return finished and piece.text.endswith(_SENTENCE_ENDS) and long_enough
