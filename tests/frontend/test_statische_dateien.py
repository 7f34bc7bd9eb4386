"""Production static files: content-hashed names in the pages, far-future immutable caching for them."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from django.templatetags.static import static
from django.test import Client, override_settings

from tests.statische_produktion import sammeln

WURZEL = Path(__file__).resolve().parents[2]
EIN_JAHRZEHNT = "max-age=315360000"


@pytest.fixture(scope="module")
def produktion(tmp_path_factory):
    return sammeln(tmp_path_factory.mktemp("static"))


def test_produktion_nutzt_den_manifest_speicher(produktion):
    assert produktion["STORAGES"]["staticfiles"]["BACKEND"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"


def test_jede_statische_datei_der_vorlagen_hat_einen_namen_mit_pruefsumme(produktion):
    """A {% static %} name missing from the manifest would be a 500 in production (manifest_strict)."""
    namen = set()
    for vorlage in WURZEL.glob("*/templates/**/*.html"):
        namen |= set(re.findall(r"{% static '([^']+)' %}", vorlage.read_text()))
    assert {"frontend/app.js", "vendor/plotly.min.js", "frontend/vendor/flatpickr/flatpickr.min.js"} <= namen
    manifest = json.loads((Path(produktion["STATIC_ROOT"]) / "staticfiles.json").read_text())["paths"]
    with override_settings(**produktion):
        for name in namen:
            assert name in manifest, name
            assert re.search(r"\.[0-9a-f]{12}\.", static(name)), static(name)


@pytest.mark.django_db
def test_seite_verweist_auf_gehashte_namen_mit_langer_zwischenspeicherung(produktion):
    with override_settings(**produktion):
        client = Client()
        inhalt = client.get("/anmelden/").content.decode()
        app_js = re.search(r'src="(/static/frontend/app\.[0-9a-f]{12}\.js)"', inhalt).group(1)
        # The scripts app.js loads later (date fields) are passed as hashed URLs, too.
        flatpickr = re.search(r'data-datum-js="([^"]+)"', inhalt).group(1)
        assert re.fullmatch(r"/static/frontend/vendor/flatpickr/flatpickr\.min\.[0-9a-f]{12}\.js", flatpickr)
        for url in (app_js, flatpickr, static("vendor/plotly.min.js")):
            antwort = client.get(url)
            assert antwort.status_code == 200, url
            assert EIN_JAHRZEHNT in antwort["Cache-Control"] and "immutable" in antwort["Cache-Control"], url
        # The unhashed name still works for old links, but only with a short lifetime.
        ungehasht = client.get("/static/frontend/app.js")
        assert ungehasht.status_code == 200
        assert "immutable" not in ungehasht["Cache-Control"]
