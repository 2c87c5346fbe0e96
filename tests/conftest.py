from pathlib import Path

import pytest
from django.conf import settings


@pytest.fixture
def openfootball_dir() -> Path:
    """The real seasons in ../shared; the tests that need them skip where ../shared is absent."""
    path = Path(settings.SHARED_DIR) / "data" / "openfootball"
    if not path.is_dir():
        pytest.skip(f"{path} is not here")
    return path


@pytest.fixture
def shared_content_dir() -> Path:
    path = Path(settings.SHARED_DIR) / "content"
    if not path.is_dir():
        pytest.skip(f"{path} is not here")
    return path
