"""Attribution clauses: the words next to a quote that say who spoke.

After a quote: "“…,” Reyes said on Monday." / "“…,” added Reyes" / "“…,” according to Reyes."
Before a quote (a lead-in): "She said, “…”" / "Later, Pat Reyes, Ruritania coach, said, “…”" /
"she added: “…”". Both look only at a bounded window next to the mark, so each quote costs constant time.
"""

import re
from dataclasses import dataclass

from .names import Token, plausible_name, tokenize
from .vocabulary import (
    ADVERBS,
    AGE,
    CAPITAL_STOPWORDS,
    CLAUSE_WORDS,
    DETERMINERS,
    GROUP_PRONOUNS,
    MODIFIERS,
    ON_DAY,
    PARTICLES,
    PRONOUNS,
    ROLE_NOUNS,
    SPEECH_VERBS,
    TELLING_VERBS,
)

WINDOW = 240
MAX_SUBJECT_WORDS = 10
MAX_VERB_TAIL = 4
MAX_LISTENER_WORDS = 3
_CLAUSE_STOP = re.compile(r'[.!?;:“”"«»]')
_OPENING_MARKS = '“"«'
_SENTENCE_ENDS = ".!?…"


@dataclass(frozen=True, slots=True)
class Subject:
    """Who an attribution names: a name as written, a pronoun, or neither (a role: "the coach")."""

    name: str | None
    pronoun: bool
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Attribution:
    """An attribution clause; offsets are into its paragraph.

    `end` is just past the clause (its full stop included); `lead_in` is True when the clause introduces a
    quote that follows it (it ends with a comma or colon right before an opening mark).
    """

    phrase: str
    subject: Subject
    said_on: str | None
    end: int
    lead_in: bool


def after_quote(paragraph: str, start: int) -> Attribution | None:
    """The attribution clause that begins at `start`, just past a closing mark, if there is one.

    The clause runs to the next . ! ? ; or quote mark (at most WINDOW characters). Its speech verb comes
    within MAX_SUBJECT_WORDS words, after a pronoun or a subject phrase made only of names, roles and
    determiners ("Ruritania's coach Pat Reyes"), or first with its subject after it ("added Reyes").
    A clause ending in a colon introduces the next quote rather than ending this one: None.
    """
    stop = _CLAUSE_STOP.search(paragraph, start, start + WINDOW)
    clause_end = stop.start() if stop else min(len(paragraph), start + WINDOW)
    terminator = stop.group() if stop else ""
    tokens = tokenize(paragraph, start, clause_end)
    verb = _first_verb(tokens)
    if terminator == ":" or verb is None:
        return None
    subject = _post_subject(paragraph, tokens, verb)
    if subject is None:
        return None
    end = clause_end + (terminator in ".!?;")
    lead_in = terminator in _OPENING_MARKS and paragraph[start:clause_end].rstrip().endswith(",")
    return _attribution(paragraph, subject, tokens, verb, (start, clause_end), end, lead_in)


def before_quote(paragraph: str, mark: int, floor: int) -> Attribution | None:
    """The lead-in that ends at the opening mark `mark`; `floor` is where the narrative before it starts.

    The last sentence before the mark ends with a speech verb, then at most MAX_VERB_TAIL words
    ("told reporters", "said on Monday") and a comma or colon; a bare "said" or "said that" also leads in,
    and so does "according to X,". A lead-in whose subject cannot be read attributes to nobody.
    """
    start = _sentence_start(paragraph, max(floor, mark - WINDOW), mark)
    tokens = tokenize(paragraph, start, mark)
    verb = _lead_in_verb(paragraph, tokens, mark)
    if verb is None:
        return None
    if tokens[verb].lower == "according":
        subject = _subject_after_verb(paragraph, tokens, verb)
    else:
        verb_at = tokens[verb].start
        subject = _subject_of(paragraph, tokens[:verb]) or Subject(None, False, verb_at, verb_at)
    if subject is None:
        return None
    return _attribution(paragraph, subject, tokens, verb, (start, mark), mark, lead_in=True)


def _attribution(
    paragraph: str, subject: Subject, tokens: list[Token], verb: int, bounds: tuple[int, int], end: int, lead_in: bool
) -> Attribution:
    hint = ON_DAY.search(paragraph, *bounds)
    start = min(subject.start, tokens[verb].start)
    stop = max(subject.end, _verb_end(paragraph, tokens, verb))
    if hint and hint.start() >= tokens[verb].start:
        stop = max(stop, hint.end())
    phrase = " ".join(paragraph[start:stop].split())
    return Attribution(phrase, subject, hint["day"] if hint else None, end, lead_in)


def _verb_end(paragraph: str, tokens: list[Token], verb: int) -> int:
    """Where the verb phrase ends: after its listener for "told reporters", "told the press"."""
    end = tokens[verb].end
    if tokens[verb].lower not in TELLING_VERBS:
        return end
    for token in tokens[verb + 1 : verb + 1 + MAX_LISTENER_WORDS]:
        if token.lower in CLAUSE_WORDS or "," in paragraph[end : token.start]:
            break
        end = token.end
    return end


def _is_verb(tokens: list[Token], index: int) -> bool:
    lower = tokens[index].lower
    if lower == "according":
        return index + 1 < len(tokens) and tokens[index + 1].lower == "to"
    return lower in SPEECH_VERBS


def _first_verb(tokens: list[Token]) -> int | None:
    limit = min(len(tokens), MAX_SUBJECT_WORDS + 1)
    return next((index for index in range(limit) if _is_verb(tokens, index)), None)


def _post_subject(paragraph: str, tokens: list[Token], verb: int) -> Subject | None:
    if verb == 0 or tokens[verb].lower == "according":
        return _subject_after_verb(paragraph, tokens, verb)
    before = tokens[:verb]
    if not all(_is_subject_word(token) or _is_adverb(token) for token in before):
        return None
    return _subject_of(paragraph, before)


def _lead_in_verb(paragraph: str, tokens: list[Token], mark: int) -> int | None:
    punctuated = bool(tokens) and any(c in ",:" for c in paragraph[tokens[-1].end : mark])
    for index in range(len(tokens) - 1, max(-1, len(tokens) - 2 - MAX_VERB_TAIL), -1):
        if _is_verb(tokens, index):
            return index if _valid_tail(tokens[index:], punctuated) else None
    return None


def _valid_tail(words: list[Token], punctuated: bool) -> bool:
    tail = [token.lower for token in words[1:]]
    if words[0].lower == "according":
        return all(token.capitalized for token in words[2:]) and len(words) > 2
    return not tail or tail == ["that"] or punctuated


def _sentence_start(paragraph: str, low: int, mark: int) -> int:
    return max(paragraph.rfind(end, low, mark) for end in _SENTENCE_ENDS) + 1 or low


def _is_subject_word(token: Token) -> bool:
    lower = token.lower
    if token.capitalized and lower not in CAPITAL_STOPWORDS:
        return True
    vocabulary = (ROLE_NOUNS, DETERMINERS, MODIFIERS, PARTICLES, PRONOUNS, GROUP_PRONOUNS)
    return any(lower in words for words in vocabulary) or bool(AGE.fullmatch(lower))


def _comma_chunks(paragraph: str, tokens: list[Token]) -> list[list[Token]]:
    chunks: list[list[Token]] = [[]]
    for previous, token in zip([None, *tokens], tokens, strict=False):
        if previous is not None and "," in paragraph[previous.end : token.start]:
            chunks.append([])
        chunks[-1].append(token)
    return [chunk for chunk in chunks if chunk]


def _subject_of(paragraph: str, tokens: list[Token]) -> Subject | None:
    """The subject at the end of `tokens` (the words before a verb), reading an appositive.

    "Pat Reyes, Ruritania coach," names Pat Reyes; "Ruritania's coach Lou Marsh" names Lou Marsh;
    "she" is a pronoun; "the coach" is a role with no name.
    """
    chunks = _comma_chunks(paragraph, tokens)
    last = _without_adverbs(chunks[-1]) if chunks else []
    if not last:
        return None
    final = last[-1]
    if final.lower in PRONOUNS or final.lower in GROUP_PRONOUNS:
        return Subject(None, final.lower in PRONOUNS, final.start, final.end)
    if final.lower in ROLE_NOUNS and len(chunks) > 1:
        named = _described(_subject_suffix(chunks[-2]))
        if named and named.name:
            return Subject(named.name, False, named.start, final.end)
    return _described(_subject_suffix(last))


def _subject_after_verb(paragraph: str, tokens: list[Token], verb: int) -> Subject | None:
    first = verb + 2 if tokens[verb].lower == "according" else verb + 1
    phrase: list[Token] = []
    for token in tokens[first:]:
        if not _is_subject_word(token) or (phrase and "," in paragraph[phrase[-1].end : token.start]):
            break
        phrase.append(token)
    if phrase and (phrase[0].lower in PRONOUNS or phrase[0].lower in GROUP_PRONOUNS):
        return Subject(None, phrase[0].lower in PRONOUNS, phrase[0].start, phrase[0].end)
    return _described(phrase)


def _without_adverbs(chunk: list[Token]) -> list[Token]:
    end = len(chunk)
    while end and _is_adverb(chunk[end - 1]):
        end -= 1
    return chunk[:end]


def _is_adverb(token: Token) -> bool:
    return token.lower in ADVERBS or (not token.capitalized and token.text.endswith("ly"))


def _subject_suffix(chunk: list[Token]) -> list[Token]:
    start = len(chunk)
    while start and _is_subject_word(chunk[start - 1]) and chunk[start - 1].lower not in PRONOUNS:
        start -= 1
    return chunk[start:]


def _described(phrase: list[Token]) -> Subject | None:
    """A subject phrase as a Subject: its last real name, else a role with no name, else None."""
    if not phrase:
        return None
    name = _name_in(phrase)
    if name is None and not any(_is_role_word(token) for token in phrase):
        return None
    return Subject(name, False, phrase[0].start, phrase[-1].end)


def _is_role_word(token: Token) -> bool:
    return token.lower in ROLE_NOUNS or token.capitalized or bool(AGE.fullmatch(token.lower))


def _name_in(phrase: list[Token]) -> str | None:
    """The last run of capitalised words that names someone rather than qualifying a role.

    "Ruritania" in "Ruritania coach" and in "Ruritania's coach" qualifies; "Ruritanian" in "the 40-year-old
    Ruritanian" describes. A name starts the phrase or follows a role noun, and is a plausible name.
    """
    name = None
    for first, stop in _runs(phrase):
        follows_role = first > 0 and phrase[first - 1].lower in ROLE_NOUNS
        qualifies = phrase[stop - 1].possessive or (stop < len(phrase) and _is_qualified(phrase[stop]))
        if (first == 0 or follows_role) and not qualifies:
            name = " ".join(token.text for token in phrase[first:stop])
    return name if name and plausible_name(name) else None


def _is_qualified(token: Token) -> bool:
    return token.lower in ROLE_NOUNS or token.lower in MODIFIERS or bool(AGE.fullmatch(token.lower))


def _runs(phrase: list[Token]) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    for index, token in enumerate(phrase):
        capital = token.capitalized and token.lower not in CAPITAL_STOPWORDS
        inside = runs and runs[-1][1] == index and not phrase[index - 1].possessive
        if inside and (capital or token.lower in PARTICLES):
            runs[-1] = (runs[-1][0], index + 1)
        elif capital:
            runs.append((index, index + 1))
    return runs
