"""wrk, the HTTP load generator: one run against one URL, and what its report says."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass

UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}


@dataclass(frozen=True)
class WrkResult:
    """What one wrk run reports. Errors are answers other than 2xx or 3xx, socket errors (connect, read,
    write) and timeouts. wrk counts as a timeout an answer that took longer than its `--timeout`, and leaves it
    out of the percentiles: with timeouts, the p99 is of the answers that came in time."""

    requests: int
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    non_2xx_3xx: int = 0
    socket_errors: int = 0
    timeouts: int = 0

    @property
    def errors(self) -> int:
        return self.non_2xx_3xx + self.socket_errors + self.timeouts


def duration_ms(text: str) -> float:
    """wrk's durations ("512.00us", "4.20ms", "1.02s", "2.00m") in milliseconds."""
    found = re.fullmatch(r"([\d.]+)(us|ms|s|m|h)", text.strip())
    if found is None:
        raise ValueError(f"not a wrk duration: {text!r}")
    return float(found[1]) * UNITS_MS[found[2]]


def parse(output: str) -> WrkResult:
    """The figures of wrk's report, run with `--latency` (which prints the percentiles)."""
    rps = re.search(r"^Requests/sec:\s+([\d.]+)", output, re.MULTILINE)
    total = re.search(r"^\s*(\d+) requests in ", output, re.MULTILINE)
    p50 = re.search(r"^\s+50(?:\.000)?%\s+(\S+)\s*$", output, re.MULTILINE)
    p99 = re.search(r"^\s+99(?:\.000)?%\s+(\S+)\s*$", output, re.MULTILINE)
    if rps is None or total is None or p50 is None or p99 is None:
        raise ValueError(f"wrk printed no throughput, count or latency percentiles (run it with --latency):\n{output}")
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    sockets = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    connect, read, write, timeout = (int(n) for n in sockets.groups()) if sockets else (0, 0, 0, 0)
    return WrkResult(
        requests=int(total[1]),
        requests_per_second=float(rps[1]),
        p50_ms=duration_ms(p50[1]),
        p99_ms=duration_ms(p99[1]),
        non_2xx_3xx=int(non_2xx[1]) if non_2xx else 0,
        socket_errors=connect + read + write,
        timeouts=timeout,
    )


def command(
    url: str, headers: dict[str, str], *, connections: int, duration: str, timeout: str, threads: int = 2
) -> list[str]:
    args = ["wrk", f"-t{min(threads, connections)}", f"-c{connections}", f"-d{duration}", f"--timeout={timeout}"]
    args.append("--latency")
    for name, value in headers.items():
        args += ["-H", f"{name}: {value}"]
    return [*args, url]


def run(url: str, headers: dict[str, str], *, connections: int, duration: str, timeout: str) -> WrkResult:
    """Load `url` for `duration` over `connections` connections. Precondition: wrk is installed (`require`)."""
    args = command(url, headers, connections=connections, duration=duration, timeout=timeout)
    return parse(subprocess.run(args, capture_output=True, text=True, check=True).stdout)


def require() -> None:
    if shutil.which("wrk") is None:
        raise SystemExit("bench.site needs wrk: apt-get install wrk")
