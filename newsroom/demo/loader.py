"""Build the demo newsroom: the shipped seasons, the people and moves the Clasico piece names, the piece.

Every step is idempotent: rows are found by their natural keys and left alone when present, so a second
run changes nothing and never overwrites what an editor has changed since.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from django.apps import apps as django_apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser, Group
from django.db import transaction

from matches.importer import ImportFailed, Source, import_sources, parse_source, read_source
from matches.models import Club, Competition, Match, Stage, Venue
from matches.repository import raw_base
from newsroom.actions import draft_from_match, import_article, publish_article, set_quote_verification
from newsroom.demo import facts
from newsroom.models import Article, Author, Quote, Section, Tag
from newsroom.roles import DATA_DESK, EDITOR, JOURNALIST, WRITER, install_roles
from people.actions import create_move, record_move_update
from people.models import Honour, ManagerMove, Person, Tenure

Say = Callable[[str], None]
DEMO_PASSWORD = "pressbox-demo"
# One login per role, named for what each does in the demo.
DEMO_LOGINS = {"editor": EDITOR, "writer": WRITER, "datadesk": DATA_DESK, "journalist": JOURNALIST}


def load_results(shared_dir: Path, say: Say) -> bool:
    """The shipped seasons from ../shared, or from openfootball's repository where ../shared is absent.

    A record that contradicts itself is set aside and named (upstream records two shoot-outs as 4-4); a file
    the repository lacks, or holds fewer matches of than the demo is built on, is named and the rest loaded.
    """
    local = shared_dir / "data" / "openfootball"
    if local.is_dir():
        try:
            sources = [parse_source(read_source(str(p))) for p in sorted(local.glob("*/*.json"))]
        except ImportFailed as error:
            say(f"Results not loaded: {error}. The site starts without them; import later with import_openfootball.")
            return False
    else:
        say(f"{local} is not here: downloading the results from {settings.OPENFOOTBALL_URL}.")
        sources = download_results(raw_base(settings.OPENFOOTBALL_URL), say)
        if not sources:
            say(
                "Results not loaded: none could be read. The site starts without them; "
                "import later with import_openfootball."
            )
            return False
    try:
        reports = import_sources(sources)
    except ImportFailed as error:
        say(f"Results not loaded: {error}. The site starts without them; import later with import_openfootball.")
        return False
    for report in reports:
        for line in report.lines():
            say(f"  {line}")
    return True


def download_results(base: str, say: Say) -> list[Source]:
    """The demo's seasons from a copy of openfootball's repository, each file that can be read."""
    sources = []
    for path, expected in facts.RESULTS.items():
        try:
            source = parse_source(read_source(f"{base}/{path}"))
        except ImportFailed as error:
            say(f"  {path} left out: {error}")
            continue
        assert source.parsed is not None
        held = len(source.parsed.matches) + len(source.parsed.set_aside)
        if held < expected:
            say(
                f"  {source.code} {source.season}: the repository holds {held} of the {expected} matches "
                "the demo is built on."
            )
        sources.append(source)
    return sources


@transaction.atomic
def load_venues() -> None:
    for fact in facts.VENUES:
        venue, _ = Venue.objects.get_or_create(
            name=fact["name"],
            defaults={"city": fact["city"], "country": fact["country"], "capacity": fact["capacity"]},
        )
        club = Club.objects.filter(name=fact["club"]).first()
        if club is None:
            continue
        venue.clubs.add(club)
        home = Match.objects.filter(home=club, season__label__in=fact["seasons"], venue__isnull=True)
        home.exclude(stage=Stage.FINAL).update(venue=venue)
    for neutral in facts.NEUTRAL_VENUES:
        Match.objects.filter(
            season__competition__code=neutral["competition"], season__label=neutral["season"], stage=neutral["stage"]
        ).update(venue=Venue.objects.get(name=neutral["venue"]))


@transaction.atomic
def load_people() -> None:
    for extra in facts.EXTRA_CLUBS:
        Club.objects.get_or_create(name=extra["name"], defaults={k: v for k, v in extra.items() if k != "name"})
    for fact in facts.PEOPLE:
        person, _ = Person.objects.get_or_create(
            name=fact.name,
            defaults={
                "aliases": list(fact.aliases),
                "birth_date": fact.birth_date,
                "nationality": fact.nationality,
                "bio": fact.bio,
                "known_as": fact.known_as,
            },
        )
        for tenure in fact.tenures:
            if not tenure.by_move:
                load_tenure(person, tenure)
        for title, season, club, code in fact.honours:
            Honour.objects.get_or_create(
                person=person,
                title=title,
                season_label=season,
                role="head_coach",
                defaults={
                    "club": Club.objects.filter(name=club).first(),
                    "competition": Competition.objects.filter(code=code).first() if code else None,
                },
            )


def load_tenure(person: Person, fact: facts.TenureFact) -> None:
    club = Club.objects.filter(name=fact.club).first()
    if club is None:  # the results that name this club were not loaded
        return
    Tenure.objects.get_or_create(
        person=person,
        club=club,
        role=fact.role,
        start_date=fact.start,
        defaults={
            "end_date": fact.end,
            "contract_until": fact.contract_until,
            "how_ended": fact.how_ended,
            "notes": fact.notes,
        },
    )


@transaction.atomic
def load_moves() -> None:
    for fact in facts.MOVES:
        person = Person.objects.get(name=fact.person)
        from_club = Club.objects.filter(name=fact.from_club).first()
        to_club = Club.objects.filter(name=fact.to_club).first()
        if from_club is None and to_club is None:
            continue
        if ManagerMove.objects.filter(person=person, from_club=from_club, to_club=to_club).exists():
            continue
        move = create_move(
            person=person, from_club=from_club, to_club=to_club, summary=fact.summary, on=fact.updates[0].date
        )
        for update in fact.updates:
            record_move_update(
                move=move,
                date=update.date,
                status=update.status,
                summary=update.summary,
                source_name=update.source_name,
                source_url=update.source_url,
                date_is_approximate=update.approximate,
                departure_confirmed=update.departure_confirmed,
                how_old_post_ended=Tenure.Ending.MUTUAL_CONSENT,
            )
    load_tenure_details()


def load_tenure_details() -> None:
    """The contract and notes of the tenures the moves started, where an editor has not written them since."""
    for person in facts.PEOPLE:
        for fact in (t for t in person.tenures if t.by_move):
            found = Tenure.objects.filter(person__name=person.name, club__name=fact.club, start_date=fact.start)
            found.filter(notes="").update(contract_until=fact.contract_until, notes=fact.notes)


@transaction.atomic
def load_clasico_preview(shared_dir: Path, editor: AbstractUser, say: Say) -> Article | None:
    spec = facts.CLASICO_PREVIEW
    path = shared_dir.joinpath(*spec["path"])
    if Article.objects.filter(slug=spec["slug"]).exists():
        return Article.objects.get(slug=spec["slug"])
    if not path.is_file():
        say(f"{path} is not here: the demo has no reference article (it is never copied into the project).")
        return None
    wanted = spec["match"]
    match = (
        Match.objects.with_related()
        .filter(
            season__competition__code=wanted["competition"],
            season__label=wanted["season"],
            home__name=wanted["home"],
            away__name=wanted["away"],
            round_name=wanted["round"],
        )
        .first()
    )
    imported = import_article(
        text=path.read_text(encoding="utf-8"),
        headline=spec["headline"],
        slug=spec["slug"],
        standfirst=spec["standfirst"],
        kind=Article.Kind.PREVIEW,
        match=match,
        dated=spec["said_on"],
        occasion=Quote.Occasion.PRE_MATCH,
    )
    article = imported.article
    decorate(article, spec)
    # The quotes were checked against the press conferences' transcripts when the demo was written.
    verified = Quote.Verification.VERIFIED_TRANSCRIPT
    set_quote_verification(quotes=article.quotes.all(), verification=verified, editor=editor)
    article.is_lead = True
    article.save(update_fields=["is_lead"])
    publish_article(article=article, editor=editor, at=spec["published_at"])
    say(f"  The Clasico preview, with {imported.quotes} quotes: /articles/{article.slug}/")
    return article


def decorate(article: Article, spec: facts.ArticleFact) -> None:
    author, _ = Author.objects.get_or_create(name=spec["author"]["name"], defaults={"role": spec["author"]["role"]})
    section, _ = Section.objects.get_or_create(
        slug=spec["section"]["slug"], defaults={"name": spec["section"]["name"]}
    )
    article.authors.add(author)
    article.section = section
    article.save(update_fields=["section"])
    article.tags.add(*(Tag.objects.get_or_create(name=name)[0] for name in spec["tags"]))
    article.clubs.add(*Club.objects.filter(name__in=spec["clubs"]))
    article.people.add(*Person.objects.filter(name__in=spec["people"]))


@transaction.atomic
def load_staff() -> AbstractUser:
    """A superuser and one login per role (the groups of migration newsroom/0007_roles) for the demo."""
    install_roles(django_apps, reset=False)  # only where a database was emptied after migrating
    users = get_user_model().objects
    # A known password is for a laptop demo only; elsewhere the accounts exist but cannot log in.
    password = DEMO_PASSWORD if settings.DEBUG else None
    if not users.filter(username="admin").exists():
        users.create_superuser("admin", "admin@pressbox.invalid", password)
    for username, role in DEMO_LOGINS.items():
        user = users.filter(username=username).first()
        if user is None:
            user = users.create_user(username, f"{username}@pressbox.invalid", password, is_staff=True)
        user.groups.add(Group.objects.get(name=role))  # a demo from before the roles joins its role too
    return users.get(username="editor")


# Drafts written from the data around the Clasico weekend, each as of the moment a writer would have asked for it:
# a preview of Atletico's Saturday night match on the Friday evening, and the Clasico report at full time.
DRAFTS_FROM_DATA = [
    (
        "Club Atlético de Madrid",
        "Real Sociedad de Fútbol",
        "Matchday 35",
        dt.datetime(2025, 5, 9, 18, 0, tzinfo=dt.UTC),
    ),
    ("FC Barcelona", "Real Madrid CF", "Matchday 35", dt.datetime(2025, 5, 11, 16, 20, tzinfo=dt.UTC)),
]


def load_drafts(say: Say) -> None:
    """Draft articles from the data (never published); a second run finds them and changes nothing."""
    writer = get_user_model().objects.filter(username="writer").first()
    for home, away, round_name, now in DRAFTS_FROM_DATA:
        match = Match.objects.filter(
            season__competition__code="es.1",
            season__label="2024-25",
            home__name=home,
            away__name=away,
            round_name=round_name,
        ).first()
        if match is None or writer is None:
            continue
        article = draft_from_match(match=match, author=writer, now=now)
        say(f"  A draft {article.get_kind_display().lower()}, for a writer to edit: {article.headline}")
