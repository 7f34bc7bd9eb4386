"""Static files as production serves them: collectstatic with the production storage (content-hashed
names, staticfiles.json) into a temporary STATIC_ROOT, WhiteNoise reading only that directory."""

from __future__ import annotations

import importlib
from pathlib import Path

from django.core.management import call_command
from django.test import override_settings

# Compression is WhiteNoise's own concern and takes a minute for plotly and the API docs; the hashing
# and the caching headers under test do not depend on it.
OHNE_KOMPRESSION = ["js", "css", "map", "html", "svg", "txt", "md", "json", "png", "ico", "woff", "woff2", "ttf"]


def produktionseinstellungen(ziel: Path) -> dict:
    produktion = importlib.import_module("config.settings.production")
    return {
        "STORAGES": produktion.STORAGES,
        "STATIC_ROOT": str(ziel),
        "DEBUG": False,
        "WHITENOISE_AUTOREFRESH": False,
        "WHITENOISE_USE_FINDERS": False,
        "WHITENOISE_SKIP_COMPRESS_EXTENSIONS": OHNE_KOMPRESSION,
    }


def sammeln(ziel: Path) -> dict:
    """Run collectstatic like the Dockerfile does; returns the settings to serve the result with."""
    einstellungen = produktionseinstellungen(ziel)
    with override_settings(**einstellungen):
        call_command("collectstatic", "--noinput", verbosity=0)
    return einstellungen
