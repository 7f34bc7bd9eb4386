"""Settings shared by every environment; environments differ only by variables."""

from __future__ import annotations

from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

from config.env import BASE_DIR, env

DEBUG = env.bool("DJANGO_DEBUG", default=False)
DEMO_MODUS = env.bool("DJANGO_DEMO", default=False)
SECRET_KEY = env("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "csp",
    "axes",
    "core",
    "organisation",
    "steuerung",
    "controlling",
    "sozialraum",
    "haushalt",
    "frontend",
    # Demo data and its commands (`make run` calls them); no models, imported by no product app.
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "core.zwischenspeicher.ZwischenspeicherMiddleware",
    "frontend.middleware.LoginRequiredMiddleware",
    # Last, as django-axes requires: turns a lockout into its German response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "frontend.context_processors.oberflaeche",
            ],
        },
    },
]
FORM_RENDERER = "frontend.forms.rendering.BarrierefreierRenderer"

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("DJANGO_CONN_MAX_AGE", default=0))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "organisation.Benutzer"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Login throttling: after 5 failed attempts for a username from one address, 15 minutes lockout.
AXES_FAILURE_LIMIT = env.int("STEUERUNG_LOGIN_FEHLVERSUCHE", default=5)
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "frontend/gesperrt.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "frontend:login"
LOGIN_REDIRECT_URL = "frontend:start"
LOGOUT_REDIRECT_URL = "frontend:login"
SESSION_COOKIE_AGE = env.int("DJANGO_SESSION_COOKIE_AGE", default=8 * 60 * 60)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# Content-Security-Policy: no inline or foreign scripts. plotly sets inline styles, hence
# style-src 'unsafe-inline' (styles only); charts draw into data:/blob: images.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
CSRF_COOKIE_HTTPONLY = False

LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("Deutsch"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATICFILES_DIRS: list = []
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=BASE_DIR / "var" / "media")
MEDIA_URL = "/media/"
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

EMAIL_BACKEND = env("DJANGO_EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env("DJANGO_DEFAULT_FROM_EMAIL", default="steuerung@kommune.example")
# Absolute address of the application, used for links in e-mails. Empty: links in mails sent from a
# request (invitation, password reset) use the address that request came in on (a host Django
# accepted via ALLOWED_HOSTS); mails without a request (notifications) fall back to the local demo.
BASIS_URL = env("DJANGO_BASIS_URL", default="")
BASIS_URL_ERSATZ = "http://127.0.0.1:8000"

# Celery: with REDIS_URL tasks are queued to Redis; without, they run in-process (demo, tests).
REDIS_URL = env("REDIS_URL", default="")
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 30 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 25 * 60
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = {
    # Nightly full recomputation of all consolidation curves (controlling.tasks).
    "hsk-verlaeufe-naechtlich": {
        "task": "controlling.tasks.alle_verlaeufe_berechnen",
        "schedule": crontab(hour=2, minute=30),
    },
    # Pending recomputations whose queueing failed (broker outage) are queued again.
    "hsk-ausstehende-nachholen": {
        "task": "controlling.tasks.ausstehende_verlaeufe_nachholen",
        "schedule": crontab(minute="*/5"),
    },
    # Retention of closed Einzelfälle: delete after the measure's period, curve contribution archived.
    "hsk-einzelfaelle-aufbewahrung": {
        "task": "controlling.tasks.einzelfaelle_aufbewahrung_anwenden",
        "schedule": crontab(hour=1, minute=45),
    },
    # Notification mails still pending long after their notification (broker outage, lost task).
    "benachrichtigungen-mails-nachholen": {
        "task": "organisation.tasks.ausstehende_mails_nachholen",
        "schedule": crontab(minute="*/10"),
    },
    # Reminders before and after the Erfassungsfrist (steuerung.tasks).
    "tertial-erinnerungen": {
        "task": "steuerung.tasks.erfassungserinnerungen_senden",
        "schedule": crontab(hour=7, minute=0),
    },
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["core.permissions.RollenRechte"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "core.pagination.Seitenweise",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "core.schema.FehlerSchema",
    "COERCE_DECIMAL_TO_STRING": True,
    "EXCEPTION_HANDLER": "core.api.fehlerbehandlung",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Wirkungsorientierte Steuerung – API",
    "DESCRIPTION": "Zielpyramide, Kennzahlen, Tertialberichte und HSK-Controlling.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # One schema name for the report status, used by status, von_status and nach_status.
    "ENUM_NAME_OVERRIDES": {
        "BerichtsstatusEnum": "steuerung.models.berichte.Berichtsstatus",
        # A line of the Teilergebnisplan, used as zeile and transferzeile.
        "ZeileEnum": "haushalt.models.auswahl.Zeile",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="INFO")},
}

# Product settings: defaults of a fresh database only. The Administration maintains the live values
# on the page "Kommune" (organisation.models.Kommune); code reads organisation.selectors.kommune().
ERFASSUNGSFRIST_TAGE = env.int("STEUERUNG_ERFASSUNGSFRIST_TAGE", default=15)
MINDESTEINWOHNER_RAUM = env.int("STEUERUNG_MINDESTEINWOHNER_RAUM", default=1000)
KLEINZAHL_GRENZE = 5
# SMART "realistisch": yearly change of a target above this share needs a written justification.
STEUERUNG_PLAUSIBILITAETSGRENZE_PROZENT = env.int("STEUERUNG_PLAUSIBILITAETSGRENZE_PROZENT", default=20)

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    "frontend.staticfinder.PlotlyFinder",
]
