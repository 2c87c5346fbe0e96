"""Attribution clauses: the words next to a quote that say who spoke.

After a quote: "“…,” Reyes said on Monday." / "“…,” added Reyes" / "“…,” according to Reyes." After a quote
left unfinished (its last word followed by , ! ? or a dash) the clause is an attribution whatever its verb:
"“…,” Reyes enthused." Before a quote (a lead-in): "She said, “…”" / "Later, Pat Reyes, Ruritania coach, said,
“…”" / "she added: “…”"; before a colon, the sentence's speaker is read whatever it did: "Reyes congratulated the
team and tweeted: “…”". A label opening the paragraph names the speaker with no verb: "Pat Reyes (RUR), Ruritania
coach: “…”". Inside reported speech, a quoted phrase belongs to the subject of the speech verb: "Reyes said the
player was “in hospital for an X-ray”" (see `reported`).

Everything looks only at a bounded window next to the mark, so each quote costs constant time.
"""

from dataclasses import dataclass

from .names import Token, is_abbreviated, phrase_text, plausible_name, starts_name, tokenize
from .vocabulary import (
    ABBREVIATIONS,
    ADVERBS,
    AGE,
    AUXILIARIES,
    AUXILIARIES_BEFORE_BASE,
    BASE_SPEECH_VERBS,
    CAPITAL_STOPWORDS,
    CLAUSE_WORDS,
    DETERMINERS,
    GROUP_PRONOUNS,
    IRREGULAR_VERBS,
    MODIFIERS,
    ON_DAY,
    ORGANISATION_NOUNS,
    PARTICLES,
    PRONOUNS,
    RELATIVES,
    ROLE_NOUNS,
    SPEECH_NOUNS,
    SPEECH_VERBS,
    TELLING_VERBS,
    TITLES,
)

WINDOW = 240
MAX_SUBJECT_WORDS = 10
MAX_VERB_TAIL = 4
MAX_LISTENER_WORDS = 3
MAX_LABEL_WORDS = 16
_SENTENCE_ENDS = ".!?…"
_CLAUSE_ENDS = '.!?;:“”"«»'
_OPENING_MARKS = "“\"«\u2018'"
_UNFINISHED = (",", "!", "?", "\u2013", "\u2014", "-", "…")
# Words that open a clause before its subject: "when he said", "as she put it".
_CONJUNCTIONS = frozenset(
    [
        "and",
        "but",
        "so",
        "as",
        "when",
        "while",
        "then",
        "because",
        "after",
        "before",
        "though",
        "although",
        "if",
        "yet",
    ]
)
_FUNCTION_WORDS = (
    DETERMINERS
    | MODIFIERS
    | PRONOUNS
    | GROUP_PRONOUNS
    | ROLE_NOUNS
    | ADVERBS
    | CLAUSE_WORDS
    | AUXILIARIES
    | frozenset(
        [
            "this",
            "these",
            "those",
            "his",
            "hers",
            "its",
            "was",
            "has",
            "is",
            "as",
            "us",
            "thus",
            "plus",
            "always",
            "perhaps",
            "news",
        ]
    )
)


@dataclass(frozen=True, slots=True)
class Subject:
    """Who an attribution names: a name as written, a pronoun, a description ("the Portuguese"), or nobody.

    `descriptor` is the describing phrase when there is no name ("the former Southampton manager", "the
    43-year-old"); a group ("they", "we") has neither name, pronoun nor descriptor.
    """

    name: str | None
    pronoun: bool
    start: int
    end: int
    descriptor: str | None = None


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


def after_quote(paragraph: str, start: int, limit: int, unfinished: bool = False) -> Attribution | None:
    """The attribution clause that begins at `start`, just past a closing mark, if there is one.

    The clause runs to the next . ! ? ; : or double quote mark, or to `limit` (the next quote's opening mark),
    at most WINDOW characters. Its speech verb comes within MAX_SUBJECT_WORDS words, after a pronoun or a
    subject phrase made only of names, roles and determiners ("Ruritania's coach Pat Reyes"), or first with
    its subject after it ("added Reyes"). When the quote was left `unfinished`, any verb will do.
    A clause ending in a colon introduces the next quote rather than ending this one: None.
    """
    limit = min(limit, start + WINDOW)
    clause_end, terminator = _clause_end(paragraph, start, limit)
    tokens = _without_appositives(paragraph, tokenize(paragraph, start, clause_end))
    if terminator == ":":
        return None
    verb = _first_verb(tokens, loose=unfinished)
    if verb is None:
        end = clause_end + (terminator in ".!?;")
        return _verdict_of(paragraph, tokens, (start, clause_end), end) or _signature(paragraph, start, clause_end)
    subject = _post_subject(paragraph, tokens, verb)
    if subject is None:
        return None
    end = clause_end + (terminator in ".!?;")
    next_quote = terminator in _OPENING_MARKS or (not terminator and clause_end < len(paragraph))
    lead_in = next_quote and paragraph[start:clause_end].rstrip().endswith(",")
    return _attribution(paragraph, subject, tokens, verb, (start, clause_end), end, lead_in)


def before_quote(paragraph: str, mark: int, floor: int) -> Attribution | None:
    """The lead-in that ends at the opening mark `mark`; `floor` is where the narrative before it starts.

    The last sentence before the mark ends with a speech verb, then at most MAX_VERB_TAIL words
    ("told reporters", "said on Monday") and a comma or colon; a bare "said" or "said that" also leads in,
    and so does "according to X,". Before a colon, the subject of the sentence's last clause that has one
    speaks, whatever its verb. A label opening the paragraph names the speaker. A lead-in whose subject cannot
    be read attributes to nobody.
    """
    start = _sentence_start(paragraph, max(floor, mark - WINDOW), mark)
    tokens = tokenize(paragraph, start, mark)
    verb = _lead_in_verb(paragraph, tokens, mark)
    colon = bool(tokens) and ":" in paragraph[tokens[-1].end : mark]
    if verb is None:
        if floor == 0 and start == 0:
            label = label_before(paragraph, mark)
            if label:
                return label
        possessive = _possessive_lead_in(paragraph, tokens, mark)
        if possessive or not colon:
            return possessive
        return _colon_lead_in(paragraph, tokens, (start, mark))
    if tokens[verb].lower == "according":
        subject = _subject_after_verb(paragraph, tokens, verb)
    else:
        before = _without_auxiliaries(tokens[:verb])
        subject = _subject_of(paragraph, before) or _coordinated_subject(paragraph, before)
        if subject is None:
            # "Reyes thanked the fans and said, “…”": the speaker is the subject of an earlier clause.
            found = _colon_lead_in(paragraph, tokens, (start, mark))
            verb_at = tokens[verb].start
            return found or _attribution(
                paragraph, Subject(None, False, verb_at, verb_at), tokens, verb, (start, mark), mark, lead_in=True
            )
    if subject is None:
        return None
    return _attribution(paragraph, subject, tokens, verb, (start, mark), mark, lead_in=True)


def reported(paragraph: str, mark: int, floor: int) -> Attribution | None:
    """The speaker of a quoted phrase inside reported speech: "Reyes said the player was “in hospital”".

    The sentence before the mark holds a speech verb (at most MAX_SUBJECT_WORDS words before the mark, "that"
    and the reported clause in between) whose subject is a name, a pronoun or a description.
    """
    start = _sentence_start(paragraph, max(floor, mark - WINDOW), mark)
    tokens = tokenize(paragraph, start, mark)
    low = max(0, len(tokens) - MAX_SUBJECT_WORDS - 1)
    verb = next((i for i in range(len(tokens) - 1, low - 1, -1) if _reports(tokens, i)), None)
    if verb is None or verb == 0:
        return None
    before = _without_auxiliaries(tokens[:verb])
    subject = _subject_of(paragraph, before) or _coordinated_subject(paragraph, before)
    if subject is None or (subject.name is None and not subject.pronoun and subject.descriptor is None):
        return None
    return _attribution(paragraph, subject, tokens, verb, (start, mark), mark, lead_in=False)


def _possessive_lead_in(paragraph: str, tokens: list[Token], mark: int) -> Attribution | None:
    """ "Pat Reyes's verdict: “…”", "In Reyes's words, “…”": the owner of what was said speaks."""
    if len(tokens) < 2 or tokens[-1].lower not in SPEECH_NOUNS or not tokens[-2].possessive:
        return None
    if not any(c in ",:" for c in paragraph[tokens[-1].end : mark]):
        return None
    first = len(tokens) - 2
    while first > 0 and _is_subject_word(tokens[first - 1]) and not tokens[first - 1].possessive:
        first -= 1
    owner = tokens[-2]
    phrase = [*tokens[first:-2], Token(owner.text, owner.start, owner.start + len(owner.text))]
    subject = _described(paragraph, phrase)
    if subject is None:
        return None
    return _attribution(paragraph, subject, tokens, len(tokens) - 1, (tokens[first].start, mark), mark, True)


def _verdict_of(paragraph: str, tokens: list[Token], bounds: tuple[int, int], end: int) -> Attribution | None:
    """ "“…” That was the verdict of Pat Reyes.": a sentence after the quote naming whose words they were."""
    if len(tokens) < 5 or tokens[0].lower not in ("that", "this", "such") or tokens[1].lower not in ("was", "is"):
        return None
    noun = next((i for i in range(2, min(len(tokens) - 2, 6)) if tokens[i].lower in SPEECH_NOUNS), None)
    if noun is None or tokens[noun + 1].lower not in ("of", "from"):
        return None
    subject = _subject_after_verb(paragraph, tokens, noun + 1)
    if subject is None:
        return None
    return _attribution(paragraph, subject, tokens, noun, bounds, end, lead_in=False)


def _signature(paragraph: str, start: int, end: int) -> Attribution | None:
    """ "“…” - Pat Reyes", "“…” — Pat Reyes, Ruritania coach": a name signed after a dash, nothing else."""
    text = paragraph[start:end].strip()
    if not text.startswith(("-", "\u2013", "\u2014")) or end != len(paragraph.rstrip()):
        return None
    name = parse_label(text.lstrip("-\u2013\u2014 ").rstrip(". "))
    if name is None:
        return None
    at = paragraph.find(name, start)
    subject = Subject(name, False, at, at + len(name))
    return Attribution(" ".join(text.split()), subject, None, end, lead_in=False)


def _without_appositives(paragraph: str, tokens: list[Token]) -> list[Token]:
    """The words of an attribution without an appositive between commas after the subject: "Reyes, 43, said",
    "Reyes, who joined in 2019 and has won the cup twice, said" read as "Reyes said"."""
    opening = next(
        (i for i in range(1, min(len(tokens), MAX_SUBJECT_WORDS)) if _comma_before(paragraph, tokens, i)), 0
    )
    if not opening or not all(_is_subject_word(token) for token in tokens[:opening]):
        return tokens
    if not (tokens[opening].lower in RELATIVES or _is_age(tokens[opening])):
        return tokens
    closing = next((i for i in range(opening + 1, len(tokens)) if _comma_before(paragraph, tokens, i)), 0)
    return [*tokens[:opening], *tokens[closing:]] if closing else tokens


def _comma_before(paragraph: str, tokens: list[Token], index: int) -> bool:
    return "," in paragraph[tokens[index - 1].end : tokens[index].start]


def _is_age(token: Token) -> bool:
    return token.text.isdigit() or token.lower == "aged"


def speaks_at_end(paragraph: str) -> bool:
    """Whether a speech verb stands among the last words of `paragraph`, as in a lead-in ("…, he said,"):
    a cheap test that looks at a bounded tail only."""
    tokens = tokenize(paragraph, max(0, len(paragraph) - WINDOW // 2))
    return any(_is_verb(tokens, index) for index in range(max(0, len(tokens) - MAX_VERB_TAIL - 1), len(tokens)))


def _reports(tokens: list[Token], index: int) -> bool:
    """A speech verb, or one in its plain form after an auxiliary: "did acknowledge his team is “…”"."""
    lower = tokens[index].lower
    if lower in SPEECH_VERBS:
        return True
    return lower in BASE_SPEECH_VERBS and index > 0 and tokens[index - 1].lower in AUXILIARIES_BEFORE_BASE


def _coordinated_subject(paragraph: str, before: list[Token]) -> Subject | None:
    """The subject a verb after "and" or "but" shares with its sentence: "Pat Reyes, who …, shared a laugh and
    said", "Reyes felt it was fair but did admit". `before` holds the words before the verb, auxiliaries dropped;
    the sentence opens with its subject, alone before a comma or before the sentence's first verb."""
    if not before or before[-1].lower not in ("and", "but"):
        return None
    chunks = _comma_chunks(paragraph, before)
    if len(chunks) > 1 and all(_is_subject_word(token) for token in chunks[0]):
        return _named(_subject_of(paragraph, chunks[0]))
    verb = next((index for index, token in enumerate(before) if _looks_like_verb(token)), None)
    if not verb or not all(_is_subject_word(token) or _is_adverb(token) for token in before[:verb]):
        return None
    return _named(_subject_of(paragraph, before[:verb]))


def _named(subject: Subject | None) -> Subject | None:
    """`subject` if it names someone or is a pronoun, else None."""
    return subject if subject is not None and (subject.name or subject.pronoun) else None


def label_before(paragraph: str, mark: int) -> Attribution | None:
    """A label opening the paragraph before its first quote: "Pat Reyes: “…”", "Pat Reyes (RUR), coach “…”"."""
    prefix = paragraph[:mark].rstrip()
    colon = prefix.endswith((":", "-", "\u2013", "\u2014"))
    name = parse_label(prefix.rstrip(":-\u2013\u2014 "), role_needed=not colon)
    if name is None:
        return None
    at = paragraph.find(name)
    subject = Subject(name, False, max(at, 0), max(at, 0) + len(name))
    return Attribution(name, subject, None, mark, lead_in=True)


def parse_label(text: str, role_needed: bool = False) -> str | None:
    """The name of a speaker label, as printed, or None: "Pat Reyes", "PAT REYES, RURITANIA COACH",
    "Sir Pat Reyes (RUR), Ruritania coach", "PR". A label is a name (one to five capitalised words or
    initials, a title allowed), then perhaps a bracket and a comma with a role that has a role noun in it."""
    if not text or len(text) > 160 or any(c in text for c in '!?;"“”'):
        return None
    name_part, _, role_part = text.partition(",")
    name_part = name_part.strip()
    if name_part.endswith(")") and "(" in name_part:
        name_part = name_part[: name_part.rindex("(")].rstrip()
    if role_part or role_needed:
        role_words = [word.strip("().").casefold() for word in role_part.split()]
        if not role_words or len(role_words) > MAX_LABEL_WORDS or not any(w in ROLE_NOUNS for w in role_words):
            return None
        if role_needed and ("," in role_part or any(w in AUXILIARIES or w in SPEECH_VERBS for w in role_words)):
            return None  # a sentence, not a label: "Pat Reyes, the coach, claimed the referee was “conned”"
    tokens = tokenize(name_part)
    if not tokens or len(tokens) > 5 or phrase_text(name_part, tokens) != " ".join(name_part.split()):
        return None
    for index, token in enumerate(tokens):
        initial = len(token.text) == 1 and name_part[token.end : token.end + 1] == "."
        word = token.text[0].isupper() and (len(token.text) > 1 or initial)
        if not (word or (index and token.lower in PARTICLES)) or token.possessive:
            return None
        if token.lower in CAPITAL_STOPWORDS or token.text[0].isdigit():
            return None
    return name_part


def _clause_end(paragraph: str, start: int, limit: int) -> tuple[int, str]:
    """Where the clause starting at `start` ends (before `limit`), and the character that ends it."""
    at = start
    while at < limit:
        char = paragraph[at]
        if char in _CLAUSE_ENDS and not (char == "." and _abbreviation_before(paragraph, at)):
            return at, char
        at += 1
    return limit, ""


def _abbreviation_before(paragraph: str, at: int) -> bool:
    """Whether the full stop at `at` ends an abbreviation or an initial ("Dr.", "Lt.", "J.", "U.S.")."""
    begin = at
    while begin > 0 and paragraph[begin - 1].isalpha():
        begin -= 1
    word = paragraph[begin:at]
    return bool(word) and (word.casefold() in ABBREVIATIONS or (len(word) == 1 and word.isupper()))


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


def _colon_lead_in(paragraph: str, tokens: list[Token], bounds: tuple[int, int]) -> Attribution | None:
    """'Reyes congratulated the team and tweeted: “…”': the last clause with a subject and a verb speaks."""
    clauses = _clauses(paragraph, tokens)
    for clause in reversed(clauses):
        while clause and clause[0].lower in _CONJUNCTIONS:
            clause = clause[1:]
        verb = next((i for i, token in enumerate(clause[: MAX_SUBJECT_WORDS + 1]) if _looks_like_verb(token)), None)
        if verb is None or verb == 0:
            continue
        before = _without_auxiliaries(clause[:verb])
        if not before or not all(_is_subject_word(t) or _is_adverb(t) for t in before):
            continue
        subject = _subject_of(paragraph, before)
        if subject is None:
            continue
        index = tokens.index(clause[verb])
        return _attribution(paragraph, subject, tokens, index, bounds, bounds[1], lead_in=True)
    return None


def _clauses(paragraph: str, tokens: list[Token]) -> list[list[Token]]:
    """`tokens` cut at commas and at "and", "but": the clauses of a sentence."""
    clauses: list[list[Token]] = [[]]
    for previous, token in zip([None, *tokens], tokens, strict=False):
        comma = previous is not None and "," in paragraph[previous.end : token.start]
        if comma or (token.lower in ("and", "but") and clauses[-1]):
            clauses.append([])
        clauses[-1].append(token)
    return [clause for clause in clauses if clause]


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


def _looks_like_verb(token: Token) -> bool:
    """A finite verb by its form, for slots where only a verb can stand: "enthused", "tweets", "said"."""
    lower = token.lower
    if lower in SPEECH_VERBS or lower in IRREGULAR_VERBS:
        return True
    if token.capitalized or not lower.isalpha() or len(lower) < 4 or lower in _FUNCTION_WORDS:
        return False
    return lower.endswith("ed") or (lower.endswith("s") and not lower.endswith(("ss", "us", "is")))


def _first_verb(tokens: list[Token], loose: bool = False) -> int | None:
    limit = min(len(tokens), MAX_SUBJECT_WORDS + 1)
    strict = next((index for index in range(limit) if _is_verb(tokens, index)), None)
    if strict is not None or not loose:
        return strict
    return next((index for index in range(limit) if _looks_like_verb(tokens[index])), None)


def _post_subject(paragraph: str, tokens: list[Token], verb: int) -> Subject | None:
    inverted = verb == 1 and tokens[0].lower in ("so", "thus")  # "So said Pat Reyes."
    if verb == 0 or inverted or tokens[verb].lower == "according":
        return _subject_after_verb(paragraph, tokens, verb)
    before = _without_auxiliaries(tokens[:verb])
    if not before or not all(_is_subject_word(token) or _is_adverb(token) for token in before):
        return None
    return _subject_of(paragraph, before)


def _without_auxiliaries(tokens: list[Token]) -> list[Token]:
    """ "Moyes has" before "declared", "she would later" before "say": the subject without its auxiliaries."""
    end = len(tokens)
    while end and (tokens[end - 1].lower in AUXILIARIES or _is_adverb(tokens[end - 1])):
        end -= 1
    return tokens[:end]


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
    """Just past the last sentence end in paragraph[low:mark] (an abbreviation's full stop is none)."""
    at = mark - 1
    while at >= low:
        if paragraph[at] in _SENTENCE_ENDS and not (paragraph[at] == "." and _abbreviation_before(paragraph, at)):
            return at + 1
        at -= 1
    return low


def _is_subject_word(token: Token) -> bool:
    lower = token.lower
    if token.capitalized and lower not in CAPITAL_STOPWORDS:
        return True
    vocabulary = (ROLE_NOUNS, DETERMINERS, MODIFIERS, PARTICLES, PRONOUNS, GROUP_PRONOUNS, TITLES)
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
    "she" is a pronoun; "the coach" is a description with no name.
    """
    chunks = _comma_chunks(paragraph, tokens)
    while len(chunks) > 1 and (chunks[-1][0].lower in RELATIVES or all(_is_age(token) for token in chunks[-1])):
        chunks.pop()  # "Pat Reyes, who joined from Ruritania in 2019, said", "Pat Reyes, 43, said": appositives
    last = _without_adverbs(chunks[-1]) if chunks else []
    if not last:
        return None
    final = last[-1]
    if final.lower in PRONOUNS or final.lower in GROUP_PRONOUNS:
        return Subject(None, final.lower in PRONOUNS, final.start, final.end)
    if final.lower in ROLE_NOUNS and len(chunks) > 1:
        named = _described(paragraph, _subject_suffix(chunks[-2]))
        if named and named.name:
            return Subject(named.name, False, named.start, final.end)
    return _described(paragraph, _subject_suffix(last))


def _subject_after_verb(paragraph: str, tokens: list[Token], verb: int) -> Subject | None:
    first = verb + 2 if tokens[verb].lower == "according" else verb + 1
    phrase: list[Token] = []
    for token in tokens[first:]:
        if not _is_subject_word(token) or (phrase and "," in paragraph[phrase[-1].end : token.start]):
            break
        phrase.append(token)
    if phrase and (phrase[0].lower in PRONOUNS or phrase[0].lower in GROUP_PRONOUNS):
        return Subject(None, phrase[0].lower in PRONOUNS, phrase[0].start, phrase[0].end)
    return _described(paragraph, phrase)


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


def _described(paragraph: str, phrase: list[Token]) -> Subject | None:
    """A subject phrase as a Subject: its last real name, else a description with no name, else None."""
    if not phrase:
        return None
    name = _name_in(paragraph, phrase)
    if name is None and not any(_is_role_word(token) for token in phrase):
        return None
    descriptor = None if name else phrase_text(paragraph, phrase)
    return Subject(name, False, phrase[0].start, phrase[-1].end, descriptor)


def _is_role_word(token: Token) -> bool:
    # A body ("the club said") is a description too, so its words are attributed, to nobody.
    lower = token.lower
    return lower in ROLE_NOUNS or lower in ORGANISATION_NOUNS or token.capitalized or bool(AGE.fullmatch(lower))


def _name_in(paragraph: str, phrase: list[Token]) -> str | None:
    """The last run of capitalised words that names someone rather than qualifying a role.

    "Ruritania" in "Ruritania coach" and in "Ruritania's coach" qualifies; "Ruritanian" in "the 40-year-old
    Ruritanian" describes. A name starts the phrase or follows a role noun, a title or an owner ("Ruritania's
    Pat Reyes"), and is a plausible name.
    """
    name = None
    for first, stop in _runs(phrase):
        previous = phrase[first - 1] if first else None
        follows = previous is not None and (previous.lower in ROLE_NOUNS or previous.possessive)
        qualifies = phrase[stop - 1].possessive or (stop < len(phrase) and _is_qualified(phrase[stop]))
        if (first == 0 or follows) and not qualifies:
            while stop - first > 1 and phrase[first].lower in ROLE_NOUNS:
                first += 1  # "Coach Oskar Brandt": a role written as a title is not part of the name
            name = phrase_text(paragraph, phrase[first:stop])
    return name if name and plausible_name(name) else None


def _is_qualified(token: Token) -> bool:
    return token.lower in ROLE_NOUNS or token.lower in MODIFIERS or bool(AGE.fullmatch(token.lower))


def _runs(phrase: list[Token]) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    for index, token in enumerate(phrase):
        capital = token.capitalized and (
            token.lower not in CAPITAL_STOPWORDS or starts_name(phrase, index, len(phrase))
        )
        inside = runs and runs[-1][1] == index and not phrase[index - 1].possessive
        if inside and (capital or token.lower in PARTICLES):
            runs[-1] = (runs[-1][0], index + 1)
        elif capital or _particle_starts(phrase, index):
            runs.append((index, index + 1))
    return runs


def _particle_starts(phrase: list[Token], index: int) -> bool:
    """A surname printed with its particle in lower case starts with it: "van Gaal said", "del Bosque added"."""
    following = phrase[index + 1] if index + 1 < len(phrase) else None
    return phrase[index].lower in PARTICLES and following is not None and following.capitalized


__all__ = [
    "Attribution",
    "Subject",
    "after_quote",
    "before_quote",
    "is_abbreviated",
    "parse_label",
    "reported",
    "speaks_at_end",
]
