"""Who said each quote.

For each quote, in reading order:
  1. an attribution naming someone ("Reyes said"): that name resolved by NameBook (known people first,
     then a full name the text spells out, else the name as written);
  2. an attribution with a pronoun ("she said", "He said,"): the person most recently named before it, in
     the narrative or as an earlier quote's speaker, within PRONOUN_REACH paragraphs (of the end of a quote
     running over several); when the latest sentence naming people names several, the one it says spoke if
     only one did ("Vos said, thanking Brandt"), else the speaker of the latest quote if among them, else None;
     None when the latest quote had no known speaker;
  3. an attribution with a description ("the coach said", "the Portuguese added", "the 43-year-old said"):
     the person last named in that role ("coach Pat Reyes") if the description has a role noun, else the
     person a pronoun there would stand for, the sentence's subject (the person it opens with) preferred;
     None when the article never says who, and None for a body ("the club said in a statement": the speaker
     is a person);
  4. an answer under a label ("Pat Reyes:", "PR:", a label line): the label's name (initials resolve to the
     one full name in the text with those initials);
  5. no attribution, right after a label line: the label's name;
  6. no attribution, the quote opens its paragraph and the previous paragraph held a quote: that quote's
     speaker (the convention for speech running over paragraphs); the previous paragraph held no quote but its
     last sentence naming people names one person: that person (a quote after its paraphrase); else the
     person a pronoun there would stand for (the last person quoted or named, if in reach and alone);
  7. otherwise None: never a guess.
A narrative name counts as a person only if it is a known person, a resolved speaker, a label's name, follows a
role noun or a title ("captain Lou Marsh", "Sir Pat Reyes"), or is the subject of a speech verb ("Reyes told a
news conference"), so clubs and places never answer a pronoun.
"""

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator

from .assembly import Draft
from .marks import Span
from .model import KnownPerson, Position
from .names import NameBook, NameRun, People, Token, name_runs, plausible_name, tokenize
from .vocabulary import (
    ADVERBS,
    AUXILIARIES,
    DETERMINERS,
    MODIFIERS,
    ORGANISATION_NOUNS,
    ROLE_NOUNS,
    SPEECH_VERBS,
)

PRONOUN_REACH = 2
MAX_WORDS_BEFORE_SUBJECT = 6
MAX_CHARS_BEFORE_SUBJECT = 80
# Words that may open a sentence before its subject: "And Reyes …", "However, Reyes …".
_OPENERS = frozenset({"and", "but", "so", "however", "meanwhile", "then", "yet"})
_SENTENCE_END = re.compile(r"[.!?…]")

type Narrative = list[tuple[Position, NameRun]]
type Sighting = tuple[Position, frozenset[str]]


def assign_speakers(
    paragraphs: list[str],
    drafts: list[Draft],
    known_people: Iterable[KnownPerson],
    labels: dict[int, str] | None = None,
) -> list[str | None]:
    """Speakers of the speech drafts among `drafts`, in order (see the module docstring).

    `drafts` must hold every draft, speech or not, so that no quoted text is read as narrative; `labels` are the
    label lines (paragraph index: name as printed).
    """
    labels = labels or {}
    known = tuple(known_people)
    narrative = list(_narrative_runs(paragraphs, drafts))
    book = NameBook(known, narrative)
    speech = [draft for draft in drafts if draft.is_speech]
    named = _named_speakers(speech, book, labels, _initials(narrative))
    speaking = {at for at, run in narrative if _speaks(paragraphs[at[0]], run.end)}
    introduced = {
        book.resolve(run.name, at)
        for at, run in narrative
        if (run.after_role or at in speaking) and plausible_name(run.name)
    }
    introduced |= {book.resolve(name, (index, 0)) for index, name in labels.items()}
    mentions = Mentions(paragraphs, narrative, People(known, [*named.values(), *introduced]), speaking)
    return _Resolver(named, mentions).speakers(speech)


def _speaks(paragraph: str, end: int) -> bool:
    """Whether the name ending at `end` is the subject of a speech verb: "Reyes told", "Reyes has said"."""
    for token in tokenize(paragraph, end, min(len(paragraph), end + 40)):
        if token.lower in SPEECH_VERBS:
            return True
        if token.lower not in AUXILIARIES and token.lower not in ADVERBS:
            return False
    return False


def _before_subject(token: Token) -> bool:
    lower = token.lower
    return lower in _OPENERS or lower in DETERMINERS or lower in ROLE_NOUNS or lower in MODIFIERS or token.capitalized


def _initials(narrative: Narrative) -> dict[str, set[str]]:
    """Full names in the narrative by their initials ("PR" for Pat Reyes), for interview labels."""
    found: dict[str, set[str]] = {}
    for _, run in narrative:
        words = run.name.split()
        if 2 <= len(words) <= 4 and not run.after_determiner:
            found.setdefault("".join(word[0] for word in words).upper(), set()).add(run.name)
    return found


def _narrative_runs(paragraphs: list[str], drafts: list[Draft]) -> Iterator[tuple[Position, NameRun]]:
    spans: dict[int, list[Span]] = {}
    for piece in (piece for draft in drafts for piece in draft.pieces):
        spans.setdefault(piece.paragraph, []).append(piece.span)
    for index, paragraph in enumerate(paragraphs):
        for low, high in _outside(sorted(spans.get(index, []), key=lambda span: span.start), len(paragraph)):
            if low < high:
                yield from (((index, run.start), run) for run in name_runs(paragraph, low, high))


def _outside(spans: list[Span], length: int) -> Iterator[tuple[int, int]]:
    cursor = 0
    for span in spans:
        yield cursor, span.mark
        cursor = span.after
    yield cursor, length


def _named_speakers(
    speech: list[Draft], book: NameBook, labels: dict[int, str], initials: dict[str, set[str]]
) -> dict[int, str]:
    named: dict[int, str] = {}
    for draft in speech:
        at = (draft.first.paragraph, draft.first.span.start)
        found = draft.attribution
        if draft.label:
            by_initials = (
                initials.get(draft.label, set()) if draft.label.isupper() and len(draft.label) <= 4 else set()
            )
            label = next(iter(by_initials)) if len(by_initials) == 1 else draft.label
            named[id(draft)] = book.resolve(label, at)
        elif found and found[1].subject.name:
            named[id(draft)] = book.resolve(found[1].subject.name, found[0])
        elif found is None and draft.label is None and draft.first.paragraph - 1 in labels:
            named[id(draft)] = book.resolve(labels[draft.first.paragraph - 1], at)
    return named


class Mentions:
    """Narrative sentences that name people, in reading order, for pronoun look-ups."""

    def __init__(
        self, paragraphs: list[str], narrative: Narrative, people: People, speaking: set[Position] | None = None
    ) -> None:
        self._paragraphs = paragraphs
        self._ends: dict[int, list[int]] = {}
        self._positions: list[Position] = []
        self._sentences: list[Position] = []
        self._named: dict[Position, set[str]] = {}
        # Per sentence, the people who are the subject of a speech verb in it ("Reyes said … Marsh").
        self._speaking: dict[Position, set[str]] = {}
        self._speaking_at = speaking or set()
        # Per sentence, the person it opens with, its subject ("And Reyes, hoping …, was upset with Marsh").
        self._subjects: dict[Position, str] = {}
        self._roles: dict[str, list[tuple[Position, str]]] = {}
        self._full_names: list[tuple[Position, str]] = []
        for position, run in narrative:
            person = None if run.after_determiner else people.identify(run.name)
            if not run.after_determiner and len(run.name.split()) >= 2 and plausible_name(run.name):
                self._full_names.append((position, person or run.name))
            if person:
                self._add(position, person)
                if run.role:
                    self._roles.setdefault(run.role, []).append((position, person))

    def _add(self, position: Position, person: str) -> None:
        ends = self._sentence_ends(position[0])
        sentence = (position[0], bisect_right(ends, position[1]))
        self._positions.append(position)
        self._sentences.append(sentence)
        if sentence not in self._named and self._opens(position, ends[sentence[1] - 1] + 1 if sentence[1] else 0):
            self._subjects[sentence] = person
        self._named.setdefault(sentence, set()).add(person)
        if position in self._speaking_at:
            self._speaking.setdefault(sentence, set()).add(person)

    def _opens(self, position: Position, start: int) -> bool:
        """Whether the name at `position` opens its sentence (which starts at `start`): only a conjunction, a
        determiner, a role or a club's name before it ("But Reyes", "Ruritania coach Pat Reyes")."""
        if position[1] - start > MAX_CHARS_BEFORE_SUBJECT:
            return False
        before = tokenize(self._paragraphs[position[0]], start, position[1])
        return len(before) <= MAX_WORDS_BEFORE_SUBJECT and all(_before_subject(token) for token in before)

    def _sentence_ends(self, paragraph: int) -> list[int]:
        if paragraph not in self._ends:
            self._ends[paragraph] = [end.start() for end in _SENTENCE_END.finditer(self._paragraphs[paragraph])]
        return self._ends[paragraph]

    def in_role_before(self, role: str, at: Position) -> str | None:
        """The person last named in `role` ("coach Pat Reyes") before `at`."""
        named = self._roles.get(role, [])
        index = bisect_left(named, (at, "")) - 1
        return named[index][1] if index >= 0 else None

    def full_name_before(self, at: Position) -> tuple[Position, str] | None:
        """The last full name (two words or more) in the narrative before `at`, person or not."""
        index = bisect_left(self._full_names, (at, "")) - 1
        return self._full_names[index] if index >= 0 else None

    def latest_before(self, at: Position, subject_first: bool = False) -> Sighting | None:
        """The last narrative mention before `at`, with everyone its sentence names; when it names several, the
        one it says spoke if only one did ("Reyes said, thanking Marsh": a pronoun after it is Reyes), or with
        `subject_first` the one it opens with ("And Reyes, hoping …, was upset with Marsh")."""
        index = bisect_left(self._positions, at) - 1
        if index < 0:
            return None
        sentence = self._sentences[index]
        named, speaking = self._named[sentence], self._speaking.get(sentence, set())
        if len(named) > 1 and len(speaking) == 1:
            return self._positions[index], frozenset(speaking)
        if len(named) > 1 and subject_first and sentence in self._subjects:
            return self._positions[index], frozenset({self._subjects[sentence]})
        return self._positions[index], frozenset(named)


class _Resolver:
    """Walks the quotes in reading order, remembering who spoke, to answer pronouns and continuations."""

    def __init__(self, named: dict[int, str], mentions: Mentions) -> None:
        self._named = named
        self._mentions = mentions
        self._said_at: list[Position] = []
        self._said_until: list[Position] = []
        self._said_by: list[frozenset[str]] = []
        self._last_in_paragraph: dict[int, str | None] = {}

    def speakers(self, speech: list[Draft]) -> list[str | None]:
        return [self._record(draft, self._speaker(draft)) for draft in speech]

    def _record(self, draft: Draft, speaker: str | None) -> str | None:
        # Quotes start in reading order, so these positions stay sorted for bisect.
        self._said_at.append((draft.first.paragraph, draft.first.span.start))
        # A quote over several paragraphs keeps its speaker in view until its last one.
        self._said_until.append((draft.last.paragraph, draft.last.span.start))
        self._said_by.append(frozenset({speaker}) if speaker else frozenset())
        self._last_in_paragraph[draft.last.paragraph] = speaker
        return speaker

    def _speaker(self, draft: Draft) -> str | None:
        found = draft.attribution
        if draft.label is not None or id(draft) in self._named:
            return self._named.get(id(draft))
        if found is None:
            return self._inherited(draft)
        at, attribution = found
        subject = attribution.subject
        if subject.pronoun:
            return self._pronoun(at)
        if subject.descriptor:
            return self._described(subject.descriptor, at)
        return None

    def _described(self, descriptor: str, at: Position) -> str | None:
        """ "the coach", "the former Southampton manager": the person last named in that role, else the person a
        pronoun there would stand for."""
        words = descriptor.casefold().split()
        if words[-1] in ORGANISATION_NOUNS:
            return None  # "the club said in a statement": a body, not a person
        roles = [word for word in words if word in ROLE_NOUNS]
        person = self._mentions.in_role_before(roles[-1], at) if roles else None
        if person:
            return person
        if self._sightings(at):
            # A description re-describes the subject of the sentence before ("And Reyes … was upset with captain
            # Marsh.\n“…,” said the Valdoria chief."), where a bare pronoun could be either.
            return self._pronoun(at, described=True)
        # A description always means a person: with nobody identified nearby, the last full name named.
        named = self._mentions.full_name_before(at)
        return named[1] if named and at[0] - named[0][0] <= PRONOUN_REACH else None

    def _sightings(self, at: Position, described: bool = False) -> list[Sighting]:
        sightings = (self._mentions.latest_before(at, subject_first=described), self._latest_said(at))
        return [sighting for sighting in sightings if sighting and at[0] - sighting[0][0] <= PRONOUN_REACH]

    def _inherited(self, draft: Draft) -> str | None:
        if not draft.first.opens_paragraph:
            # A sentence in marks after a narrative sentence in its paragraph ("Reyes was angry. “It was a
            # disgrace.”"): the one person in view, as for a pronoun there. Not after a colon, where a lead-in whose
            # speaker could not be read ("a statement which read:") would be passed over.
            after_sentence = draft.stands_alone and not draft.first.after_colon
            return self._pronoun((draft.first.paragraph, draft.first.span.mark)) if after_sentence else None
        previous = draft.first.paragraph - 1
        if previous in self._last_in_paragraph:
            return self._last_in_paragraph[previous]
        # A quoted paragraph right after a narrative one about one person: "Reyes doesn't think they should have
        # lost.\n“I think a draw was fair.”"
        sighting = self._mentions.latest_before((draft.first.paragraph, 0))
        if sighting and sighting[0][0] == previous and len(sighting[1]) == 1:
            return next(iter(sighting[1]))
        # Otherwise the one person in view, as for a pronoun: a quoted paragraph after a narrative one that names
        # nobody ("“…,” Reyes said.\nThe goal came late.\n“…”") is still the last person quoted or named.
        return self._pronoun((draft.first.paragraph, 0))

    def _pronoun(self, at: Position, described: bool = False) -> str | None:
        near = self._sightings(at, described)
        if not near:
            return None
        _, people = max(near, key=lambda sighting: sighting[0])
        if len(people) == 1:
            return next(iter(people))
        # Several named since: the one who was being quoted, if among them, is still speaking (the convention
        # that "he said" goes on with the speaker until the story turns to someone else).
        said = self._latest_said(at)
        if said is None or len(said[1]) != 1 or at[0] - said[0][0] > PRONOUN_REACH:
            return None
        speaker = next(iter(said[1]))
        return speaker if speaker in people else None

    def _latest_said(self, at: Position) -> Sighting | None:
        index = bisect_left(self._said_at, at) - 1
        return (self._said_until[index], self._said_by[index]) if index >= 0 else None
