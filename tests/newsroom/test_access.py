"""Who is asking and how often (newsroom/access.py): clients, addresses, the rate limiter and the view decorator."""

import socket
import uuid

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.cache.backends.base import BaseCache
from django.test import RequestFactory

from newsroom.access import (
    BadToken,
    Client,
    FullAccessRequired,
    RateLimited,
    check_rate,
    client_address,
    client_of,
    require_full_access,
)
from newsroom.actions import create_api_token
from tests import factories

pytestmark = pytest.mark.django_db

PAGE = "/test-access/page/"
EXPORT = "/test-access/export/"
DEAD_REDIS = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    }
}


class BrokenCache(BaseCache):
    """A cache whose every call fails, as a cache server does when it is gone."""

    def __init__(self, location: str, params: dict) -> None:
        super().__init__(params)

    def __getattribute__(self, name: str):
        if name in {"add", "get", "set", "incr", "delete", "get_many", "clear", "has_key"}:
            raise ConnectionError("the cache is gone")
        return super().__getattribute__(name)


@pytest.fixture(autouse=True)
def limits(settings):
    settings.RATE_LIMITS = {"anonymous": 3, "journalist": 5, "token": 5}
    settings.RATE_LIMIT_WINDOW = 60
    settings.TRUSTED_PROXY_COUNT = 0
    settings.ROOT_URLCONF = "tests.newsroom.access_urls"


def request_from(address: str = "203.0.113.9", user=None, **headers: str):
    request = RequestFactory().get("/", REMOTE_ADDR=address, headers=headers)
    request.user = user or AnonymousUser()
    if user is not None:  # a signed-in reader's requests carry the session cookie (only those are asked who)
        request.COOKIES[settings.SESSION_COOKIE_NAME] = "session"
    return request


def bearer(secret: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {secret}"}


# Who is asking


def test_without_a_login_or_token_the_client_is_its_address():
    assert client_of(request_from("203.0.113.9")) == Client("anonymous", "address:203.0.113.9", False)


def test_a_journalist_logged_in_sees_everything_counted_per_user(journalist):
    assert client_of(request_from(user=journalist)) == Client("journalist", f"user:{journalist.pk}", True)


def test_a_login_without_the_archive_permission_counts_as_its_address(writer):
    assert client_of(request_from("203.0.113.9", user=writer)) == Client("anonymous", "address:203.0.113.9", False)


def test_a_journalists_token_sees_everything_counted_per_token(journalist):
    token, secret = create_api_token(owner=journalist, name="Notebook", created_by=journalist)

    assert client_of(request_from(**bearer(secret))) == Client("token", f"token:{token.pk}", True)


def test_a_token_sees_no_more_than_its_owner(admin_user, writer):
    token, secret = create_api_token(owner=writer, name="Made by an admin", created_by=admin_user)

    assert client_of(request_from(**bearer(secret))) == Client("token", f"token:{token.pk}", False)


def test_a_token_wins_over_the_session_it_comes_with(journalist):
    token, secret = create_api_token(owner=journalist, name="Notebook", created_by=journalist)

    assert client_of(request_from(user=journalist, **bearer(secret))).key == f"token:{token.pk}"


def test_a_token_of_a_deactivated_account_is_refused(journalist):
    _, secret = create_api_token(owner=journalist, name="Notebook", created_by=journalist)
    journalist.is_active = False
    journalist.save()

    with pytest.raises(BadToken, match="deactivated"):
        client_of(request_from(**bearer(secret)))


def test_the_client_is_worked_out_once_per_request(journalist, django_assert_num_queries):
    _, secret = create_api_token(owner=journalist, name="Notebook", created_by=journalist)
    request = request_from(**bearer(secret))
    first = client_of(request)

    with django_assert_num_queries(0):
        assert client_of(request) is first


UNKNOWN = "pbx_" + "A" * 43
BAD_CREDENTIALS = [
    ("Bearer", "Send an API token"),
    ("Bearer    ", "Send an API token"),  # curl -H "Authorization: Bearer $TOKEN" with TOKEN unset
    ("   ", None),  # no credential at all: anonymous
    ("Basic dXNlcjpwYXNz", "Send an API token"),
    ("Token pbx_abc", "Send an API token"),
    ("Bearer pbx_short", "not a Pressbox API token"),
    ("Bearer sk-live-0123456789", "not a Pressbox API token"),
    (f"Bearer {UNKNOWN}", "Unknown API token"),
    (f"Bearer {UNKNOWN[:-1]}\x00", "not a Pressbox API token"),
    ("Bearer pbx_\x00\x00\x00" + "A" * 40, "not a Pressbox API token"),
    ("Bearer " + "pbx_" + "A" * 10_000, "too long"),
    ("Bearer " + "é" * 43, "not a Pressbox API token"),
]


@pytest.mark.parametrize(("header", "message"), BAD_CREDENTIALS)
def test_a_bad_credential_is_refused_with_a_message_that_does_not_echo_it(header, message):
    request = request_from()
    request.META["HTTP_AUTHORIZATION"] = header
    if message is None:
        assert client_of(request).kind == "anonymous"
        return
    with pytest.raises(BadToken, match=message) as refused:
        client_of(request)
    credential = header.partition(" ")[2]
    assert not credential or credential not in str(refused.value)


# The client's address


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "198.51.100.7", "10.0.0.1"),  # no proxy of ours: anyone can write X-Forwarded-For
        (1, "198.51.100.7", "198.51.100.7"),
        (1, "6.6.6.6, 198.51.100.7", "198.51.100.7"),  # the client wrote the first entry itself
        (2, "6.6.6.6, 198.51.100.7, 10.0.0.2", "198.51.100.7"),
        (2, "198.51.100.7", "10.0.0.1"),  # fewer entries than proxies: it came around them
        (1, "", "10.0.0.1"),
        (1, "not-an-address", "10.0.0.1"),
        (1, "2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"),  # a household's whole IPv6 network counts once
        (1, "::ffff:198.51.100.7", "198.51.100.7"),
    ],
)
def test_the_client_address_trusts_only_our_own_proxies(settings, proxies, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = proxies
    request = request_from("10.0.0.1")
    request.META["HTTP_X_FORWARDED_FOR"] = forwarded

    assert client_address(request) == expected


# How often


def anonymous(key: str = "address:203.0.113.9") -> Client:
    return Client("anonymous", key, False)


def test_the_limit_counts_per_client_per_scope_and_the_window_resets():
    now = 1_000_000.0
    quotas = [check_rate(anonymous(), "quotes", now=now) for _ in range(3)]

    assert [q.remaining for q in quotas] == [2, 1, 0]
    with pytest.raises(RateLimited) as limited:
        check_rate(anonymous(), "quotes", now=now)
    assert 1 <= limited.value.retry_after <= 60
    assert limited.value.quota.limit == 3
    assert check_rate(anonymous("address:198.51.100.7"), "quotes", now=now).remaining == 2
    assert check_rate(anonymous(), "export", now=now).remaining == 2
    assert check_rate(anonymous(), "quotes", now=now + limited.value.retry_after).remaining == 2


def test_each_kind_has_its_own_limit(settings):
    journalist = Client("journalist", "user:1", True)

    for _ in range(5):
        check_rate(journalist, "quotes", now=0.0)
    with pytest.raises(RateLimited):
        check_rate(journalist, "quotes", now=0.0)


@pytest.mark.parametrize("caches", [DEAD_REDIS, {"default": {"BACKEND": "tests.newsroom.test_access.BrokenCache"}}])
def test_with_the_cache_unreachable_nothing_is_limited(settings, caches, client):
    settings.CACHES = caches

    assert all(check_rate(anonymous(), "quotes") is None for _ in range(10))
    responses = [client.get(url) for url in [PAGE, "/api/v1/matches"] for _ in range(5)]
    assert {r.status_code for r in responses} == {200}
    assert not any("RateLimit-Remaining" in r for r in responses)


def redis_is_here() -> bool:
    with socket.socket() as probe:
        probe.settimeout(0.2)
        return probe.connect_ex(("127.0.0.1", 6379)) == 0


def test_the_limit_holds_on_redis_too(settings):
    if not redis_is_here():
        pytest.skip("no Redis on 127.0.0.1:6379")
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/0",
            "KEY_PREFIX": f"test-access-{uuid.uuid4()}",  # other test runs share this Redis
        }
    }

    assert [check_rate(anonymous(), "quotes", now=0.0).remaining for _ in range(3)] == [2, 1, 0]
    with pytest.raises(RateLimited):
        check_rate(anonymous(), "quotes", now=0.0)


# What they may see


def test_only_a_client_who_may_see_everything_gets_past_the_first_page():
    require_full_access(Client("token", "token:1", True), "Further pages")
    with pytest.raises(FullAccessRequired):
        require_full_access(anonymous(), "Further pages")


# The decorator


def test_a_view_answers_with_its_quota_until_the_limit_then_a_429_page(client):
    answers = [client.get(PAGE) for _ in range(4)]

    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    assert [a["RateLimit-Remaining"] for a in answers] == ["2", "1", "0", "0"]
    assert answers[0]["RateLimit-Limit"] == "3"
    refused = answers[-1]
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert refused["Content-Type"].startswith("text/html")
    assert "Too many requests from this address" in refused.content.decode()


def test_a_json_view_answers_429_in_json(client):
    for _ in range(3):
        client.get(EXPORT)

    refused = client.get(EXPORT)

    assert refused.status_code == 429
    assert refused.json()["retry_after"] == int(refused["Retry-After"])
    assert "Try again in" in refused.json()["detail"]


def test_a_bad_token_on_a_page_is_a_401_in_json(client):
    response = client.get(PAGE, headers=bearer(UNKNOWN))

    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert UNKNOWN not in response.content.decode()
    assert "Unknown API token" in response.json()["detail"]


def test_a_whole_export_needs_a_journalist(client, writer, journalist):
    refused = client.get(EXPORT)
    assert refused.status_code == 401
    assert "journalist's login or a personal API token" in refused.json()["detail"]

    client.force_login(writer)
    assert client.get(EXPORT).status_code == 403
    client.force_login(journalist)
    assert client.get(EXPORT).json() == {"rows": ["everything"]}


def test_further_pages_of_a_page_explain_themselves_in_html(client, writer, journalist):
    anonymous = client.get("/test-access/page/2/")
    assert anonymous.status_code == 401
    assert anonymous["Content-Type"].startswith("text/html")
    assert "Further pages need a journalist" in anonymous.content.decode()
    assert "/admin/login/?next=/test-access/page/2/" in anonymous.content.decode()

    client.force_login(writer)
    signed_in = client.get("/test-access/page/2/")
    assert signed_in.status_code == 403
    assert "/admin/login/" not in signed_in.content.decode()
    client.force_login(journalist)
    assert client.get("/test-access/page/2/").content == b"page two"


def test_a_whole_export_with_a_journalists_token(client, journalist, admin_user, writer):
    _, secret = create_api_token(owner=journalist, name="Notebook", created_by=journalist)
    _, writers = create_api_token(owner=writer, name="Made by an admin", created_by=admin_user)

    assert client.get(EXPORT, headers=bearer(secret)).status_code == 200
    assert client.get(EXPORT, headers=bearer(writers)).status_code == 403


def test_a_journalist_gets_the_higher_limit_on_pages(client, journalist):
    client.force_login(journalist)

    answers = [client.get(PAGE).status_code for _ in range(6)]

    assert answers == [200] * 5 + [429]
    assert client.get(PAGE, REMOTE_ADDR="198.51.100.7").status_code == 429  # per login, wherever it is


def test_the_factory_token_is_a_real_token(client):
    token = factories.ApiTokenFactory(secret=UNKNOWN)

    assert client.get(PAGE, headers=bearer(UNKNOWN)).content.decode() == "token False"
    assert token.prefix == UNKNOWN[:12]
