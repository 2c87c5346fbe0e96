"""Which writes move which page versions (newsroom.page_versions): the one place, connected in NewsroomConfig.ready.

Each receiver names the things the written row shows up on, reading what it needs inside the write's
transaction, and moves their versions once it commits. "all" moves with every write (the page cache refuses to
store a page built while anything was written). A story moves its own tag, its match's, its clubs', its people's,
its tags' and section's: the pages of other stories about the same match or clubs list it among their related
ones; a story moved to another match or section moves the ones it left too. A quote moves its speaker, the
clubs the speaker has worked at (whose pages, and whose previews, show their coaches' words), its story, match
and club. A score moves its match, the meetings of its two clubs, the
clubs' results, and its season's timeline at the match's kick-off (a preview's table depends only on the changes
before its own).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from django.db import transaction
from django.db.models import Model, Q
from django.db.models.signals import pre_delete

from matches.models import Club, Competition, Match, Season
from newsroom.models import Article, ArticleImage, Author, Correction, Quote, Section, Tag
from newsroom.page_versions import (
    ANY_WRITE,
    EVERYTHING,
    SCHEDULE,
    bump,
    bump_all,
    bump_on_commit,
    log,
    pair,
    season_timeline,
)
from people.models import Honour, ManagerMove, ManagerMoveUpdate, Person, Tenure


def article_tags(article: Article) -> list[str]:
    tags = [f"article:{article.pk}", "news"]
    if article.section_id:
        tags.append(f"section:{article.section_id}")
    if article.match_id:
        tags.append(f"match:{article.match_id}")
        clubs = Match.objects.filter(pk=article.match_id).values_list("home_id", "away_id").first() or ()
        tags += [f"club:{pk}" for pk in clubs]
    if article.pk is not None:
        tags += [f"tag:{pk}" for pk in article.tags.values_list("pk", flat=True)]
        tags += [f"club:{pk}" for pk in article.clubs.values_list("pk", flat=True)]
        tags += [f"person:{pk}" for pk in article.people.values_list("pk", flat=True)]
    return tags


def clubs_of(person_id: int) -> list[str]:
    return [f"club:{pk}" for pk in Tenure.objects.filter(person_id=person_id).values_list("club_id", flat=True) if pk]


def articles_tags(articles: Any) -> list[str]:
    return [f"article:{pk}" for pk in articles.values_list("pk", flat=True).distinct()]


def after_commit(signal: object, compute: Callable[[], Iterable[str]], *, forget: str = "") -> None:
    """Move the versions of what `compute()` names once the write commits. A delete is read now, while the row's
    relations still exist; a save once committed, outside the writer's transaction and with its relations final
    (the admin saves them after the row)."""
    if signal is pre_delete:
        bump_on_commit(*compute(), forget=forget)
    else:
        transaction.on_commit(lambda: bump_all(compute(), forget=forget))


# ---- Receivers (sender named at connection) ------------------------------------------------------------------


def article_written(sender: type[Model], instance: Article, **kwargs: object) -> None:
    """Also forgets when the next scheduled story goes live (page_versions.next_publication reads it again)."""
    after_commit(kwargs.get("signal"), lambda: article_tags(instance), forget=SCHEDULE)


def article_moving(sender: type[Model], instance: Article, **kwargs: object) -> None:
    """Before a story is saved: the match and section it leaves (and the match's clubs) list it no more, so their
    pages move too once the save commits. One read, only for a story already stored."""
    if instance.pk is None or kwargs.get("raw"):
        return
    before = Article.objects.filter(pk=instance.pk).values_list("match_id", "section_id").first()
    if before is None or before == (instance.match_id, instance.section_id):
        return
    match_id, section_id = before
    left = [f"section:{section_id}"] if section_id and section_id != instance.section_id else []
    if match_id and match_id != instance.match_id:
        left.append(f"match:{match_id}")
        clubs = Match.objects.filter(pk=match_id).values_list("home_id", "away_id").first() or ()
        left += [f"club:{pk}" for pk in clubs]
    bump_on_commit(*left)


def article_relation_changed(sender: type[Model], instance: Model, action: str, **kwargs: Any) -> None:
    """An article's authors, tags, clubs or people, added, removed or cleared, from either side."""
    if action not in ("post_add", "post_remove", "pre_clear"):
        return
    model, pks = kwargs.get("model"), kwargs.get("pk_set") or ()
    if isinstance(instance, Article):
        # The ones removed are no longer the article's once committed; a clear is read before it happens.
        removed = [f"{model.__name__.lower()}:{pk}" for pk in pks] if model is not None else []
        if action == "pre_clear":
            bump_on_commit(*article_tags(instance))
        else:
            after_commit(kwargs.get("signal"), lambda: [*article_tags(instance), *removed])
        return
    tags = [f"{type(instance).__name__.lower()}:{instance.pk}", "news"]
    if model is Article:
        tags += [f"article:{pk}" for pk in pks]
    bump_on_commit(*tags)


def article_part_written(sender: type[Model], instance: Correction | ArticleImage, **kwargs: object) -> None:
    bump_on_commit(f"article:{instance.article_id}")


def quote_written(sender: type[Model], instance: Quote, **kwargs: object) -> None:
    after_commit(kwargs.get("signal"), lambda: quote_tags(instance))


def quote_tags(quote: Quote) -> list[str]:
    tags = [f"quote:{quote.pk}", "news"]
    for name in ("source_article", "match", "club"):
        if (pk := getattr(quote, f"{name}_id")) is not None:
            tags.append(f"{name.removeprefix('source_')}:{pk}")
    if quote.speaker_id is not None:
        tags += [f"person:{quote.speaker_id}", *clubs_of(quote.speaker_id)]
    return tags


def label_written(sender: type[Model], instance: Author | Tag | Section, **kwargs: object) -> None:
    """A byline, tag or section renamed shows on every story that carries it."""
    kind = type(instance).__name__.lower()
    after_commit(
        kwargs.get("signal"), lambda: [f"{kind}:{instance.pk}", "news", *articles_tags(instance.articles.all())]
    )


def person_written(sender: type[Model], instance: Person, **kwargs: object) -> None:
    after_commit(kwargs.get("signal"), lambda: person_tags(instance))


def person_tags(person: Person) -> list[str]:
    """A person's name shows on their page, their clubs', the stories about or quoting them and their quotes."""
    about = Article.objects.filter(Q(people=person) | Q(quotes__speaker=person)).distinct()
    tags = [f"person:{person.pk}", "people", *clubs_of(person.pk)]
    tags += [f"quote:{pk}" for pk in Quote.objects.filter(speaker=person).values_list("pk", flat=True)]
    return tags + [f"article:{pk}" for pk in about.values_list("pk", flat=True)]


def tenure_written(sender: type[Model], instance: Tenure | Honour, **kwargs: object) -> None:
    tags = [f"person:{instance.person_id}", "people"]
    if instance.club_id:
        tags.append(f"club:{instance.club_id}")
    bump_on_commit(*tags)


def move_written(sender: type[Model], instance: ManagerMove | ManagerMoveUpdate, **kwargs: object) -> None:
    after_commit(kwargs.get("signal"), lambda: move_tags(instance))


def move_tags(instance: ManagerMove | ManagerMoveUpdate) -> list[str]:
    move = instance if isinstance(instance, ManagerMove) else ManagerMove.objects.filter(pk=instance.move_id).first()
    if move is None:
        return ["people"]
    clubs = [f"club:{pk}" for pk in (move.from_club_id, move.to_club_id) if pk]
    return [f"move:{move.pk}", f"person:{move.person_id}", "people", *clubs]


def club_written(sender: type[Model], instance: Club, **kwargs: object) -> None:
    """A club's name is on every page of its matches, seasons and people: its own tag, and "clubs" for the rest."""
    bump_on_commit(f"club:{instance.pk}", "clubs")


def competition_written(sender: type[Model], instance: Competition | Season, **kwargs: object) -> None:
    tags = ["competitions"]
    if isinstance(instance, Season):
        bump_on_commit(*tags, timelines=[(season_timeline(instance.pk), EVERYTHING)])
    else:
        bump_on_commit(*tags, f"competition:{instance.pk}")


def results_changed(
    sender: type[Model], match_ids: list[int], season_id: int, since: dt.datetime | None, **kwargs: object
) -> None:
    """Scores have changed and committed (matches.live): move what shows them, now."""
    moment = EVERYTHING if since is None else int(since.timestamp())
    tags = [ANY_WRITE, "results"]
    for pk, home, away in Match.objects.filter(pk__in=match_ids).values_list("pk", "home_id", "away_id"):
        tags += [f"match:{pk}", pair(home, away), f"club-results:{home}", f"club-results:{away}"]
    bump(*tags)
    log(season_timeline(season_id), moment)


RECEIVERS: list[tuple[Any, tuple[type[Model], ...]]] = [
    (article_written, (Article,)),
    (article_part_written, (Correction, ArticleImage)),
    (quote_written, (Quote,)),
    (label_written, (Author, Tag, Section)),
    (person_written, (Person,)),
    (tenure_written, (Tenure, Honour)),
    (move_written, (ManagerMove, ManagerMoveUpdate)),
    (club_written, (Club,)),
    (competition_written, (Competition, Season)),
]
