"""Pressbox settings: one module, configured from the environment.

Development defaults are safe to run on a laptop (SQLite, local-memory cache, DEBUG off unless asked).
Outside DEBUG, a missing SECRET_KEY or ALLOWED_HOSTS stops start-up with a message saying which.
"""

import hashlib
import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent
SHARED_DIR = Path(os.environ.get("PRESSBOX_SHARED_DIR", BASE_DIR.parent / "shared"))


def env_flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, "").split(",") if item.strip()]


DEBUG = env_flag("DJANGO_DEBUG")

SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if DEBUG:
    SECRET_KEY = SECRET_KEY or "django-insecure-development-only-key-do-not-use-in-production"
    ALLOWED_HOSTS = ALLOWED_HOSTS or ["127.0.0.1", "localhost", "[::1]", "testserver"]
else:
    missing = [name for name, value in (("SECRET_KEY", SECRET_KEY), ("ALLOWED_HOSTS", ALLOWED_HOSTS)) if not value]
    if missing:
        raise ImproperlyConfigured(
            f"{' and '.join(missing)} must be set in the environment when DJANGO_DEBUG is off "
            "(for local development run with DJANGO_DEBUG=1, as `make run` does)."
        )

CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "newsroom.admin_site.PressboxAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "django_htmx",
    "reversion",
    "axes",
    # django-ninja as an app: its API docs page then uses the Swagger UI it ships, served from here under the
    # site's Content-Security-Policy, instead of scripts from a CDN that the policy refuses.
    "ninja",
    "matches",
    "people",
    "newsroom",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # A NUL in the address is a 400; a database down is a 503; every error under /api/ is JSON.
    "newsroom.faults.FaultsMiddleware",
    # An unchanged live poll (htmx, If-None-Match) is a 304 from one cache read, before anything else runs.
    "newsroom.live_polls.LivePollMiddleware",
    # Errors without caching headers of their own get sane ones (a 404 held briefly, a 5xx never).
    "newsroom.page_cache.ErrorCachingMiddleware",
    # Whole public pages for anonymous readers from the cache, before sessions, CSRF and the rest: a hit does
    # two cache reads and nothing else (newsroom/page_cache.py).
    "newsroom.page_cache.PageCacheMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Answers If-None-Match / If-Modified-Since with a 304 for pages and feeds that send an ETag or a date.
    "django.middleware.http.ConditionalGetMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, as django-axes asks: turns a locked-out login into its lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "newsroom.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "newsroom.context_processors.live",
            ],
        },
    },
]

WSGI_APPLICATION = "newsroom.wsgi.application"
ASGI_APPLICATION = "newsroom.asgi.application"

# SQLite unless DATABASE_URL names another database (postgres://USER@HOST:PORT/NAME uses psycopg 3).
DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=0,
    )
}
# While the database is down or restarting, a request fails within DATABASE_TIMEOUT seconds with a 503
# (newsroom/faults.py) instead of holding a worker, and the site recovers by itself when it is back.
# A sync worker holds one connection at a time and the pool has ten, so a request waits for one only while the
# database is unreachable: then the shorter the better.
DATABASE_TIMEOUT = float(os.environ.get("DATABASE_TIMEOUT", 0.5))
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # libpq's connect_timeout is whole seconds, 2 at least: a host that drops packets, not one that refuses.
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = max(2, round(DATABASE_TIMEOUT))
    if env_flag("DATABASE_POOL", True):
        from newsroom.db_pool import check_connection

        # psycopg 3's pool; Django manages persistent connections through it, so CONN_MAX_AGE must stay 0.
        # `check` tries each connection as it is handed out, so the ones a restart killed are replaced rather
        # than failing a request (newsroom/db_pool.py); `timeout` is how long a request waits for a connection
        # before its 503.
        DATABASES["default"]["OPTIONS"]["pool"] = {
            "min_size": 2,
            "max_size": 10,
            "timeout": DATABASE_TIMEOUT,
            "check": check_connection,
            # While the database is down the pool retries each connection with a doubling back-off (1, 2, 4 s
            # ...), so after a long outage the site would wait for the next retry; giving up after 2 s lets the
            # next request start a fresh attempt, and the site serves again as soon as the database answers.
            "reconnect_timeout": 2.0,
        }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    # The cache is an accelerator: with Redis unreachable every read is a miss and every write does nothing
    # (newsroom/redis_cache.py), logged once. A Redis that stops answering costs a request half a second to
    # connect or a second to answer at most, once per retry interval, never a hung worker.
    CACHES = {
        "default": {
            "BACKEND": "newsroom.redis_cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pressbox"}}
# Every key carries a prefix of this site and database: two sites, or a staging and a production database,
# sharing one Redis never read each other's standings or pages. CACHE_KEY_PREFIX names it outright.
_database = DATABASES["default"]
_database_id = f"{_database['ENGINE']}|{_database.get('HOST', '')}|{_database.get('PORT', '')}|{_database['NAME']}"
CACHES["default"]["KEY_PREFIX"] = os.environ.get("CACHE_KEY_PREFIX") or (
    "pressbox-" + hashlib.sha256(_database_id.encode()).hexdigest()[:12]
)

# django-axes first: it refuses a locked-out login before the password is hashed (about a second of CPU).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Logins: after AXES_FAILURE_LIMIT failures for one account from one address, that account is locked for that
# address; after as many from one address, whatever the accounts, the address is locked. Either lasts
# LOGIN_COOLOFF_MINUTES from the last failure, then lifts by itself; a success resets the count. Failures are
# kept in the database, so a lockout holds across app servers and with the cache down.
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", 5))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("LOGIN_COOLOFF_MINUTES", 15)))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "login_locked.html"
AXES_CLIENT_IP_CALLABLE = "newsroom.access.login_address"
AXES_VERBOSE = False

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
MEDIA_URL = "media/"
MEDIA_ROOT = BASE_DIR / "media"

# No nonce: scripts come from 'self' only, and a page holds no per-request value, so one rendering can serve every
# reader from a cache or a CDN. JSON-LD blocks are data, never executed, and need none.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

if not DEBUG:
    SECURE_SSL_REDIRECT = env_flag("SECURE_SSL_REDIRECT", True)
    # Load balancers ask over plain HTTP, inside the network, and take a redirect for a failure.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Where load_demo downloads results when ../shared is absent: openfootball's repository, or a mirror of it.
OPENFOOTBALL_URL = os.environ.get("OPENFOOTBALL_URL", "https://github.com/openfootball/football.json")

# How long a whole public page may stay in the cache (seconds); 0 turns the whole-page cache off. It is kept only
# while everything it shows is unchanged (newsroom/page_versions.py), so this bounds memory, not staleness.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", 600))
if PAGE_CACHE_SECONDS < 0:
    raise ImproperlyConfigured("PAGE_CACHE_SECONDS must be 0 (off) or a number of seconds.")

# How often open pages ask for a live score or table; an unchanged answer is a 304 served from the cache.
LIVE_POLL_SECONDS = int(os.environ.get("LIVE_POLL_SECONDS", 15))

# The API's lists page at most this many rows at a time, whatever `limit` asks for.
NINJA_PAGINATION_MAX_LIMIT = 500

# The data desk's token for POST /api/v1/matches/{id}/score; without it the score API refuses every write.
SCORE_API_TOKEN = os.environ.get("SCORE_API_TOKEN", "")

# Rate limits (newsroom/access.py): requests a client may make per RATE_LIMIT_WINDOW seconds, by kind of client.
# Counted per address without a login or token, per personal API token, per journalist's login; past the
# limit, a 429 with Retry-After. Counted in the cache: with the cache unreachable nothing is limited.
RATE_LIMIT_WINDOW = int(os.environ.get("RATE_LIMIT_WINDOW", 60))
RATE_LIMITS = {
    "anonymous": int(os.environ.get("RATE_LIMIT_ANONYMOUS", 60)),
    "journalist": int(os.environ.get("RATE_LIMIT_JOURNALIST", 600)),
    "token": int(os.environ.get("RATE_LIMIT_TOKEN", 600)),
}
if RATE_LIMIT_WINDOW < 1 or min(RATE_LIMITS.values()) < 1:
    raise ImproperlyConfigured("RATE_LIMIT_WINDOW and each RATE_LIMIT_* must be a whole number of 1 or more.")
# How many reverse proxies of our own stand in front of the app, each appending the address it saw to
# X-Forwarded-For. 0 (the default): the client's address is REMOTE_ADDR and X-Forwarded-For is ignored, since
# anyone can write one. Set it only to the true number: one too many lets a client choose its own address.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", 0))

# One console handler, at the root, and every logger propagates to it. Django's default "django" logger has a
# console handler of its own (in DEBUG), which printed each of its lines and tracebacks a second time: it is
# given none here. "django.server" (runserver's request lines) keeps its own handler and does not propagate.
LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django": {"handlers": [], "level": LOG_LEVEL},
        # The pool warns at every failed attempt to connect; newsroom.faults logs an outage once, and its end.
        "psycopg.pool": {"level": "ERROR"},
    },
}
