"""bench.settings with nothing cached: the uncached rows of bench.site (its server also runs with
PAGE_CACHE_SECONDS=0). Every cached read is a miss, so each request does all its work, as on a cold cache."""

from bench.settings import *  # noqa: F403

CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
