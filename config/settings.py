"""Django settings for Infohus.

Everything that differs between deployments comes from the environment. The
defaults are the secure production values; ``INFOHUS_ENV=development`` (set by
``make run``) is the only switch that relaxes them, and only for a developer's
own machine (plain HTTP on 127.0.0.1, demo data allowed).
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

# pytest sets PYTEST_VERSION: a bare `pytest` run gets test settings, not production ones.
ENV = os.environ.get("INFOHUS_ENV") or ("test" if "PYTEST_VERSION" in os.environ else "production")
if ENV not in {"production", "development", "test"}:
    raise ImproperlyConfigured("INFOHUS_ENV must be production, development or test")
IS_PRODUCTION = ENV == "production"


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _secret(name: str) -> str:
    """Read a secret from the environment; outside production fall back to a local file."""
    value = os.environ.get(name)
    if value:
        return value
    if IS_PRODUCTION:
        raise ImproperlyConfigured(f"{name} must be set in production")
    from config.local_secrets import local_secret

    return local_secret(BASE_DIR / "var", name)


SECRET_KEY = _secret("DJANGO_SECRET_KEY")
DEBUG = _env_bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get(
        "DJANGO_ALLOWED_HOSTS", "" if IS_PRODUCTION else "127.0.0.1,localhost,testserver"
    ).split(",")
    if h.strip()
]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "csp",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "infohus.core",
    "infohus.accounts",
    "infohus.organisations",
    "infohus.persons",
    "infohus.disclosures",
    "infohus.intake",
    "infohus.cases",
    "infohus.pet",
    "infohus.governance",
    "infohus.reporting",
    "infohus.api",
    "infohus.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "infohus.core.middleware.SecurityHeadersMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "infohus.core.middleware.DanishFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # From here on every audit entry knows who, from where (and, once resolved, in which role).
    "infohus.core.middleware.AuditContextMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "infohus.accounts.middleware.SessionLifetimeMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "infohus.accounts.middleware.RequireMFAMiddleware",
    "infohus.organisations.middleware.ActiveMembershipMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "infohus.reporting.context_processors.shell",
            ],
        },
    },
]

# --- Database ---------------------------------------------------------------
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE transactions serialise writers, which the audit hash chain relies on.
    DATABASES["default"]["OPTIONS"] = {"transaction_mode": "IMMEDIATE", "timeout": 20}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Authentication ---------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["infohus.accounts.backends.LockoutAuthenticationBackend"]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
if ENV == "test":
    # Argon2 costs ~60 ms a hash by design; tests create many users. A test pins argon2 for real.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 15},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "reporting:start"

# Lockout: after this many consecutive failed passwords the account is locked.
INFOHUS_LOCKOUT_THRESHOLD = int(os.environ.get("INFOHUS_LOCKOUT_THRESHOLD", "5"))
INFOHUS_LOCKOUT_PERIOD = timedelta(minutes=int(os.environ.get("INFOHUS_LOCKOUT_MINUTES", "15")))
# Sessions: idle timeout and absolute lifetime (ASVS 7.3).
INFOHUS_IDLE_TIMEOUT = timedelta(minutes=int(os.environ.get("INFOHUS_IDLE_TIMEOUT_MINUTES", "30")))
INFOHUS_SESSION_LIFETIME = timedelta(hours=int(os.environ.get("INFOHUS_SESSION_HOURS", "10")))
INFOHUS_TRUSTED_PROXIES = int(os.environ.get("INFOHUS_TRUSTED_PROXIES", "0"))

ACCOUNT_ADAPTER = "infohus.accounts.adapters.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"username"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "password1*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_RATE_LIMITS = {
    # Per-account lockout is ours (database, audited); allauth throttles per IP.
    "login_failed": "30/10m/ip",
    "login": "60/m/ip",
    "reset_password": "5/m/ip,3/m/key",
    "change_password": "5/m/user",
}
MFA_ADAPTER = "infohus.accounts.adapters.MFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "webauthn", "recovery_codes"]
MFA_TOTP_ISSUER = "Infohus"
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = not IS_PRODUCTION
MFA_PASSKEY_LOGIN_ENABLED = False

# --- Sessions and cookies ---------------------------------------------------
SECURE_COOKIES = _env_bool("INFOHUS_SECURE_COOKIES", default=IS_PRODUCTION)
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_AGE = int(INFOHUS_SESSION_LIFETIME.total_seconds())
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = SECURE_COOKIES
SESSION_COOKIE_NAME = "__Host-infohus-session" if SECURE_COOKIES else "infohus-session"
CSRF_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Strict"
CSRF_COOKIE_NAME = "__Host-infohus-csrf" if SECURE_COOKIES else "infohus-csrf"
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("DJANGO_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]
LANGUAGE_COOKIE_SECURE = SECURE_COOKIES
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

# --- Transport and browser security headers ----------------------------------
SECURE_SSL_REDIRECT = _env_bool("INFOHUS_SSL_REDIRECT", default=IS_PRODUCTION)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if IS_PRODUCTION else None
SECURE_HSTS_SECONDS = 63072000 if IS_PRODUCTION else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = IS_PRODUCTION
SECURE_HSTS_PRELOAD = IS_PRODUCTION
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
        "manifest-src": [SELF],
    }
}

# --- Internationalisation ---------------------------------------------------
# UI strings are written in Danish in the source (Danish first); the English
# catalogue in locale/en translates them. See docs/decisions/0003.
LANGUAGE_CODE = "da"
LANGUAGES = [("da", _("Dansk")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True

# --- Static files -----------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if IS_PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not IS_PRODUCTION
if not IS_PRODUCTION:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)

# --- Caches (rate limits) ---------------------------------------------------
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache"
        if IS_PRODUCTION
        else "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "infohus_cache",
    }
}

# --- Intake ------------------------------------------------------------------
# First screening of a concern is due this many working days after receipt.
INFOHUS_SCREENING_DEADLINE_WORKDAYS = int(
    os.environ.get("INFOHUS_SCREENING_DEADLINE_WORKDAYS", "5")
)

# Personal data of concerns screened "no further action" are kept this long (the concern
# itself stays in statistics); the erasure job belongs to governance.
INFOHUS_NO_ACTION_RETENTION_DAYS = int(os.environ.get("INFOHUS_NO_ACTION_RETENTION_DAYS", "180"))
# A district asking PET whether it handles a person expects an answer within this many days.
INFOHUS_PET_CONSULTATION_DAYS = int(os.environ.get("INFOHUS_PET_CONSULTATION_DAYS", "14"))
# Attachments to concerns: largest file accepted, and how many a concern may carry.
INFOHUS_ATTACHMENT_MAX_BYTES = int(
    os.environ.get("INFOHUS_ATTACHMENT_MAX_BYTES", str(10 * 1024 * 1024))
)
INFOHUS_ATTACHMENTS_PER_CONCERN = int(os.environ.get("INFOHUS_ATTACHMENTS_PER_CONCERN", "20"))

# Public reporting form (/bekymring/): anti-automation without third parties.
INFOHUS_PUBLIC_FORM_MIN_SECONDS = int(os.environ.get("INFOHUS_PUBLIC_FORM_MIN_SECONDS", "3"))
INFOHUS_PUBLIC_FORM_MAX_AGE_SECONDS = int(
    os.environ.get("INFOHUS_PUBLIC_FORM_MAX_AGE_SECONDS", "7200")
)
# (submissions, window in seconds) per client address.
INFOHUS_PUBLIC_FORM_RATE_LIMITS = ((5, 600), (50, 86400))

# REST API for integrations: requests per token per period.
INFOHUS_API_RATE_LIMIT = int(os.environ.get("INFOHUS_API_RATE_LIMIT", "120"))
INFOHUS_API_RATE_PERIOD_SECONDS = int(os.environ.get("INFOHUS_API_RATE_PERIOD_SECONDS", "60"))

# --- Field encryption -------------------------------------------------------
# Comma-separated list of "key-id:base64-key" (AES-256-GCM); the first encrypts,
# all decrypt, so keys can be rotated. The blind-index key is separate.
INFOHUS_FIELD_KEYS = _secret("INFOHUS_FIELD_KEYS")
INFOHUS_BLIND_INDEX_KEY = _secret("INFOHUS_BLIND_INDEX_KEY")

# --- Demo data --------------------------------------------------------------
# Demo users have published passwords: never in production.
INFOHUS_ALLOW_DEMO_DATA = not IS_PRODUCTION

# --- Logging: no personal data, structured, to stderr ------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["stderr"], "level": os.environ.get("INFOHUS_LOG_LEVEL", "INFO")},
    "loggers": {
        # Request lines carry URLs only; URLs never carry personal data (docs/security.md).
        "django.server": {"level": "INFO"},
        "django.security": {"level": "WARNING"},
    },
}

EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if not IS_PRODUCTION
    else "django.core.mail.backends.smtp.EmailBackend",
)
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "infohus@localhost")
