"""Settings for the portal, read from the environment.

With nothing set, the portal runs on an embedded SQLite database and a local Whoosh
index, both kept in PORTAL_DATA_DIR (default: ``var/`` beside manage.py).
"""
import os
import secrets
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_count(name, default=0):
    """A number of things (0 or more) from the environment."""
    value = os.environ.get(name, "").strip() or str(default)
    if not value.isdigit():
        raise ImproperlyConfigured(f"{name} must be a whole number, 0 or more, not {value!r}")
    return int(value)


DATA_DIR = Path(os.environ.get("PORTAL_DATA_DIR", BASE_DIR / "var")).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)


# PORTAL_ENV=production: DEBUG stays off and SECRET_KEY and ALLOWED_HOSTS must come from the
# environment. Otherwise (a local install, the tests) a development key is generated into the
# data directory and the portal answers on loopback only.
PORTAL_ENV = os.environ.get("PORTAL_ENV", "development")
if PORTAL_ENV not in ("development", "production"):
    raise ImproperlyConfigured(f"PORTAL_ENV must be 'development' or 'production', not {PORTAL_ENV!r}")
PRODUCTION = PORTAL_ENV == "production"


def _required(name):
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"{name} must be set in the environment when PORTAL_ENV=production")
    return value


def _development_secret_key():
    key_file = DATA_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


if PRODUCTION:
    SECRET_KEY = _required("SECRET_KEY")
    ALLOWED_HOSTS = _required("ALLOWED_HOSTS")
    if env_bool("DEBUG"):
        raise ImproperlyConfigured("DEBUG cannot be on when PORTAL_ENV=production")
    DEBUG = False
else:
    SECRET_KEY = os.environ.get("SECRET_KEY") or _development_secret_key()
    ALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost")
    DEBUG = env_bool("DEBUG")
ALLOWED_HOSTS = [h.strip() for h in ALLOWED_HOSTS.split(",") if h.strip()]


def _site_url(url):
    """The portal's public address, which citations, exports and feeds use whatever host served
    the request: http(s)://host[:port][/path], without a trailing slash."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise ImproperlyConfigured(f"SITE_URL must look like https://archive.example.org, not {url!r}")
    return url.rstrip("/")


# `make run` serves on 127.0.0.1:8000 (gunicorn.conf.py); production names its public address.
SITE_URL = _site_url(_required("SITE_URL") if PRODUCTION else os.environ.get("SITE_URL", "http://127.0.0.1:8000"))

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "haystack",
    "portal.apps.LoginThrottleConfig",  # django-axes
    "archive",
    "search",
]

MIDDLEWARE = [
    # the security headers wrap WhiteNoise, so that static files carry them as pages do
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "portal.middleware.content_security_policy",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "portal.middleware.ChineseFirstLocaleMiddleware",
    "portal.page_cache.PageCacheMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "search.middleware.SearchErrorMiddleware",
    "axes.middleware.AxesMiddleware",
]

# Public pages and search answers are cached while the archive's content stays the same
# (portal.page_cache): in files every worker shares, keyed by the content generation, so a
# change is seen at once everywhere. PAGE_CACHE_SECONDS=0 turns it off.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", 24 * 3600))
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": {
        "BACKEND": "portal.page_cache.PageFileCache",
        "LOCATION": str(DATA_DIR / "page-cache"),
        "OPTIONS": {"MAX_ENTRIES": 20_000},
    },
}

# Password guessing at the admin login: after 5 failures for one username from one address,
# that pair waits 15 minutes (django-axes, kept in the database so every worker agrees).
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# The address is the connection's: X-Forwarded-For is anyone's to write. Behind N proxies of
# one's own (each appending the address it saw), TRUSTED_PROXY_COUNT=N reads the Nth from the end.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "portal.addresses.client_address"

ROOT_URLCONF = "portal.urls"

# Security headers on every response (SecurityMiddleware, XFrameOptionsMiddleware, portal.middleware).
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Served over HTTPS (directly or behind a proxy that sets X-Forwarded-Proto): HSTS, secure cookies.
if env_bool("HTTPS"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = 31_536_000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    # asking browsers to preload HSTS binds the whole domain for months: the owner's decision
    SECURE_HSTS_PRELOAD = env_bool("HSTS_PRELOAD")
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True

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
                "django.template.context_processors.i18n",
            ],
        },
    },
]

WSGI_APPLICATION = "portal.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{DATA_DIR / 'portal.sqlite3'}"),
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers go on while one writer commits; IMMEDIATE takes the write lock at the
    # start of a transaction, so two gunicorn workers never deadlock upgrading a read lock.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
        "transaction_mode": "IMMEDIATE",
    }
    # The tests' database is a file too, not Django's in-memory one: there the index writer
    # thread and a request would fail on each other's locks at once instead of waiting.
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / "test_portal.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


def search_connection(url):
    """The haystack connection: a Whoosh index in the data directory, or with
    SEARCH_URL=http(s)://[user:password@]host:port/index-name an Elasticsearch 7 server.
    Both analyse Chinese with the text layer, chinese.tokens (jieba with the archive's names, OpenCC)."""
    if not url:
        return {
            "ENGINE": "search.backends.whoosh.ChineseWhooshEngine",
            "PATH": os.environ.get("WHOOSH_PATH", str(DATA_DIR / "whoosh_index")),
            # 0: an import writes the index in its own process; N: N more processes write it,
            # faster but with more memory (README, "Speed")
            "WRITER_PROCESSES": env_count("INDEX_WRITER_PROCESSES"),
        }
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ImproperlyConfigured(f"SEARCH_URL must look like http://host:9200/index-name, not {url!r}")
    return {
        "ENGINE": "search.backends.elasticsearch.ChineseElasticsearchEngine",
        "URL": urlunsplit((parts.scheme, parts.netloc, "", "", "")),
        "INDEX_NAME": parts.path.strip("/") or "portal",
        "TIMEOUT": 10,
    }


HAYSTACK_CONNECTIONS = {"default": search_connection(os.environ.get("SEARCH_URL", "").strip())}
# Saves and deletes are queued and written by one writer (see search.signals).
HAYSTACK_SIGNAL_PROCESSOR = "search.signals.QueuedSignalProcessor"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
# WhiteNoise serves the collected files from gunicorn itself: names carry a hash of the
# content (so they are cached for a year, immutable) and gzip copies are made at collectstatic.
# Where nothing was collected (a development server after `bootstrap` alone), the files are
# served from static/ under their own names, so that pages work all the same.
STATIC_COLLECTED = (STATIC_ROOT / "staticfiles.json").is_file()
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if STATIC_COLLECTED
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = not STATIC_COLLECTED

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
