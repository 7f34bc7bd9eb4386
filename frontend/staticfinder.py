"""Serve plotly.js from the installed plotly package as static file `vendor/plotly.min.js`.

Municipal networks are often closed, so no CDN; the file's version always matches the
Python package that builds the figures.
"""

from __future__ import annotations

from pathlib import Path

import plotly
from django.contrib.staticfiles.finders import BaseFinder
from django.core.files.storage import FileSystemStorage

PLOTLY_DATEI = "plotly.min.js"
STATIC_PFAD = f"vendor/{PLOTLY_DATEI}"


class PlotlyFinder(BaseFinder):
    def __init__(self, *args, **kwargs):
        self.verzeichnis = Path(plotly.__file__).parent / "package_data"
        self.storage = FileSystemStorage(location=str(self.verzeichnis))
        self.storage.prefix = "vendor"

    def check(self, **kwargs):
        return []

    def find(self, path, find_all=False, **kwargs):
        if path != STATIC_PFAD:
            return [] if find_all else None
        datei = str(self.verzeichnis / PLOTLY_DATEI)
        return [datei] if find_all else datei

    def list(self, ignore_patterns):
        yield PLOTLY_DATEI, self.storage
