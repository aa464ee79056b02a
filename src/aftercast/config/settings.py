"""Aftercast settings: everything comes from environment variables (see README)."""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from aftercast.config.env import (
    ConfigurationError,
    aftercast_home,
    database_url,
    env_bool,
    env_list,
    secret_key,
    shared_directory,
)

PACKAGE_DIR = Path(__file__).resolve().parent.parent
AFTERCAST_HOME = aftercast_home()
# With several app servers (README, "Several servers"), what they must all see alike.
AFTERCAST_SHARED = shared_directory(AFTERCAST_HOME)

SECRET_KEY = secret_key(AFTERCAST_HOME, AFTERCAST_SHARED)
DEBUG = env_bool("DEBUG", default=False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

# Served over HTTPS (HTTPS=1), usually behind a reverse proxy that ends TLS (BEHIND_PROXY=1:
# trust its X-Forwarded-Proto and X-Forwarded-For). README, "In production", lists them.
HTTPS = env_bool("HTTPS", default=False)
BEHIND_PROXY = env_bool("BEHIND_PROXY", default=False)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=HTTPS)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS") or (31_536_000 if HTTPS else 0))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=HTTPS)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=HTTPS)
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SAMESITE = "Lax"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "aftercast.core",
    "aftercast.catalog",
    "aftercast.metrics",
    "aftercast.campaigns",
    "aftercast.briefs",
    "aftercast.checkins",
    "aftercast.debriefs",
    "aftercast.learnings",
    "aftercast.reports",
    "aftercast.imports",
    "aftercast.api",
    "aftercast.home",
    "aftercast.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "aftercast.core.middleware.ContentSecurityPolicyMiddleware",
    "aftercast.core.middleware.NulByteMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "aftercast.core.middleware.UserLanguageMiddleware",
    "aftercast.core.middleware.TimeZoneMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "aftercast.config.urls"
WSGI_APPLICATION = "aftercast.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "builtins": ["aftercast.metrics.templatetags.metric_tags"],
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "aftercast.core.context_processors.workspace",
            ],
        },
    },
]

try:
    DATABASES = {"default": dj_database_url.parse(database_url(AFTERCAST_HOME), conn_max_age=60)}
except ValueError as error:
    raise ConfigurationError(
        f"DATABASE_URL cannot be understood ({error}): use e.g. postgres://user@host:5432/name "
        "or sqlite:////absolute/path.sqlite3."
    ) from error

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        # Concurrent readers and a writer without "database is locked": WAL plus a busy timeout,
        # and IMMEDIATE transactions so writers queue instead of failing on lock upgrade.
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
        ),
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LOGIN_URL = "core:login"
LOGIN_REDIRECT_URL = "home:home"
LOGOUT_REDIRECT_URL = "core:login"

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("ru", _("Russian"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"
LANGUAGE_COOKIE_NAME = "aftercast_language"

STATIC_URL = "/static/"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STATIC_ROOT = AFTERCAST_HOME / "static"
STATIC_ROOT.mkdir(exist_ok=True)
MEDIA_URL = "/media/"
MEDIA_ROOT = AFTERCAST_SHARED / "media"
FILE_UPLOAD_PERMISSIONS = 0o600  # owner-only, whatever the process's umask
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Compressed but not hashed: pages work before `collectstatic` (tests, first start), and
    # `aftercast serve` collects into AFTERCAST_HOME/static for WhiteNoise.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Tests and `runserver` serve static files straight from the package, without collectstatic.
WHITENOISE_USE_FINDERS = True

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# Shared by the web processes and the task worker: import progress lives here, outside the
# import's own transaction (which nobody else can see until it commits).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(AFTERCAST_SHARED / "cache"),
    }
}

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# E-mail (the weekly digest): printed to the console unless a team sets a real backend,
# e.g. EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend with EMAIL_HOST and friends.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Aftercast <aftercast@localhost>")
# The address people open the app at, for links in e-mails (a command has no request).
AFTERCAST_URL = os.environ.get("AFTERCAST_URL", "http://127.0.0.1:8000").rstrip("/")
