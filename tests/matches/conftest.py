"""Shared helpers for the football-rules tests: the real openfootball files, parsed once per session.

The files live outside the repository (settings.SHARED_DIR); tests that need them skip when it is absent.
"""

from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest
from django.conf import settings

from matches.openfootball import ParsedFile, parse_file


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
