"""Every benchmark in bench/, one after another, then one table of results: what `make bench` runs.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/pressbox_bench python -m bench [NAME ...]

A benchmark is any module of this package other than the shared support below; it provides
`run() -> Report`. One that cannot run here (wrk or Redis missing) says why and the others still run;
the exit status is non-zero if any did not run, or reports problems (bench.site's load run with errors).
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
import traceback

import bench
from bench.common import Report, ensure_database, print_reports, setup_django

SUPPORT = frozenset({"__main__", "bare", "common", "settings", "settings_uncached", "urls", "wsgi"})
# Not timed benchmarks: `python -m bench.quotes DIR` scores the quote extractor on labelled articles.
NOT_TIMED = frozenset({"quotes"})
# The quick one first: its figures are in even if a slower one fails. Then bench.site, before bench.archive
# and bench.search grow the database it measures (its conditions say how much data it found).
FIRST = ("standings", "site")


def benchmarks() -> list[str]:
    names = [m.name for m in pkgutil.iter_modules(bench.__path__) if m.name not in SUPPORT | NOT_TIMED]
    return sorted(names, key=lambda name: (FIRST.index(name) if name in FIRST else len(FIRST), name))


def run(name: str) -> Report:
    module = importlib.import_module(f"bench.{name}")
    if not callable(getattr(module, "run", None)):
        raise SystemExit(f"bench/{name}.py has no run() -> Report")
    return module.run()


def main(argv: list[str] | None = None) -> int:
    available = benchmarks()
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", metavar="NAME", help=f"only these ({', '.join(available)})")
    names = parser.parse_args(argv).names or available
    unknown = sorted(set(names) - set(available))
    if unknown:
        parser.error(f"no benchmark named {', '.join(unknown)} (there are: {', '.join(available)})")
    setup_django()
    ensure_database()
    reports, failures = [], {}
    for name in names:
        print(f"Running bench.{name} ...", file=sys.stderr, flush=True)
        try:
            reports.append(run(name))
        except SystemExit as stop:  # a benchmark that cannot run here says why
            failures[name] = str(stop.code)
        except Exception as error:  # a bug: show it, and still run the others
            traceback.print_exc()
            failures[name] = f"{type(error).__name__}: {error}"
    if reports:
        print_reports(reports)
    for name, why in failures.items():
        print(f"bench.{name} did not run: {why}", file=sys.stderr)
    return 1 if failures or any(report.problems for report in reports) else 0


if __name__ == "__main__":
    sys.exit(main())
