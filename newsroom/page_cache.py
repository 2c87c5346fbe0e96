"""Whole public pages for anonymous readers, served from the shared cache, and the headers that let a CDN hold them.

A view opts in with `public_page`: its answer to anyone is `Cache-Control: public` with the lifetimes below
(`private` for a signed-in reader, whose page may differ). While it builds the page it names what the page
shows with `depends_on` (newsroom.page_versions); `PageCacheMiddleware`, early in the chain, stores the answer
with those versions, and serves the next anonymous GET of the same address from the cache while every one is
unchanged: two cache reads (the entry, then its versions in one `get_many`), no session, no database, no
template. An `If-None-Match` naming the entry's ETag is a 304 from the entry.

Never stored: a request with a session cookie or an Authorization header (staff previews among them), a
method other than GET, a query parameter the view did not declare, htmx's history restores, an answer other
than a 200 marked public, one that sets a cookie or varies on anything but HX-Request (the key holds it), and
a page during whose building anything at all was written (the "all" version moved): its data might predate
the write while its versions follow it. With the cache down every read is a miss and nothing is stored.
"""

from __future__ import annotations

import functools
import hashlib
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseNotModified
from django.utils.cache import patch_cache_control
from django.utils.http import http_date, parse_etags, parse_http_date_safe

from newsroom import page_versions
from newsroom.http import may_be_signed_in
from newsroom.memo import ProcessMemo
from newsroom.page_versions import Shows, Since

# What a CDN may hold without asking (seconds). A minute keeps an edit or a correction in front of readers within
# about a minute, with no purge API; past it the CDN revalidates with the ETag, a 304 from the whole-page cache, and
# may serve the old copy meanwhile for as long again (`stale-while-revalidate`, told to CDNs alone in
# CDN-Cache-Control, RFC 9213). A reader's browser holds nothing (max-age=0): it asks again at every visit, with
# the ETag, so a story that has just gone live, or a correction, is on the next page a reader opens; the answer is
# a 304 from the cache, as cheap as a request gets. A page showing a match that is on (or about to be) is held
# for seconds only: its score moves, and the page polls for it anyway.
MAX_AGE = 60
STALE_WHILE_REVALIDATE = 60
LIVE_MAX_AGE = 5
LIVE_STALE_WHILE_REVALIDATE = 5
# Error pages for bad input and missing things are the same for everyone and cheap to hold briefly.
ERROR_MAX_AGE = 60
# A page whose time-dependent parts are not tracked (the front page's "today", fixtures) is kept this long at most.
COARSE_SECONDS = 60
# Paths that never hold a public page: a lookup there would be a wasted cache read.
NOT_PAGES = ("/admin/", "/api/", "/static/", "/media/", "/healthz")
# Response headers a hit does not replay: a cookie, and a client's own rate-limit count (a hit is not counted).
NOT_REPLAYED = {"set-cookie", "ratelimit-limit", "ratelimit-remaining", "ratelimit-reset"}

View = TypeVar("View", bound=Callable[..., HttpResponseBase])


@dataclass
class Dependencies:
    """What the page being built shows, gathered by `depends_on` while the view runs."""

    start: int | None
    params: frozenset[str] = frozenset()
    tags: set[str] = field(default_factory=set)
    since: list[tuple[str, int]] = field(default_factory=list)
    until: float = float("inf")
    live: bool = False
    declared: bool = False


@dataclass(frozen=True)
class Entry:
    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes
    versions: dict[str, int]
    since: tuple[Since, ...]
    expires: float


def page_cache_seconds() -> int:
    return settings.PAGE_CACHE_SECONDS


def depends_on(request: HttpRequest, shows: Shows) -> None:
    """Name what the page being built shows (page_versions.Shows). A page that names nothing is not stored."""
    dependencies: Dependencies | None = getattr(request, "_page_dependencies", None)
    if dependencies is None:
        request._page_dependencies = dependencies = Dependencies(start=None)  # type: ignore[attr-defined]
    dependencies.declared = True
    dependencies.tags.update(shows.tags)
    dependencies.since += [(timeline, int(moment.timestamp())) for timeline, moment in shows.since]
    if shows.until is not None:
        dependencies.until = min(dependencies.until, shows.until.timestamp())
    dependencies.live = dependencies.live or shows.live


def public_page(*, params: Iterable[str] = ()) -> Callable[[View], View]:
    """A view decorator: a public page, the same for every reader who is not signed in, which the whole-page
    cache may keep under its address and `params` (a request with any other query parameter is not kept)."""
    allowed = frozenset(params)

    def decorate(view: View) -> View:
        @functools.wraps(view)
        def public(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            dependencies: Dependencies | None = getattr(request, "_page_dependencies", None)
            if dependencies is not None:
                dependencies.params = allowed
            response = view(request, *args, **kwargs)
            dependencies = getattr(request, "_page_dependencies", None)
            live = dependencies is not None and dependencies.live
            if "Cache-Control" not in response and response.status_code == 200:
                public_cache_control(response, live=live)
            return response

        return public  # type: ignore[return-value]

    return decorate


def public_cache_control(response: HttpResponseBase, *, live: bool = False) -> None:
    shared_max_age = LIVE_MAX_AGE if live else MAX_AGE
    stale = LIVE_STALE_WHILE_REVALIDATE if live else STALE_WHILE_REVALIDATE
    shared_cache_control(response, shared_max_age, stale)


def shared_cache_control(response: HttpResponseBase, shared_max_age: int, stale: int = 0) -> None:
    """Held `shared_max_age` seconds by shared caches (a CDN), revalidated at every visit by a browser."""
    patch_cache_control(response, public=True, max_age=0, s_maxage=shared_max_age)
    cdn = f"max-age={shared_max_age}" + (f", stale-while-revalidate={stale}" if stale else "")
    response["CDN-Cache-Control"] = cdn


# ---- The middleware ----------------------------------------------------------------------------------------------


class PageCacheMiddleware:
    """Early in MIDDLEWARE (after security and faults, before sessions): a hit never reaches the rest."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        key = page_key(request)
        if key is None:
            return privately(request, self.get_response(request))
        entry = fresh_entry(key)
        if entry is not None:
            return replay(request, entry)
        request._page_dependencies = Dependencies(start=any_write_version())  # type: ignore[attr-defined]
        response = self.get_response(request)
        if request.method == "GET":
            store(key, request, response)
        return response


def any_write_version() -> int | None:
    versions = page_versions.versions_of([page_versions.ANY_WRITE])
    return None if versions is None else versions[page_versions.version_key(page_versions.ANY_WRITE)]


def page_key(request: HttpRequest) -> str | None:
    """The cache key of the page `request` asks for, or None when it may not come from (or go to) the cache."""
    if request.method not in ("GET", "HEAD") or page_cache_seconds() <= 0:
        return None
    if may_be_signed_in(request) or "HTTP_AUTHORIZATION" in request.META:
        return None
    path = request.path_info
    if path.startswith(NOT_PAGES) or "HTTP_HX_HISTORY_RESTORE_REQUEST" in request.META:
        return None
    htmx = "h" if request.META.get("HTTP_HX_REQUEST") == "true" else "-"
    scheme = "s" if request.is_secure() else "-"
    address = f"{scheme}{htmx}|{request.META.get('HTTP_HOST', '')}|{path}?{request.META.get('QUERY_STRING', '')}"
    return "page:" + hashlib.blake2b(address.encode(), digest_size=20).hexdigest()


def privately(request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
    """A signed-in reader's (or a token holder's) copy of a public page may differ from everyone else's: no shared
    cache keeps it."""
    if "public" not in response.get("Cache-Control", ""):
        return response
    token = "HTTP_AUTHORIZATION" in request.META
    if token or may_be_signed_in(request):
        user = getattr(request, "user", None)
        if token or (user is not None and user.is_authenticated):
            del response["Cache-Control"]
            patch_cache_control(response, private=True, max_age=0, must_revalidate=True)
    return response


# Pages this process has served lately, by key: a hit on one of them reads only its versions from the shared cache
# (one round trip of a few bytes, not the page). Whether it may be served is decided by those versions alone, as
# for the shared copy. Bounded: emptied when full.
_served: ProcessMemo[str, Entry] = ProcessMemo(limit=128)


def fresh_entry(key: str) -> Entry | None:
    """The page for `key` if every version it was built from still holds: one cache read for a page this process
    served lately, two otherwise (a third, and a write, when a timeline it follows has moved)."""
    entry = _served.get(key)
    if entry is not None:
        fresh = fresh_as_built(key, entry)
        if fresh is not None:
            return fresh
    entry = cache.get(key)
    fresh = None if entry is None else fresh_as_built(key, entry)
    if fresh is None:
        _served.pop(key, None)
    else:
        _served.keep(key, fresh)
    return fresh


def forget_served() -> None:
    """For tests: the pages this process remembers."""
    _served.clear()


def fresh_as_built(key: str, entry: Entry) -> Entry | None:
    if entry.expires <= time.time():
        return None
    keys = [*entry.versions, *(page_versions.version_key(since.timeline) for since in entry.since)]
    current = cache.get_many(keys)
    if any(current.get(k) != version for k, version in entry.versions.items()):
        return None
    pending = []
    for since in entry.since:
        now = current.get(page_versions.version_key(since.timeline))
        fresh = page_versions.still_fresh(since, now)
        if fresh is False:
            return None
        if fresh is None:
            assert now is not None
            pending.append((since, now))
    if pending:
        return caught_up(key, entry, pending)
    return entry


def caught_up(key: str, entry: Entry, pending: list[tuple[Since, int]]) -> Entry | None:
    """Read what changed on the moved timelines; if none of it was before the page's moments, the page holds and
    is stored again at the new versions, so the next reader needs no catching up."""
    moments = cache.get_many([k for since, now in pending for k in page_versions.entries_between(since, now)])
    if not all(page_versions.caught_up(since, now, moments) for since, now in pending):
        return None
    moved = {since.timeline: now for since, now in pending}
    since = tuple(replace(s, version=moved.get(s.timeline, s.version)) for s in entry.since)
    entry = replace(entry, since=since)
    cache.set(key, entry, max(1, int(entry.expires - time.time())))
    _served.keep(key, entry)
    return entry


def replay(request: HttpRequest, entry: Entry) -> HttpResponseBase:
    headers = dict(entry.headers)
    if not_modified(request, headers):
        response: HttpResponseBase = HttpResponseNotModified()
        for name in ("Cache-Control", "ETag", "Last-Modified", "Vary", "Content-Security-Policy"):
            if name in headers:
                response[name] = headers[name]
        return response
    response = HttpResponse(b"" if request.method == "HEAD" else entry.body, status=entry.status)
    for name, value in entry.headers:
        response[name] = value
    return response


def not_modified(request: HttpRequest, headers: dict[str, str]) -> bool:
    """RFC 9110's order: If-None-Match decides when sent (weak comparison); else If-Modified-Since."""
    asked = request.META.get("HTTP_IF_NONE_MATCH")
    if asked is not None:
        etag = headers.get("ETag")
        tags = parse_etags(asked)
        return etag is not None and ("*" in tags or weak(etag) in {weak(tag) for tag in tags})
    since = parse_http_date_safe(request.META.get("HTTP_IF_MODIFIED_SINCE", ""))
    modified = parse_http_date_safe(headers.get("Last-Modified", ""))
    return since is not None and modified is not None and modified <= since


def weak(etag: str) -> str:
    return etag.removeprefix("W/")


def store(key: str, request: HttpRequest, response: HttpResponseBase) -> None:
    dependencies: Dependencies = request._page_dependencies  # type: ignore[attr-defined]
    if not storable(request, response, dependencies):
        return
    assert isinstance(response, HttpResponse)
    versions = page_versions.versions_of([*dependencies.tags, page_versions.ANY_WRITE])
    if versions is None or dependencies.start is None:
        return
    if versions.pop(page_versions.version_key(page_versions.ANY_WRITE)) != dependencies.start:
        return  # something was written while the page was built
    timelines = page_versions.versions_of(timeline for timeline, _ in dependencies.since)
    if timelines is None:
        return
    since = tuple(
        Since(timeline, moment, timelines[page_versions.version_key(timeline)])
        for timeline, moment in dependencies.since
    )
    now = time.time()
    expires = min(now + page_cache_seconds(), dependencies.until)
    publication = page_versions.next_publication(now)
    if publication is not None:
        expires = min(expires, publication)
    if expires <= now + 1:
        return
    response["Last-Modified"] = http_date(now)
    headers = tuple((k, v) for k, v in response.items() if k.lower() not in NOT_REPLAYED)
    entry = Entry(response.status_code, headers, response.content, versions, since, expires)
    cache.set(key, entry, int(expires - now))


def storable(request: HttpRequest, response: HttpResponseBase, dependencies: Dependencies) -> bool:
    if not dependencies.declared or response.status_code != 200 or not isinstance(response, HttpResponse):
        return False
    if response.cookies or response.streaming or "public" not in response.get("Cache-Control", ""):
        return False
    if any(name not in dependencies.params for name in request.GET):
        return False
    varies = {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}
    return varies <= {"hx-request"}


# ---- Errors ------------------------------------------------------------------------------------------------------


class ErrorCachingMiddleware:
    """Sane caching for errors that carry none of their own: a 400, 404 or 410 is the same for everyone and held
    briefly; anything else (a 5xx, a 429 whose Retry-After is per client) is never stored."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if response.status_code < 400 or "Cache-Control" in response:
            return response
        if response.status_code in (400, 404, 410) and not response.cookies and not may_be_signed_in(request):
            shared_cache_control(response, ERROR_MAX_AGE)
        else:
            patch_cache_control(response, no_store=True)
        return response
