"""A database that is down or restarting: requests fail fast with a 503 (JSON under /api/), the pool checks the
connections it hands out, and the site recovers by itself."""

from __future__ import annotations

import contextlib
import os
import select
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest
from django.db import OperationalError, connection
from psycopg_pool import PoolTimeout

ROOT = Path(__file__).resolve().parent.parent

FAIL_FAST = """
import time
import django
django.setup()
from django.test import Client
client = Client(raise_request_exception=False)
for path in ("/", "/api/v1/matches"):
    started = time.monotonic()
    response = client.get(path)
    print(response.status_code, response["Content-Type"].split(";")[0], response.get("Retry-After"),
          round(time.monotonic() - started, 2))
"""


@pytest.fixture
def silent_server():
    """A TCP port that accepts connections and never answers: a database host that hangs."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    accepted = []
    stop = threading.Event()

    def accept() -> None:
        server.settimeout(0.1)
        while not stop.is_set():
            try:
                accepted.append(server.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield server.getsockname()[1]
    stop.set()
    thread.join()
    for conn in accepted:
        conn.close()
    server.close()


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def run_against(port: int) -> list[list[str]]:
    env = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        "DJANGO_DEBUG": "1",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:{port}/pressbox",
    }
    result = subprocess.run(
        [sys.executable, "-c", FAIL_FAST], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return [line.split() for line in result.stdout.splitlines()]


@pytest.mark.parametrize("down", ["refusing", "hanging"])
def test_with_the_database_down_a_request_fails_within_two_seconds_with_a_503(silent_server, down):
    lines = run_against(closed_port() if down == "refusing" else silent_server)

    assert [line[:3] for line in lines] == [["503", "text/html", "5"], ["503", "application/json", "5"]]
    assert all(float(line[3]) < 2 for line in lines), lines


def test_the_pool_checks_connections_and_waits_briefly():
    code = (
        "import newsroom.settings as s; o = s.DATABASES['default']['OPTIONS']; "
        "print(o['pool']['check'].__module__, o['pool']['timeout'], o['connect_timeout'])"
    )
    env = {"PATH": os.environ["PATH"], "DJANGO_DEBUG": "1", "DATABASE_URL": "postgres://postgres@127.0.0.1/x"}
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)

    assert result.stdout.split() == ["newsroom.db_pool", "0.5", "2"], result.stderr


@pytest.mark.django_db
@pytest.mark.parametrize("failure", [OperationalError("server closed the connection"), PoolTimeout("no conn")])
@pytest.mark.parametrize(("path", "content_type"), [("/", "text/html"), ("/api/v1/matches", "application/json")])
def test_a_database_failure_is_a_503_page_or_json(client, monkeypatch, failure, path, content_type):
    def down(*args, **kwargs):
        raise failure

    monkeypatch.setattr("django.db.models.query.QuerySet._fetch_all", down)
    client.raise_request_exception = False
    response = client.get(path)

    assert response.status_code == 503
    assert response["Content-Type"].startswith(content_type)
    assert response["Retry-After"] == "5"
    assert "Traceback" not in response.content.decode()


@pytest.mark.django_db
def test_a_query_error_that_is_not_an_outage_stays_a_500(client, monkeypatch):
    from django.db import IntegrityError

    def wrong(*args, **kwargs):
        raise IntegrityError("duplicate key")

    monkeypatch.setattr("django.db.models.query.QuerySet._fetch_all", wrong)
    client.raise_request_exception = False
    assert client.get("/api/v1/matches").status_code == 500


def fetch(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_after_a_postgresql_restart_the_next_requests_succeed(live_server):
    """Every connection the site holds is killed, as a restart does; the pool's check replaces them."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    url = f"{live_server.url}/api/v1/matches"
    assert [fetch(url) for _ in range(3)] == [200] * 3
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        (killed,) = cursor.fetchone()
    assert killed >= 1
    started = time.monotonic()
    assert fetch(url) == 200
    assert time.monotonic() - started < 1  # no second's back-off on the second dead connection
    assert [fetch(url) for _ in range(9)] == [200] * 9


OUTAGE = """
import sys, time
from wsgiref.util import setup_testing_defaults
from django.core.wsgi import get_wsgi_application

application = get_wsgi_application()  # as a server calls it: connections go back to the pool after each request

def ask():
    environ = {"PATH_INFO": "/api/v1/matches", "HTTP_HOST": "localhost"}
    setup_testing_defaults(environ)
    statuses = []
    started = time.monotonic()
    response = application(environ, lambda status, headers: statuses.append(status))
    b"".join(response)
    response.close()
    return int(statuses[0].split()[0]), time.monotonic() - started

print("before", *ask(), flush=True)
sys.stdin.readline()  # the database goes away
for _ in range(24):  # readers keep asking through the outage, half a second each (DATABASE_TIMEOUT)
    print("during", *ask(), flush=True)
sys.stdin.readline()  # the database is back
back = time.monotonic()
while (answer := ask())[0] != 200 and time.monotonic() - back < 30:
    pass
print("recovered", answer[0], time.monotonic() - back, flush=True)
"""


@pytest.mark.django_db(transaction=True)  # the test database, as another process sees it
def test_after_an_outage_longer_than_the_pools_back_off_the_site_serves_as_soon_as_the_database_is_back():
    """The pool's retries back off (1, 2, 4 s ...); the site must not wait for the next one once PostgreSQL is
    back. The outage is logged once per process, and its end once."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    from bench.faults import Relay

    settings = connection.settings_dict
    relay = Relay((settings["HOST"] or "127.0.0.1", int(settings["PORT"] or 5432)))
    env = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        "DJANGO_DEBUG": "1",
        "LOG_LEVEL": "INFO",
        "DATABASE_URL": f"postgres://{settings['USER']}@127.0.0.1:{relay.port}/{settings['NAME']}",
    }
    process = subprocess.Popen(
        [sys.executable, "-c", OUTAGE], cwd=ROOT, env=env, text=True,
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    assert process.stdin is not None and process.stdout is not None

    def line() -> list[str]:
        assert process.stdout is not None
        ready, _, _ = select.select([process.stdout], [], [], 40)
        return process.stdout.readline().split() if ready else ["(nothing in 40 s)"]

    try:
        assert line()[:2] == ["before", "200"]
        relay.cut()
        process.stdin.write("\n")
        process.stdin.flush()
        # The pool's retries back off to 1, 3, 7 and 15 s: after these 12 s the next would be 3 s away.
        during = [line() for _ in range(24)]
        relay.restore()
        process.stdin.write("\n")
        process.stdin.flush()
        recovered = line()
        process.stdin.close()
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=30)
        process.kill()
        errors = process.stderr.read() if process.stderr else ""
    finally:
        relay.close()
        process.kill()

    assert [line[:2] for line in during] == [["during", "503"]] * 24
    assert all(float(line[2]) < 2 for line in during), during
    assert recovered[:2] == ["recovered", "200"] and float(recovered[2]) < 1.5, recovered
    assert errors.count("The database is unreachable") == 1, errors
    assert errors.count("The database answers again") == 1, errors
    assert "error connecting" not in errors  # the pool's warning at each retry stays out of the log
