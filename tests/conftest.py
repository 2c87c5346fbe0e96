import http.server
import threading
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


@pytest.fixture
def openfootball_server(openfootball_dir: Path):
    """A loopback HTTP server shaped like openfootball's repository (this machine has no internet)."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(openfootball_dir), **kwargs)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(autouse=True)
def clear_cache():
    """Live versions and cached fragments must not leak between tests (primary keys are reused)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
