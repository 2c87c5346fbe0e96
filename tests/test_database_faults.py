"""A database that is down or restarting: requests fail fast with a 503 (JSON under /api/), the pool checks the
connections it hands out, and the site recovers by itself."""

from __future__ import annotations

import os
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

    assert result.stdout.split() == ["newsroom.db_pool", "1.0", "2"], result.stderr


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
