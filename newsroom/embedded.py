"""What a body's embeds point at, read in a fixed number of queries: one per kind, whatever their number.

Spans the apps (matches, people and the newsroom's quotes), so it is a selector: the admin's form checks a body
with `embed_errors`, and the article page (newsroom.pages.embeds) renders what `read_embedded` finds.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass, field
from functools import reduce

from django.db.models import Q

from matches.models import Match, Season
from newsroom.embeds import Embed, EmbedError, ItemRef, TableRef, find_embeds
from newsroom.models import ArticleImage, Quote
from people.models import ManagerMove


@dataclass
class Embedded:
    """The things a body's embeds name, by id (seasons by competition code and label); a missing key is an
    embed that points at nothing."""

    seasons: dict[tuple[str, str], Season] = field(default_factory=dict)
    matches: dict[int, Match] = field(default_factory=dict)
    quotes: dict[int, Quote] = field(default_factory=dict)
    moves: dict[int, ManagerMove] = field(default_factory=dict)
    images: dict[int, ArticleImage] = field(default_factory=dict)


def ids_of(embeds: list[Embed], kind: str) -> set[int]:
    return {e.ref.pk for e in embeds if isinstance(e.ref, ItemRef) and e.ref.kind == kind}


def embedded_seasons(embeds: list[Embed]) -> dict[tuple[str, str], Season]:
    """The seasons the tables name, competition loaded (one query, none without a table)."""
    wanted = {(e.ref.code, e.ref.season) for e in embeds if isinstance(e.ref, TableRef)}
    if not wanted:
        return {}
    either = reduce(operator.or_, (Q(competition__code=code, label=label) for code, label in wanted))
    found = Season.objects.select_related("competition").filter(either)
    return {(season.competition.code, season.label): season for season in found}


def read_embedded(embeds: list[Embed], seasons: dict[tuple[str, str], Season] | None = None) -> Embedded:
    """Everything `embeds` name: a query per kind present (moves two, with their updates), none for a kind
    absent. Quotes are the citable ones only: a rejected quote, or one from an unpublished story, is not there."""
    read = Embedded(seasons=embedded_seasons(embeds) if seasons is None else seasons)
    if ids := ids_of(embeds, "match"):
        read.matches = Match.objects.with_related().in_bulk(ids)
    if ids := ids_of(embeds, "quote"):
        read.quotes = Quote.objects.citable().in_bulk(ids)
    if ids := ids_of(embeds, "move"):
        read.moves = ManagerMove.objects.with_related().in_bulk(ids)
    if ids := ids_of(embeds, "image"):
        read.images = ArticleImage.objects.in_bulk(ids)
    return read


def missing(embed: Embed, read: Embedded) -> str | None:
    """What is wrong with an embed that reads well but points at nothing, or None."""
    ref = embed.ref
    if isinstance(ref, TableRef):
        if (ref.code, ref.season) in read.seasons:
            return None
        if (
            not any(code == ref.code for code, _ in read.seasons)
            and not Season.objects.filter(competition__code=ref.code).exists()
        ):
            return f"unknown competition {ref.code}"
        return f"there is no {ref.code} season {ref.season}"
    things: dict[str, dict[int, Match] | dict[int, Quote] | dict[int, ManagerMove] | dict[int, ArticleImage]] = {
        "match": read.matches,
        "quote": read.quotes,
        "move": read.moves,
        "image": read.images,
    }
    if ref.pk in things[ref.kind]:
        return None
    return f"there is no {ref.kind} {ref.pk}" + (" that may be cited" if ref.kind == "quote" else "")


def embed_errors(body: str) -> list[EmbedError]:
    """Every embed line of `body` that is malformed or points at nothing, in line order."""
    embeds, errors = find_embeds(body)
    read = read_embedded(embeds)
    errors += [EmbedError(e.line, problem) for e in embeds if (problem := missing(e, read)) is not None]
    return sorted(errors, key=lambda error: error.line)
