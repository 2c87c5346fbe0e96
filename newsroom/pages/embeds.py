"""The embeds of an article body as HTML, read in a fixed number of queries however many there are.

A query per kind (newsroom.embedded), and three per distinct table (season and date): two embeds of the same
table cost one. Each embed is rendered by the site's own templates, autoescaped, and handed to `render_body`,
which places it where its line was, after the editor's Markdown has been sanitised.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from functools import cached_property

from django.template.loader import render_to_string

from matches import live
from matches.models import Season
from matches.tables import season_table
from newsroom.embedded import Embedded, embedded_seasons, ids_of, read_embedded
from newsroom.embeds import Embed, ItemRef, TableRef, find_embeds
from newsroom.pages.season_query import SeasonQuery
from newsroom.pages.standings import Standings, standings


class BodyEmbeds:
    """A body's embeds, read only when first used. `version` lets a cached page follow the score of every
    match it embeds, and the scores of every season it embeds a table of: a table as of a past date changes
    too when an old score is corrected."""

    def __init__(self, body: str) -> None:
        self.embeds: list[Embed] = find_embeds(body)[0]

    @cached_property
    def seasons(self) -> dict[tuple[str, str], Season]:
        return embedded_seasons(self.embeds)

    @property
    def version(self) -> str:
        """The versions of the embedded matches and of the embedded tables' seasons, from the cache (one query
        names the seasons when there is a table, none otherwise)."""
        matches = sorted(ids_of(self.embeds, "match"))
        seasons = sorted({season.pk for season in self.seasons.values()})
        versions = [live.versions(match_id=pk) for pk in matches] + [live.versions(season_id=pk) for pk in seasons]
        return ".".join(versions)

    def html(self) -> dict[int, str]:
        """Each embed's HTML by its line; an embed that points at nothing (since withdrawn) is left out."""
        read = read_embedded(self.embeds, self.seasons)
        tables: dict[tuple[int, dt.date | None], Standings] = {}
        shown: dict[int, str] = {}
        for embed in self.embeds:
            context = embed_context(embed, read, tables)
            if context is not None:
                # Each embed's element ids are its own: two tables in one story must not share a caption id.
                context["id_prefix"] = f"embed-{embed.line}-"
                shown[embed.line] = render_to_string("includes/embed.html", context)
        return shown


def embed_context(
    embed: Embed, read: Embedded, tables: dict[tuple[int, dt.date | None], Standings]
) -> dict[str, object] | None:
    ref = embed.ref
    if isinstance(ref, TableRef):
        season = read.seasons.get((ref.code, ref.season))
        if season is None:
            return None
        key = (season.pk, ref.as_of)
        if key not in tables:
            tables[key] = standings(season_table(season, as_of=ref.as_of), SeasonQuery(as_of=ref.as_of))
        return {"kind": "table", "season": season, "standings": tables[key]}
    return item_context(ref, read)


def item_context(ref: ItemRef, read: Embedded) -> dict[str, object] | None:
    things: dict[str, Mapping[int, object]] = {
        "match": read.matches,
        "quote": read.quotes,
        "move": read.moves,
        "image": read.images,
    }
    found = things[ref.kind].get(ref.pk)
    return None if found is None else {"kind": ref.kind, ref.kind: found}
