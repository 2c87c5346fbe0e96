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
        "django.core.cache.backends.redis.RedisCache",
        "True",
    ]
