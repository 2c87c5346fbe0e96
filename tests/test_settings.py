import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def load_settings(**env: str) -> subprocess.CompletedProcess:
    """Import the settings in a fresh interpreter with exactly this environment (plus PATH)."""
    code = (
        "import newsroom.settings as s; "
        "print(s.DEBUG, s.DATABASES['default']['ENGINE'], s.CACHES['default']['BACKEND'], "
        "'pool' in s.DATABASES['default'].get('OPTIONS', {}))"
    )
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={"PATH": os.environ["PATH"], **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("env", "missing"),
    [
        ({}, "SECRET_KEY and ALLOWED_HOSTS must be set"),
        ({"SECRET_KEY": "x" * 50}, "ALLOWED_HOSTS must be set"),
        ({"ALLOWED_HOSTS": "example.org"}, "SECRET_KEY must be set"),
    ],
)
def test_production_without_secrets_refuses_to_start(env, missing):
    result = load_settings(**env)

    assert result.returncode != 0
    assert missing in result.stderr


def test_development_defaults_need_nothing_installed():
    result = load_settings(DJANGO_DEBUG="1")

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "True",
        "django.db.backends.sqlite3",
        "django.core.cache.backends.locmem.LocMemCache",
        "False",
    ]


def test_database_and_cache_come_from_the_environment():
    result = load_settings(
        SECRET_KEY="s" * 50,
        ALLOWED_HOSTS="pressbox.example",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/pressbox",
        REDIS_URL="redis://127.0.0.1:6379/0",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "False",
        "django.db.backends.postgresql",
        "newsroom.redis_cache.ResilientRedisCache",
        "True",
    ]


SERVER_ERROR = """
import sys, types
import django
from django.http import HttpResponseServerError
from django.test import Client, override_settings
from django.urls import path

django.setup()


def broken(request):
    raise RuntimeError("the-broken-view")


urls = types.ModuleType("broken_urls")
urls.urlpatterns = [path("broken/", broken)]
urls.handler500 = lambda request: HttpResponseServerError("error")  # production's page needs collected static
sys.modules["broken_urls"] = urls
with override_settings(ROOT_URLCONF="broken_urls"):
    print(Client(raise_request_exception=False).get("/broken/", secure=True).status_code)
"""


@pytest.mark.parametrize(
    "env",
    [
        {"DJANGO_DEBUG": "1"},
        {"SECRET_KEY": "s" * 50, "ALLOWED_HOSTS": "testserver"},
    ],
    ids=["development", "production"],
)
def test_a_server_error_is_logged_once_with_its_traceback(env):
    result = subprocess.run(
        [sys.executable, "-c", SERVER_ERROR],
        cwd=ROOT,
        env={"PATH": os.environ["PATH"], "DJANGO_SETTINGS_MODULE": "newsroom.settings", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.stdout.strip() == "500", result.stderr
    assert result.stderr.count("Internal Server Error: /broken/") == 1, result.stderr
    assert result.stderr.count("Traceback (most recent call last)") == 1, result.stderr
    assert result.stderr.count("RuntimeError: the-broken-view") == 1, result.stderr


def test_rate_limits_come_from_the_environment():
    code = "import newsroom.settings as s; print(s.RATE_LIMITS, s.RATE_LIMIT_WINDOW, s.TRUSTED_PROXY_COUNT)"
    env = {"PATH": os.environ["PATH"], "DJANGO_DEBUG": "1", "RATE_LIMIT_ANONYMOUS": "30", "TRUSTED_PROXY_COUNT": "1"}
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)

    assert result.stdout.strip() == "{'anonymous': 30, 'journalist': 600, 'token': 600} 60 1"


@pytest.mark.parametrize("variable", ["RATE_LIMIT_WINDOW", "RATE_LIMIT_TOKEN"])
def test_a_rate_limit_of_zero_refuses_to_start(variable):
    result = load_settings(DJANGO_DEBUG="1", **{variable: "0"})

    assert result.returncode != 0
    assert "must be a whole number of 1 or more" in result.stderr


def cache_prefix(**env: str) -> str:
    code = "import newsroom.settings as s; print(s.CACHES['default']['KEY_PREFIX'])"
    full = {"PATH": os.environ["PATH"], "DJANGO_DEBUG": "1", **env}
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=full, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_cache_keys_carry_a_prefix_per_site_and_database():
    redis = {"REDIS_URL": "redis://127.0.0.1:6379/0"}
    production = cache_prefix(DATABASE_URL="postgres://pressbox@db.example:5432/pressbox", **redis)
    staging = cache_prefix(DATABASE_URL="postgres://pressbox@db.example:5432/pressbox_staging", **redis)
    other_host = cache_prefix(DATABASE_URL="postgres://pressbox@db2.example:5432/pressbox", **redis)

    assert len({production, staging, other_host}) == 3
    assert production == cache_prefix(DATABASE_URL="postgres://pressbox@db.example:5432/pressbox", **redis)
    assert cache_prefix(CACHE_KEY_PREFIX="site-a", **redis) == "site-a"
    assert cache_prefix().startswith("pressbox-")
