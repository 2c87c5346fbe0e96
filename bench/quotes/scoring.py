"""How extracted quotes are scored against the labels: pure functions, no Django.

A label is (paragraph, speaker, SHA-256 of the quote's normalised text). A predicted quote matches a label when
it starts in the same paragraph and its normalised text has the same digest; each label is matched at most once.

Normalising forgives only what a reader would not call a different quote:
  - Unicode compatibility forms (NFKC), and case;
  - the glyph of a quote mark or apostrophe (curly, low and prime single marks are ', curly, low and angle
    double marks are ");
  - runs of whitespace (one space), and whitespace or the punctuation , ; : . dashes … " ' at either end, so that
    "We go again," (split before its attribution) and "We go again." are the same quote.
Every word, and every mark inside the quote, must be the same.

Speakers are compared the same way as names: case, accents and spacing ignored ("LOUIS VAN GAAL" is
"Louis van Gaal"); None (the text never says who) must be predicted as None.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

_SINGLE = dict.fromkeys(map(ord, "\u2018\u2019\u201a\u201b\u2032\u0060\u00b4"), "'")
_DOUBLE = dict.fromkeys(map(ord, "\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033"), '"')
_ENDS = " ,;:.\u2013\u2014-\u2026\"'"


def normalise(text: str) -> str:
    """The comparison form of a quote's text (see the module docstring)."""
    text = unicodedata.normalize("NFKC", text).translate(_SINGLE).translate(_DOUBLE)
    return " ".join(text.split()).strip(_ENDS).casefold()


def digest(text: str) -> str:
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()


def name_form(name: str | None) -> str | None:
    """A speaker's comparison form: accents, case and spacing dropped."""
    if name is None:
        return None
    decomposed = unicodedata.normalize("NFKD", name.translate(_SINGLE))
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).casefold().split())


def text_digest(paragraphs: Iterable[str]) -> str:
    """A digest of an article's text, to tell whether a fetched copy is the text that was labelled."""
    return hashlib.sha256("\n".join(" ".join(p.split()) for p in paragraphs).encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Label:
    paragraph: int
    speaker: str | None
    sha256: str


@dataclass(frozen=True, slots=True)
class Predicted:
    paragraph: int
    speaker: str | None
    text: str


@dataclass(slots=True)
class Score:
    labelled: int = 0
    predicted: int = 0
    matched: int = 0
    right_speaker: int = 0

    def add(self, other: Score) -> None:
        self.labelled += other.labelled
        self.predicted += other.predicted
        self.matched += other.matched
        self.right_speaker += other.right_speaker

    @property
    def precision(self) -> float | None:
        return self.matched / self.predicted if self.predicted else None

    @property
    def recall(self) -> float | None:
        return self.matched / self.labelled if self.labelled else None

    @property
    def speaker_accuracy(self) -> float | None:
        return self.right_speaker / self.matched if self.matched else None


@dataclass(frozen=True, slots=True)
class Outcome:
    score: Score
    missed: list[Label]
    wrong: list[Predicted]  # predicted quotes that match no label
    misattributed: list[tuple[Label, Predicted]]


def score(labels: Sequence[Label], predicted: Sequence[Predicted]) -> Outcome:
    """One article's predictions against its labels (see the module docstring)."""
    open_labels = dict(enumerate(labels))
    wrong: list[Predicted] = []
    misattributed: list[tuple[Label, Predicted]] = []
    result = Score(labelled=len(labels), predicted=len(predicted))
    for quote in predicted:
        key = (quote.paragraph, digest(quote.text))
        found = next((i for i, label in open_labels.items() if (label.paragraph, label.sha256) == key), None)
        if found is None:
            wrong.append(quote)
            continue
        label = open_labels.pop(found)
        result.matched += 1
        if name_form(label.speaker) == name_form(quote.speaker):
            result.right_speaker += 1
        else:
            misattributed.append((label, quote))
    return Outcome(result, list(open_labels.values()), wrong, misattributed)
