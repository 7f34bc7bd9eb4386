"""The Zielpyramide page of a large pyramid: Leitziele from the stored tree, deeper levels from the
level fragment, the treemap only up to the size limit, the same query count at every size."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from steuerung.models import Lesestand
from tests.steuerung.factories_tertial import TKennzahlFactory, TMesswertFactory, TProduktzielFactory

pytestmark = pytest.mark.django_db
GRENZE = "frontend.views.zielpyramide.pyramide.GRENZE"


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def test_grosse_pyramide_zeigt_leitziele_und_laedt_tiefere_ebenen(pyramide, dezernat, monkeypatch):
    monkeypatch.setattr(GRENZE, 3)
    client = _client(dezernat)
    inhalt = client.get("/zielpyramide/?jahr=2025").content.decode()
    lz = pyramide["lz"].pk
    assert "LZ 1" in inhalt and "PGZ 1" not in inhalt
    assert f'data-ebene="/zielpyramide/ebene/?jahr=2025&amp;knoten=leitziel-{lz}"' in inhalt
    assert "2 Unterziele bzw. Maßnahmen von LZ 1" in inhalt
    assert f"/zielpyramide/leitziel/{lz}/" in inhalt  # the Steckbrief link without script
    # Counts of the whole tree, the treemap replaced by a German note naming the limit.
    assert "8 Ziele und Maßnahmen, davon" in inhalt
    assert 'id="zielpyramide-figur"' not in inhalt
    assert "bis 3 Zielen gezeigt" in inhalt and "Excel-Export" in inhalt

    ebene = client.get(f"/zielpyramide/ebene/?jahr=2025&knoten=leitziel-{lz}")
    assert ebene.status_code == 200
    teil = ebene.content.decode()
    assert "PGZ 1" in teil and "PGZ 2" in teil and "PZ 1" not in teil
    pgz = pyramide["pgz50"].pk
    assert f'data-ebene="/zielpyramide/ebene/?jahr=2025&amp;knoten=produktgruppenziel-{pgz}"' in teil
    tiefer = client.get(f"/zielpyramide/ebene/?jahr=2025&knoten=produktgruppenziel-{pgz}").content.decode()
    assert "PZ 1" in tiefer and "PGZ 2" not in tiefer


def test_kleine_pyramide_zeigt_baum_diagramm_und_tabelle_aus_dem_gespeicherten_stand(pyramide, dezernat):
    inhalt = _client(dezernat).get("/zielpyramide/?jahr=2025").content.decode()
    assert all(code in inhalt for code in ("LZ 1", "PGZ 1", "PZ 1", "TZ 1", "M 1", "PGZ 2", "M 2"))
    assert 'id="zielpyramide-figur"' in inhalt and "Datentabelle zum Diagramm" in inhalt
    assert "data-ebene=" not in inhalt
    assert Lesestand.objects.filter(art="zielpyramide", schluessel__startswith="2025").exists()


def test_filter_gehen_mit_in_die_ebene(pyramide, steuerung, einheiten, monkeypatch):
    monkeypatch.setattr(GRENZE, 0)
    oe = einheiten["50"].pk
    inhalt = _client(steuerung).get(f"/zielpyramide/?jahr=2025&organisationseinheit={oe}&archivierte=on").content
    assert f"/zielpyramide/ebene/?jahr=2025&amp;organisationseinheit={oe}&amp;archivierte=on&amp;knoten=" in (
        inhalt.decode()
    )


@pytest.mark.parametrize("persona", ["sachbearbeitung50", "amtsleitung50", "dezernat", "steuerung", "kaemmerei"])
def test_ebene_fuer_lesende_rollen(pyramide, persona, request):
    antwort = _client(request.getfixturevalue(persona)).get(
        f"/zielpyramide/ebene/?jahr=2025&knoten=leitziel-{pyramide['lz'].pk}"
    )
    assert antwort.status_code == 200
    assert "PGZ" in antwort.content.decode()


def test_ebene_verboten_unsichtbar_und_falsche_eingabe(pyramide, ratsmitglied, sachbearbeitung51, steuerung):
    pgz50 = pyramide["pgz50"].pk
    assert _client(ratsmitglied).get("/zielpyramide/ebene/?jahr=2025").status_code == 403
    # A goal of Amt 50 is not in the tree of the Jugendamt: not found, never forbidden.
    sb51 = _client(sachbearbeitung51)
    assert sb51.get(f"/zielpyramide/ebene/?jahr=2025&knoten=produktgruppenziel-{pgz50}").status_code == 404
    assert sb51.get(f"/zielpyramide/ebene/?jahr=2025&knoten=leitziel-{pyramide['lz'].pk}").status_code == 200
    assert _client(steuerung).get("/zielpyramide/ebene/?jahr=2025&knoten=planet-1").status_code == 404
    falsch = _client(steuerung).get("/zielpyramide/ebene/?jahr=1800&leitziel=x")
    assert falsch.status_code == 400
    text = falsch.content.decode()
    assert "2000" in text and "ganze Zahl" in text  # every error at once, in German


def _pyramide(einheiten, anzahl: int) -> None:
    for i in range(anzahl):
        ziel = TProduktzielFactory(organisationseinheit=einheiten["50 21"])
        k = TKennzahlFactory(organisationseinheit=einheiten["50 21"], produktziel=ziel)
        TMesswertFactory(kennzahl=k, periode="2026-T2", wert=D(40 + i % 12))


def _abfragen_warm(client, url: str) -> int:
    client.get(url)  # builds the stored view
    with CaptureQueriesContext(connection) as abfragen:
        assert client.get(url).status_code == 200
    return len(abfragen)


def test_seite_mit_gleicher_abfragezahl_bei_jeder_groesse(dezernat, einheiten, monkeypatch):
    """Small: the whole tree with treemap; large (over the limit): the top level. Same queries."""
    monkeypatch.setattr(GRENZE, 20)
    url = "/zielpyramide/?jahr=2026"
    _pyramide(einheiten, 2)
    klein = _abfragen_warm(_client(dezernat), url)
    Lesestand.objects.all().delete()
    _pyramide(einheiten, 30)
    client = _client(dezernat)
    gross = _abfragen_warm(client, url)
    assert 'id="zielpyramide-figur"' not in client.get(url).content.decode()
    assert klein == gross
