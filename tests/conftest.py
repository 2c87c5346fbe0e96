import http.server
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from io import StringIO
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

    from newsroom.live_polls import forget_seasons
    from newsroom.page_cache import forget_served

    cache.clear()
    forget_seasons()
    forget_served()
    yield
    cache.clear()


# The demo newsroom (six real seasons, the people and moves, the Clasico preview with its quotes) takes seconds
# to load, so the tests that use it share one copy per test worker: `demo_newsroom`. It is loaded inside a
# transaction that is never committed, and each of those tests runs in a savepoint inside it (pytest-django's
# own per-test transaction), so a test may write and its writes roll back; it must not be transactional.
# Every other test wants an empty database, factories building clubs and people of their own: before any of
# them runs, the demo's transaction is rolled back (and the next demo test loads it again). Demo tests are
# sorted after the others, so each worker runs its share of them last and loads the demo once.
DEMO_FIXTURE = "demo_newsroom"
TRANSACTIONAL_FIXTURES = {"transactional_db", "live_server", "django_db_reset_sequences"}
DATABASE_FIXTURES = {"db", "django_db_serialized_rollback", *TRANSACTIONAL_FIXTURES}


@dataclass
class DemoNewsroom:
    """The demo, loaded in an open transaction on the default database. `output` is what load_demo printed."""

    blocker: object
    output: str = ""
    atomic: object = field(default=None, repr=False)

    @property
    def loaded(self) -> bool:
        return self.atomic is not None

    def load(self) -> None:
        from django.core.management import call_command
        from django.db import transaction
        from django.test import override_settings

        out = StringIO()
        with self.blocker.unblock():
            self.atomic = transaction.atomic()
            self.atomic.__enter__()
            # As `make run` loads it: the demo accounts get the printed password.
            with override_settings(DEBUG=True):
                call_command("load_demo", shared=settings.SHARED_DIR, stdout=out)
        self.output = out.getvalue()

    def unload(self) -> None:
        from django.db import transaction

        with self.blocker.unblock():
            transaction.set_rollback(True)
            self.atomic.__exit__(None, None, None)
        self.atomic = None


_demo: DemoNewsroom | None = None


@pytest.fixture(scope="session")
def demo_newsroom(django_db_setup, django_db_blocker) -> Iterator[DemoNewsroom]:
    """The demo newsroom, loaded once per worker: read it; writes roll back after each test."""
    global _demo
    shared = Path(settings.SHARED_DIR)
    for needed in (shared / "data" / "openfootball", shared / "content"):
        if not needed.is_dir():
            pytest.skip(f"{needed} is not here")
    _demo = DemoNewsroom(blocker=django_db_blocker)
    _demo.load()
    yield _demo
    if _demo.loaded:
        _demo.unload()
    _demo = None


def uses_demo(item: pytest.Item) -> bool:
    return DEMO_FIXTURE in getattr(item, "fixturenames", ())


def uses_database(item: pytest.Item) -> bool:
    return item.get_closest_marker("django_db") is not None or bool(
        DATABASE_FIXTURES.intersection(getattr(item, "fixturenames", ()))
    )


@pytest.hookimpl(tryfirst=True)  # before `-m` selects: `-m demo` and `-m "not demo"` see the marker
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if uses_demo(item):
            item.add_marker(pytest.mark.demo)
    items.sort(key=uses_demo)  # stable: the demo tests last, each group in its own order


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    """Before the test's fixtures: the demo is there for a demo test, and gone for any other database test."""
    if uses_demo(item):
        marker = item.get_closest_marker("django_db")
        if (marker and marker.kwargs.get("transaction")) or TRANSACTIONAL_FIXTURES.intersection(item.fixturenames):
            pytest.fail(f"{item.nodeid}: a test of {DEMO_FIXTURE} cannot be transactional: it is never committed.")
        if _demo is not None and not _demo.loaded:
            _demo.load()
    elif _demo is not None and _demo.loaded and uses_database(item):
        _demo.unload()


@pytest.fixture(scope="session", autouse=True)
def fast_password_hashing() -> Iterator[None]:
    """PBKDF2 is slow on purpose, half a second a password here: tests that log in use a fast hasher."""
    from django.test import override_settings

    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture(autouse=True)
def uploads(settings, tmp_path_factory) -> None:
    """Pictures a test uploads land in a temporary folder, never in the checkout's media/."""
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")


def staff_in_role(django_user_model, username: str, role: str, **names: str):
    """A staff user holding exactly one of the newsroom's roles (newsroom/roles.py), as the admin's users do."""
    from django.apps import apps
    from django.contrib.auth.models import Group

    from newsroom.roles import install_roles

    install_roles(apps, reset=False)  # a flushed database (after a live-server test) has lost the groups
    user = django_user_model.objects.create_user(username, password="pw", is_staff=True, **names)
    user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def writer(django_user_model):
    from newsroom.roles import WRITER

    return staff_in_role(django_user_model, "writer", WRITER)


@pytest.fixture
def editor(django_user_model):
    from newsroom.roles import EDITOR

    return staff_in_role(django_user_model, "editor", EDITOR, first_name="Eva", last_name="Editor")


@pytest.fixture
def journalist(django_user_model):
    """A logged-in-able Journalist: may page through and export the whole quote archive."""
    from newsroom.roles import JOURNALIST

    return staff_in_role(django_user_model, "journalist", JOURNALIST, first_name="Jo", last_name="Journalist")


@pytest.fixture
def data_desk(django_user_model):
    from newsroom.roles import DATA_DESK

    return staff_in_role(django_user_model, "datadesk", DATA_DESK)
