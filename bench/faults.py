"""Fault runs: the site under gunicorn while Redis goes away and while PostgreSQL restarts.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/pressbox_bench python -m bench.faults

Pressbox reaches PostgreSQL and Redis through a TCP relay of this module's that can be cut: cutting it drops
every open connection and refuses new ones, as a server that stops or restarts does, without touching the
servers themselves (others may be using them). Three runs, each reading the pages readers and pollers hit most
(the lead preview, the standings API, the live table and score polls, the home page) in a loop:

- Redis gone for BENCH_FAULT_SECONDS (default 10) and back: every answer should still be a 200, the outage
  logged once per worker and its recovery too;
- PostgreSQL restarted at once (connections dropped, accepted again straight away): the pool's connections
  are all dead, and none of the next requests should fail;
- PostgreSQL down for BENCH_FAULT_SECONDS and back: a request during the outage gets a 503 within 2 s, and
  the site serves again by itself once the database is back.

Each run reports the requests made, the answers by status, the slowest answer, and the seconds from the fault's
end to the first request that succeeded.
"""

from __future__ import annotations

import os
import socket
import statistics
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from bench.common import Measurement, Report, ensure_database, machine, print_reports, setup_django

OUTAGE = float(os.environ.get("BENCH_FAULT_SECONDS", "10"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))


class Relay:
    """A TCP relay from a local port to `target` that can be cut (every connection dropped, new ones refused)
    and restored on the same port."""

    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        self.port = _free_port()
        self._lock = threading.Lock()
        self._sockets: set[socket.socket] = set()
        self._listener: socket.socket | None = None
        self.restore()

    def restore(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def cut(self) -> None:
        """Refuse new connections and drop the open ones, as a stopped server does."""
        listener, self._listener = self._listener, None
        if listener is not None:
            with suppress(OSError):
                listener.shutdown(socket.SHUT_RDWR)  # wakes the thread waiting in accept()
            listener.close()
        with self._lock:
            sockets, self._sockets = self._sockets, set()
        for sock in sockets:
            with suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()

    def close(self) -> None:
        self.cut()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return  # cut
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            upstream.settimeout(None)
            with self._lock:
                self._sockets.update((client, upstream))
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(source, sink), daemon=True).start()

    def _pipe(self, source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        for sock in (source, sink):
            with suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Answer:
    at: float  # seconds since the run started
    status: int  # 0: no HTTP answer (refused, reset, timed out)
    seconds: float


@dataclass
class Run:
    name: str
    during: list[Answer] = field(default_factory=list)
    after: list[Answer] = field(default_factory=list)
    fault_ended: float = 0.0
    log_lines: list[str] = field(default_factory=list)

    def recovered_in(self) -> float | None:
        """Seconds from the fault's end to the first 2xx/3xx answer that came after it."""
        for answer in self.after:
            if 200 <= answer.status < 400:
                return max(0.0, answer.at - self.fault_ended)
        return None


def fetch(url: str) -> tuple[int, float]:
    """One GET; the live fragments are asked for as the open page's htmx poll asks."""
    headers = {"HX-Request": "true"} if url.endswith(("/table/", "/score/")) else {}
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=10) as response:
            response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        error.read()
        status = error.code
    except OSError:
        status = 0
    return status, time.perf_counter() - started


def hammer(urls: list[str], seconds: float, started: float) -> list[Answer]:
    """Request `urls` in turn, one at a time, for `seconds`."""
    answers = []
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        for url in urls:
            status, took = fetch(url)
            answers.append(Answer(time.perf_counter() - started, status, took))
    return answers


@contextmanager
def server(database_url: str, redis_url: str, log: Path) -> Iterator[str]:
    """Pressbox under gunicorn on production settings, reaching its services at the given addresses."""
    from bench.site.servers import collect_static, pressbox, serving

    site = pressbox("Pressbox", "bench.settings", DATABASE_URL=database_url, REDIS_URL=redis_url, LOG_LEVEL="INFO")
    collect_static(site)
    with serving(site, workers=WORKERS, log=log) as base:
        yield base


def _relay_url(url: str, port: int) -> str:
    parts = urlsplit(url)
    netloc = parts.netloc.rsplit("@", 1)
    host = f"127.0.0.1:{port}"
    return parts._replace(netloc=f"{netloc[0]}@{host}" if len(netloc) == 2 else host).geturl()


def run() -> Report:
    """Precondition: Django set up on the benchmark database, demo loaded (`setup_django`, `ensure_database`)."""
    import redis
    from django.conf import settings

    from newsroom.models import Article

    article = Article.objects.get(is_lead=True)
    db = settings.DATABASES["default"]
    redis_url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/15")
    try:
        redis.Redis.from_url(redis_url, socket_connect_timeout=2).ping()
    except redis.RedisError as error:
        raise SystemExit(f"bench.faults needs Redis at REDIS_URL={redis_url} ({error})") from None
    redis_parts = urlsplit(redis_url)
    pg_relay = Relay((db["HOST"] or "127.0.0.1", int(db["PORT"] or 5432)))
    redis_relay = Relay((redis_parts.hostname or "127.0.0.1", redis_parts.port or 6379))
    log = Path(os.environ.get("BENCH_FAULT_LOG", "/tmp/pressbox-bench-faults.log"))
    runs: list[Run] = []
    try:
        with server(
            _relay_url(os.environ["DATABASE_URL"], pg_relay.port), _relay_url(redis_url, redis_relay.port), log
        ) as base:
            match = article.match_id
            urls = [
                f"{base}{article.get_absolute_url()}",
                f"{base}/api/v1/competitions/es.1/seasons/2024-25/standings",
                f"{base}/matches/{match}/table/",
                f"{base}/matches/{match}/score/",
                f"{base}/",
            ]
            for url in urls:  # warm
                fetch(url)
            runs.append(_fault("Redis gone, then back", redis_relay, urls, OUTAGE, log))
            runs.append(_fault("PostgreSQL restarted at once", pg_relay, urls, 0.0, log))
            runs.append(_fault("PostgreSQL down, then back", pg_relay, urls, OUTAGE, log))
    finally:
        pg_relay.close()
        redis_relay.close()
    conditions = (
        f"{machine()}; gunicorn {WORKERS} sync workers on production settings; PostgreSQL and Redis reached "
        f"through a relay that is cut for {OUTAGE:g} s; one reader requesting five pages in turn "
        "(preview, standings API, live table and score polls, home)"
    )
    return Report("faults", conditions, [m for r in runs for m in _measurements(r)])


def _fault(name: str, relay: Relay, urls: list[str], seconds: float, log: Path) -> Run:
    lines_before = len(log.read_text().splitlines())
    run = Run(name)
    started = time.perf_counter()
    relay.cut()
    run.during = hammer(urls, seconds, started) if seconds else []
    relay.restore()
    run.fault_ended = time.perf_counter() - started
    run.after = hammer(urls, 5.0, started)
    time.sleep(0.5)
    run.log_lines = [line for line in log.read_text().splitlines()[lines_before:] if line.strip()]
    return run


def _measurements(run: Run) -> list[Measurement]:
    out = []
    for when, answers in (("during", run.during), ("after", run.after)):
        if not answers:
            continue
        statuses = Counter(a.status for a in answers)
        shown = ", ".join(f"{count} x {status or 'no answer'}" for status, count in sorted(statuses.items()))
        slowest = max(a.seconds for a in answers)
        median = statistics.median(a.seconds for a in answers)
        figure = f"{len(answers)} requests"
        note = f"{shown}; median {median * 1000:.0f} ms, slowest {slowest * 1000:.0f} ms"
        if when == "after":
            recovered = run.recovered_in()
            failed = sum(1 for a in answers[:10] if not 200 <= a.status < 400)
            note += (
                f"; {failed} of the first 10 failed; first success {recovered:.2f} s after"
                if recovered is not None
                else "; never recovered"
            )
        out.append(Measurement(f"{run.name}: {when}", figure, note))
    logged = [line[:110] for line in run.log_lines]
    out.append(Measurement(f"{run.name}: log", f"{len(logged)} lines", " / ".join(logged[:6])))
    return out


def main() -> None:
    setup_django()
    ensure_database()
    print_reports([run()])


if __name__ == "__main__":
    main()
