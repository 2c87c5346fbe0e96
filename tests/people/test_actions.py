"""A move's life, step by step, and every contradiction refused with nothing saved."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from people.actions import create_move, end_tenure, record_move_update, start_tenure
from people.models import ManagerMoveUpdate, MoveStatus, Tenure
from tests import factories

pytestmark = pytest.mark.django_db
D = dt.date


def step(move, day, status, **extra):
    return record_move_update(move=move, date=day, status=status, summary=f"{status}.", source_name="Desk", **extra)


@pytest.fixture
def alonso():
    """A coach in post at Leverkusen since October 2022, linked with Madrid, whose coach is another."""
    leverkusen, madrid = factories.ClubFactory(name="Leverkusen"), factories.ClubFactory(name="Madrid")
    old = factories.TenureFactory(club=leverkusen, start_date=D(2022, 10, 5))
    factories.TenureFactory(club=madrid, start_date=D(2021, 6, 1), end_date=D(2025, 5, 25))
    move = create_move(person=old.person, from_club=leverkusen, to_club=madrid, on=D(2025, 5, 9))
    return move, old


def test_a_move_from_rumour_to_done(alonso):
    move, old = alonso
    for day, status in [(D(2025, 5, 9), "in_talks"), (D(2025, 5, 20), "agreed"), (D(2025, 5, 25), "announced")]:
        step(move, day, status)
        move.refresh_from_db()
        assert move.status == status
    step(move, D(2025, 6, 1), MoveStatus.COMPLETED, how_old_post_ended=Tenure.Ending.MUTUAL_CONSENT)
    old.refresh_from_db()
    assert (old.end_date, old.how_ended) == (D(2025, 5, 31), "mutual_consent")
    new = Tenure.objects.get(person=move.person, club=move.to_club)
    assert (new.start_date, new.end_date, new.role) == (D(2025, 6, 1), None, "head_coach")
    assert move.updates.count() == 4


def test_announced_confirms_the_departure(alonso):
    move, _ = alonso
    assert not step(move, D(2025, 5, 9), "rumoured").departure_confirmed
    assert step(move, D(2025, 5, 10), "in_talks", departure_confirmed=True).departure_confirmed
    assert step(move, D(2025, 5, 25), "announced").departure_confirmed


def test_no_step_back_from_completed(alonso):
    move, _ = alonso
    step(move, D(2025, 6, 1), MoveStatus.COMPLETED)
    with pytest.raises(ValidationError, match="completed: it cannot go back"):
        step(move, D(2025, 6, 2), MoveStatus.IN_TALKS)
    with pytest.raises(ValidationError, match="completed"):
        step(move, D(2025, 6, 2), MoveStatus.COMPLETED)
    move.refresh_from_db()
    assert move.status == MoveStatus.COMPLETED and move.updates.count() == 1


def test_completion_cannot_come_before_the_last_step(alonso):
    move, old = alonso
    step(move, D(2025, 5, 25), "announced")
    with pytest.raises(ValidationError, match="cannot have been completed before it"):
        step(move, D(2025, 5, 20), MoveStatus.COMPLETED)
    old.refresh_from_db()
    assert old.end_date is None and move.updates.count() == 1


def test_a_step_entered_late_keeps_the_newest_status(alonso):
    move, _ = alonso
    step(move, D(2025, 5, 25), "announced")
    step(move, D(2025, 5, 9), "in_talks")
    move.refresh_from_db()
    assert move.status == "announced"


def test_a_move_to_the_club_the_person_already_manages_is_refused(alonso):
    move, old = alonso
    with pytest.raises(ValidationError, match="already manages Leverkusen"):
        create_move(person=old.person, from_club=None, to_club=old.club, on=D(2025, 5, 9))
    back = factories.ManagerMoveFactory(person=old.person, from_club=move.to_club, to_club=old.club)
    with pytest.raises(ValidationError, match="already manages"):
        step(back, D(2025, 5, 9), "rumoured")
    assert not ManagerMoveUpdate.objects.filter(move=back).exists()


def test_completion_refused_when_it_would_overlap_another_coach_and_nothing_is_saved(alonso):
    move, old = alonso
    factories.TenureFactory(club=move.to_club, start_date=D(2025, 5, 28))  # somebody else got the job
    with pytest.raises(ValidationError, match="cannot overlap"):
        step(move, D(2025, 6, 1), MoveStatus.COMPLETED)
    old.refresh_from_db()
    move.refresh_from_db()
    assert old.end_date is None  # the old post was not ended either: one transaction
    assert move.status == MoveStatus.RUMOURED and not move.updates.exists()
    assert not Tenure.objects.filter(person=move.person, club=move.to_club).exists()


def test_an_end_before_the_start_is_refused():
    tenure = factories.TenureFactory(start_date=D(2024, 7, 1))
    with pytest.raises(ValidationError, match="before it started"):
        end_tenure(tenure=tenure, end_date=D(2024, 6, 30), how_ended="sacked")
    tenure.refresh_from_db()
    assert tenure.end_date is None


def test_a_tenure_entered_with_an_end_before_its_start_is_refused():
    with pytest.raises(ValidationError, match="cannot end before it starts"):
        start_tenure(
            person=factories.PersonFactory(),
            club=factories.ClubFactory(),
            start_date=D(2024, 7, 1),
            end_date=D(2024, 6, 1),
            how_ended="sacked",
        )
    assert not Tenure.objects.exists()


def test_an_ended_tenure_cannot_end_again():
    tenure = factories.TenureFactory(start_date=D(2024, 7, 1), end_date=D(2025, 5, 1), how_ended="sacked")
    with pytest.raises(ValidationError, match="already ended"):
        end_tenure(tenure=tenure, end_date=D(2025, 6, 1), how_ended="sacked")


@pytest.mark.parametrize(
    ("start", "end", "clash"),
    [
        (D(2024, 1, 1), D(2024, 8, 1), True),  # overlaps the start
        (D(2025, 1, 1), None, True),  # open, inside
        (D(2023, 1, 1), D(2024, 6, 30), False),  # ends the day before
        (D(2025, 7, 1), None, False),  # starts the day after
    ],
)
def test_two_coaches_tenures_at_one_club_cannot_overlap(start, end, clash):
    club = factories.ClubFactory()
    factories.TenureFactory(club=club, start_date=D(2024, 7, 1), end_date=D(2025, 6, 30), how_ended="sacked")
    person = factories.PersonFactory()
    if clash:
        with pytest.raises(ValidationError, match="cannot overlap"):
            start_tenure(person=person, club=club, start_date=start, end_date=end, how_ended="sacked" if end else "")
        assert not Tenure.objects.filter(person=person).exists()
    else:
        start_tenure(person=person, club=club, start_date=start, end_date=end, how_ended="sacked" if end else "")


def test_a_player_and_a_coach_may_overlap():
    club = factories.ClubFactory()
    factories.TenureFactory(club=club, start_date=D(2024, 7, 1))
    tenure = start_tenure(person=factories.PersonFactory(), club=club, start_date=D(2024, 8, 1), role="player")
    assert tenure.pk
