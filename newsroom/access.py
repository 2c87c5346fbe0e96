"""Who is asking, what they may see, and how often: personal API tokens, journalists' logins, everyone else.

Anyone gets the first page of a search, counted per address at the anonymous limit. A personal API token
(`Authorization: Bearer pbx_…`, made in the admin) or a login holding `newsroom.see_everything` may see every
page and whole exports, counted per token or per user at higher limits. Past a limit, a 429 with Retry-After.

For a view:          `@rate_limited("quotes")` (or `json=True` for an export), then `client_of(request)` inside
                     and `require_full_access(client, "Whole exports")` where the first page is not enough.
For the JSON API:    `AccessAPI` (newsroom/api.py) counts every operation that names no auth of its own;
                     `request.auth` is the `Client`.
The limits are settings (RATE_LIMITS, RATE_LIMIT_WINDOW, TRUSTED_PROXY_COUNT).
"""

from __future__ import annotations

import functools
import hmac
import ipaddress
import logging
import math
import re
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal, TypeVar, cast

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from ninja import NinjaAPI
from ninja.openapi.schema import OpenAPISchema
from ninja.security import HttpBearer

from newsroom.actions import note_api_token_use
from newsroom.http import may_be_signed_in
from newsroom.models import ApiToken

logger = logging.getLogger(__name__)

SEE_EVERYTHING = "newsroom.see_everything"
Kind = Literal["token", "journalist", "anonymous"]
# What a token looks like (newsroom.actions.create_api_token); anything else is refused before the database.
TOKEN_SHAPE = re.compile(r"pbx_[A-Za-z0-9_-]{43}")
LONGEST_CREDENTIAL = 200


@dataclass(frozen=True)
class Client:
    """Who is asking. `key` names whose count a request adds to: a token, a user, or an address."""

    kind: Kind
    key: str
    may_see_everything: bool


@dataclass(frozen=True)
class Quota:
    """Where a client stands in the current window: the limit, what is left, and seconds until it resets."""

    limit: int
    remaining: int
    reset: int


class BadToken(Exception):
    """A credential that is not a working token: a 401. The message never repeats what was sent."""


class RateLimited(Exception):
    def __init__(self, client: Client, quota: Quota) -> None:
        super().__init__(f"Rate limit of {quota.limit} reached; retry after {quota.reset} s.")
        self.client = client
        self.quota = quota

    @property
    def retry_after(self) -> int:
        return self.quota.reset


class FullAccessRequired(Exception):
    """More than the first page, asked for by a client who may only see first pages: a 401 or a 403."""

    def __init__(self, what: str) -> None:
        super().__init__(what)
        self.what = what


# Who is asking


def client_of(request: HttpRequest) -> Client:
    """The client making `request`: a bearer token if one is sent (a bad one raises `BadToken`, never falling back
    to anonymous), else a logged-in user holding `newsroom.see_everything`, else an anonymous address.

    Remembered on the request: a second call costs nothing.
    """
    client = getattr(request, "_pressbox_client", None)
    if client is None:
        client = identify(request)
        request._pressbox_client = client  # type: ignore[attr-defined]
    return client


def identify(request: HttpRequest) -> Client:
    header = request.META.get("HTTP_AUTHORIZATION", "")
    if header.strip():
        return token_client(bearer_credential(header))
    user = getattr(request, "user", None) if may_be_signed_in(request) else None
    if user is not None and user.is_authenticated and user.is_active and user.has_perm(SEE_EVERYTHING):
        return Client(kind="journalist", key=f"user:{user.pk}", may_see_everything=True)
    return Client(kind="anonymous", key=f"address:{client_address(request)}", may_see_everything=False)


def bearer_credential(header: str) -> str:
    if len(header) > LONGEST_CREDENTIAL:
        raise BadToken("The Authorization header is too long to hold an API token.")
    scheme, _, credential = header.strip().partition(" ")
    if scheme.lower() != "bearer" or not credential.strip():
        raise BadToken("Send an API token as `Authorization: Bearer <token>`.")
    return credential.strip()


def token_client(credential: str) -> Client:
    if settings.SCORE_API_TOKEN and hmac.compare_digest(
        credential.encode("utf-8", "surrogatepass"), settings.SCORE_API_TOKEN.encode()
    ):
        # The data desk's server-wide token, sent by its tools to every address: a token, but nobody's.
        return Client(kind="token", key="token:data-desk", may_see_everything=False)
    if not TOKEN_SHAPE.fullmatch(credential):
        raise BadToken("That is not a Pressbox API token: one starts with pbx_; create one in the admin.")
    token = ApiToken.objects.for_secret(credential).first()
    now = timezone.now()
    if token is None:
        raise BadToken("Unknown API token: check it was copied whole, or create a new one in the admin.")
    if token.is_revoked:
        raise BadToken("This API token has been revoked: create a new one in the admin.")
    if token.is_expired(now):
        raise BadToken("This API token has expired: create a new one in the admin.")
    if not token.owner.is_active:
        raise BadToken("This API token's account is deactivated.")
    note_api_token_use(token=token, at=now)
    return Client(kind="token", key=f"token:{token.pk}", may_see_everything=token.owner.has_perm(SEE_EVERYTHING))


def client_address(request: HttpRequest) -> str:
    """The address the rate limit counts: REMOTE_ADDR; behind TRUSTED_PROXY_COUNT = n proxies of our own, the
    nth address from the right of X-Forwarded-For (each proxy appends the address it saw: entries to the left of
    ours are the client's to write). An IPv6 address counts with its /64, which one home or server holds whole.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies > 0:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= proxies and (address := network_of(forwarded[-proxies])):
            return address
    return network_of(remote) or remote[:64]


def login_address(request: HttpRequest) -> str:
    """The address a failed login counts against (django-axes, AXES_CLIENT_IP_CALLABLE): the client's address
    as the rate limit finds it behind our proxies, but a single address, which axes stores as one."""
    address = client_address(request)
    return address.split("/")[0] if "/" in address else address


def network_of(address: str) -> str | None:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return None
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped:
            return str(ip.ipv4_mapped)
        return str(ipaddress.IPv6Network((ip, 64), strict=False))
    return str(ip)


# What they may see


def require_full_access(client: Client, what: str) -> None:
    """Raise `FullAccessRequired` unless `client` may see more than first pages. `what` names what was asked
    for, as the start of a sentence: "Further pages", "Whole exports"."""
    if not client.may_see_everything:
        raise FullAccessRequired(what)


# How often


def check_rate(client: Client, scope: str, *, now: float | None = None) -> Quota | None:
    """Count one request of `client` in `scope` (counts are kept apart per scope); raise `RateLimited` past the
    limit for the client's kind (settings.RATE_LIMITS, per RATE_LIMIT_WINDOW seconds).

    A fixed window per client, counted with the cache's atomic add and incr (local memory or Redis alike).
    Each client's windows start at an offset of its own, so that clients do not all start afresh in the same
    second. With the cache unreachable the request is let through and None returned: the cache makes the site
    fast and fair, and is never what decides whether a page is served.
    """
    limit = settings.RATE_LIMITS[client.kind]
    window = settings.RATE_LIMIT_WINDOW
    number, into = divmod((time.time() if now is None else now) - zlib.crc32(client.key.encode()) % window, window)
    reset = max(math.ceil(window - into), 1)
    try:
        count = count_request(f"rate:{scope}:{client.key}:{int(number)}", timeout=reset + 1)
    except Exception as error:  # any backend's own error: ConnectionError, TimeoutError, redis.RedisError…
        logger.warning("Rate limits are off for now: the cache did not answer (%s).", type(error).__name__)
        return None
    quota = Quota(limit=limit, remaining=max(limit - count, 0), reset=reset)
    if count > limit:
        raise RateLimited(client, quota)
    return quota


def count_request(key: str, *, timeout: int) -> int:
    cache.add(key, 0, timeout=timeout)
    try:
        return cache.incr(key)
    except ValueError:  # evicted between add and incr: this request starts the count again
        cache.set(key, 1, timeout=timeout)
        return 1


# The answers


def rate_headers(response: HttpResponseBase, quota: Quota | None) -> None:
    if quota is not None:
        response["RateLimit-Limit"] = str(quota.limit)
        response["RateLimit-Remaining"] = str(quota.remaining)
        response["RateLimit-Reset"] = str(quota.reset)


def too_many_message(error: RateLimited) -> str:
    who = {
        "anonymous": "from this address without a login or an API token",
        "journalist": "with this login",
        "token": "with this API token",
    }[error.client.kind]
    per = f"{settings.RATE_LIMIT_WINDOW} seconds"
    return f"Too many requests {who}: {error.quota.limit} per {per}. Try again in {error.retry_after} seconds."


def full_access_message(error: FullAccessRequired) -> str:
    return (
        f"{error.what} need a journalist's login or a personal API token (`Authorization: Bearer <token>`, "
        "created in the admin); without one, you get the first page."
    )


def json_refusal(status: int, detail: str, **extra: Any) -> JsonResponse:
    return JsonResponse({"detail": detail, **extra}, status=status)


def refused(response: HttpResponse) -> HttpResponse:
    # A refusal is about this client alone: no shared cache may hand it to another.
    response["Cache-Control"] = "private, no-store"
    return response


def bad_token_response(error: BadToken) -> HttpResponse:
    response = json_refusal(401, str(error))
    response["WWW-Authenticate"] = 'Bearer error="invalid_token"'
    return refused(response)


def too_many_response(request: HttpRequest, error: RateLimited, *, json: bool) -> HttpResponse:
    message = too_many_message(error)
    if json:
        response: HttpResponse = json_refusal(429, message, retry_after=error.retry_after)
    else:
        response = render(request, "429.html", {"message": message}, status=429)
    response["Retry-After"] = str(error.retry_after)
    rate_headers(response, error.quota)
    return refused(response)


def full_access_response(request: HttpRequest, error: FullAccessRequired, *, json: bool) -> HttpResponse:
    """401 for a client who could log in or send a token; 403 for one who has (but without the permission)."""
    signed_in = (
        may_be_signed_in(request) and getattr(request, "user", None) is not None and request.user.is_authenticated
    )
    status = 403 if signed_in or client_of(request).kind != "anonymous" else 401
    message = full_access_message(error)
    if json:
        response: HttpResponse = json_refusal(status, message)
    else:
        response = render(request, "access_refused.html", {"message": message, "status": status}, status=status)
    if status == 401:
        response["WWW-Authenticate"] = "Bearer"
    return refused(response)


# For views


View = TypeVar("View", bound=Callable[..., HttpResponseBase])


def rate_limited(scope: str, *, json: bool = False) -> Callable[[View], View]:
    """A view decorator: count the request against its client's limit in `scope`, and answer a bad token with a
    401 (JSON), a client over its limit with a 429 (JSON with `json`, else a short HTML page) and Retry-After,
    and a `FullAccessRequired` the view raised with a 401 or 403. Responses carry RateLimit-* headers.
    """

    def decorate(view: View) -> View:
        @functools.wraps(view)
        def limited(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            try:
                quota = check_rate(client_of(request), scope)
                response = view(request, *args, **kwargs)
            except BadToken as error:
                return bad_token_response(error)
            except RateLimited as error:
                return too_many_response(request, error, json=json)
            except FullAccessRequired as error:
                return full_access_response(request, error, json=json)
            rate_headers(response, quota)
            return response

        return cast(View, limited)

    return decorate


# For the JSON API (django-ninja)


class ClientAuth(HttpBearer):
    """Every API operation without an auth of its own: identifies the client and counts the request.

    Never refuses for want of a token: without one, the client is anonymous (hence `{}` among the operations'
    security requirements in the OpenAPI document: the token is optional).
    """

    openapi_description = (
        "Optional. A personal API token, created in the admin by a journalist (shown once): every page of a "
        "search, whole exports and higher rate limits. Without it, first pages at the anonymous limit."
    )

    def __init__(self, scope: str = "api") -> None:
        super().__init__()
        self.scope = scope

    def __call__(self, request: HttpRequest) -> Client:
        client = client_of(request)
        request._pressbox_quota = check_rate(client, self.scope)  # type: ignore[attr-defined]
        return client

    def authenticate(self, request: HttpRequest, token: str) -> Client:
        return self(request)


class AccessAPI(NinjaAPI):
    """A NinjaAPI whose operations are counted and identified by `ClientAuth` unless they name their own auth,
    answering a bad token (401), a client over its limit (429) and `FullAccessRequired` (401/403) in JSON."""

    def __init__(self, *, scope: str = "api", **kwargs: Any) -> None:
        super().__init__(auth=ClientAuth(scope), **kwargs)
        self.exception_handler(BadToken)(self.bad_token)
        self.exception_handler(RateLimited)(self.too_many)
        self.exception_handler(FullAccessRequired)(self.full_access_required)

    def bad_token(self, request: HttpRequest, error: BadToken) -> HttpResponse:
        return bad_token_response(error)

    def too_many(self, request: HttpRequest, error: RateLimited) -> HttpResponse:
        return too_many_response(request, error, json=True)

    def full_access_required(self, request: HttpRequest, error: FullAccessRequired) -> HttpResponse:
        return full_access_response(request, error, json=True)

    def create_response(
        self, request: HttpRequest, data: Any, *, status: int | None = None, temporal_response: Any = None
    ) -> HttpResponse:
        response = super().create_response(request, data, status=status, temporal_response=temporal_response)
        rate_headers(response, getattr(request, "_pressbox_quota", None))
        return response

    def get_openapi_schema(self, *, path_prefix: str | None = None, path_params: Any = None) -> OpenAPISchema:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                security = operation.get("security", [])
                if {ClientAuth.__name__: []} in security and {} not in security:
                    security.append({})
        return schema
