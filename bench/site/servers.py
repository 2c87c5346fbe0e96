"""The servers bench.site measures, each started for the run and stopped after it: Pressbox under gunicorn
(with its caches, and with nothing cached) and the bare Django project, all with the same workers and flags."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from bench.common import BASE_DIR

# The rate limits would turn a load run into 429s: the benchmark is one address asking thousands of times.
UNLIMITED = {"RATE_LIMIT_ANONYMOUS": "1000000000", "RATE_LIMIT_JOURNALIST": "1000000000"}


@dataclass(frozen=True)
class Server:
    """A WSGI application to serve: its settings module and what its environment adds."""

    name: str
    wsgi: str
    settings: str
    env: dict[str, str]
    ready_path: str


def pressbox(name: str, settings: str, **env: str) -> Server:
    production = {
        "DJANGO_DEBUG": "0",
        "SECRET_KEY": "bench-" + "x" * 50,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "LOG_LEVEL": "WARNING",
    }
    return Server(name, "bench.wsgi:application", settings, production | UNLIMITED | env, "/bench/bare/")


BARE = Server("bare Django project", "bench.bare.wsgi:application", "bench.bare.settings", {}, "/")


def gunicorn_command(server: Server, port: int, workers: int) -> list[str]:
    """One command line for every server, so the bare project and Pressbox are served alike."""
    return [
        gunicorn_executable(), server.wsgi, "--workers", str(workers), "--worker-class", "sync",
        "--bind", f"127.0.0.1:{port}", "--log-level", "warning",
    ]  # fmt: skip


def gunicorn_executable() -> str:
    """The gunicorn of the virtualenv running this (a worktree may share another checkout's .venv)."""
    beside = Path(sys.executable).with_name("gunicorn")
    found = str(beside) if beside.exists() else shutil.which("gunicorn")
    if found is None:
        raise SystemExit("bench.site needs gunicorn (pip install -r requirements.txt)")
    return found


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def environment(server: Server) -> dict[str, str]:
    return {**os.environ, **server.env, "DJANGO_SETTINGS_MODULE": server.settings}


def collect_static(server: Server) -> None:
    """Production settings serve hashed static files (whitenoise's manifest), which must be collected first."""
    command = [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"]
    subprocess.run(command, cwd=BASE_DIR, env=environment(server), check=True)


@contextmanager
def serving(server: Server, *, workers: int, log: Path | None = None) -> Iterator[str]:
    """`server` under gunicorn on a free port of loopback, until the block ends; yields its base URL. With `log`,
    what the server prints (its log) goes to that file."""
    port = free_port()
    command = gunicorn_command(server, port, workers)
    out = log.open("w") if log is not None else None
    process = subprocess.Popen(
        command,
        cwd=BASE_DIR,
        env=environment(server),
        stdout=out or subprocess.DEVNULL,
        stderr=out or None,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base + server.ready_path, process)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if out is not None:
            out.close()


def wait_until_up(url: str, process: subprocess.Popen[bytes]) -> None:
    for _ in range(150):
        if process.poll() is not None:
            raise SystemExit(f"gunicorn stopped with status {process.returncode} before answering at {url}")
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except urllib.error.HTTPError as error:
            raise SystemExit(f"{url} answered {error.code} on start-up") from None
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"gunicorn did not answer at {url}")


def require_redis(url: str) -> None:
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.RedisError as error:
        raise SystemExit(f"bench.site needs Redis at REDIS_URL={url} ({error})") from None
