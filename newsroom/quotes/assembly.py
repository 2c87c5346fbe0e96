"""Quoted spans grouped into quotes: one quote may be printed in several pieces.

The paragraph rule:
- A quotation that closes inside a paragraph ends there. Within the paragraph, a piece followed only by its
  attribution clause continues in the next piece ("“A,” X said. “B.”"), unless that next piece has an
  attribution of its own.
- A new paragraph that opens with a quote mark starts a new quotation, even by the same speaker (speakers.py
  lets it inherit the speaker), unless the previous paragraph left its quotation open: then it continues it
  (the multi-paragraph convention: every paragraph opens, only the last closes). Blank lines are not
  paragraphs, so they never interrupt.

Which drafts are speech (the rule that keeps scare quotes and titles out): a quote is reported when
  1. an attribution is attached to it (a speech-verb clause or a label right before it, a clause right after),
  2. it opens its paragraph, or continues a quote left open in the previous paragraph, or
  3. it stands as a sentence of its own: only finished sentences (or a colon) before it in the paragraph, at least
     MIN_STANDALONE_WORDS words, ending with . ! ? or …, or
  4. it is a phrase of at least MIN_PARTIAL_WORDS words inside reported speech ("X said the player was “in the
     hospital for an X-ray”"): a quotation of its own, attributed to X.
  5. it follows a colon and is left open at the end of its paragraph ("a statement which read: “…"): a
     quotation running on.
A quote of MAX_SCARE_WORDS words or fewer inside a sentence with no attribution is a scare quote or a title, never
reported. A narrative paragraph that ends with a lead-in ("Talking about his opponents, he said,") attributes the
quote that opens the next paragraph.
"""

from dataclasses import dataclass

from .attribution import Attribution, after_quote, before_quote, reported, speaks_at_end
from .marks import Span, find_spans
from .model import Position

MIN_STANDALONE_WORDS = 4
MIN_PARTIAL_WORDS = 4
MAX_SCARE_WORDS = 3
_SENTENCE_ENDS = (".", "!", "?", "…")
# How a piece ends when the sentence goes on after the attribution: "“A,” he said, “b…”".
_UNFINISHED = (",", "!", "?", "\u2013", "\u2014", "-", "…")
# What the narrative before a quotation ends with when it introduces it or ends a sentence.
_OPENS_QUOTE = (*_SENTENCE_ENDS, ":", ",", "\u2013", "\u2014", "-")


@dataclass(frozen=True, slots=True)
class Piece:
    """One quoted span. `floor`/`ceiling` bound the narrative around it in its paragraph."""

    paragraph: int
    span: Span
    floor: int
    ceiling: int
    post: Attribution | None
    text: str
    after_colon: bool = False  # the narrative right before the opening mark ends with a colon

    @property
    def opens_paragraph(self) -> bool:
        return self.span.mark == 0


@dataclass(slots=True)
class Draft:
    """A quote being assembled: its pieces in reading order and what introduces the first one.

    `lead_in` is a clause or label before the first piece; `reported` the speech verb of the sentence a partial
    quote stands in; `label` the speaker of an answer printed without quote marks (interview.py).
    """

    pieces: list[Piece]
    lead_in: Attribution | None
    stands_alone: bool
    reported: Attribution | None = None
    label: str | None = None
    # A narrative paragraph that ends by introducing this quote: "Talking about his opponents, he said,".
    introduced: tuple[Position, Attribution] | None = None

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
        """The lead-in, else the first closing attribution, else the reported speech, with its subject's position."""
        if self.lead_in:
            return (self.first.paragraph, self.lead_in.subject.start), self.lead_in
        piece = next((piece for piece in self.pieces if piece.post), None)
        if piece is not None and piece.post is not None:
            return (piece.paragraph, piece.post.subject.start), piece.post
        if self.reported:
            return (self.first.paragraph, self.reported.subject.start), self.reported
        return self.introduced

    @property
    def is_speech(self) -> bool:
        if self.label is not None or len(self.pieces) > 1:
            return True
        if self.lead_in is not None or self.first.post is not None or self.first.opens_paragraph:
            return True
        if self.first.after_colon and not self.first.span.closed:
            return True  # 'a statement which read: "…' left open: a quotation running on
        if len(self.first.text.split(maxsplit=MAX_SCARE_WORDS)) <= MAX_SCARE_WORDS:
            return False  # a scare quote or a title inside a sentence
        return self.stands_alone or self.reported is not None

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
    introduction: tuple[Position, Attribution] | None = None
    for index, paragraph in enumerate(paragraphs):
        pieces = pieces_of(index, paragraph)
        count = len(drafts)
        carried = _assemble_paragraph(paragraph, pieces, carried, drafts)
        if introduction and len(drafts) > count and drafts[count].first.opens_paragraph:
            drafts[count].introduced = introduction
        introduction = None if pieces else _introduction(index, paragraph)
    return drafts


def _introduction(index: int, paragraph: str) -> tuple[Position, Attribution] | None:
    """A narrative paragraph that ends with a lead-in ("Talking about his opponents, he said,"), introducing the
    quote that opens the next paragraph."""
    if not paragraph.endswith((",", ":")) or not speaks_at_end(paragraph):
        return None
    found = before_quote(paragraph, len(paragraph), 0)
    return ((index, found.subject.start), found) if found else None


def _assemble_paragraph(
    paragraph: str, pieces: list[Piece], carried: Draft | None, drafts: list[Draft]
) -> Draft | None:
    """Adds the paragraph's pieces to `drafts`; returns the draft left open for the next paragraph."""
    current: Draft | None = None
    for piece in pieces:
        if carried and piece.opens_paragraph:
            carried.pieces.append(piece)
            current = carried
        elif current and current.takes(paragraph, piece):
            current.pieces.append(piece)
        else:
            current = _start(paragraph, piece)
            drafts.append(current)
        carried = None
    if current is None or current.last.span.closed or not current.is_speech:
        return None
    return current


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
    unfinished = text.endswith(_UNFINISHED)
    post = after_quote(paragraph, span.after, ceiling, unfinished) if span.closed else None
    if post and post.lead_in and not unfinished:
        # '"…today." Later, X said, "…"': the clause introduces the next quote, not this one.
        post = None
    before = paragraph[floor : span.mark].rstrip()
    if (
        post
        and before
        and not before.endswith(_OPENS_QUOTE)
        and len(text.split(maxsplit=MAX_SCARE_WORDS)) <= MAX_SCARE_WORDS
    ):
        # 'she found it “cringey” she said. “…”': a scare quote inside a sentence, not a quotation, so the clause
        # after it cannot join it to the next quote.
        post = None
    after_colon = before.endswith(":")
    return Piece(index, span, floor, ceiling, post, text, after_colon)


def _start(paragraph: str, piece: Piece) -> Draft:
    lead_in = before_quote(paragraph, piece.span.mark, piece.floor)
    draft = Draft([piece], lead_in, _stands_alone(paragraph, piece))
    unattributed = lead_in is None and piece.post is None and not piece.opens_paragraph and not draft.stands_alone
    if unattributed and len(piece.text.split(maxsplit=MIN_PARTIAL_WORDS)) >= MIN_PARTIAL_WORDS:
        draft.reported = reported(paragraph, piece.span.mark, piece.floor)
    return draft


def _stands_alone(paragraph: str, piece: Piece) -> bool:
    before = paragraph[piece.floor : piece.span.mark].rstrip()
    # After a colon a whole sentence in marks is a quotation too: "The club's statement: “We thank him.”"
    finished = not before or before.endswith((*_SENTENCE_ENDS, ":"))
    long_enough = len(piece.text.split(maxsplit=MIN_STANDALONE_WORDS)) >= MIN_STANDALONE_WORDS
    return finished and piece.text.endswith(_SENTENCE_ENDS) and long_enough
