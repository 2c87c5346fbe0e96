"""What each cached page shows, as the versions it depends on (newsroom.page_versions), from what its view has
already read: no query of its own."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from matches.models import Club, Match, Season
from newsroom.embedded import ids_of
from newsroom.models import Article, Quote
from newsroom.page_versions import Shows, pair, season_timeline
from newsroom.pages.embeds import BodyEmbeds
from people.models import Person

# The front page's "today" and fixtures turn with the clock in ways not tracked one by one.
FRONT_PAGE_SECONDS = 60


def match_shows(match: Match) -> Shows:
    """A match's card and its facts at kick-off: the match itself, its clubs and competition, the meetings of
    the two clubs, and the results of its season before its kick-off (all of them while it is on, or when the
    page shows the other leg of a tie)."""
    tags = [f"match:{match.pk}", f"club:{match.home_id}", f"club:{match.away_id}", pair(match.home_id, match.away_id)]
    tags.append(f"competition:{match.season.competition_id}")
    since: tuple[tuple[str, dt.datetime], ...] = ()
    if match.is_in_play or match.tie_id is not None:
        tags.append(season_timeline(match.season_id))
    else:
        since = ((season_timeline(match.season_id), match.kickoff),)
    return Shows(tuple(tags), since, match.polling_changes_at(), match.polls())


def article_shows(article: Article, embeds: BodyEmbeds) -> Shows:
    """`article` from `Article.objects.for_page()` (tags and clubs prefetched)."""
    tags = [f"article:{article.pk}", *(f"tag:{tag.pk}" for tag in article.tags.all())]
    tags += [f"club:{club.pk}" for club in article.clubs.all()]
    tags += [f"author:{author.pk}" for author in article.authors.all()]
    if article.section_id:
        tags.append(f"section:{article.section_id}")
    tags += [f"match:{pk}" for pk in ids_of(embeds.embeds, "match")]
    tags += [f"quote:{pk}" for pk in ids_of(embeds.embeds, "quote")]
    tags += [f"move:{pk}" for pk in ids_of(embeds.embeds, "move")]
    tags += [season_timeline(season.pk) for season in embeds.seasons.values()]
    shows = Shows(tuple(tags))
    return shows if article.match is None else shows + match_shows(article.match)


def club_shows(club: Club) -> Shows:
    return Shows((f"club:{club.pk}", f"club-results:{club.pk}", "people", "clubs", "competitions"))


def person_shows(person: Person) -> Shows:
    """`person` from `Person.objects.with_history()`: their clubs' names and results (records in charge)."""
    clubs = {tenure.club_id for tenure in person.tenures.all() if tenure.club_id}
    tags = [f"person:{person.pk}", "people", *(f"club:{pk}" for pk in clubs)]
    return Shows((*tags, *(f"club-results:{pk}" for pk in clubs), "competitions"))


def season_shows(season: Season) -> Shows:
    tags = (season_timeline(season.pk), f"competition:{season.competition_id}", "clubs", "competitions")
    return Shows(tags)


def quote_shows(quote: Quote) -> Shows:
    tags = [f"quote:{quote.pk}", "people"]
    for name in ("speaker", "source_article", "match", "club"):
        if (pk := getattr(quote, f"{name}_id")) is not None:
            tags.append(f"{name.removeprefix('source_')}:{pk}".replace("speaker:", "person:"))
    return Shows(tuple(tags))


def listing_shows(*tags: str) -> Shows:
    """A list of stories (a tag's, a section's): any story may join it."""
    return Shows((*tags, "news"))


def front_page_shows() -> Shows:
    until = timezone.now() + dt.timedelta(seconds=FRONT_PAGE_SECONDS)
    return Shows(("news", "results", "clubs", "competitions", "people"), until=until)
