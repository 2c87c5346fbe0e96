"""Names in running text: words, runs of capitalised words, and what a name as written refers to.

Everything here is linear in the text it is given; no regex has nested ambiguous repetition.
"""

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import islice

from .model import KnownPerson, Position
from .vocabulary import CAPITAL_STOPWORDS, DETERMINERS, PARTICLES, ROLE_NOUNS, TITLES

_WORD = re.compile(r"\w+(?:['\u2019-]\w+)*")  # inner apostrophes (straight or curly) and hyphens
# Longer runs of capitals are headlines or lists of clubs, not one person's name ("Edson Arantes do
# Nascimento" has four words); a speaker is also stored in a short field.
MAX_NAME_WORDS = 5
MAX_NAME_LENGTH = 100
APOSTROPHES = "'\u2019"
# A surname printed two ways in one article is one person only if it is long enough for the slip to be unlikely
# to make another real name (see `misspells`).
MIN_MISSPELT_LENGTH = 5
MIN_RESPELT_LENGTH = 7
MIN_REORDERED_LENGTH = 8
MAX_MISSPELT_CANDIDATES = 64
MAX_NAMES_COMPARED = 8


@dataclass(frozen=True, slots=True)
class Token:
    """A word; `text` drops a possessive ending ("Ruritania" for "Ruritania's"), offsets keep the original."""

    text: str
    start: int
    end: int
    possessive: bool = False
    # Compared against word lists many times per token: computed once.
    lower: str = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "lower", self.text.casefold())

    @property
    def capitalized(self) -> bool:
        return self.text[:1].isupper()


@dataclass(frozen=True, slots=True)
class NameRun:
    """Consecutive capitalised words ("Pat Reyes"), sentence-initial stopwords stripped."""

    name: str
    start: int
    end: int
    after_role: bool  # right after a role noun: "captain Lou Marsh" is a person
    after_determiner: bool  # "the Spaniard" is a description, not a name
    role: str = ""  # the role noun right before it, lower-case: "coach" for "Germany coach Pat Reyes"


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """The words of `text[start:end]`, with offsets into `text`."""
    matches = _WORD.finditer(text, start, len(text) if end is None else end)
    return [_token(match.group(), match.start()) for match in matches]


def _token(word: str, start: int) -> Token:
    possessive = len(word) > 2 and word[-2] in APOSTROPHES and word[-1] in "sS"
    return Token(word[:-2] if possessive else word, start, start + len(word), possessive)


def name_runs(text: str, start: int = 0, end: int | None = None) -> Iterator[NameRun]:
    """Runs of capitalised words in `text[start:end]` (offsets into `text`), in order."""
    tokens = tokenize(text, start, end)
    for first, stop in _capital_groups(text, tokens):
        first = _skip_stopwords(tokens, first, stop)
        titled = first
        while titled + 1 < stop and tokens[titled].lower in ROLE_NOUNS:
            titled += 1  # "Captain Lou Marsh": a title, so a person
        if first < stop:
            yield _run(text, tokens, titled, stop, titled > first)


def _capital_groups(text: str, tokens: list[Token]) -> Iterator[tuple[int, int]]:
    index = 0
    while index < len(tokens):
        if not tokens[index].capitalized:
            index += 1
            continue
        stop = index + 1
        while stop < len(tokens) and _continues_name(text, tokens[stop - 1], tokens[stop]):
            stop += 1
        while stop > index + 1 and tokens[stop - 1].lower in PARTICLES:
            stop -= 1
        yield index, stop
        index = max(stop, index + 1)


def _continues_name(text: str, previous: Token, token: Token) -> bool:
    if previous.possessive:
        return False
    gap = text[previous.end : token.start]
    if not gap.isspace() and not (gap[:1] == "." and gap[1:].isspace() and is_abbreviated(previous)):
        return False
    return token.capitalized or token.lower in PARTICLES


def is_abbreviated(token: Token) -> bool:
    """A title or an initial, whose full stop does not end the name: "Dr. Pat Reyes", "J. Smith"."""
    return token.lower in TITLES or (len(token.text) == 1 and token.text.isupper())


def phrase_text(text: str, tokens: list[Token]) -> str:
    """The words of `tokens` as printed (a title's full stop kept, a possessive ending dropped)."""
    if not tokens:
        return ""
    last = tokens[-1]
    return " ".join(text[tokens[0].start : last.start + len(last.text)].split())


def _skip_stopwords(tokens: list[Token], first: int, stop: int) -> int:
    while first < stop and (
        tokens[first].lower in CAPITAL_STOPWORDS
        or not tokens[first].capitalized
        or _leading_gerund(tokens, first, stop)
    ):
        if starts_name(tokens, first, stop):
            break
        first += 1
    return first


def _leading_gerund(tokens: list[Token], index: int, stop: int) -> bool:
    """A capitalised "-ing" word opening a sentence before a full name is no part of it: "Putting Jesse Marsch back
    into midfield". Only before two more capitalised words, as a name ending in -ing ("Manning") rarely is."""
    lower = tokens[index].lower
    return lower.endswith("ing") and len(lower) > 5 and stop - index >= 3


def starts_name(tokens: list[Token], index: int, stop: int) -> bool:
    """A capitalised particle that is also a common word starts a name before a capitalised word: "Ten Hag"."""
    token = tokens[index]
    following = tokens[index + 1] if index + 1 < stop else None
    return (
        token.capitalized
        and token.lower in PARTICLES
        and following is not None
        and following.capitalized
        and following.lower not in CAPITAL_STOPWORDS
    )


def _run(text: str, tokens: list[Token], first: int, stop: int, titled: bool) -> NameRun:
    # Only a word directly before the run qualifies it: "coach. Lou" is two sentences.
    adjacent = first and text[tokens[first - 1].end : tokens[first].start].isspace()
    before = tokens[first - 1].lower if adjacent else ""
    name = phrase_text(text, tokens[first:stop])
    after_role = titled or before in ROLE_NOUNS or tokens[first].lower in TITLES
    role = tokens[first - 1].lower if titled else before if before in ROLE_NOUNS else ""
    return NameRun(name, tokens[first].start, tokens[stop - 1].end, after_role, before in DETERMINERS, role)


def plausible_name(name: str) -> bool:
    """Whether `name` is short enough to be one person's name."""
    return len(name) <= MAX_NAME_LENGTH and len(name.split()) <= MAX_NAME_WORDS


@lru_cache(maxsize=4096)
def name_key(name: str) -> str:
    """Comparison form of a name: accents and case dropped, whitespace collapsed."""
    decomposed = unicodedata.normalize("NFKD", name.replace(APOSTROPHES[1], APOSTROPHES[0]))
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).casefold().split())


def _parts(name: str) -> set[str]:
    return {part for part in name_key(name).split() if part not in PARTICLES}


def _ends(name: str) -> set[str]:
    words = name.split()
    return {words[0], words[-1]} if words else set()


def _unique(index: dict[str, set[str]], key: str) -> str | None:
    found = index.get(key, set())
    return next(iter(found)) if len(found) == 1 else None


class NameBook:
    """Turns a name as written ("Reyes", "Pat") into the fullest reliable form.

    Precedence: a known person whose full name or alias matches; the only known person whose names
    (full name and aliases, word by word) include every word of it ("Reyes", "Pat Reyes"); the only
    full name (2-5 capitalised words) in the narrative with that first or last name, or that surname of several
    words ("Ten Hag" for "Erik Ten Hag"), mentions before the quote preferred, a shorter form ending a longer
    one being the same person ("Van Gaal", "Louis van Gaal"); failing all that, the one full name whose surname
    the name misspells (`misspells`); otherwise the name as written. Never picks among several.
    """

    def __init__(self, known_people: Iterable[KnownPerson], runs: Iterable[tuple[Position, NameRun]]) -> None:
        self._exact: dict[str, set[str]] = {}
        self._partial: dict[str, set[str]] = {}
        self._in_text: dict[str, dict[str, Position]] = {}
        # Surnames of the full names in the text by first letter and length, for a misspelt surname.
        self._surnames: dict[tuple[str, int], dict[str, None]] = {}
        for person in known_people:
            self._know(person)
        for position, run in runs:
            self._add_full_name(position, run)

    def _know(self, person: KnownPerson) -> None:
        for name in (person.full_name, *person.aliases):
            self._exact.setdefault(name_key(name), set()).add(person.full_name)
        for name in (person.full_name, *person.aliases):
            for part in _parts(name):
                self._partial.setdefault(part, set()).add(person.full_name)

    def _add_full_name(self, position: Position, run: NameRun) -> None:
        words = run.name.split()
        if len(words) >= 2 and plausible_name(run.name) and not run.after_determiner:
            # First name, surname, and a surname of several words: "Ten Hag" for "Erik Ten Hag".
            for part in {words[0], words[-1], *(" ".join(words[i:]) for i in range(1, len(words) - 1))}:
                self._in_text.setdefault(name_key(part), {}).setdefault(run.name, position)
            surname = name_key(words[-1])
            if len(surname) >= MIN_MISSPELT_LENGTH:
                self._surnames.setdefault((surname[0], len(surname)), {})[surname] = None

    def resolve(self, name: str, at: Position) -> str:
        """The full name `name` stands for at position `at` (see the class docstring)."""
        key = name_key(name)
        found = _unique(self._exact, key) or self._known_by_parts(name) or self._from_text(key, at)
        if found is None and (misspelt := self._misspelt(key)) is not None:
            found = self._from_text(misspelt, at)
        if found is None:
            return " ".join(name.split())
        return _unique(self._exact, name_key(found)) or self._known_by_parts(found) or found

    def _known_by_parts(self, name: str) -> str | None:
        candidates = [self._partial.get(part, set()) for part in _parts(name)]
        common = set.intersection(*candidates) if candidates else set()
        return next(iter(common)) if len(common) == 1 else None

    def _from_text(self, key: str, at: Position) -> str | None:
        mentions = self._in_text.get(key, {})
        earlier = {name for name, position in mentions.items() if position < at}
        pool = _longest(earlier or set(mentions))
        return next(iter(pool)) if len(pool) == 1 else None

    def _misspelt(self, key: str) -> str | None:
        """The one surname in the text that `key` (a single word) misspells, or None: "Bwamenyana" for
        "Bamwenyana" (see `misspells`). Only surnames of the same first letter and a length within one are
        compared, at most MAX_MISSPELT_CANDIDATES of them, so a look-up costs constant time."""
        if " " in key or len(key) < MIN_MISSPELT_LENGTH:
            return None
        found = set()
        for length in (len(key) - 1, len(key), len(key) + 1):
            for surname in islice(self._surnames.get((key[0], length), {}), MAX_MISSPELT_CANDIDATES):
                if misspells(key, surname):
                    found.add(surname)
        return next(iter(found)) if len(found) == 1 else None


def _longest(names: set[str]) -> set[str]:
    """`names` without those that end another of them: "Van Gaal" is "Louis van Gaal" named by his surname."""
    if len(names) > MAX_NAMES_COMPARED:
        return names  # ambiguous whatever happens; comparing them all would cost time quadratic in a long text
    keys = [name_key(name) for name in names]
    return {name for name, key in zip(names, keys, strict=True) if not any(k.endswith(" " + key) for k in keys)}


def misspells(word: str, surname: str) -> bool:
    """Whether `word` is `surname` misspelt, as a name printed two ways in one article usually is: the same first
    letter and two neighbouring letters swapped (at least MIN_MISSPELT_LENGTH letters); one letter changed, added
    or dropped (at least MIN_RESPELT_LENGTH); or a run of three letters reordered (at least MIN_REORDERED_LENGTH:
    "Bwamenyana" for "Bamwenyana"). Shorter names differ by a letter too often to be the same person ("Silva",
    "Salva"). Both are name keys (lower-case, no accents)."""
    shortest = min(len(word), len(surname))
    if word == surname or word[0] != surname[0] or shortest < MIN_MISSPELT_LENGTH:
        return False
    if len(word) != len(surname):
        longer, shorter = (word, surname) if len(word) > len(surname) else (surname, word)
        dropped = any(longer[:i] + longer[i + 1 :] == shorter for i in range(len(longer)))
        return len(longer) - len(shorter) == 1 and shortest >= MIN_RESPELT_LENGTH and dropped
    differ = [i for i in range(len(word)) if word[i] != surname[i]]
    if len(differ) == 1:
        return shortest >= MIN_RESPELT_LENGTH
    if len(differ) > 3 or differ[-1] - differ[0] >= 3 or sorted(word) != sorted(surname):
        return False
    swapped = len(differ) == 2 and differ[1] == differ[0] + 1
    return swapped or shortest >= MIN_REORDERED_LENGTH


class People:
    """The people of one text, to tell which narrative names are persons (for pronouns).

    Built from known people, resolved speakers and names introduced with a role ("captain Lou Marsh").
    A name as written identifies a person by full name, alias, first or last name, when only one fits.
    """

    def __init__(self, known_people: Iterable[KnownPerson], names: Iterable[str]) -> None:
        self._by_key: dict[str, set[str]] = {}
        for person in known_people:
            self._add(person.full_name, (person.full_name, *person.aliases, *_ends(person.full_name)))
        for name in names:
            self._add(name, (name, *_ends(name)))

    def _add(self, full_name: str, keys: Iterable[str]) -> None:
        for key in keys:
            self._by_key.setdefault(name_key(key), set()).add(full_name)

    def identify(self, name: str) -> str | None:
        return _unique(self._by_key, name_key(name))
