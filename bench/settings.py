"""Production settings plus one bare view to measure against (the baseline). Used only by the benchmarks."""

from newsroom.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
