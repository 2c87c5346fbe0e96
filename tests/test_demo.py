import datetime
import shutil
import subprocess
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db.models import Count

from matches import repository
from matches.models import Match, Season, Venue
from newsroom.demo.loader import DEMO_LOGINS
from newsroom.management.commands.load_demo import site_url
from newsroom.models import Article, Quote
from people.models import ManagerMove, MoveStatus, Person, Tenure
from tests.upstream import ES_1_UPSTREAM, RAW, build_upstream, serve

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


def test_the_demo_newsroom(demo_newsroom, client, rf):
    output = demo_newsroom.output  # loaded as under `make run`: the demo accounts get the printed password

    assert Season.objects.count() == 6
    article = Article.objects.published().get(is_lead=True)
    assert article.kind == Article.Kind.PREVIEW
    assert article.published_at.date() == datetime.date(2025, 5, 9)
    match = Match.objects.with_related().get(pk=article.match_id)
    assert (match.home.name, match.away.name, match.round_name) == ("FC Barcelona", "Real Madrid CF", "Matchday 35")
    assert match.local_kickoff() == datetime.datetime(2025, 5, 11, 16, 15, tzinfo=match.local_kickoff().tzinfo)
    assert match.venue == Venue.objects.get(name="Estadi Olímpic Lluís Companys")
    assert article.authors.exists()
    assert "editor      Editor: reviews, publishes" in output
    assert all(f"  {login} " in output for login in ("writer", "datadesk", "journalist", "admin"))
    # Logins are counted per address (django-axes), so authenticating takes the request it comes with.
    login_request = rf.post("/admin/login/")
    assert client.login(request=login_request, username="editor", password="pressbox-demo")
    for login, role in DEMO_LOGINS.items():  # one login per role, in the migration's group
        assert client.login(request=login_request, username=login, password="pressbox-demo")
        assert list(Group.objects.filter(user__username=login).values_list("name", flat=True)) == [role]


def test_outside_debug_demo_accounts_cannot_log_in(tmp_path: Path, settings, client, rf):
    settings.OPENFOOTBALL_URL = "http://127.0.0.1:9"  # the accounts are what is tested: no results needed

    output = load_demo(tmp_path)

    assert "createsuperuser" in output
    assert not client.login(request=rf.post("/admin/login/"), username="editor", password="pressbox-demo")


def test_a_demo_login_from_before_the_roles_joins_its_role(tmp_path: Path, settings, django_user_model):
    settings.OPENFOOTBALL_URL = "http://127.0.0.1:9"  # the accounts are what is tested: no results needed
    django_user_model.objects.create_user("writer", is_staff=True)

    load_demo(tmp_path)
    load_demo(tmp_path)

    assert list(Group.objects.filter(user__username="writer").values_list("name", flat=True)) == ["Writer"]


def test_demo_quotes_are_attributed_to_the_managers(demo_newsroom):
    quotes = Quote.objects.filter(source_article__is_lead=True)
    speakers = dict(quotes.values_list("speaker__name").annotate(n=Count("pk")))
    assert set(speakers) == {"Carlo Ancelotti", "Xabi Alonso"}
    assert all(q.said_on == datetime.date(2025, 5, 9) for q in quotes)
    honeymoon = quotes.get(text__startswith="The honeymoon with this club never ends")
    assert honeymoon.speaker.name == "Carlo Ancelotti"
    # Two days before the Clasico, checked against the press conferences, and in the public archive.
    assert {(q.occasion, q.verification) for q in quotes} == {("pre_match_press_conference", "verified_transcript")}
    assert all(q.verified_by is not None and q.speaker_name == q.speaker.name for q in quotes)
    assert set(Quote.objects.public()) >= set(quotes)


def test_demo_people_and_moves(demo_newsroom):
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


def test_loading_the_demo_twice_changes_nothing(demo_newsroom, shared_dir: Path):
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


def test_without_shared_the_demo_reads_upstream_and_says_where_it_differs(
    tmp_path: Path, openfootball_dir: Path, settings, monkeypatch
):
    """Upstream's copies differ from ../shared (two shoot-outs recorded 4-4, La Liga stopping before its last
    matchday); here it also lacks Serie A. The demo sets aside, says so, and loads everything else."""
    build_upstream(openfootball_dir, tmp_path / "upstream", leave_out=("2024-25/it.1.json",))
    settings.OPENFOOTBALL_URL = "https://github.com/openfootball/football.json"
    with serve(tmp_path / "upstream") as base:
        monkeypatch.setattr(repository, "RAW_GITHUB", base)
        output = load_demo(tmp_path / "no-shared")
    raw = f"{base}/{RAW}"

    assert f"set aside: {raw}/2024-25/uefa.cl.json: match 170 (" in output
    assert f"set aside: {raw}/2024-25/uefa.cl.json: match 175 (" in output
    assert f"es.1 2024-25: the repository holds {ES_1_UPSTREAM} of the 380 matches the demo is built on." in output
    assert f"2024-25/it.1.json left out: {raw}/2024-25/it.1.json: the server answered 404" in output
    assert Match.objects.count() == 306 + 306 + 380 + ES_1_UPSTREAM + 189 - 2
    assert not Season.objects.filter(competition__code="it.1").exists()
    assert Person.objects.filter(name="Xabi Alonso").exists()


def test_without_shared_or_network_the_demo_still_loads_what_it_can(tmp_path: Path, settings):
    settings.OPENFOOTBALL_URL = "http://127.0.0.1:9"  # nothing listens on the discard port

    output = load_demo(tmp_path)

    assert "Results not loaded" in output
    assert Person.objects.filter(name="Carlo Ancelotti").exists()


def test_the_closing_message_gives_the_address_the_site_is_served_on(tmp_path: Path, settings):
    settings.DEBUG = True
    settings.OPENFOOTBALL_URL = "http://127.0.0.1:9"  # no results: the message is what is tested

    out = StringIO()
    call_command("load_demo", shared=tmp_path, addrport="0.0.0.0:8123", stdout=out)

    assert "Admin: http://0.0.0.0:8123/admin/" in out.getvalue()
    assert "Site: http://0.0.0.0:8123/" in out.getvalue()
    assert ":8000" not in out.getvalue()


@pytest.mark.parametrize(
    ("addrport", "site"),
    [
        ("127.0.0.1:8000", "http://127.0.0.1:8000/"),
        ("8124", "http://127.0.0.1:8124/"),
        ("localhost:8125", "http://localhost:8125/"),
        ("::1:8126", "http://[::1]:8126/"),
        ("[::1]:8127", "http://[::1]:8127/"),
    ],
)
def test_site_url_reads_runservers_address(addrport, site):
    assert site_url(addrport) == site


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_run_tells_the_demo_the_host_and_port_it_serves_on():
    root = Path(__file__).resolve().parent.parent
    dry_run = subprocess.run(
        ["make", "-n", "run", "HOST=0.0.0.0", "PORT=8123"], cwd=root, capture_output=True, text=True, timeout=60
    )

    assert "manage.py load_demo --addrport 0.0.0.0:8123" in dry_run.stdout
    assert "manage.py runserver 0.0.0.0:8123" in dry_run.stdout
