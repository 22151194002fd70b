"""Settings for ML Intern Board, read from the environment through django-environ."""

from datetime import timedelta
from pathlib import Path

import environ

from jobboard.static_headers import add_page_headers

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)

# A development key is only acceptable while DEBUG is on; production must bring its own.
# Without one the site refuses to start (jobboard.startup, called by the WSGI and ASGI entry
# points), while commands that never sign anything, such as makemigrations, still run.
SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY and DEBUG:
    SECRET_KEY = "django-insecure-development-only-key-do-not-use-in-production"

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "axes",
    "csp",
    "django_filters",
    "simple_history",
    "postings",
    # After postings: its admin adds "New posting from text" to the posting admin.
    "imports",
    "students",
]

MIDDLEWARE = [
    # First, so that every log line of the request, and every response, carries its id.
    "jobboard.middleware.RequestIdMiddleware",
    # A view that cannot reach the database answers 503 with the site's page (jobboard.faults).
    "jobboard.faults.DatabaseUnavailableMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Tells the page cache which visitors have "About me" or a saved list (their pages are theirs).
    "students.middleware.PersonalPagesMiddleware",
    # After authentication, so that it can tell anonymous readers from signed-in recruiters.
    "jobboard.cache.PageCacheMiddleware",
    # Inside the page cache, so that a page is compressed once, when it is stored, and every
    # hit sends the stored bytes (a list page: 140 KB of HTML, 15 KB gzipped). Django's gzip
    # pads its output against BREACH; cached pages hold no CSRF token anyway.
    "django.middleware.gzip.GZipMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "jobboard.urls"
# Where a sign-in lands when its `next` is missing or points off the site: only the admin
# signs people in.
LOGIN_REDIRECT_URL = "admin:index"
# Where the admin lives; moving it off the default keeps casual scanners away.
ADMIN_URL = env.str("ADMIN_URL", default="admin/")
WSGI_APPLICATION = "jobboard.wsgi.application"

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
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
# A gunicorn worker keeps its connection this many seconds instead of opening one per request.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = env.bool("CONN_HEALTH_CHECKS", default=True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis when there is one (shared by every worker and host); this process's memory otherwise.
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    _redis = {
        "BACKEND": "jobboard.redis_cache.ReusedClientRedisCache",
        "LOCATION": REDIS_URL,
        # A Redis that stops answering costs a page at most this long, not a hung worker.
        "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.25},
    }
    CACHES = {"default": _redis, "page_generation": _redis}
else:
    _memory = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    # The number that changes on every write (it ends cached pages and tells each process to
    # read its listing index again) must be seen by every process at once: gunicorn's workers,
    # and seed_demo, loaddata or a cron job writing beside runserver. Without Redis it lives in
    # the database (the table `createcachetable` makes; `make run` and `make serve` make it).
    _database = {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "page_cache_generation",
    }
    CACHES = {"default": _memory, "page_generation": _database}
# How long an anonymous reader's page is kept; 0 turns the page cache off (for cold benchmarks).
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=0 if DEBUG else 300)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Password guessing, within AXES_COOLOFF_TIME: five wrong passwords for one username from one
# address lock that pair out; twenty from one address, whatever the usernames, lock the address
# out (one password tried on many accounts), yet leave an office sharing an address room for
# its people's typos. A successful sign-in forgets that username's failures only.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_ADDRESS_FAILURE_LIMIT = env.int("AXES_ADDRESS_FAILURE_LIMIT", default=20)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_LOCKOUT_LIMITS = [AXES_FAILURE_LIMIT, AXES_ADDRESS_FAILURE_LIMIT]
AXES_HANDLER = "jobboard.lockout.PerKeyLimitHandler"
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "jobboard.middleware.client_ip"
# How many reverse proxies in front of gunicorn append to X-Forwarded-For (0: none, use the peer).
PROXY_COUNT = env.int("PROXY_COUNT", default=0)

# HTTPS: the reverse proxy terminates TLS and says so in X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
# Load balancers probe over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

SELF, NONE = "'self'", "'none'"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# Job-board imports (manage.py import_postings): seconds to wait for a board's answer, and how
# many times to try again after a timeout, a dropped connection or a 429/5xx answer.
IMPORT_TIMEOUT_SECONDS = env.float("IMPORT_TIMEOUT_SECONDS", default=15.0)
IMPORT_RETRIES = env.int("IMPORT_RETRIES", default=2)

# Email (students' alerts): EMAIL_URL as django-environ reads it, e.g.
# smtp+tls://user:password@smtp.example.org:587; the console with DEBUG on.
vars().update(
    env.email_url("EMAIL_URL", default="consolemail://" if DEBUG else "smtp://localhost:25")
)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="ML Intern Board <alerts@localhost>")
# The site's address in emails sent by commands (manage.py send_alerts has no request).
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

LANGUAGE_CODE = "en-us"
TIME_ZONE = env.str("TIME_ZONE", default="UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
# Production serves collected files with content-hashed names (cacheable forever) through
# WhiteNoise; with DEBUG on, files are served as they are in static/, no collectstatic needed.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# WhiteNoise answers for static files before the CSP and clickjacking middleware run.
WHITENOISE_ADD_HEADERS_FUNCTION = add_page_headers

FIXTURE_DIRS = [BASE_DIR / "fixtures"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "jobboard.middleware.RequestIdLogFilter"}},
    "formatters": {
        "one_line": {
            "()": "jobboard.middleware.OneLineFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s",
        }
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "filters": ["request_id"],
            "formatter": "one_line",
        }
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # django-axes announces itself at every start; on stdout that would come before what a
    # management command prints (parse_posting --json must print JSON alone).
    "loggers": {"axes.apps": {"level": "WARNING"}},
}
