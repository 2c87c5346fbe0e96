"""bench.site's figures: medians of the rounds, ratios to the bare project, the load run's verdict, tables."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from bench.site.wrk import WrkResult

LOAD_P99_LIMIT_MS = 1000.0


@dataclass(frozen=True)
class Row:
    """One target's medians over the rounds (errors: their sum), its ratio to the bare project, its queries."""

    what: str
    cache: str
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    errors: int
    of_bare: float
    queries: int | None

    @classmethod
    def of(cls, what: str, cache: str, result: WrkResult, *, of_bare: float, queries: int | None) -> Row:
        rps, p50, p99 = result.requests_per_second, result.p50_ms, result.p99_ms
        return cls(what, cache, rps, p50, p99, result.errors, of_bare, queries)


def median_result(runs: Sequence[WrkResult]) -> WrkResult:
    """Each figure's median over the rounds; requests and errors added up, so no round's failure is lost."""
    if not runs:
        raise ValueError("no rounds to summarise")
    return WrkResult(
        requests=sum(r.requests for r in runs),
        requests_per_second=statistics.median(r.requests_per_second for r in runs),
        p50_ms=statistics.median(r.p50_ms for r in runs),
        p99_ms=statistics.median(r.p99_ms for r in runs),
        non_2xx_3xx=sum(r.non_2xx_3xx for r in runs),
        socket_errors=sum(r.socket_errors for r in runs),
        timeouts=sum(r.timeouts for r in runs),
    )


def ratio_to_bare(result: WrkResult, bare: WrkResult) -> float:
    """Throughput as a share of the bare project's in the same run (1.0: as fast as Django doing nothing)."""
    if bare.requests_per_second <= 0:
        raise ValueError("the bare project served nothing: no ratio can be taken")
    return result.requests_per_second / bare.requests_per_second


def load_problems(name: str, result: WrkResult, *, p99_limit_ms: float = LOAD_P99_LIMIT_MS) -> list[str]:
    """What fails the load run for one page: any error, or a p99 at or over the limit, or no answer at all
    (wrk counts a request still waiting when the run ends as nothing, neither answered nor failed)."""
    if result.requests == 0:
        return [f"{name}: no request answered in the whole run"]
    problems = []
    if result.errors:
        problems.append(
            f"{name}: {result.errors} errors in {result.requests:,} requests ({result.non_2xx_3xx} not 2xx/3xx, "
            f"{result.socket_errors} socket errors, {result.timeouts} timeouts)"
        )
    if result.p99_ms >= p99_limit_ms:
        problems.append(f"{name}: p99 {latency(result.p99_ms)}, not under {latency(p99_limit_ms)}")
    return problems


def latency(ms: float) -> str:
    return f"{ms / 1000:.2f} s" if ms >= 1000 else f"{ms:.1f} ms"


def rate(rps: float) -> str:
    return f"{rps:,.0f}" if rps >= 100 else f"{rps:.1f}"


def share(value: float) -> str:
    return f"{value:.3f}" if value < 0.1 else f"{value:.2f}"


def rows_table(rows: Sequence[Row]) -> str:
    lines = [
        "| what | cache | requests/s | p50 | p99 | errors | of bare | queries |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        queries = "—" if row.queries is None else str(row.queries)
        lines.append(
            f"| {row.what} | {row.cache} | {rate(row.requests_per_second)} | {latency(row.p50_ms)} | "
            f"{latency(row.p99_ms)} | {row.errors} | {share(row.of_bare)} | {queries} |"
        )
    return "\n".join(lines)


def load_table(results: dict[str, WrkResult]) -> str:
    lines = ["| page | requests | requests/s | p50 | p99 | errors | verdict |", "|---|---:|---:|---:|---:|---:|---|"]
    for name, result in results.items():
        verdict = "fails" if load_problems(name, result) else "passes"
        lines.append(
            f"| {name} | {result.requests:,} | {rate(result.requests_per_second)} | {latency(result.p50_ms)} | "
            f"{latency(result.p99_ms)} | {result.errors} | {verdict} |"
        )
    return "\n".join(lines)
