"""The Interkommunaler Vergleich names what is compared by its label, never by its key."""

from __future__ import annotations

import html
import json
import re
from decimal import Decimal as D

import pytest

from sozialraum.models import Vergleichswert

pytestmark = pytest.mark.django_db

SCHLUESSEL = "begegnungsstaetten-senioren"
BEZEICHNUNG = "Begegnungsstätten für Seniorinnen und Senioren"


@pytest.fixture
def peers(sozialraumdaten):
    for kommune, wert in [("Bremen", "31"), ("Dortmund", "140"), ("Leipzig", "44")]:
        Vergleichswert.objects.create(
            kommune=kommune,
            vergleichsschluessel=SCHLUESSEL,
            bezeichnung=BEZEICHNUNG,
            jahr=2023,
            wert=D(wert),
            einwohner=500000,
        )


def _sichtbarer_text(seite: str) -> str:
    """The page's text as read, without tags (so option values and URLs do not count)."""
    ohne_skripte = re.sub(r"<script.*?</script>", " ", seite, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", ohne_skripte))


@pytest.mark.parametrize("persona", ["steuerung", "kaemmerei", "ratsmitglied"], indirect=True)
def test_seite_und_diagramm_zeigen_die_bezeichnung_nicht_den_schluessel(client, persona, peers):
    client.force_login(persona)
    seite = client.get(f"/sozialraum/vergleich/?schluessel={SCHLUESSEL}&jahr=2023").content.decode()
    text = _sichtbarer_text(seite)
    assert SCHLUESSEL not in text
    assert f"{BEZEICHNUNG} 2023" in re.search(r"<h2>(.*?)</h2>", seite, re.S).group(1)
    assert re.search(rf'<option value="{SCHLUESSEL}" selected>{BEZEICHNUNG}</option>', seite)
    tabelle = re.search(r'<table id="sr-vergleich-tabelle">.*?</table>', seite, re.S).group(0)
    assert f"Werte der Vergleichskommunen: {BEZEICHNUNG} 2023" in html.unescape(tabelle)
    assert "Dortmund" in tabelle and SCHLUESSEL not in tabelle
    figur = json.loads(re.search(r'id="sr-vergleich-daten"[^>]*>(.*?)</script>', seite, re.S).group(1))
    assert figur["layout"]["title"]["text"] == f"{BEZEICHNUNG} 2023"
    assert SCHLUESSEL not in json.dumps(figur, ensure_ascii=False)


def test_ohne_bezeichnung_nennt_die_seite_die_verknuepfte_kennzahl(client, steuerung, sozialraumdaten):
    from tests.sozialraum.factories import kennzahl_mit_wert

    kennzahl_mit_wert(vergleichsschluessel="treffs", jahr=2025, wert="12", richtung="steigend")
    client.force_login(steuerung)
    seite = client.get("/sozialraum/vergleich/?schluessel=treffs&jahr=2025").content.decode()
    assert "Begegnungsstätten 2025" in re.search(r"<h2>(.*?)</h2>", seite, re.S).group(1)


def test_api_liefert_die_bezeichnung(api, steuerung, peers):
    daten = api(steuerung).get(f"/api/v1/vergleich/?schluessel={SCHLUESSEL}&jahr=2023").json()
    assert (daten["schluessel"], daten["bezeichnung"], daten["n"]) == (SCHLUESSEL, BEZEICHNUNG, 3)
    werte = api(steuerung).get(f"/api/v1/vergleichswerte/?vergleichsschluessel={SCHLUESSEL}").json()["results"]
    assert {w["bezeichnung"] for w in werte} == {BEZEICHNUNG}
