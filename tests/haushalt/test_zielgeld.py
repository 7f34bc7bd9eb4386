"""Zuschussbedarf per node of the Zielpyramide (?geld=1), per persona."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from django.test import Client

from haushalt.zielgeld import Knotengeld, zuschussbedarf_je_ziel
from tests.steuerung.factories import ProduktzielFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def ziele(haushalt_2026, einheiten):
    pz = ProduktzielFactory(
        jahr=2026, code="PZ 7", organisationseinheit=einheiten["50 21"], produkt=haushalt_2026["hzp"]
    )
    pgz = pz.produktgruppenziel
    pgz.produktgruppe = haushalt_2026["hzp"].produktgruppe
    pgz.organisationseinheit = einheiten["50"]
    pgz.jahr = 2026
    pgz.save()
    pgz.leitziel.jahr = 2026
    pgz.leitziel.save()
    # A goal of Amt 50 whose Produkt belongs to the Jugendamt: Amt 50 reads the goal, not the money.
    fremd = ProduktzielFactory(
        jahr=2026,
        code="PZ 8",
        produktgruppenziel=pgz,
        organisationseinheit=einheiten["50"],
        produkt=haushalt_2026["hze"],
    )
    return {"produktziel": pz, "produktgruppenziel": pgz, "fremd": fremd}


def _ziele(ziele):
    return [
        ("produktgruppenziel", ziele["produktgruppenziel"].pk),
        ("produktziel", ziele["produktziel"].pk),
        ("produktziel", ziele["fremd"].pk),
    ]


def test_kaemmerei_sieht_den_zuschussbedarf_jedes_knotens(request, ziele):
    geld = zuschussbedarf_je_ziel(user=request.getfixturevalue("kaemmerei"), jahr=2026, ziele=_ziele(ziele))
    # Ansatz 2026 of Hilfe zur Pflege: 12.000.000 + 500.000 − 2.500.000; Produktgruppe 1.31.01 adds 7.000.000.
    assert geld[("produktziel", ziele["produktziel"].pk)].ansatz == D("10000000.00")
    assert geld[("produktgruppenziel", ziele["produktgruppenziel"].pk)].ansatz == D("17000000.00")
    assert ("produktziel", ziele["fremd"].pk) in geld


def test_fachamt_sieht_nur_das_geld_seiner_produkte(request, ziele):
    geld = zuschussbedarf_je_ziel(user=request.getfixturevalue("sachbearbeitung50"), jahr=2026, ziele=_ziele(ziele))
    assert isinstance(geld[("produktziel", ziele["produktziel"].pk)], Knotengeld)
    assert ("produktziel", ziele["fremd"].pk) not in geld


def test_ohne_haushaltsrecht_kein_geld(request, ziele):
    assert zuschussbedarf_je_ziel(user=request.getfixturevalue("ratsmitglied"), jahr=2026, ziele=_ziele(ziele)) == {}


def _seite(user, **abfrage):
    c = Client()
    c.force_login(user)
    return c.get("/zielpyramide/", {"jahr": "2026", **abfrage})


@pytest.mark.parametrize("persona", ["kaemmerei", "sachbearbeitung50", "dezernat", "steuerung"])
def test_pyramide_zeigt_zuschussbedarf_nur_auf_wunsch(request, ziele, persona):
    user = request.getfixturevalue(persona)
    ohne = _seite(user).content.decode()
    assert "Zuschussbedarf anzeigen" in ohne and "Zuschussbedarf: Ansatz" not in ohne
    mit = _seite(user, geld="on")
    assert mit.status_code == 200
    assert "Zuschussbedarf: Ansatz 10.000.000,00 €" in mit.content.decode()


def test_pyramide_ohne_geld_fuer_fremde_produkte_und_rat_gesperrt(request, ziele):
    text = _seite(request.getfixturevalue("sachbearbeitung50"), geld="on").content.decode()
    assert text.count("zielgeld") >= 1
    # The Jugendamt's Produkt of PZ 8 shows no money to Amt 50 (the Kämmerei sees it).
    assert "Ansatz 10.000.000,00 €" in text
    kaemmerei = _seite(request.getfixturevalue("kaemmerei"), geld="on").content.decode()
    assert kaemmerei.count('class="zielgeld"') > text.count('class="zielgeld"')
    assert _seite(request.getfixturevalue("ratsmitglied"), geld="on").status_code == 403
