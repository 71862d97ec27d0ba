"""One settings module, driven by the environment, with safe defaults.

Unset DATABASE_URL -> a SQLite file (the embedded default); unset REDIS_URL -> Celery runs tasks
eagerly in-process and the cache is local memory. Production sets both, plus SECRET_KEY,
DEBUG=0 and ALLOWED_HOSTS.
"""

import datetime as dt
import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("CCHC_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or not value.strip():  # unset, or set empty (docker compose's ${X:-})
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = env_bool("DEBUG", False)
# The public development key is used only with DEBUG=1 (./dev.sh demo/test set it). With DEBUG
# off the app refuses to start without a SECRET_KEY of its own: sessions, password-reset links
# and signed cookies would otherwise be forgeable by anyone who read this file.
_INSECURE_DEV_KEY = "django-insecure-cchc-dev-only-key-change-me"
SECRET_KEY = os.environ.get("SECRET_KEY", "").strip()
if not SECRET_KEY:
    if not DEBUG:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(
            "SECRET_KEY is not set and DEBUG is off: refusing to start with the public "
            "development key. Set SECRET_KEY in the environment (e.g. python -c "
            "'import secrets; print(secrets.token_urlsafe(50))'), or DEBUG=1 for local "
            "development only."
        )
    SECRET_KEY = _INSECURE_DEV_KEY
elif not DEBUG and SECRET_KEY == _INSECURE_DEV_KEY:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("SECRET_KEY is the public development key; set a secret one.")
ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")
    if h.strip()
]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "import_export",
    "simple_history",
    "django_htmx",
    "axes",
    "orgs",
    "reports",
    "imports",
    "records",
    "tthc",
    "staff",
    "finance",
    "plans",
    "notifications",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "cchc_portal.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cchc_portal.urls"
WSGI_APPLICATION = "cchc_portal.wsgi.application"
ASGI_APPLICATION = "cchc_portal.asgi.application"

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
                "orgs.context_processors.workspace",
                "reports.context_processors.returned_banner",
                "notifications.context_processors.unread",
            ],
        },
    }
]

DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(VAR_DIR / "db.sqlite3"),
            "OPTIONS": {"timeout": 20},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# SQLite cannot enforce NULLS NOT DISTINCT on (code, valid_from); unit_create checks it itself.
SILENCED_SYSTEM_CHECKS = ["models.W047"]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Login throttling (django-axes): after CCHC_LOGIN_FAILURE_LIMIT failed logins for one user
# name, or from one client address, further logins for it are refused for
# CCHC_LOGIN_COOLOFF_MINUTES (each new try during the lockout restarts the wait). An admin
# unlocks earlier: manage.py axes_reset_username <name> | axes_reset_ip <ip> | axes_reset, or the
# «Access attempts» page of the Django admin. See docs/SECURITY.md.
AUTHENTICATION_BACKENDS = [
    "cchc_portal.security.LoginThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("CCHC_LOGIN_FAILURE_LIMIT", 5))
AXES_COOLOFF_TIME = dt.timedelta(minutes=int(os.environ.get("CCHC_LOGIN_COOLOFF_MINUTES", 15)))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # each on its own: per user, per address
AXES_RESET_ON_SUCCESS = True
AXES_HANDLER = "cchc_portal.security.LoggingAxesHandler"
AXES_LOCKOUT_CALLABLE = "cchc_portal.security.lockout_response"
AXES_HTTP_RESPONSE_CODE = 429  # axes' default, named here: lockout_response answers with it
AXES_VERBOSE = False  # our own structured lines (cchc.security) replace axes' chatter
# The client address is REMOTE_ADDR, unless CCHC_TRUSTED_PROXIES (the number of reverse proxies
# in front, e.g. 1 behind nginx) says X-Forwarded-For is written by our own proxies.
_TRUSTED_PROXIES = int(os.environ.get("CCHC_TRUSTED_PROXIES", 0))
if _TRUSTED_PROXIES:
    AXES_IPWARE_PROXY_COUNT = _TRUSTED_PROXIES
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
else:
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["REMOTE_ADDR"]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Vietnamese first; English is the second language.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
# Django's vi locale has no thousands grouping; ours prints 1.005,8 like the reports do.
FORMAT_MODULE_PATH = ["cchc_portal.formats"]
USE_THOUSAND_SEPARATOR = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
# In development (DEBUG=1) whitenoise serves straight from the app folders.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if not DEBUG and env_bool("CCHC_MANIFEST_STATIC", False)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# Uploads: imports of up to 100 000 rows are a few tens of MB.
CCHC_MAX_UPLOAD_BYTES = int(os.environ.get("CCHC_MAX_UPLOAD_BYTES", 50 * 1024 * 1024))
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Files that imply more than this many bytes of work (an XLSX's decompressed size, a CSV's
# size) are imported by a Celery job with a progress bar.
CCHC_IMPORT_ASYNC_BYTES = int(os.environ.get("CCHC_IMPORT_ASYNC_BYTES", 2 * 1024 * 1024))
# Bounds of every import reader (docs/SECURITY.md §2.6); past one the file is refused whole.
CCHC_IMPORT_MAX_ROWS = int(os.environ.get("CCHC_IMPORT_MAX_ROWS", 200_000))
# Excel's own limits: 16 384 columns, 32 767 characters in a cell.
CCHC_IMPORT_MAX_COLUMNS = int(os.environ.get("CCHC_IMPORT_MAX_COLUMNS", 16_384))
CCHC_IMPORT_MAX_CELL_CHARS = int(os.environ.get("CCHC_IMPORT_MAX_CELL_CHARS", 32_767))
# Unknown columns after the last known one are ignored; only this many are kept past it.
CCHC_IMPORT_COLUMN_MARGIN = int(os.environ.get("CCHC_IMPORT_COLUMN_MARGIN", 8))
# One row (a CSV record, an XLSX <row> element) may not exceed this many characters / bytes.
CCHC_IMPORT_MAX_ROW_CHARS = int(os.environ.get("CCHC_IMPORT_MAX_ROW_CHARS", 1024 * 1024))
# XLSX: decompressed size of one part, of all parts together, and compression ratio of a part
# (Apache POI's default: 100x); a part smaller than CCHC_IMPORT_RATIO_MIN_BYTES is not judged
# by its ratio (small XML compresses well).
CCHC_IMPORT_MAX_PART_BYTES = int(os.environ.get("CCHC_IMPORT_MAX_PART_BYTES", 256 * 1024 * 1024))
CCHC_IMPORT_MAX_XLSX_BYTES = int(os.environ.get("CCHC_IMPORT_MAX_XLSX_BYTES", 512 * 1024 * 1024))
CCHC_IMPORT_MAX_RATIO = int(os.environ.get("CCHC_IMPORT_MAX_RATIO", 100))
CCHC_IMPORT_RATIO_MIN_BYTES = int(os.environ.get("CCHC_IMPORT_RATIO_MIN_BYTES", 1024 * 1024))
# XLSX: parts read whole (workbook, relationships, styles) and number of zip entries.
CCHC_IMPORT_MAX_META_BYTES = int(os.environ.get("CCHC_IMPORT_MAX_META_BYTES", 16 * 1024 * 1024))
CCHC_IMPORT_MAX_ZIP_ENTRIES = int(os.environ.get("CCHC_IMPORT_MAX_ZIP_ENTRIES", 10_000))
# Reading one file (preview or import) may take at most this many seconds.
CCHC_IMPORT_MAX_SECONDS = int(os.environ.get("CCHC_IMPORT_MAX_SECONDS", 900))
# Uploads previewed but never imported are deleted (with their files) after this many hours.
CCHC_IMPORT_KEEP_HOURS = int(os.environ.get("CCHC_IMPORT_KEEP_HOURS", 72))

REDIS_URL = os.environ.get("REDIS_URL", "")
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_BROKER_URL = REDIS_URL or "memory://localhost/"  # a host name keeps kombu quiet
CELERY_RESULT_BACKEND = REDIS_URL or None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True

# Background jobs (reports/jobs.py, docs/SECURITY.md «Background jobs»). A worker process that
# dies (OOM killer, kill -9) hands its task back to the broker (acks_late + reject on worker
# lost) and the job is run again; every job runs at most CCHC_JOB_MAX_ATTEMPTS times.
CELERY_TASK_REJECT_ON_WORKER_LOST = True
# The longest job (an import of 100 000 rows, a report PDF) in seconds: past it the task is
# stopped (soft limit: a clean failure; hard limit: the process is killed).
CCHC_JOB_MAX_SECONDS = int(os.environ.get("CCHC_JOB_MAX_SECONDS", 30 * 60))
CELERY_TASK_SOFT_TIME_LIMIT = CCHC_JOB_MAX_SECONDS
CELERY_TASK_TIME_LIMIT = CCHC_JOB_MAX_SECONDS + 60
# A running job writes a heartbeat every CCHC_JOB_HEARTBEAT_SECONDS; without one for
# CCHC_JOB_HEARTBEAT_TIMEOUT seconds the reaper marks it failed (the user may retry).
CCHC_JOB_HEARTBEAT_SECONDS = int(os.environ.get("CCHC_JOB_HEARTBEAT_SECONDS", 10))
CCHC_JOB_HEARTBEAT_TIMEOUT = int(os.environ.get("CCHC_JOB_HEARTBEAT_TIMEOUT", 120))
CCHC_JOB_MAX_ATTEMPTS = int(os.environ.get("CCHC_JOB_MAX_ATTEMPTS", 3))
# A job queued longer than this is shown as delayed ("hệ thống xử lý nền đang chậm"); the
# reconciler sends a queued job again when its last send is CCHC_JOB_RESEND_AFTER seconds old,
# and gives up (failed, retry offered) after CCHC_JOB_QUEUED_DEADLINE seconds.
CCHC_JOB_DELAYED_AFTER = int(os.environ.get("CCHC_JOB_DELAYED_AFTER", 30))
CCHC_JOB_RESEND_AFTER = int(os.environ.get("CCHC_JOB_RESEND_AFTER", 60))
CCHC_JOB_QUEUED_DEADLINE = int(os.environ.get("CCHC_JOB_QUEUED_DEADLINE", 6 * 3600))
# A request never waits long for the broker: short connect/socket timeouts and one quick retry
# when publishing; a publish that fails after the data is committed leaves the job queued.
CCHC_BROKER_TIMEOUT = float(os.environ.get("CCHC_BROKER_TIMEOUT", 2))
CELERY_BROKER_CONNECTION_TIMEOUT = CCHC_BROKER_TIMEOUT
CELERY_BROKER_TRANSPORT_OPTIONS = {
    # An unacknowledged task comes back after this many seconds (whole worker lost): longer
    # than the longest job, or a slow job would run twice.
    "visibility_timeout": CCHC_JOB_MAX_SECONDS + 5 * 60,
    "socket_connect_timeout": CCHC_BROKER_TIMEOUT,
    "socket_timeout": max(CCHC_BROKER_TIMEOUT, 2),  # > the consumer's 1 s BRPOP
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.5,
}
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.5,
}
CELERY_REDIS_SOCKET_CONNECT_TIMEOUT = CCHC_BROKER_TIMEOUT
CELERY_REDIS_SOCKET_TIMEOUT = max(CCHC_BROKER_TIMEOUT, 2)

if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CCHC_CACHE_PREFIX", "cchc"),
            # Never hold a request long for a refused or stalled Redis (callers tolerate errors).
            "OPTIONS": {
                "socket_connect_timeout": CCHC_BROKER_TIMEOUT,
                "socket_timeout": CCHC_BROKER_TIMEOUT,
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# E-mail (notifications/): printed on the console unless EMAIL_HOST names an SMTP server
# (EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS). Django 6.1's MAILERS form.
_EMAIL_HOST = os.environ.get("EMAIL_HOST", "").strip()
if _EMAIL_HOST:
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": _EMAIL_HOST,
                "port": int(os.environ.get("EMAIL_PORT", "").strip() or 25),
                "username": os.environ.get("EMAIL_HOST_USER", ""),
                "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
                "use_tls": env_bool("EMAIL_USE_TLS", False),
                "timeout": int(os.environ.get("EMAIL_TIMEOUT", "").strip() or 20),
            },
        }
    }
else:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
    # Mail is optional: every notice is also in the app's «Thông báo» list. Without EMAIL_HOST
    # the mails go to the console on purpose, so check --deploy need not refuse it.
    SILENCED_SYSTEM_CHECKS = [*SILENCED_SYSTEM_CHECKS, "mail.E001"]
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "").strip() or "cchc@localhost"
# The site's address as users reach it: links in e-mails are absolute.
CCHC_SITE_URL = os.environ.get("CCHC_SITE_URL", "").strip() or "http://127.0.0.1:8000"

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "cchc_portal.api.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "CCHC Portal API",
    "DESCRIPTION": "Indicators of administrative-reform reports per unit and period.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # The schema and Swagger UI are for signed-in users only (session or token), like the API.
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "SWAGGER_UI_DIST": "SIDECAR",  # the UI's assets come from our static files, not a CDN
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
}

IMPORT_EXPORT_SKIP_ADMIN_ACTION_EXPORT_UI = False
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

# Security: strict when DEBUG is off (manage.py check --deploy reports nothing).
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
# Content Security Policy (django-csp): scripts only from our own static files — no inline
# <script>, no on…= handlers, no eval, no CDN. Styles keep 'unsafe-inline': Swagger UI (/api/docs/)
# sets inline style attributes and ships an inline <style>; style injection cannot run code.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
SECURE_CONTENT_TYPE_NOSNIFF = True
# CCHC_INSECURE_HTTP=1 is the explicit opt-out for a local run over plain http (docker compose on
# a laptop): no HTTPS redirect, no secure-only cookies, no HSTS. Each can still be set on its own.
_INSECURE_HTTP = env_bool("CCHC_INSECURE_HTTP", False)
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not _INSECURE_HTTP)
    SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not _INSECURE_HTTP)
    CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not _INSECURE_HTTP)
    SECURE_HSTS_SECONDS = int(
        os.environ.get("SECURE_HSTS_SECONDS", "").strip() or (0 if _INSECURE_HTTP else 31536000)
    )
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # docker compose's healthcheck calls the app over plain HTTP from inside the container.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    # pyHanko logs a traceback at WARNING for every signer it cannot chain to a trusted root;
    # the verification page reports that state itself.
    "loggers": {
        "pyhanko": {"level": "ERROR"},
        "pyhanko_certvalidator": {"level": "ERROR"},
        # Structured security lines (event=login_failed …), kept whatever LOG_LEVEL says.
        "cchc.security": {"level": "INFO"},
    },
}
