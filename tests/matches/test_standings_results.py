import pytest

from matches.standings.results import score_of


@pytest.mark.parametrize(
    ("home", "away", "expected"),
    [(2, 1, (2, 1)), (0, 0, (0, 0)), (None, None, None), (1, None, None), (None, 3, None)],
)
def test_score_of_is_a_score_only_when_both_sides_are_known(
    home: int | None, away: int | None, expected: tuple[int, int] | None
) -> None:
    assert score_of(home, away) == expected
