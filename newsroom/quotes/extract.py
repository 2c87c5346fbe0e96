"""Quote extraction: the quotes of a plain-text article, who said them, and where.

Pure: strings in, frozen dataclasses out; no ORM. Runs in time roughly linear in the text: every regex
is free of nested ambiguous repetition and every look-around a quote does is bounded.
See assembly.py for what counts as one quote, speakers.py for who said it, context.py for context.
"""

from collections.abc import Iterable

from .assembly import Draft, Piece, assemble
from .context import quote_context
from .interview import answers, label_lines
from .marks import split_paragraphs
from .model import ExtractedQuote, KnownPerson
from .speakers import assign_speakers


def extract_quotes(text: str, *, known_people: Iterable[KnownPerson] = ()) -> list[ExtractedQuote]:
    """The quotes of `text`, in reading order.

    `text` is a plain-text article whose paragraphs are its non-blank lines (any text is accepted,
    including empty, unbalanced or markup-laden input; nothing is interpreted). `known_people` lets
    surnames and aliases resolve to full names, and takes precedence over names found in the text.
    """
    paragraphs = split_paragraphs(text)
    drafts = _with_answers(paragraphs, assemble(paragraphs))
    speech = [draft for draft in drafts if draft.is_speech]
    speakers = assign_speakers(paragraphs, drafts, known_people, label_lines(paragraphs))
    return [_quote(paragraphs, draft, speaker) for draft, speaker in zip(speech, speakers, strict=True)]


def _with_answers(paragraphs: list[str], drafts: list[Draft]) -> list[Draft]:
    """The drafts and the unquoted answers (interview.py), in reading order; an answer paragraph's own quote
    marks are nested quotes of the answer, not quotes of their own."""
    found = answers(paragraphs)
    if not found:
        return drafts
    answered = {answer.paragraph for answer in found}
    kept = [draft for draft in drafts if draft.first.paragraph not in answered]
    for answer in found:
        text = " ".join(paragraphs[answer.paragraph][answer.span.start : answer.span.end].split())
        piece = Piece(answer.paragraph, answer.span, 0, len(paragraphs[answer.paragraph]), None, text)
        kept.append(Draft([piece], None, False, label=answer.speaker or ""))
    return sorted(kept, key=lambda draft: (draft.first.paragraph, draft.first.span.start))


def _quote(paragraphs: list[str], draft: Draft, speaker: str | None) -> ExtractedQuote:
    found = draft.attribution
    attribution = found[1] if found else None
    return ExtractedQuote(
        text=draft.text,
        speaker=speaker,
        paragraph=draft.first.paragraph,
        attribution=attribution.phrase if attribution else None,
        context=quote_context(paragraphs, draft),
        said_on_hint=attribution.said_on if attribution else None,
    )
