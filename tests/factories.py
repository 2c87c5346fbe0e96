"""factory-boy factories for every model. Use `.build()` where no database is needed."""

from __future__ import annotations

import datetime
import secrets

import factory
from django.contrib.auth.models import User
from django.utils import timezone
from django.utils.text import slugify

from matches.models import Club, Competition, Match, PointDeduction, Season, Stage, Tie, Venue
from newsroom.models import ApiToken, Article, ArticleImage, Author, Quote, Section, Tag
from people.models import Honour, ManagerMove, ManagerMoveUpdate, MoveStatus, Person, Role, Tenure


class CompetitionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Competition
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"xx.{n}")
    name = factory.Sequence(lambda n: f"Test League {n}")
    kind = Competition.Kind.LEAGUE
    country = "Spain"
    tie_break_rules = Competition.TieBreakRules.HEAD_TO_HEAD_FIRST
    timezone = "Europe/Madrid"


class ClubFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Club
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Club {n} FC")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    country = "ESP"


class VenueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Venue

    name = factory.Sequence(lambda n: f"Stadium {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    city = "Barcelona"
    country = "Spain"


class SeasonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Season
        django_get_or_create = ("competition", "label")

    competition = factory.SubFactory(CompetitionFactory)
    label = "2024-25"
    start_date = datetime.date(2024, 8, 15)
    end_date = datetime.date(2025, 5, 25)


class PointDeductionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PointDeduction

    season = factory.SubFactory(SeasonFactory)
    club = factory.SubFactory(ClubFactory)
    points = 3
    reason = "Breach of financial rules"


class MatchFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Match

    season = factory.SubFactory(SeasonFactory)
    round_name = factory.Sequence(lambda n: f"Matchday {n % 38 + 1}")
    matchday = factory.LazyAttribute(lambda o: int(o.round_name.split()[-1]) if o.round_name[-1].isdigit() else None)
    stage = Stage.LEAGUE
    home = factory.SubFactory(ClubFactory)
    away = factory.SubFactory(ClubFactory)
    kickoff = factory.LazyFunction(lambda: datetime.datetime(2025, 5, 11, 14, 15, tzinfo=datetime.UTC))
    status = Match.Status.SCHEDULED

    class Params:
        played = factory.Trait(status=Match.Status.FINISHED, home_score=2, away_score=1, home_ht=1, away_ht=0)
        live = factory.Trait(status=Match.Status.LIVE, home_score=0, away_score=0, minute=1)


class TieFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tie

    season = factory.SubFactory(SeasonFactory)
    stage = Stage.SEMI_FINAL
    club_a = factory.SubFactory(ClubFactory)
    club_b = factory.SubFactory(ClubFactory)
    legs = 2


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"Coach Number{n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    aliases = factory.LazyAttribute(lambda o: [o.name.split()[-1]])
    nationality = "Spain"
    birth_date = datetime.date(1970, 1, 1)


class TenureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tenure

    person = factory.SubFactory(PersonFactory)
    club = factory.SubFactory(ClubFactory)
    role = Role.HEAD_COACH
    start_date = datetime.date(2022, 7, 1)


class ManagerMoveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ManagerMove

    person = factory.SubFactory(PersonFactory)
    from_club = factory.SubFactory(ClubFactory)
    to_club = factory.SubFactory(ClubFactory)
    status = MoveStatus.RUMOURED
    summary = "Linked with a move"


class ManagerMoveUpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ManagerMoveUpdate

    move = factory.SubFactory(ManagerMoveFactory)
    date = datetime.date(2025, 5, 9)
    status = MoveStatus.RUMOURED
    summary = "Reported to be in talks."
    source_name = "Press conference"


class HonourFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Honour

    person = factory.SubFactory(PersonFactory)
    title = "League title"
    season_label = "2023-24"


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Section {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))


class TagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tag
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Tag {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))


class AuthorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Author

    name = factory.Sequence(lambda n: f"Writer {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article
        skip_postgeneration_save = True

    kind = Article.Kind.NEWS
    headline = factory.Sequence(lambda n: f"Headline number {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.headline))
    standfirst = "A short summary of the story."
    body = "First paragraph.\n\nSecond paragraph."
    status = Article.Status.DRAFT

    class Params:
        published = factory.Trait(
            status=Article.Status.PUBLISHED,
            published_at=factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(hours=1)),
        )

    @factory.post_generation
    def authors(self, create: bool, extracted: list[Author] | None, **kwargs: object) -> None:
        if create and extracted:
            self.authors.set(extracted)


class QuoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Quote
        skip_postgeneration_save = True

    speaker = factory.SubFactory(PersonFactory)
    text = factory.Sequence(lambda n: f"We have to enjoy this moment, number {n}.")
    said_on = datetime.date(2025, 5, 9)
    occasion = Quote.Occasion.PRE_MATCH
    verification = Quote.Verification.VERIFIED_TRANSCRIPT

    @factory.post_generation
    def tags(self, create: bool, extracted: list[Tag] | None, **kwargs: object) -> None:
        if create and extracted:
            self.tags.set(extracted)


class ArticleImageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ArticleImage

    article = factory.SubFactory(ArticleFactory)
    image = factory.django.ImageField(filename="picture.png", width=4, height=3, color="red")
    alt = "Hansi Flick on the touchline"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")


class ApiTokenFactory(factory.django.DjangoModelFactory):
    """A token row as `create_api_token` stores it; the secret is a parameter: `ApiTokenFactory(secret=...)`."""

    class Meta:
        model = ApiToken

    class Params:
        secret = factory.LazyFunction(lambda: ApiToken.SECRET_PREFIX + secrets.token_urlsafe(32))

    owner = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"Notebook {n}")
    prefix = factory.LazyAttribute(lambda o: o.secret[: ApiToken.PREFIX_LENGTH])
    digest = factory.LazyAttribute(lambda o: ApiToken.digest_of(o.secret))
