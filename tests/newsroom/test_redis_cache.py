"""The cache is an accelerator, never a dependency: with Redis gone every page still answers (from the
database), live polls included, and the outage is logged once, with its end."""

from __future__ import annotations

import logging
import socket
import time
import uuid

import pytest
from django.core.cache import cache
from redis.exceptions import ConnectionError as RedisConnectionError

from matches.models import Match
from newsroom.models import Article
from newsroom.redis_cache import ResilientRedisCache

HTMX = {"HX-Request": "true"}
DEAD = "redis://127.0.0.1:1/0"  # nothing listens on port 1
LOGGER = "newsroom.redis_cache"


def resilient(location: str, **options: object) -> dict:
    return {
        "default": {
            "BACKEND": "newsroom.redis_cache.ResilientRedisCache",
            "LOCATION": location,
            "KEY_PREFIX": f"test-{uuid.uuid4()}",  # other test runs share a real Redis
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1, **options},
        }
    }


def redis_is_here() -> bool:
    with socket.socket() as probe:
        probe.settimeout(0.2)
        return probe.connect_ex(("127.0.0.1", 6379)) == 0


def outage_lines(caplog) -> list[logging.LogRecord]:
    return [record for record in caplog.records if record.name == LOGGER]


@pytest.mark.django_db
def test_with_redis_down_every_page_the_api_and_the_live_polls_answer_and_one_line_is_logged(
    client, demo_newsroom, settings, caplog
):
    settings.CACHES = resilient(DEAD)
    caplog.set_level(logging.INFO)
    preview = Article.objects.get(is_lead=True)
    match = Match.objects.get(pk=preview.match_id)
    season = match.season
    addresses = [
        "/",
        preview.get_absolute_url(),
        match.get_absolute_url(),
        "/competitions/",
        f"/competitions/{season.competition.code}/{season.label}/",
        match.home.get_absolute_url(),
        "/people/carlo-ancelotti/",
        "/moves/",
        "/quotes/",
        "/search/?q=Alonso",
        "/feeds/latest.rss",
        "/sitemap.xml",
        f"/api/v1/competitions/{season.competition.code}/seasons/{season.label}/standings",
        "/api/v1/matches?limit=5",
    ]
    for address in addresses:
        assert client.get(address).status_code == 200, address
    for poll in (f"/matches/{match.pk}/score/", f"/matches/{match.pk}/table/"):
        for _ in range(2):
            assert client.get(poll, headers=HTMX).status_code == 200, poll

    lines = outage_lines(caplog)
    assert [(r.levelno, "unreachable" in r.getMessage()) for r in lines] == [(logging.WARNING, True)]
    assert not [r for r in caplog.records if r.exc_info]  # no tracebacks


def test_the_outage_is_logged_once_and_its_end_once(caplog):
    backend = ResilientRedisCache(DEAD, {"OPTIONS": {"socket_connect_timeout": 0.5}})
    backend.retry_after = 0
    caplog.set_level(logging.INFO)

    assert backend.get("k", "miss") == "miss"
    assert backend.get_many(["k"]) == {}
    assert backend.add("k", 1) is False
    backend.set("k", 1)
    backend.set_many({"k": 1})
    backend.delete("k")
    with pytest.raises(ValueError):
        backend.incr("k")
    assert backend.is_down

    class Back:
        def get(self, key, default):
            return "hit"

    backend.__dict__["_cache"] = Back()  # Redis answers again
    assert backend.get("k") == "hit"
    assert not backend.is_down
    assert [(r.levelno, r.getMessage().split(":")[0]) for r in outage_lines(caplog)] == [
        (logging.WARNING, "The cache (Redis) is unreachable"),
        (logging.INFO, "The cache (Redis) answers again, after 0 seconds unreachable."),
    ]


def test_while_down_redis_is_asked_again_only_after_the_retry_interval(monkeypatch):
    backend = ResilientRedisCache(DEAD, {})
    calls = []

    class Gone:
        def get(self, key, default):
            calls.append(key)
            raise RedisConnectionError("gone")

    backend.__dict__["_cache"] = Gone()
    started = time.monotonic()
    for _ in range(100):
        assert backend.get("k") is None
    assert len(calls) == 1 and time.monotonic() - started < 0.5
    monkeypatch.setattr(backend, "retry_after", 0)
    backend._next_attempt = 0
    backend.get("k")
    assert len(calls) == 2


def test_on_a_real_redis_it_is_an_ordinary_cache(settings):
    if not redis_is_here():
        pytest.skip("no Redis on 127.0.0.1:6379")
    settings.CACHES = resilient("redis://127.0.0.1:6379/0")

    cache.set("k", {"a": 1})
    assert cache.get("k") == {"a": 1}
    assert cache.add("n", 1) and cache.incr("n") == 2
    assert cache.get_or_set("g", lambda: "made") == "made"
    cache.delete_many(["k", "n", "g"])
    assert cache.get("k") is None
