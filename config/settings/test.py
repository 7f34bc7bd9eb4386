"""Test settings: fast hashing, tasks eager by default (worker tests switch it off)."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "test-geheimnis-nur-fuer-pytest")
os.environ.setdefault("DJANGO_DEMO", "true")

from config.settings.base import *  # noqa: E402,F403
from config.settings.base import (
    INSTALLED_APPS,  # noqa: E402
    STORAGES,  # noqa: E402
)

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CELERY_TASK_ALWAYS_EAGER = True
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {"axes": {"level": "ERROR"}, "django.request": {"level": "ERROR"}},
}

# The benchmark tooling (`manage.py grossstadt_daten`) exists only outside production.
INSTALLED_APPS = [*INSTALLED_APPS, "bench"]
