# ruff: noqa: RUF001 -- drafts print scores with en dashes and quotes with curly marks, as these tests expect
import datetime

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.urls import reverse

from matches.models import Match
from newsroom.actions import draft_from_match
from newsroom.drafting import draft_facts
from newsroom.models import Article
from newsroom.rendering import render_body
from tests import factories
from tests.matches.test_uefa_group_stage import upstream_file, write

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
SATURDAY_BEFORE_THE_CLASICO = datetime.datetime(2025, 5, 10, 12, 0, tzinfo=UTC)
AFTER_THE_CLASICO = datetime.datetime(2025, 5, 11, 17, 0, tzinfo=UTC)  # kick-off 16:15 in Barcelona, 14:15 UTC


@pytest.fixture
def writer(django_user_model):
    user = django_user_model.objects.create_user("drafting-writer", password="pw", is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(content_type__app_label="newsroom", codename__in=["add_article", "change_article"])
    )
    return user


@pytest.fixture
def demo_writer(demo_newsroom, django_user_model):
    return django_user_model.objects.get(username="writer")


def clasico() -> Match:
    return Match.objects.with_related().get(
        home__name="FC Barcelona", away__name="Real Madrid CF", round_name="Matchday 35"
    )


def semi_final(leg: int) -> Match:
    return Match.objects.with_related().get(
        season__competition__code="uefa.cl",
        stage="semi_final",
        leg=leg,
        home__name__in=["FC Barcelona", "FC Internazionale Milano"],
    )


# ---- On the real 2024-25 data ---------------------------------------------------------------------------


def test_the_clasico_preview_as_of_the_day_before(demo_writer):
    match = clasico()

    article = draft_from_match(match=match, author=demo_writer, now=SATURDAY_BEFORE_THE_CLASICO)

    assert (article.kind, article.status) == (Article.Kind.PREVIEW, Article.Status.DRAFT)
    assert article.match == match
    assert article.competition == match.season.competition
    assert set(article.clubs.all()) == {match.home, match.away}
    assert article.headline == "Preview: Barcelona v Real Madrid, Matchday 35"
    assert article.standfirst == "Barcelona are four points clear of Real Madrid with four matches left."
    assert "Barcelona are 1st on 79 points from 34 matches, Real Madrid 2nd on 75 points from 34 matches." in (
        article.body
    )
    assert "Sunday 11 May 2025, 16:15" in article.body
    assert "Real Madrid 0–4 Barcelona on Saturday 26 October 2024" in article.body  # the meeting, en dash
    assert "Carlo Ancelotti, the Real Madrid head coach, on Friday 9 May 2025: “" in article.body
    assert "Alonso announces that the last two Bundesliga games" in article.body  # the move as of 10 May
    assert "Real Madrid announce Alonso" not in article.body  # 25 May: after the moment of writing


def test_the_clasico_report_after_full_time(demo_writer):
    article = draft_from_match(match=clasico(), author=demo_writer, now=AFTER_THE_CLASICO)

    assert article.kind == Article.Kind.REPORT
    assert article.headline == "Barcelona 4–3 Real Madrid"
    assert article.standfirst == (
        "Barcelona beat Real Madrid 4–3. Barcelona are seven points clear of Real Madrid with three matches left."
    )
    assert "It was 4–2 at half-time." in article.body
    assert "The result leaves Barcelona 1st on 82 points from 35 matches" in article.body


def test_a_report_drafted_long_after_is_written_as_of_full_time(demo_writer):
    article = draft_from_match(match=clasico(), author=demo_writer)  # now: long_after the season

    assert "The result leaves Barcelona 1st on 82 points from 35 matches" in article.body
    assert "Barcelona are seven points clear of Real Madrid with three matches left." in article.body
    assert "Alonso announces that the last two Bundesliga games" in article.body
    assert "Alonso takes charge at Real Madrid" not in article.body  # 1 June 2025: after the match


def test_a_draft_is_never_public(demo_writer, client):
    article = draft_from_match(match=clasico(), author=demo_writer, now=AFTER_THE_CLASICO)

    assert not Article.objects.published().filter(pk=article.pk).exists()
    assert client.get(f"/articles/{article.slug}/").status_code == 404


def test_the_facts_are_read_in_a_fixed_number_of_queries(demo_newsroom, django_assert_max_num_queries):
    match = clasico()

    with django_assert_max_num_queries(8):
        draft_facts(match=match, now=SATURDAY_BEFORE_THE_CLASICO)


def test_a_knockout_first_leg_gets_the_tie_not_a_table(demo_writer):
    first_leg = semi_final(1)

    preview = draft_from_match(match=first_leg, author=demo_writer, now=first_leg.kickoff - datetime.timedelta(days=1))
    report = draft_from_match(match=first_leg, author=demo_writer, now=first_leg.kickoff + datetime.timedelta(hours=3))

    assert "It is the first leg of the tie. The second leg is at Stadio Giuseppe Meazza (San Siro)" in preview.body
    assert "points" not in preview.body
    assert report.headline == "Barcelona 3–3 Internazionale Milano"
    assert "The tie is level at 3–3 after the first leg." in report.body
    assert "(Champions League, Semi-final, first leg)" in report.body


def test_a_knockout_second_leg_preview_and_report(demo_writer):
    second_leg = semi_final(2)

    preview = draft_from_match(
        match=second_leg, author=demo_writer, now=second_leg.kickoff - datetime.timedelta(days=1)
    )
    report = draft_from_match(
        match=second_leg, author=demo_writer, now=second_leg.kickoff + datetime.timedelta(hours=3)
    )

    assert preview.standfirst == "The tie is level at 3–3 after the first leg."
    assert report.headline == "Internazionale Milano 4–3 Barcelona after extra time"
    assert "It was 2–0 at half-time and 3–3 after 90 minutes." in report.body
    assert "Internazionale Milano go through, 7–6 on aggregate after extra time." in report.body


def test_a_final_is_a_single_match(demo_writer):
    final = Match.objects.with_related().get(season__competition__code="uefa.cl", stage="final")

    preview = draft_from_match(match=final, author=demo_writer, now=final.kickoff - datetime.timedelta(days=1))
    report = draft_from_match(match=final, author=demo_writer, now=final.kickoff + datetime.timedelta(hours=3))

    assert "The final is a single match." in preview.body
    assert report.standfirst == (
        "Paris Saint-Germain beat Internazionale Milano 5–0. Paris Saint-Germain win the final."
    )


def test_drafting_twice_returns_the_same_draft(demo_writer):
    match = clasico()
    first = draft_from_match(match=match, author=demo_writer, now=AFTER_THE_CLASICO)
    first.body += "\n\nA writer's own paragraph."
    first.save()

    again = draft_from_match(match=match, author=demo_writer, now=AFTER_THE_CLASICO + datetime.timedelta(days=1))

    assert again.pk == first.pk
    assert again.body.endswith("A writer's own paragraph.")
    assert Article.objects.filter(match=match, kind=Article.Kind.REPORT).count() == 1


def test_the_body_renders_as_paragraphs_without_raw_html(demo_writer):
    article = draft_from_match(match=clasico(), author=demo_writer, now=SATURDAY_BEFORE_THE_CLASICO)

    html = render_body(article.body)

    assert html.startswith("<p>Barcelona play Real Madrid at Estadi Olímpic Lluís Companys")
    assert html.count("<p>") == len(article.body.split("\n\n"))
    assert "\\" not in html  # Markdown escapes are consumed, not shown


def test_the_demo_drafts_around_the_clasico_weekend(demo_newsroom):
    drafts = Article.objects.filter(status=Article.Status.DRAFT, match__round_name="Matchday 35")

    assert sorted((a.kind, a.headline) for a in drafts) == [
        (Article.Kind.PREVIEW, "Preview: Atlético de Madrid v Real Sociedad de Fútbol, Matchday 35"),
        (Article.Kind.REPORT, "Barcelona 4–3 Real Madrid"),
    ]
    report = drafts.get(kind=Article.Kind.REPORT)
    assert "Barcelona are seven points clear of Real Madrid with three matches left." in report.body
    assert not Article.objects.published().filter(pk__in=drafts.values("pk")).exists()


# ---- On made-up data ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "message"),
    [
        (Match.Status.LIVE, "is in play"),
        (Match.Status.HALF_TIME, "is in play"),
        (Match.Status.POSTPONED, "is postponed"),
        (Match.Status.SCHEDULED, "has no result yet"),
    ],
)
def test_a_match_neither_before_kick_off_nor_at_full_time_is_refused(writer, status, message):
    scored = status in Match.IN_PLAY_STATUSES
    match = factories.MatchFactory(status=status, home_score=1 if scored else None, away_score=0 if scored else None)
    after_kick_off = match.kickoff + datetime.timedelta(minutes=30)

    with pytest.raises(ValidationError, match=message):
        draft_from_match(match=match, author=writer, now=after_kick_off)

    assert not Article.objects.exists()


def test_a_user_who_may_not_add_articles_cannot_draft(django_user_model):
    reader = django_user_model.objects.create_user("reader", password="pw")

    with pytest.raises(PermissionDenied):
        draft_from_match(match=factories.MatchFactory(played=True), author=reader)


def test_an_address_held_by_another_article_is_a_clear_error(writer):
    match = factories.MatchFactory(played=True)
    first = draft_from_match(match=match, author=writer)
    first.match = factories.MatchFactory(played=True)
    first.save()

    with pytest.raises(ValidationError, match="already uses the address"):
        draft_from_match(match=match, author=writer)


def test_hostile_club_names_come_out_inert(writer):
    match = factories.MatchFactory(
        played=True,
        home=factories.ClubFactory(name='<script>alert("home")</script>', slug="home-script"),
        away=factories.ClubFactory(name="<img src=x onerror=alert(1)>", slug="away-img"),
    )
    match.season.clubs.add(match.home, match.away)

    article = draft_from_match(match=match, author=writer)
    html = render_body(article.body)

    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;alert(" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert article.headline == '<script>alert("home")</script> 2–1 <img src=x onerror=alert(1)>'  # plain text


def test_a_report_of_a_made_up_league_match(writer):
    match = factories.MatchFactory(played=True)
    match.season.clubs.add(match.home, match.away)

    article = draft_from_match(match=match, author=writer)

    home, away = match.home.name, match.away.name
    assert article.headline == f"{home} 2–1 {away}"
    assert f"The result leaves {home} 1st on 3 points from one match and {away} 2nd on 0 points from one match." in (
        article.body
    )


def test_each_coach_is_quoted_in_their_latest_citable_words_by_then(writer):
    match = factories.MatchFactory()  # kick-off Sunday 11 May 2025
    home_coach = factories.TenureFactory(club=match.home).person
    away_coach = factories.TenureFactory(club=match.away).person
    factories.QuoteFactory(speaker=home_coach, text="Older words.", said_on=datetime.date(2025, 5, 2))
    factories.QuoteFactory(speaker=home_coach, text="Latest words.", said_on=datetime.date(2025, 5, 9))
    factories.QuoteFactory(
        speaker=home_coach, text="Struck out.", said_on=datetime.date(2025, 5, 10), verification="rejected"
    )
    factories.QuoteFactory(speaker=home_coach, text="Said later.", said_on=datetime.date(2025, 5, 12))
    draft = factories.ArticleFactory()  # an unpublished article's quotes are not citable yet
    factories.QuoteFactory(speaker=away_coach, text="Not public.", source_article=draft)

    article = draft_from_match(match=match, author=writer, now=datetime.datetime(2025, 5, 10, tzinfo=UTC))

    assert f"{home_coach.name}, the {match.home.name} head coach, on Friday 9 May 2025: “Latest words.”" in (
        article.body
    )
    for unsaid in ("Older words.", "Struck out.", "Said later.", "Not public.", away_coach.name):
        assert unsaid not in article.body


def test_a_preview_after_one_match_each(writer):
    played = factories.MatchFactory(played=True, kickoff=datetime.datetime(2024, 8, 17, 19, tzinfo=UTC))
    match = factories.MatchFactory(season=played.season, home=played.away, away=played.home)
    match.season.clubs.add(match.home, match.away)

    article = draft_from_match(match=match, author=writer, now=datetime.datetime(2024, 8, 20, tzinfo=UTC))

    home, away = match.home.name, match.away.name
    assert article.kind == Article.Kind.PREVIEW
    assert f"{home} have lost their only league match so far. {away} have won their only league match so far." in (
        article.body
    )
    assert f"The last time the sides met: {away} 2–1 {home} on Saturday 17 August 2024" in article.body


def test_the_match_admin_drafts_and_opens_the_draft(admin_client):
    match = factories.MatchFactory(played=True)

    response = admin_client.post(
        reverse("admin:matches_match_changelist"), {"action": "draft_from_data", "_selected_action": [match.pk]}
    )

    article = Article.objects.get(match=match)
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:newsroom_article_change", args=[article.pk])


def test_the_draft_action_is_only_for_those_who_may_add_articles(client, django_user_model):
    viewer = django_user_model.objects.create_user("viewer", password="pw", is_staff=True)
    viewer.user_permissions.set(Permission.objects.filter(codename="view_match"))
    client.force_login(viewer)

    response = client.get(reverse("admin:matches_match_changelist"))

    assert response.status_code == 200
    assert "draft_from_data" not in response.content.decode()


def test_the_match_admin_says_why_a_match_in_play_has_no_draft(admin_client):
    match = factories.MatchFactory(live=True)

    response = admin_client.post(
        reverse("admin:matches_match_changelist"),
        {"action": "draft_from_data", "_selected_action": [match.pk]},
        follow=True,
    )

    assert response.status_code == 200
    assert "is in play" in response.content.decode()
    assert not Article.objects.exists()


@pytest.mark.parametrize(
    ("home", "expected"),
    [
        ("Alpha FC", "Alpha go through on away goals, 2\u20132 on aggregate."),
        ("Beta FC", "Xeno go through on away goals, 2\u20132 on aggregate after extra time."),
    ],
)
def test_a_report_says_a_tie_went_through_on_away_goals(writer, tmp_path, home, expected):
    call_command("import_openfootball", write(tmp_path, upstream_file()), stdout=None)
    second_leg = Match.objects.with_related().get(season__label="2019-20", home__name=home, round_name="Round of 16")

    report = draft_from_match(match=second_leg, author=writer, now=second_leg.kickoff + datetime.timedelta(hours=3))

    assert expected in report.body
