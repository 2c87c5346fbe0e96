import datetime
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db.models import Count

from matches.models import Match, Season, Venue
from newsroom.models import Article, Quote
from people.models import ManagerMove, MoveStatus, Person, Tenure

pytestmark = pytest.mark.django_db


def load_demo(shared: Path) -> str:
    out = StringIO()
    call_command("load_demo", shared=shared, stdout=out)
    return out.getvalue()


@pytest.fixture
def shared_dir(openfootball_dir: Path, shared_content_dir: Path) -> Path:
    return openfootball_dir.parent.parent


def table_counts() -> dict[str, int]:
    from django.apps import apps

    return {m._meta.label: m.objects.count() for m in apps.get_models() if m._meta.app_label != "sessions"}


def test_the_demo_newsroom(shared_dir: Path, settings, client):
    settings.DEBUG = True  # as under `make run`: the demo accounts get the printed password
    output = load_demo(shared_dir)

    assert Season.objects.count() == 6
    article = Article.objects.published().get(is_lead=True)
    assert article.kind == Article.Kind.PREVIEW
    assert article.published_at.date() == datetime.date(2025, 5, 9)
    match = Match.objects.with_related().get(pk=article.match_id)
    assert (match.home.name, match.away.name, match.round_name) == ("FC Barcelona", "Real Madrid CF", "Matchday 35")
    assert match.local_kickoff() == datetime.datetime(2025, 5, 11, 16, 15, tzinfo=match.local_kickoff().tzinfo)
    assert match.venue == Venue.objects.get(name="Estadi Olímpic Lluís Companys")
    assert article.authors.exists()
    assert "log in as editor" in output
    assert client.login(username="editor", password="pressbox-demo")


def test_outside_debug_demo_accounts_cannot_log_in(shared_dir: Path, client):
    output = load_demo(shared_dir)

    assert "createsuperuser" in output
    assert not client.login(username="editor", password="pressbox-demo")


def test_demo_quotes_are_attributed_to_the_managers(shared_dir: Path):
    load_demo(shared_dir)

    quotes = Quote.objects.filter(source_article__is_lead=True)
    speakers = dict(quotes.values_list("speaker__name").annotate(n=Count("pk")))
    assert set(speakers) == {"Carlo Ancelotti", "Xabi Alonso"}
    assert all(q.said_on == datetime.date(2025, 5, 9) for q in quotes)
    honeymoon = quotes.get(text__startswith="The honeymoon with this club never ends")
    assert honeymoon.speaker.name == "Carlo Ancelotti"


def test_demo_people_and_moves(shared_dir: Path):
    load_demo(shared_dir)

    assert set(Person.objects.values_list("name", flat=True)) >= {
        "Carlo Ancelotti",
        "Xabi Alonso",
        "Vincent Kompany",
        "Hansi Flick",
        "Simone Inzaghi",
    }
    alonso_leverkusen = Tenure.objects.get(person__name="Xabi Alonso", club__name="Bayer 04 Leverkusen")
    assert alonso_leverkusen.start_date == datetime.date(2022, 10, 5)
    move = ManagerMove.objects.get(person__name="Xabi Alonso")
    assert (move.from_club.name, move.to_club.name) == ("Bayer 04 Leverkusen", "Real Madrid CF")
    assert move.status == MoveStatus.COMPLETED
    as_of_preview = move.updates.filter(date__lte=datetime.date(2025, 5, 9)).last()
    assert as_of_preview.status == MoveStatus.IN_TALKS
    ancelotti = ManagerMove.objects.get(person__name="Carlo Ancelotti")
    assert ancelotti.to_club.name == "Brazil"
    assert ancelotti.updates.first().status == MoveStatus.RUMOURED


def test_loading_the_demo_twice_changes_nothing(shared_dir: Path):
    load_demo(shared_dir)
    before = table_counts()
    stamps = list(Match.objects.order_by("pk").values_list("updated_at", flat=True))

    output = load_demo(shared_dir)

    assert table_counts() == before
    assert list(Match.objects.order_by("pk").values_list("updated_at", flat=True)) == stamps
    assert "0 created, 0 updated" in output


def test_without_shared_the_demo_downloads_results_and_leaves_the_article_out(
    tmp_path: Path, openfootball_server: str, settings
):
    settings.OPENFOOTBALL_URL = openfootball_server

    output = load_demo(tmp_path)

    assert "downloading the results" in output
    assert "no reference article" in output
    assert Match.objects.count() == 1941
    assert not Article.objects.exists()
    assert Person.objects.filter(name="Xabi Alonso").exists()


def test_without_shared_or_network_the_demo_still_loads_what_it_can(tmp_path: Path, settings):
    settings.OPENFOOTBALL_URL = "http://127.0.0.1:9"  # nothing listens on the discard port

    output = load_demo(tmp_path)

    assert "Results not loaded" in output
    assert Person.objects.filter(name="Carlo Ancelotti").exists()
