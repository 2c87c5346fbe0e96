"""Shared helpers for the football-rules tests: the real openfootball files, parsed once per session.

The files live outside the repository (settings.SHARED_DIR); tests that need them skip when it is absent.
"""

import datetime as dt
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest
from django.conf import settings

from matches.openfootball import ParsedFile, parse_file
from matches.standings import Result


def data_dir() -> Path:
    return Path(settings.SHARED_DIR) / "data/openfootball"


@cache
def _parse(relative: str) -> ParsedFile:
    path = data_dir() / relative
    return parse_file(path.read_bytes(), source=str(path))


@pytest.fixture
def openfootball() -> Callable[[str], ParsedFile]:
    """`openfootball("2024-25/es.1.json")` -> the parsed file; skips the test when the data is absent."""
    if not data_dir().is_dir():
        pytest.skip(f"openfootball data not found at {data_dir()}")
    return _parse


@pytest.fixture
def league_results(openfootball) -> Callable[..., list[Result]]:
    """`league_results("2024-25/es.1.json", until=date)`: the league-stage matches played (on or before
    `until`) as standings Results, at the score that counts (awarded scores for awarded matches)."""

    def build(relative: str, *, until: dt.date | None = None) -> list[Result]:
        return [
            Result(m.index, m.home, m.away, *m.counted_score, m.date, m.matchday)
            for m in openfootball(relative).matches
            if m.stage == "league" and m.is_played and (until is None or m.date <= until)
        ]

    return build
