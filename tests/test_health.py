"""GET /healthz: the database and the cache reported apart, for a load balancer."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import OperationalError

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent

DEAD_REDIS = {
    "default": {
        "BACKEND": "newsroom.redis_cache.ResilientRedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1},
    }
}


def test_all_well_with_the_local_cache(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "local"}
    assert "no-cache" in response["Cache-Control"] and "max-age=0" in response["Cache-Control"]
    assert not response.cookies  # no session, no CSRF cookie


def test_the_cache_down_is_degraded_but_still_serving(client, settings):
    settings.CACHES = DEAD_REDIS

    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "degraded", "database": "ok", "cache": "down"}


def test_a_shared_cache_that_answers_is_ok(client, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "x"}}
    from django.core.management import call_command

    call_command("createcachetable", verbosity=0)
    assert client.get("/healthz").json()["cache"] == "ok"


def test_the_database_down_is_a_503(client, monkeypatch):
    def down(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr("django.db.backends.utils.CursorWrapper.execute", down)
    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {"status": "down", "database": "down", "cache": "local"}


def test_only_reads_are_allowed(client):
    assert client.post("/healthz").status_code == 405


def test_a_load_balancer_asking_over_http_is_not_redirected(client, settings):
    code = "import newsroom.settings as s; print(s.SECURE_SSL_REDIRECT, s.SECURE_REDIRECT_EXEMPT)"
    env = {"PATH": os.environ["PATH"], "SECRET_KEY": "s" * 50, "ALLOWED_HOSTS": "pressbox.example"}
    production = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, cwd=ROOT)
    assert production.stdout.strip() == "True ['^healthz$']", production.stderr

    settings.SECURE_SSL_REDIRECT, settings.SECURE_REDIRECT_EXEMPT = True, ["^healthz$"]
    assert client.get("/healthz").status_code == 200
    assert client.get("/").status_code == 301
