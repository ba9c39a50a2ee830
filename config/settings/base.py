"""Settings shared by every environment. Values that differ between machines come from the
environment (django-environ); the defaults give the embedded setup: SQLite, tasks run
in-process, e-mail printed to the console."""

from datetime import timedelta
from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

from core.cache import cache_from_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
# A .env file beside manage.py is read if present (never committed).
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEV_SECRET_KEY = "insecure-dev-key-change-me"  # noqa: S105 - refused by production.py
SECRET_KEY = env("SECRET_KEY", default=DEV_SECRET_KEY)
# Which kind of deployment this is; production.py says "production" (seed_demo refuses it).
LMS_ENVIRONMENT = "development"
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "core",
    "accounts",  # app label "lms" (decision 0019)
    "cms",
    "courses",
    "certificates",
    "people",
    "outbox",
    "private_files",
    "missions",
    "seminars",
    "evaluations",
    "reports",
    "api",
    "wagtail.contrib.forms",
    # Instructors translate a programme, its modules and lessons with Wagtail's own workflow
    # (Translate → a draft copy in the target locale → moderation); ships with Wagtail.
    "wagtail.contrib.simple_translation",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "accounts.apps.UsersAppConfig",  # wagtail.users with our user forms
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.locales",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "guardian",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "xapi",  # statements to a learning record store (docs/xapi.md)
    "ninja",  # the read API's Swagger UI from its own static files (no CDN)
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "core.middleware.ContentSecurityPolicyMiddleware",  # django-csp's, see ADMIN_CSP_UPDATE
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accounts.sso.SecondFactorFromProviderMiddleware",  # after OTPMiddleware: sets is_verified
    "accounts.two_factor.RequireTwoFactorMiddleware",
    "core.middleware.PreferredLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes requires: turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # The apps' own folders; core and accounts come first in INSTALLED_APPS, so their
        # base.html, registration/ and wagtailadmin/ templates win over the packages'.
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

# --- Database -------------------------------------------------------------------------------
# SQLite by default. IMMEDIATE transactions take the write lock at BEGIN, so two requests
# cannot both read a seat count and then both write (docs/architecture.md, rule 1, on SQLite).
SQLITE_PATH = env("SQLITE_PATH", default=str(BASE_DIR / "db.sqlite3"))
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{SQLITE_PATH}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 30,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
    DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Users, roles and permissions ------------------------------------------------------------
AUTH_USER_MODEL = "lms.User"
AUTHENTICATION_BACKENDS = [
    # First: refuses any login attempt while its e-mail and address are locked out.
    "axes.backends.AxesStandaloneBackend",
    # Then: refuses an account locked after wrong passwords from many addresses (ui, 0009).
    "accounts.login_guard.AccountThrottleBackend",
    # Django's ModelBackend with each user's permissions kept in the shared cache.
    "accounts.auth_backends.CachedPermissionsBackend",
    "guardian.backends.ObjectPermissionBackend",
    "accounts.sso.StaffOIDCBackend",  # single sign-on for staff; does nothing while it is off
]
# django-guardian's anonymous user is not needed: anonymous visitors get no object rights.
ANONYMOUS_USER_NAME = None
GUARDIAN_MONKEY_PATCH_USER = False
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"

# --- Client addresses and login throttling ------------------------------------------------------
# How many reverse proxies in front of the web processes append to X-Forwarded-For: the client
# is the Nth address from the right (core/client_ip.py). 0 trusts no header (REMOTE_ADDR).
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
# django-axes throttles the site's and the Wagtail admin's login forms (both authenticate
# through Django's auth, so one backend covers both). Failures are kept in the database, so
# every web process sees them. An e-mail is locked from one address at a time, so that an
# attacker cannot lock a diplomat out from everywhere and a mission's shared address does not
# lock out all its diplomats.
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("LOGIN_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "core.client_ip.client_ip"
AXES_USERNAME_CALLABLE = "core.client_ip.axes_username"
AXES_LOCKOUT_CALLABLE = "accounts.views.locked_out"  # registration/locked_out.html, with the wait
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"
# Two-factor authentication (accounts/two_factor.py): administrators must set it up before the
# admin when this is on (production's default); other staff may.
REQUIRE_ADMIN_2FA = env.bool("REQUIRE_ADMIN_2FA", default=False)
OTP_TOTP_ISSUER = "PATIT LMS"
# Learners inactive this many days (no sign-in, nothing unfinished) are erased by
# `manage.py apply_retention` (people/personal_data.py). 0 turns retention off.
RETENTION_INACTIVE_DAYS = env.int("RETENTION_INACTIVE_DAYS", default=0)
# Password reset links last three days (Django's default); requests per minute per address.
PASSWORD_RESET_RATE_PER_MINUTE = env.int("PASSWORD_RESET_RATE_PER_MINUTE", default=5)

# --- Languages -------------------------------------------------------------------------------
LANGUAGE_CODE = "en"
# The six official languages of the United Nations. A language is data (core/languages.py,
# decision 0010): one line here, its catalogue under locale/, its date format and certificate
# wording files; the completeness test names whatever a new line still lacks.
LANGUAGES = [
    ("en", _("English")),
    ("fr", _("French")),
    ("ar", _("Arabic")),
    ("es", _("Spanish")),
    ("ru", _("Russian")),
    ("zh-hans", _("Chinese")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env("TIME_ZONE", default="America/New_York")
USE_I18N = True
USE_TZ = True
# Lesson content in the same languages (Wagtail locales). One URL per page, in the English tree; a
# learner reads the live translation in their language, else English (cms/translation.py).
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES

# --- Static and media files -------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = env("STATIC_ROOT", default=str(BASE_DIR / "var" / "static"))
MEDIA_URL = "/media/"
MEDIA_ROOT = env("MEDIA_ROOT", default=str(BASE_DIR / "var" / "media"))
# Django serves lesson images (MEDIA_ROOT/images, /original_images) itself: on in the demo;
# in production a proxy or the storage's own URLs usually do it (docs/operations.md).
SERVE_PUBLIC_MEDIA = env.bool("SERVE_PUBLIC_MEDIA", default=False)
STORAGES = {
    # Public uploads: lesson images and their renditions (only images/ and original_images/
    # are served at MEDIA_URL; documents go through Wagtail's view, which checks access).
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Certificate PDFs are private: never under MEDIA_ROOT, downloaded only through the owner's
# view and the administrators' screens. `database` (the default) and `s3` are shared by
# every machine, so a PDF rendered by a worker anywhere downloads from any web server.
CERTIFICATE_STORAGE = env("CERTIFICATE_STORAGE", default="database")
if CERTIFICATE_STORAGE == "database":
    STORAGES["certificates"] = {"BACKEND": "private_files.storage.DatabaseStorage"}
elif CERTIFICATE_STORAGE == "s3":  # any S3-compatible service, with a private bucket
    STORAGES["certificates"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env("CERTIFICATES_S3_BUCKET"),
            "endpoint_url": env("CERTIFICATES_S3_ENDPOINT_URL", default=None),
            "region_name": env("CERTIFICATES_S3_REGION", default=None),
            "access_key": env("CERTIFICATES_S3_ACCESS_KEY_ID", default=None),
            "secret_key": env("CERTIFICATES_S3_SECRET_ACCESS_KEY", default=None),
            "location": env("CERTIFICATES_S3_PREFIX", default=""),
            "default_acl": "private",
            "querystring_auth": True,  # never a public URL, even if one were asked for
            "file_overwrite": True,  # a re-render replaces its serial's file
        },
    }
elif CERTIFICATE_STORAGE == "filesystem":  # one machine only: web and worker share a disk
    STORAGES["certificates"] = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {
            "location": env("CERTIFICATES_ROOT", default=str(BASE_DIR / "var" / "private"))
        },
    }
else:
    raise ValueError(
        f"CERTIFICATE_STORAGE={CERTIFICATE_STORAGE!r}: use database, s3 or filesystem."
    )

# --- E-mail -----------------------------------------------------------------------------------
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="PATIT LMS <patit@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Celery -----------------------------------------------------------------------------------
# Without a broker the tasks run in-process (the embedded default); with one, a worker and
# beat process run them (the production shape).
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Redis redelivers a task whose worker died before acknowledging it after this long.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=600),
    # A broker that vanishes without closing the connection (failover, firewall) must not
    # hold a request: handing a task over gives up after these and the sweepers take over.
    "socket_connect_timeout": env.float("CELERY_BROKER_CONNECT_TIMEOUT", default=2.0),
    "socket_timeout": env.float("CELERY_BROKER_SOCKET_TIMEOUT", default=5.0),
}
# Knowledge checks: attempts per check and enrollment (0: no limit), and the wait after a
# failed attempt, so that a check cannot be solved by trying every combination.
KNOWLEDGE_CHECK_MAX_ATTEMPTS = env.int("KNOWLEDGE_CHECK_MAX_ATTEMPTS", default=10)
KNOWLEDGE_CHECK_COOLDOWN_SECONDS = env.int("KNOWLEDGE_CHECK_COOLDOWN_SECONDS", default=60)

CELERY_BEAT_SCHEDULE = {
    # Unconfirmed offers pass down the waitlist within this many seconds of their deadline.
    "expire-offers": {
        "task": "courses.tasks.expire_offers_task",
        "schedule": env.int("EXPIRE_OFFERS_EVERY_SECONDS", default=300),
    },
    # Certificates left pending by a crashed worker are queued again.
    "sweep-certificates": {
        "task": "certificates.tasks.sweep_certificates_task",
        "schedule": env.int("SWEEP_CERTIFICATES_EVERY_SECONDS", default=120),
    },
    # A cycle's curriculum is pinned when it starts, even if nobody studies that day.
    "pin-curricula": {
        "task": "courses.tasks.pin_started_curricula_task",
        "schedule": env.int("PIN_CURRICULA_EVERY_SECONDS", default=900),
    },
    # E-mails not sent after commit (broker down, worker killed, mail server refused).
    "send-outbox": {
        "task": "outbox.tasks.send_pending_outbox_task",
        "schedule": env.int("OUTBOX_SWEEP_EVERY_SECONDS", default=60),
    },
    # Cycles past their last day close (outcomes recorded); reminders go out once each.
    "close-cycles": {
        "task": "courses.tasks.close_due_cycles_task",
        "schedule": env.int("CLOSE_CYCLES_EVERY_SECONDS", default=3600),
    },
    "send-reminders": {
        "task": "courses.tasks.send_reminders_task",
        "schedule": env.int("SEND_REMINDERS_EVERY_SECONDS", default=900),
    },
}

# --- Outbox (e-mails written with the change they report; see outbox/services.py) -----------
# A claimed e-mail not marked sent after this long is sent again: more than EMAIL_TIMEOUT.
OUTBOX_LEASE_SECONDS = env.int("OUTBOX_LEASE_SECONDS", default=300)
OUTBOX_MAX_ATTEMPTS = env.int("OUTBOX_MAX_ATTEMPTS", default=12)  # ~6 h with the backoff
OUTBOX_RETRY_BASE_SECONDS = env.int("OUTBOX_RETRY_BASE_SECONDS", default=60)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=60)

# --- Certificates -----------------------------------------------------------------------------
CERTIFICATE_RENDER_LEASE_SECONDS = env.int("CERTIFICATE_RENDER_LEASE_SECONDS", default=120)
CERTIFICATE_SWEEP_GRACE_SECONDS = env.int("CERTIFICATE_SWEEP_GRACE_SECONDS", default=30)
VERIFY_RATE_PER_MINUTE = env.int("VERIFY_RATE_PER_MINUTE", default=30)

# --- Content-Security-Policy (django-csp) -----------------------------------------------------
# Everything from this origin only: no inline script unless the server wrote it with the
# request's nonce (core/csp.py), no plugins, forms post here, no framing by other sites.
# Images may be data:/blob: URIs (Wagtail's image chooser and focal point previews); video
# lessons embed players from the hosts in VIDEO_EMBED_HOSTS.
from csp.constants import NONCE, NONE, SELF  # noqa: E402

VIDEO_EMBED_HOSTS = env.list(
    "VIDEO_EMBED_HOSTS",
    default=[
        "https://www.youtube.com",
        "https://www.youtube-nocookie.com",
        "https://player.vimeo.com",
    ],
)
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],  # the nonce only on scripts the server writes
        "style-src": [SELF],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [SELF, *VIDEO_EMBED_HOSTS],
        "media-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
    },
}
# The Wagtail admin's scripts insert <style> elements (core.middleware explains); its scripts
# stay strict.
ADMIN_CSP_UPDATE = {"style-src": ["'unsafe-inline'"]}

# --- Wagtail ----------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "PATIT LMS"
# The address people reach the site at: e-mail links, the QR codes and verification links on
# certificates, the Wagtail admin's links. `make run` passes http://HOST:PORT.
PUBLIC_BASE_URL = env("PUBLIC_BASE_URL", default="http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = PUBLIC_BASE_URL
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# Documents are served by Wagtail's view, never as public files, so that the
# `before_serve_document` hook (courses/wagtail_hooks.py) applies the lessons' access rule.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "pptx", "xlsx", "odt", "txt", "zip"]
WAGTAILEMBEDS_RESPONSIVE_HTML = True
# The admin contacts no third party (and so passes the CSP): no Gravatar images (they would
# tell gravatar.com who administers the programme), no release check against wagtail.org.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False

# A Redis cache tolerates an outage (core/cache.py, decision 0008): a failed read is a miss.
CACHES = {"default": cache_from_url(env("CACHE_URL", default="locmemcache://"))}
# Sessions are read from the shared cache (one query fewer on every signed-in page) and
# written through to the database, which stays the record (and is read when the cache is down).
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# Evaluation results (counts, averages, comments) are shown and exported only once this
# many learners of the cycle have answered: below it, one answer is one person's words.
EVALUATION_MIN_ANSWERS = env.int("EVALUATION_MIN_ANSWERS", default=5)

# Settings kept in their own modules: accounts (links, throttling); signed certificates and
# Open Badges (keys, timestamp server, upload limit); logging; the systems around the site
# (read API, xAPI LRS, staff SSO).
from .accounts import *  # noqa: E402, F403
from .certificates import *  # noqa: E402, F403
from .logs import *  # noqa: E402, F403
from .outside import *  # noqa: E402, F403
