"""The people, posts and moves the Clasico preview names, as data.

Facts are as published at the time by the clubs, federations and the press. Records run to the end of the
2024-25 season (June 2025), the last season shipped: later changes are not entered. Where a date is not
known to the day, the entry says so (`approximate`, or a note) rather than inventing precision.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TypedDict

D = dt.date


# The seasons the demo is built on, as paths in openfootball's repository, with the matches each holds in
# ../shared/data/openfootball (whose README says where upstream's copies hold fewer).
RESULTS = {
    "2023-24/de.1.json": 306,
    "2024-25/de.1.json": 306,
    "2024-25/en.1.json": 380,
    "2024-25/es.1.json": 380,
    "2024-25/it.1.json": 380,
    "2024-25/uefa.cl.json": 189,
}


class ClubFact(TypedDict):
    name: str
    short_name: str
    country: str
    is_national_team: bool


class VenueFact(TypedDict):
    name: str
    city: str
    country: str
    capacity: int | None
    club: str
    seasons: list[str]


class NeutralVenueFact(TypedDict):
    competition: str
    season: str
    stage: str
    venue: str


# Clubs the results files do not contain, with their country.
EXTRA_CLUBS: list[ClubFact] = [
    {"name": "Brazil", "short_name": "Brazil", "country": "BRA", "is_national_team": True},
    {"name": "Al-Hilal SFC", "short_name": "Al-Hilal", "country": "KSA", "is_national_team": False},
]

# Home grounds in the shipped seasons. Barcelona played all of 2024-25 at Montjuïc while Camp Nou was rebuilt.
VENUES: list[VenueFact] = [
    {
        "name": "Estadi Olímpic Lluís Companys",
        "city": "Barcelona",
        "country": "Spain",
        "capacity": 55926,
        "club": "FC Barcelona",
        "seasons": ["2024-25"],
    },
    {
        "name": "Estadio Santiago Bernabéu",
        "city": "Madrid",
        "country": "Spain",
        "capacity": None,
        "club": "Real Madrid CF",
        "seasons": ["2024-25"],
    },
    {
        "name": "BayArena",
        "city": "Leverkusen",
        "country": "Germany",
        "capacity": 30210,
        "club": "Bayer 04 Leverkusen",
        "seasons": ["2023-24", "2024-25"],
    },
    {
        "name": "Allianz Arena",
        "city": "Munich",
        "country": "Germany",
        "capacity": 75024,
        "club": "FC Bayern München",
        "seasons": ["2023-24", "2024-25"],
    },
    {
        "name": "Stadio Giuseppe Meazza (San Siro)",
        "city": "Milan",
        "country": "Italy",
        "capacity": 75817,
        "club": "FC Internazionale Milano",
        "seasons": ["2024-25"],
    },
]
# The 2024-25 Champions League final, Paris Saint-Germain v Inter, was played at a neutral ground.
NEUTRAL_VENUES: list[NeutralVenueFact] = [
    {"competition": "uefa.cl", "season": "2024-25", "stage": "final", "venue": "Allianz Arena"}
]


@dataclass(frozen=True)
class TenureFact:
    club: str
    start: dt.date
    end: dt.date | None = None
    contract_until: dt.date | None = None
    how_ended: str = ""
    role: str = "head_coach"
    notes: str = ""
    # Started by completing one of MOVES (people.actions.record_move_update): the loader adds only the details.
    by_move: bool = False


@dataclass(frozen=True)
class PersonFact:
    name: str
    aliases: tuple[str, ...]
    birth_date: dt.date
    nationality: str
    bio: str
    tenures: tuple[TenureFact, ...]
    honours: tuple[tuple[str, str, str, str], ...] = field(default=())  # (title, season, club, competition code)
    known_as: str = ""


PEOPLE = [
    PersonFact(
        name="Carlo Ancelotti",
        aliases=("Ancelotti", "Carletto"),
        birth_date=D(1959, 6, 10),
        nationality="Italy",
        bio=(
            "Italian coach, born in Reggiolo. Managed Juventus, AC Milan, Chelsea, Paris Saint-Germain, Bayern "
            "Munich, Napoli and Everton, and Real Madrid twice (2013-15 and from 2021). The first coach to win "
            "the league in all of Europe's five major leagues."
        ),
        tenures=(
            TenureFact(
                club="Real Madrid CF",
                start=D(2021, 6, 1),
                end=D(2025, 5, 25),
                contract_until=D(2026, 6, 30),
                how_ended="mutual_consent",
                notes=(
                    "Second spell, appointed 1 June 2021. Contract extended to June 2026 in December 2023. "
                    "Left at the end of 2024-25 before his contract ran out; the end date is approximate "
                    "(his last match in charge was on 24 May 2025)."
                ),
            ),
            TenureFact(
                club="Brazil",
                start=D(2025, 5, 26),
                notes="Announced by the Brazilian football federation (CBF) on 12 May 2025; in charge from 26 May.",
                by_move=True,
            ),
        ),
        honours=(
            ("La Liga", "2021-22", "Real Madrid CF", "es.1"),
            ("UEFA Champions League", "2021-22", "Real Madrid CF", "uefa.cl"),
            ("La Liga", "2023-24", "Real Madrid CF", "es.1"),
            ("UEFA Champions League", "2023-24", "Real Madrid CF", "uefa.cl"),
        ),
    ),
    PersonFact(
        name="Xabi Alonso",
        aliases=("Alonso", "Xabi", "Xabier Alonso Olano"),
        birth_date=D(1981, 11, 25),
        nationality="Spain",
        bio=(
            "Spanish coach and former midfielder, born in Tolosa. Played for Real Sociedad, Liverpool, Real "
            "Madrid and Bayern Munich. Took over Bayer Leverkusen in October 2022 with the club second from "
            "bottom; won the Bundesliga unbeaten and the DFB-Pokal in 2023-24."
        ),
        tenures=(
            TenureFact(
                club="Bayer 04 Leverkusen",
                start=D(2022, 10, 5),
                end=D(2025, 5, 31),
                contract_until=D(2026, 6, 30),
                how_ended="mutual_consent",
                notes=(
                    "Appointed 5 October 2022. Announced on 9 May 2025 that the last two Bundesliga games of "
                    "2024-25 would be his last; the club agreed to end the contract early. End date approximate."
                ),
            ),
            TenureFact(
                club="Real Madrid CF",
                start=D(2025, 6, 1),
                contract_until=D(2028, 6, 30),
                notes="Announced by Real Madrid on 25 May 2025, on a contract to June 2028, in charge from 1 June.",
                by_move=True,
            ),
        ),
        honours=(
            ("Bundesliga", "2023-24", "Bayer 04 Leverkusen", "de.1"),
            ("DFB-Pokal", "2023-24", "Bayer 04 Leverkusen", ""),
        ),
    ),
    PersonFact(
        name="Vincent Kompany",
        aliases=("Kompany",),
        birth_date=D(1986, 4, 10),
        nationality="Belgium",
        bio=(
            "Belgian coach and former centre-back, born in Uccle. Captained Manchester City; coached Anderlecht "
            "and Burnley before Bayern Munich, whom he led back to the Bundesliga title in 2024-25."
        ),
        tenures=(
            TenureFact(
                club="FC Bayern München",
                start=D(2024, 5, 29),
                contract_until=D(2027, 6, 30),
                notes="Appointed 29 May 2024 on a contract to June 2027.",
            ),
        ),
        honours=(("Bundesliga", "2024-25", "FC Bayern München", "de.1"),),
    ),
    PersonFact(
        name="Hansi Flick",
        aliases=("Flick", "Hans-Dieter Flick"),
        birth_date=D(1965, 2, 24),
        nationality="Germany",
        bio=(
            "German coach, born in Heidelberg. Won the treble with Bayern Munich in 2019-20 and coached "
            "Germany from 2021 to 2023 before taking over at Barcelona in 2024."
        ),
        tenures=(
            TenureFact(
                club="FC Barcelona",
                start=D(2024, 5, 29),
                contract_until=D(2026, 6, 30),
                notes="Appointed 29 May 2024 on a contract to June 2026.",
            ),
        ),
        honours=(
            ("Copa del Rey", "2024-25", "FC Barcelona", ""),
            ("Supercopa de España", "2024-25", "FC Barcelona", ""),
            ("La Liga", "2024-25", "FC Barcelona", "es.1"),
        ),
    ),
    PersonFact(
        name="Simone Inzaghi",
        aliases=("Inzaghi",),
        birth_date=D(1976, 4, 5),
        nationality="Italy",
        bio=(
            "Italian coach, born in Piacenza. Coached Lazio from 2016, then Inter from 2021, winning Serie A in "
            "2023-24 and reaching two Champions League finals."
        ),
        tenures=(
            TenureFact(
                club="FC Internazionale Milano",
                start=D(2021, 6, 3),
                end=D(2025, 6, 3),
                how_ended="mutual_consent",
                notes=(
                    "Appointed 3 June 2021; left by mutual consent on 3 June 2025, after the Champions League final."
                ),
            ),
            TenureFact(
                club="Al-Hilal SFC",
                start=D(2025, 6, 4),
                notes="Announced by Al-Hilal in early June 2025; the start date is approximate.",
            ),
        ),
        honours=(("Serie A", "2023-24", "FC Internazionale Milano", "it.1"),),
    ),
    # Roma's 2024-25: a coach appointed and sacked within the season, and his successor from mid-season on.
    PersonFact(
        name="Ivan Jurić",
        aliases=("Jurić", "Juric", "Ivan Juric"),
        birth_date=D(1975, 8, 25),
        nationality="Croatia",
        bio="Croatian coach and former midfielder, born in Split. Coached Genoa, Hellas Verona and Torino.",
        tenures=(
            TenureFact(
                club="AS Roma",
                start=D(2024, 9, 18),
                end=D(2024, 11, 10),
                how_ended="sacked",
                notes="Appointed 18 September 2024 after Daniele De Rossi was sacked; sacked 10 November 2024.",
            ),
        ),
    ),
    PersonFact(
        name="Claudio Ranieri",
        aliases=("Ranieri",),
        birth_date=D(1951, 10, 20),
        nationality="Italy",
        bio=(
            "Italian coach, born in Rome. Won the Premier League with Leicester City in 2015-16; came out of "
            "retirement in November 2024 for a third spell at Roma, to the end of the season."
        ),
        tenures=(
            TenureFact(
                club="AS Roma",
                start=D(2024, 11, 14),
                end=D(2025, 5, 31),
                how_ended="retired",
                notes=(
                    "Appointed 14 November 2024 until the end of the season; stepped down from coaching after "
                    "it to become a senior adviser. The end date is approximate."
                ),
            ),
        ),
    ),
    PersonFact(
        name="Erik ten Hag",
        aliases=("Ten Hag",),
        birth_date=D(1970, 2, 2),
        nationality="Netherlands",
        bio="Dutch coach, born in Haaksbergen. Coached Ajax and Manchester United.",
        tenures=(),
    ),
]


@dataclass(frozen=True)
class UpdateFact:
    date: dt.date
    status: str
    summary: str
    source_name: str
    approximate: bool = False
    departure_confirmed: bool = False
    source_url: str = ""


@dataclass(frozen=True)
class MoveFact:
    person: str
    from_club: str | None
    to_club: str | None
    summary: str
    updates: tuple[UpdateFact, ...]


# The Clasico preview reports both moves as they stood on 9 May 2025 (see CLASICO_PREVIEW below).
CLASICO_URL = "/articles/barcelona-real-madrid-clasico-preview/"

MOVES = [
    MoveFact(
        person="Xabi Alonso",
        from_club="Bayer 04 Leverkusen",
        to_club="Real Madrid CF",
        summary="Alonso leaves Leverkusen, poised to take over at Real Madrid",
        updates=(
            UpdateFact(
                D(2025, 5, 9),
                "in_talks",
                "Alonso announces that the last two Bundesliga games of the season will be his last as "
                "Leverkusen coach; he is widely reported as Real Madrid's choice to succeed Ancelotti.",
                "Bayer 04 Leverkusen press conference",
                departure_confirmed=True,
                source_url=CLASICO_URL,
            ),
            UpdateFact(
                D(2025, 5, 25),
                "announced",
                "Real Madrid announce Alonso as head coach from 1 June 2025, on a contract to June 2028.",
                "Real Madrid CF official statement",
            ),
            UpdateFact(D(2025, 6, 1), "completed", "Alonso takes charge at Real Madrid.", "Real Madrid CF"),
        ),
    ),
    MoveFact(
        person="Carlo Ancelotti",
        from_club="Real Madrid CF",
        to_club="Brazil",
        summary="Ancelotti leaves Real Madrid, linked with Brazil",
        updates=(
            UpdateFact(
                D(2025, 5, 9),
                "rumoured",
                "Ancelotti is reported to have agreed the terms of his exit with Real Madrid and is strongly "
                "linked with the Brazil national team; he declines to comment on his future.",
                "Pre-Clasico press conference and reports",
                source_url=CLASICO_URL,
            ),
            UpdateFact(
                D(2025, 5, 12),
                "announced",
                "The Brazilian football federation (CBF) announces Ancelotti as Brazil's head coach from 26 May.",
                "CBF official statement",
            ),
            UpdateFact(D(2025, 5, 26), "completed", "Ancelotti takes charge of Brazil.", "CBF"),
        ),
    ),
    MoveFact(
        person="Erik ten Hag",
        from_club=None,
        to_club="Bayer 04 Leverkusen",
        summary="Ten Hag to succeed Alonso at Leverkusen",
        updates=(
            UpdateFact(
                D(2025, 5, 26),
                "announced",
                "Leverkusen announce Erik ten Hag as Alonso's successor, on a contract to June 2027.",
                "Bayer 04 Leverkusen official statement",
            ),
        ),
    ),
]


class MatchKey(TypedDict):
    competition: str
    season: str
    home: str
    away: str
    round: str


class AuthorFact(TypedDict):
    name: str
    role: str


class SectionFact(TypedDict):
    name: str
    slug: str


class ArticleFact(TypedDict):
    path: tuple[str, ...]
    headline: str
    slug: str
    standfirst: str
    published_at: dt.datetime
    said_on: dt.date
    match: MatchKey
    author: AuthorFact
    section: SectionFact
    tags: list[str]
    clubs: list[str]
    people: list[str]


# The reference article. Its text is read from ../shared, never stored here; this is what the newsroom adds.
CLASICO_PREVIEW: ArticleFact = {
    "path": ("content", "clasico-preview.txt"),
    "headline": "Barcelona can take a giant step towards the title in the Clasico",
    "slug": "barcelona-real-madrid-clasico-preview",
    "standfirst": (
        "Four points clear with four games left, Hansi Flick's side host Real Madrid days after their "
        "Champions League exit to Inter, in Carlo Ancelotti's final Clasico as Madrid coach."
    ),
    # Published on Friday 9 May 2025; the time of day is not known, so the evening after the press
    # conferences it quotes is used.
    "published_at": dt.datetime(2025, 5, 9, 18, 0, tzinfo=dt.UTC),
    "said_on": D(2025, 5, 9),
    "match": {
        "competition": "es.1",
        "season": "2024-25",
        "home": "FC Barcelona",
        "away": "Real Madrid CF",
        "round": "Matchday 35",
    },
    "author": {"name": "Pressbox Sport", "role": "Football desk"},
    "section": {"name": "Previews", "slug": "previews"},
    "tags": ["El Clasico", "La Liga", "Manager moves"],
    "clubs": ["FC Barcelona", "Real Madrid CF", "Bayer 04 Leverkusen"],
    "people": ["Carlo Ancelotti", "Xabi Alonso", "Hansi Flick", "Vincent Kompany"],
}
