"""The data desk's admin for moves: the next step in one action, refusals as form errors, other roles kept out."""

import datetime as dt

import pytest
from django.urls import reverse
from reversion.models import Version

from people.models import ManagerMove, MoveStatus, Tenure
from tests import factories

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def move():
    old = factories.TenureFactory(start_date=D(2022, 10, 5))
    return factories.ManagerMoveFactory(person=old.person, from_club=old.club, status=MoveStatus.RUMOURED)


def next_step(move):
    return reverse("admin:people_managermove_next_step", args=[move.pk])


def form(status, day="2025-06-01", **extra):
    return {
        "date": day,
        "status": status,
        "summary": "Takes charge.",
        "source_name": "Club statement",
        "source_url": "/articles/a-story/",
        "how_old_post_ended": "mutual_consent",
        **extra,
    }


def test_the_data_desk_completes_a_move_in_one_step(client, data_desk, move):
    client.force_login(data_desk)
    assert client.get(next_step(move)).status_code == 200
    response = client.post(next_step(move), form("completed"))
    assert response.status_code == 302
    move.refresh_from_db()
    assert move.status == MoveStatus.COMPLETED
    assert Tenure.objects.get(person=move.person, club=move.to_club).start_date == D(2025, 6, 1)
    old = Tenure.objects.get(person=move.person, club=move.from_club)
    assert (old.end_date, old.how_ended) == (D(2025, 5, 31), "mutual_consent")
    assert move.updates.get().source_url == "/articles/a-story/"
    [version] = Version.objects.get_for_object(move)
    assert version.revision.user == data_desk and version.revision.comment == "Next step: completed"


def test_a_contradiction_is_a_form_error_and_nothing_is_saved(client, data_desk, move):
    client.force_login(data_desk)
    client.post(next_step(move), form("completed"))
    response = client.post(next_step(move), form("in_talks", day="2025-06-02"))
    assert response.status_code == 200
    assert "cannot go back" in response.content.decode()
    assert move.updates.count() == 1


@pytest.mark.parametrize("bad", ["javascript:alert(1)", "//evil.example/x", "not a url", "/ok\x00"])
def test_a_source_that_is_no_address_is_refused(client, data_desk, move, bad):
    client.force_login(data_desk)
    response = client.post(next_step(move), form("in_talks", source_url=bad))
    assert response.status_code == 200
    assert not move.updates.exists()


def test_a_malformed_date_is_a_form_error(client, data_desk, move):
    client.force_login(data_desk)
    response = client.post(next_step(move), form("in_talks", day="2025-13-40"))
    assert response.status_code == 200 and "Enter a valid date" in response.content.decode()
    assert not move.updates.exists()


@pytest.mark.parametrize("role", ["writer", "editor", "journalist"])
def test_other_roles_cannot_record_a_step(client, move, role, request):
    client.force_login(request.getfixturevalue(role))
    assert client.get(next_step(move)).status_code == 403
    assert client.post(next_step(move), form("completed")).status_code == 403
    action = {"action": "record_next_step", "_selected_action": [move.pk]}
    client.post(reverse("admin:people_managermove_changelist"), action)
    move.refresh_from_db()
    assert move.status == MoveStatus.RUMOURED and not move.updates.exists()
    assert not Tenure.objects.filter(club=move.to_club).exists()


def test_the_list_action_leads_to_the_step_form(client, data_desk, move):
    client.force_login(data_desk)
    action = {"action": "record_next_step", "_selected_action": [move.pk]}
    response = client.post(reverse("admin:people_managermove_changelist"), action)
    assert response.status_code == 302 and response["Location"] == next_step(move)


def test_adding_a_move_to_the_club_the_person_manages_is_a_form_error(client, data_desk, move):
    client.force_login(data_desk)
    data = {"person": move.person.pk, "from_club": "", "to_club": move.from_club.pk, "role": "head_coach"}
    data |= {"summary": "", "updates-TOTAL_FORMS": 0, "updates-INITIAL_FORMS": 0}
    response = client.post(reverse("admin:people_managermove_add"), data)
    assert response.status_code == 200 and "already manages" in response.content.decode()
    assert ManagerMove.objects.count() == 1


def test_the_data_desk_adds_a_move(client, data_desk):
    client.force_login(data_desk)
    person, club = factories.PersonFactory(), factories.ClubFactory()
    data = {"person": person.pk, "from_club": "", "to_club": club.pk, "role": "head_coach", "summary": "Linked"}
    data |= {"updates-TOTAL_FORMS": 0, "updates-INITIAL_FORMS": 0}
    response = client.post(reverse("admin:people_managermove_add"), data)
    assert response.status_code == 302
    assert ManagerMove.objects.get().to_club == club


def test_the_change_page_offers_the_next_step(client, data_desk, move):
    client.force_login(data_desk)
    html = client.get(reverse("admin:people_managermove_change", args=[move.pk])).content.decode()
    assert f'href="{next_step(move)}"' in html and "Record the next step" in html


def test_an_overlapping_tenure_is_a_form_error_in_the_person_admin(client, data_desk):
    club = factories.ClubFactory()
    factories.TenureFactory(club=club, start_date=D(2024, 7, 1))
    person = factories.PersonFactory()
    tenures = {
        "tenures-TOTAL_FORMS": 1, "tenures-INITIAL_FORMS": 0, "tenures-0-club": club.pk,
        "tenures-0-role": "head_coach", "tenures-0-start_date": "2025-01-01",
    }  # fmt: skip
    data = {"name": person.name, "slug": person.slug, "aliases": "[]", "nationality": "", "bio": "", "known_as": ""}
    data |= tenures | {"honours-TOTAL_FORMS": 0, "honours-INITIAL_FORMS": 0}
    client.force_login(data_desk)
    response = client.post(reverse("admin:people_person_change", args=[person.pk]), data)
    assert response.status_code == 200 and "cannot overlap" in response.content.decode()
    assert not Tenure.objects.filter(person=person).exists()
