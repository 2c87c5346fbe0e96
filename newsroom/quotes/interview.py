"""Answers printed without quote marks: interviews in Q&A form and reaction quotes under a speaker label.

- Q&A: when at least two paragraphs are questions put by a labelled interviewer ("Q:", "Q.", "Question:", or a
  name or initials whose paragraphs end with "?"), every labelled paragraph that is not a question is an answer,
  a quotation of the label's speaker: "Pat Reyes: We go again.", "PR: We go again.", "A. Reyes- We go again."
  ("A." alone names nobody). The interviewer's questions are not quotations.
- Label lines: a paragraph that is only a speaker label, "Pat Reyes, Ruritania coach" (a role noun in it) or
  "Pat Reyes:" (perhaps with a time, "(01:02)"), followed by a paragraph with no quote mark that is neither a
  label nor a question: that paragraph is the speaker's quotation. A label line followed by quoted paragraphs
  only names their speaker (speakers.py).
Everything here reads a bounded prefix of each paragraph: linear in the text.
"""

from dataclasses import dataclass

from .attribution import parse_label
from .marks import Span

MAX_LABEL_LENGTH = 80
MIN_QUESTIONS = 2
_QUESTION_MARKERS = ("q.", "q:", "question:", "interviewer:")
_ANSWER_MARKERS = ("a.", "a:", "answer:")
_INTERVIEWERS = frozenset(["interviewer", "reporter", "journalist", "host", "moderator", "question", "q", "speaker"])
_QUOTE_MARKS = "“”\"«»\u2018\u2019'"
_SEPARATORS = (":", " - ", " \u2013 ", " \u2014 ", "- ", "\u2013 ", "\u2014 ")


@dataclass(frozen=True, slots=True)
class Turn:
    """A labelled paragraph: who speaks (None for "A." or "Q."), whether it asks, where its words start."""

    paragraph: int
    speaker: str | None
    question: bool
    start: int
    line: bool  # the label is the whole paragraph


@dataclass(frozen=True, slots=True)
class Answer:
    """An answer to report: its paragraph, its words' span and its speaker as printed."""

    paragraph: int
    span: Span
    speaker: str | None


def label_lines(paragraphs: list[str]) -> dict[int, str]:
    """Paragraphs that are only a speaker's label, with the name: they name the speaker of what follows."""
    found = {}
    for index, paragraph in enumerate(paragraphs):
        turn = _turn(index, paragraph)
        if turn and turn.line and turn.speaker and not _interviewer(turn.speaker):
            found[index] = turn.speaker
    return found


def answers(paragraphs: list[str]) -> list[Answer]:
    """The unquoted answers of an interview or under label lines, in reading order (see the module docstring)."""
    turns = {index: turn for index, paragraph in enumerate(paragraphs) if (turn := _turn(index, paragraph))}
    asking = {turn.speaker for turn in turns.values() if turn.question and not turn.line}
    interview = sum(turn.question for turn in turns.values() if not turn.line) >= MIN_QUESTIONS
    found: list[Answer] = []
    for index, turn in turns.items():
        if turn.line:
            answer = _under_line(paragraphs, turns, index, turn)
        elif interview and not turn.question and turn.speaker not in asking:
            answer = Answer(index, _span(paragraphs[index], turn.start), turn.speaker)
        else:
            answer = None
        if answer and paragraphs[answer.paragraph][answer.span.start : answer.span.end].strip():
            found.append(answer)
    return found


def _under_line(paragraphs: list[str], turns: dict[int, Turn], index: int, turn: Turn) -> Answer | None:
    following = index + 1
    if turn.speaker is None or _interviewer(turn.speaker) or following >= len(paragraphs) or following in turns:
        return None
    text = paragraphs[following]
    if any(mark in text for mark in _QUOTE_MARKS[:5]) or text[:1] in _QUOTE_MARKS or text.endswith("?"):
        return None
    return Answer(following, _span(text, 0), turn.speaker)


def _span(paragraph: str, start: int) -> Span:
    while start < len(paragraph) and paragraph[start].isspace():
        start += 1
    # An answer has no marks: its span starts at its first word (Span.mark is then the space or label before it).
    return Span(start, len(paragraph), closed=True)


def _interviewer(name: str) -> bool:
    return name.split()[0].casefold().rstrip(".:") in _INTERVIEWERS


def _turn(index: int, paragraph: str) -> Turn | None:
    """The label opening `paragraph`, if it has one."""
    head = paragraph[:MAX_LABEL_LENGTH]
    lowered = head.casefold()
    marker = next((m for m in _QUESTION_MARKERS + _ANSWER_MARKERS if lowered.startswith(m)), None)
    offset = len(marker) if marker else 0
    question = marker in _QUESTION_MARKERS
    rest = head[offset:]
    cut = min(((rest.find(sep), sep) for sep in _SEPARATORS if rest.find(sep) > 0), default=(-1, ""))
    speaker = None
    start = offset
    if cut[0] > 0:
        prefix = rest[: cut[0]].strip()
        name = parse_label(prefix)
        if name:
            speaker, start = name, offset + cut[0] + len(cut[1])
        elif len(prefix.split()) <= 3 and _timestamp(rest[cut[0] + len(cut[1]) :] or "()"):
            return Turn(index, prefix, False, len(paragraph), True)  # "Speaker 1: (00:02)", a transcript's label
    elif not marker:
        whole = paragraph.strip()
        name = parse_label(whole, role_needed=True) if len(whole) <= MAX_LABEL_LENGTH * 2 else None
        return Turn(index, name, False, len(paragraph), True) if name else None
    if speaker is None and not marker:
        return None
    text = paragraph[start:].strip()
    if not text or _timestamp(text):
        return Turn(index, speaker, question, len(paragraph), True) if speaker else None
    return Turn(index, speaker, question or text.endswith("?"), start, False)


def _timestamp(text: str) -> bool:
    """ "(01:02)", "(00:22):" and the like, after a transcript's label."""
    inner = text.strip().rstrip(":").strip()
    return inner.startswith("(") and inner.endswith(")") and all(c.isdigit() or c in ":.()" for c in inner)
