"""Site benchmark: gunicorn on PostgreSQL (and Redis as the shared cache), loaded by wrk from loopback.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/pressbox_bench python -m bench.site

Measures requests per second for the Clasico preview, its table fragment (200 and 304), its score
fragment and a bare Django view, all in the same run, each three times; prints the medians.
Needs wrk (Debian's package) and a Redis at REDIS_URL (default redis://127.0.0.1:6379/15).
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bench.common import BASE_DIR, Measurement, Report, ensure_database, machine, print_reports, setup_django

DURATION = os.environ.get("BENCH_DURATION", "8s")
CONNECTIONS = os.environ.get("BENCH_CONNECTIONS", "16")
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
WORKERS = os.environ.get("BENCH_WORKERS", "2")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def gunicorn(port: int, redis_url: str) -> Iterator[str]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DJANGO_DEBUG": "0",
        "SECRET_KEY": "bench-" + "x" * 50,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "REDIS_URL": redis_url,
    }
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=BASE_DIR, env=env, check=True
    )
    command = [
        gunicorn_executable(), "bench.wsgi:application", "--workers", WORKERS,
        "--bind", f"127.0.0.1:{port}", "--log-level", "warning",
    ]  # fmt: skip
    process = subprocess.Popen(command, cwd=BASE_DIR, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(f"{base}/bench/bare/")
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)


def gunicorn_executable() -> str:
    """The gunicorn of the virtualenv running this (a worktree may share another checkout's .venv)."""
    beside = Path(sys.executable).with_name("gunicorn")
    found = str(beside) if beside.exists() else shutil.which("gunicorn")
    if found is None:
        raise SystemExit("bench.site needs gunicorn (pip install -r requirements.txt)")
    return found


def require_redis(url: str) -> None:
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.RedisError as error:
        raise SystemExit(f"bench.site needs Redis at REDIS_URL={url} ({error})") from None


def wait_until_up(url: str) -> None:
    for _ in range(100):
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"gunicorn did not answer at {url}")


def fetch(url: str, headers: dict[str, str]) -> tuple[int, dict[str, str]]:
    request = urllib.request.Request(url, headers=headers)
    with urllib.request.urlopen(request, timeout=10) as response:
        response.read()
        return response.status, dict(response.headers)


def wrk(url: str, headers: dict[str, str]) -> tuple[float, str]:
    command = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{DURATION}", "--latency"]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    rps = re.search(r"Requests/sec:\s+([\d.]+)", output)
    p50 = re.search(r"^\s+50%\s+(\S+)$", output, re.MULTILINE)
    if rps is None or p50 is None:
        raise SystemExit(f"wrk printed no throughput or median latency for {url}:\n{output}")
    if "Non-2xx or 3xx responses" in output:
        raise SystemExit(f"errors while loading {url}:\n{output}")
    return float(rps[1]), p50[1]


def main() -> None:
    setup_django()
    ensure_database()
    print_reports([run()])


def run() -> Report:
    """Precondition: Django set up on the benchmark database, demo loaded (`setup_django`, `ensure_database`).
    Exits with a message when wrk, gunicorn or Redis is missing."""
    if not shutil.which("wrk"):
        raise SystemExit("bench.site needs wrk: apt-get install wrk")
    from newsroom.models import Article

    article = Article.objects.get(is_lead=True)
    match_id = article.match_id
    redis_url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/15")
    require_redis(redis_url)
    htmx = {"HX-Request": "true"}
    with gunicorn(free_port(), redis_url) as base:
        status, headers = fetch(f"{base}/matches/{match_id}/table/", htmx)
        assert status == 200, status
        etag = headers["ETag"]
        targets = {
            "bare Django view (baseline)": (f"{base}/bench/bare/", {}),
            "Clasico preview page": (f"{base}{article.get_absolute_url()}", {}),
            "table fragment, 200": (f"{base}/matches/{match_id}/table/", htmx),
            "table fragment, 304": (f"{base}/matches/{match_id}/table/", {**htmx, "If-None-Match": etag}),
            "score fragment, 200": (f"{base}/matches/{match_id}/score/", htmx),
        }
        results: dict[str, list[tuple[float, str]]] = {name: [] for name in targets}
        for _ in range(ROUNDS):
            for name, (url, extra) in targets.items():
                results[name].append(wrk(url, extra))
    conditions = (
        f"{machine()}; gunicorn {WORKERS} sync workers, PostgreSQL, Redis cache; "
        f"wrk -t2 -c{CONNECTIONS} -d{DURATION} on the same machine; median of {ROUNDS} rounds"
    )
    return Report("site", conditions, [_measurement(name, runs) for name, runs in results.items()])


def _measurement(name: str, runs: list[tuple[float, str]]) -> Measurement:
    rps = statistics.median(r for r, _ in runs)
    p50 = sorted(runs)[len(runs) // 2][1]
    return Measurement(name, f"{rps:,.0f} req/s", f"p50 {p50}")


if __name__ == "__main__":
    main()
