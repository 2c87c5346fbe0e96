"""Benchmarks, run against PostgreSQL: `python -m bench.standings`. Results are kept in bench/README.md."""
