"""The quote archive's read, shared by its page, its exports and the API: the parameters (a form that refuses
what it cannot read, naming the parameter), the filtered search, its facets, and the keyset cursor.

Everything reads the quote's own columns: "public" is `Quote.objects.public()`, a test on the row alone, and a
page is chosen as ids first, its related rows loaded for those ids only, so no query grows with the archive
but the filtered counts themselves.
"""

from __future__ import annotations

import dataclasses
import datetime
import unicodedata
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core import signing
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import F
from django.http import HttpRequest

from matches.models import Club, Competition
from newsroom.access import client_of
from newsroom.models import Quote, QuoteQuerySet
from people.models import Person

MAX_QUERY_LENGTH = 500
FIRST_PAGE = 25
FACET_SIZE = 12
# The count and the facets read at most this many matches: however large the archive grows, a search costs no
# more than that. Past it, a page says "more than 2000" and its facets count the 2000 matches read first (in
# the table's order, with no sort: sorting would read every match), a sample the page says it is.
COUNT_CAP = 2000
CURSOR_SALT = "newsroom.quote-archive.cursor"

# What a reader may filter the archive's verification on: never "not a quote", which is never public.
Problem = dict[str, str]  # {"parameter": ..., "message": ...}

PUBLIC_VERIFICATIONS: list[tuple[str, str]] = [
    (v.value, v.label) for v in Quote.Verification if v != Quote.Verification.REJECTED
]


def may_see_everything(request: HttpRequest) -> bool:
    """Whether this client may read past the first page of a search, or export all of it (every form: HTML,
    CSV, JSON, API): a journalist's login or personal API token (newsroom.access, which also rate-limits)."""
    return client_of(request).may_see_everything


def without_control_characters(text: str) -> str:
    """PostgreSQL refuses a NUL in a query; no control character means anything in a search."""
    return "".join(char for char in text if unicodedata.category(char)[0] != "C" or char in "\t\n\r")


@dataclass(frozen=True)
class Filters:
    q: str = ""
    speaker: Person | None = None
    club: Club | None = None
    competition: Competition | None = None
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    occasion: str = ""
    verification: str = ""
    order: str = "date"

    @property
    def by_relevance(self) -> bool:
        return bool(self.q) and self.order == "relevance"


class ArchiveForm(forms.Form):
    """The archive's parameters. An unknown speaker, club or competition, an occasion or verification not in
    the choices, a malformed date or one range the wrong way round, an over-long query: each an error naming
    the parameter. A NUL anywhere is refused too (PostgreSQL cannot take one); `q`'s other control characters
    are dropped."""

    q = forms.CharField(required=False, max_length=MAX_QUERY_LENGTH, strip=True)
    speaker = forms.SlugField(required=False, max_length=120)
    club = forms.SlugField(required=False, max_length=120)
    competition = forms.RegexField(required=False, regex=r"^[\w.-]+$", max_length=20)
    date_from = forms.DateField(required=False, input_formats=["%Y-%m-%d"])
    date_to = forms.DateField(required=False, input_formats=["%Y-%m-%d"])
    occasion = forms.ChoiceField(required=False, choices=[("", "Any occasion"), *Quote.Occasion.choices])
    verification = forms.ChoiceField(required=False, choices=[("", "Any status"), *PUBLIC_VERIFICATIONS])
    order = forms.ChoiceField(
        required=False, choices=[("", "Newest first"), ("date", "Newest first"), ("relevance", "Best match")]
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["competition"].error_messages["invalid"] = "Give a competition code such as es.1."
        for name in ("date_from", "date_to"):
            self.fields[name].error_messages["invalid"] = "Give a date as YYYY-MM-DD."

    def clean_q(self) -> str:
        return " ".join(without_control_characters(self.cleaned_data["q"]).split())

    def clean_speaker(self) -> Person | None:
        return self._known(Person, "speaker", slug=self.cleaned_data["speaker"])

    def clean_club(self) -> Club | None:
        return self._known(Club, "club", slug=self.cleaned_data["club"])

    def clean_competition(self) -> Competition | None:
        return self._known(Competition, "competition", code=self.cleaned_data["competition"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", "date_to is before date_from.")
        return data

    @staticmethod
    def _known(model: Any, name: str, **lookup: str) -> Any:
        value = next(iter(lookup.values()))
        if not value:
            return None
        found = model.objects.filter(**lookup).first()
        if found is None:
            raise forms.ValidationError(f"There is no {name} {value!r}.")
        return found

    def filters(self) -> Filters:
        """Precondition: the form is valid."""
        data = self.cleaned_data
        order = data["order"] or "date"
        fields = {field.name: data[field.name] for field in dataclasses.fields(Filters) if field.name != "order"}
        return Filters(**fields, order=order)

    def problems(self) -> list[Problem]:
        """The errors as the API words them: which parameter, and why."""
        return [
            {"parameter": name, "message": str(message)}
            for name, messages in self.errors.items()
            for message in messages
        ]


FACETS = {"speaker": "speaker", "club": "club", "competition": "competition", "occasion": "", "verification": ""}


def matching(filters: Filters, *, leave_out: str = "", counting: bool = False) -> QuoteQuerySet:
    """Public quotes matching every filter but `leave_out` (a facet counts over the others), unordered.
    `counting`: for the summary, which reads the first matches in any order (see `said_between`)."""
    quotes = Quote.objects.public()
    if filters.q:
        quotes = quotes.search(filters.q)
    wanted = {name: getattr(filters, name) for name in FACETS if name != leave_out}
    quotes = quotes.filter(**{name: value for name, value in wanted.items() if value})
    return quotes.said_between(filters.date_from, filters.date_to, by_index=not (counting and filters.q))


def ordered(quotes: QuoteQuerySet, filters: Filters) -> QuoteQuerySet:
    if filters.by_relevance:
        # `search()` annotated the rank; the stubs cannot see an annotation through a QuerySet method.
        return quotes.order_by(F("rank").desc(), F("said_on").desc(nulls_last=True), "-pk")
    return quotes.newest_first()


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass(frozen=True)
class Summary:
    """How many quotes match, and for each filter its most frequent values among the quotes the other filters
    match (at most FACET_SIZE each), so a reader sees where each choice leads before making it."""

    total: int  # at most COUNT_CAP + 1: past COUNT_CAP, "more than COUNT_CAP"
    facets: dict[str, list[FacetValue]]

    @property
    def capped(self) -> bool:
        return self.total > COUNT_CAP


# A facet over a foreign key names its values from the related table, joined after counting.
NAMED = {
    "speaker": (Person, "slug", "name"),
    "club": (Club, "slug", "name"),
    "competition": (Competition, "code", "name"),
}


def summary(filters: Filters) -> Summary:
    """The count and the facets in one query (one more per facet whose own filter is set, since it counts
    without that filter), each over at most COUNT_CAP + 1 matches, read once in a common table expression."""
    own = [name for name in FACETS if getattr(filters, name)]
    shared = [name for name in FACETS if name not in own]
    total, rows = _counted(matching(filters, counting=True), shared, with_total=True)
    for name in own:
        rows += _counted(matching(filters, leave_out=name, counting=True), [name], with_total=False)[1]
    return Summary(total, {name: _facet_values(filters, name, rows) for name in FACETS})


def _counted(quotes: QuoteQuerySet, names: list[str], *, with_total: bool) -> tuple[int, list[tuple]]:
    columns = ["speaker_id", "club_id", "competition_id", "occasion", "verification"]
    try:
        first = quotes.order_by().values(*columns)[: COUNT_CAP + 1]
        inner, params = first.query.sql_with_params()
    except EmptyResultSet:
        return 0, []
    branches = ["SELECT 'total', CAST(NULL AS TEXT), CAST(NULL AS TEXT), COUNT(*) FROM m"] if with_total else []
    branches += [_branch(name) for name in names]
    if not branches:
        return 0, []
    with connection.cursor() as cursor:
        cursor.execute(f"WITH m AS ({inner}) " + " UNION ALL ".join(branches), params)
        rows = cursor.fetchall()
    total = next((n for kind, _, _, n in rows if kind == "total"), 0)
    return total, [row for row in rows if row[0] != "total"]


def _branch(name: str) -> str:
    qn = connection.ops.quote_name
    if name not in NAMED:
        return f"SELECT '{name}', {name}, CAST(NULL AS TEXT), COUNT(*) FROM m GROUP BY {name}"
    model, key, label = NAMED[name]
    top = (
        f"SELECT {name}_id AS k, COUNT(*) AS n FROM m WHERE {name}_id IS NOT NULL "
        f"GROUP BY {name}_id ORDER BY n DESC, k LIMIT {FACET_SIZE}"
    )
    named = f"SELECT '{name}', t.{qn(key)}, t.{qn(label)}, f.n FROM ({top}) f JOIN {qn(model._meta.db_table)} t"
    return f"SELECT * FROM ({named} ON t.id = f.k) x"


def _facet_values(filters: Filters, name: str, rows: list[tuple]) -> list[FacetValue]:
    chosen = getattr(filters, name)
    if name in NAMED:
        _, key, label = NAMED[name]
        picked, picked_label = (str(getattr(chosen, key)), str(getattr(chosen, label))) if chosen else ("", "")
        labels = {value: text for kind, value, text, _ in rows if kind == name}
    else:
        picked, labels = chosen, dict(Quote.Occasion.choices if name == "occasion" else PUBLIC_VERIFICATIONS)
        picked_label = labels.get(picked, picked)
    counts = sorted(((-n, labels.get(v, v), v) for kind, v, _, n in rows if kind == name), key=lambda row: row[:2])
    values = [FacetValue(value, text, -n, value == picked) for n, text, value in counts]
    if chosen and not any(v.selected for v in values):
        values.append(FacetValue(picked, picked_label, 0, True))
    return values


# ---- Keyset cursors ----------------------------------------------------------------------------------------


class BadCursor(ValueError):
    """A cursor not signed here, tampered with, or malformed."""


def cursor_after(quote: Quote) -> str:
    """An opaque cursor for the rows after `quote` in `newest_first()` order."""
    said_on = quote.said_on.isoformat() if quote.said_on else None
    return signing.dumps([said_on, quote.pk], salt=CURSOR_SALT, compress=True)


def read_cursor(cursor: str) -> tuple[datetime.date | None, int]:
    try:
        said_on, pk = signing.loads(cursor, salt=CURSOR_SALT)
        return (datetime.date.fromisoformat(said_on) if said_on else None), int(pk)
    except (signing.BadSignature, ValueError, TypeError) as error:
        raise BadCursor("The cursor is not one this archive gave out: start again from the first page.") from error
