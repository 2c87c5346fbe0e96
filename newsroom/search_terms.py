"""Web-search syntax read without a database, for the quote archive's SQLite fallback and its highlights.

`"an exact phrase"`, `-excluded` (or `-"an excluded phrase"`), and plain words. A quote left open runs to the
end of the text; `or` is dropped (the fallback ANDs everything; PostgreSQL reads `or` itself). Pure: no Django.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

MAX_TERMS = 12
_TOKEN = re.compile(r'(-?)"([^"]*)"?|(-?)([^\s"]+)')


@dataclass(frozen=True)
class Terms:
    """Lower-cased: what must appear (words and phrases) and what must not."""

    required: list[str] = field(default_factory=list)
    excluded: list[str] = field(default_factory=list)


def search_terms(text: str) -> Terms:
    required: list[str] = []
    excluded: list[str] = []
    for match in _TOKEN.finditer(text):
        minus, phrase = (match[1], match[2]) if match[2] is not None else (match[3], match[4])
        phrase = " ".join(phrase.lower().split()).strip("-")
        if not phrase or phrase == "or":
            continue
        target = excluded if minus else required
        if phrase not in target:
            target.append(phrase)
    return Terms(required[:MAX_TERMS], excluded[:MAX_TERMS])
