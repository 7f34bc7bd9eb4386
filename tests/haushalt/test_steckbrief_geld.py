"""The money of a goal's Produkt or Produktgruppe on its Steckbrief, per persona."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.steuerung.factories import ProduktgruppenzielFactory, ProduktzielFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def ziele(haushalt_2026, einheiten):
    pz = ProduktzielFactory(jahr=2026, organisationseinheit=einheiten["50 21"], produkt=haushalt_2026["hzp"])
    pgz = ProduktgruppenzielFactory(
        jahr=2026, organisationseinheit=einheiten["50"], produktgruppe=haushalt_2026["hzp"].produktgruppe
    )
    return {"produktziel": pz, "produktgruppenziel": pgz}


def _seite(user, typ, ziel):
    c = Client()
    c.force_login(user)
    return c.get(f"/zielpyramide/{typ}/{ziel.pk}/")


@pytest.mark.parametrize(
    ("persona", "typ", "erwartet"),
    [
        # Zuschussbedarf Ansatz 2026 of Hilfe zur Pflege: 12.000.000 + 500.000 − 2.500.000 = 10.000.000 €
        ("sachbearbeitung50", "produktziel", "10.000.000,00 €"),
        ("kaemmerei", "produktziel", "10.000.000,00 €"),
        ("dezernat", "produktziel", "10.000.000,00 €"),
        # The Produktgruppe 1.31.01 with both Produkte: 10.000.000 + 7.000.000
        ("sachbearbeitung50", "produktgruppenziel", "17.000.000,00 €"),
        ("kaemmerei", "produktgruppenziel", "17.000.000,00 €"),
    ],
)
def test_geld_neben_den_kennzahlen(request, ziele, persona, typ, erwartet):
    antwort = _seite(request.getfixturevalue(persona), typ, ziele[typ])
    assert antwort.status_code == 200
    text = antwort.content.decode()
    assert "Haushalt 2026" in text and erwartet in text
    assert "Finanzdatenblatt" in text


def test_ohne_recht_auf_das_geld_kein_geld(request, ziele, haushalt_2026, einheiten):
    # A goal of Amt 50 whose Produkt belongs to the Jugendamt: Amt 50 reads the goal, not the money.
    fremd = ProduktzielFactory(jahr=2026, organisationseinheit=einheiten["50"], produkt=haushalt_2026["hze"])
    antwort = _seite(request.getfixturevalue("sachbearbeitung50"), "produktziel", fremd)
    assert antwort.status_code == 200 and "Haushalt 2026" not in antwort.content.decode()
    assert "Haushalt 2026" in _seite(request.getfixturevalue("kaemmerei"), "produktziel", fremd).content.decode()
    # Other units do not see Amt 50's goals; the council reads no internal page.
    assert _seite(request.getfixturevalue("sachbearbeitung51"), "produktziel", ziele["produktziel"]).status_code == 404
    assert _seite(request.getfixturevalue("ratsmitglied"), "produktziel", ziele["produktziel"]).status_code == 403
