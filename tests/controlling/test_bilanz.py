"""The Präventionsbudget over the years: per year and cumulated (Hannover's "2005–2011" reading)."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from django.test import Client

from controlling.bilanz import bilanz_spanne, spanne_pruefen
from controlling.models import Praeventionsbudget
from tests.controlling.factories import PraeventionsprojektFactory

pytestmark_db = pytest.mark.django_db

# Hannover's span, in whole euros: 2,05 Mio € used, 5,76 Mio € expected savings, 1 : 2,8.
HANNOVER = {
    2005: (D("250000.00"), D("700000.00")),
    2006: (D("300000.00"), D("810000.00")),
    2007: (D("280000.00"), D("790000.00")),
    2008: (D("310000.00"), D("880000.00")),
    2009: (D("300000.00"), D("860000.00")),
    2010: (D("300000.00"), D("860000.00")),
    2011: (D("310000.00"), D("860000.00")),
}
DECKEL = dict.fromkeys(range(2005, 2012), D("700000.00"))


def test_hannover_kumuliert_ueber_sieben_jahre():
    spanne = bilanz_spanne(von=2005, bis=2011, summen=HANNOVER, deckel=DECKEL)
    assert (spanne.kosten, spanne.einsparung, spanne.netto) == (D("2050000.00"), D("5760000.00"), D("3710000.00"))
    assert spanne.faktor == D("2.81")
    # "Deckel nicht einmal zur Hälfte ausgeschöpft": 2,05 of 4,9 Mio €.
    assert spanne.ausschoepfung == D("41.84")
    assert [j.jahr for j in spanne.jahre] == list(range(2005, 2012))


@pytest.mark.parametrize(
    ("jahr", "kosten", "einsparung", "faktor", "deckel", "ausschoepfung"),
    [
        (2005, "250000.00", "700000.00", "2.80", "700000.00", "35.71"),
        (2007, "280000.00", "790000.00", "2.82", "700000.00", "40.00"),
        (2011, "310000.00", "860000.00", "2.77", "700000.00", "44.29"),
    ],
)
def test_hannover_je_jahr(jahr, kosten, einsparung, faktor, deckel, ausschoepfung):
    j = next(j for j in bilanz_spanne(von=2005, bis=2011, summen=HANNOVER, deckel=DECKEL).jahre if j.jahr == jahr)
    assert (j.kosten, j.einsparung, j.faktor, j.deckel, j.ausschoepfung) == (
        D(kosten),
        D(einsparung),
        D(faktor),
        D(deckel),
        D(ausschoepfung),
    )


def test_jahre_ohne_projekte_und_ohne_deckel():
    spanne = bilanz_spanne(von=2024, bis=2026, summen={2025: (D("10.00"), D("5.00"))}, deckel={2025: D("0.00")})
    jahre = {j.jahr: j for j in spanne.jahre}
    assert (jahre[2024].kosten, jahre[2024].faktor, jahre[2024].deckel, jahre[2024].ausschoepfung) == (
        D("0.00"),
        None,
        None,
        None,
    )
    # A ceiling of zero gives no share (no division by zero); a factor below one is shown as it is.
    assert (jahre[2025].faktor, jahre[2025].ausschoepfung) == (D("0.50"), None)
    assert spanne.ausschoepfung is None


@pytest.mark.parametrize(
    ("von", "bis", "meldung"),
    [(2011, 2005, "nicht vor dem Jahr „von“"), (2000, 2050, "50 Jahre")],
)
def test_ungueltige_spanne_wird_deutsch_abgelehnt(von, bis, meldung):
    with pytest.raises(ValueError, match=meldung):
        spanne_pruefen(von=von, bis=bis)


def test_spanne_von_genau_50_jahren_ist_erlaubt():
    spanne_pruefen(von=2000, bis=2049)


def _projekte(einheiten):
    Praeventionsbudget.objects.create(jahr=2025, obergrenze=D("60000.00"))
    Praeventionsbudget.objects.create(jahr=2026, obergrenze=D("50000.00"))
    PraeventionsprojektFactory(organisationseinheit=einheiten["50"], jahr=2025, kosten=D("10000.00"))
    PraeventionsprojektFactory(
        organisationseinheit=einheiten["51"], jahr=2025, kosten=D("20000.00"), geschaetzte_einsparung=D("64200.00")
    )
    PraeventionsprojektFactory(
        organisationseinheit=einheiten["50"], jahr=2026, kosten=D("25000.00"), geschaetzte_einsparung=D("30000.00")
    )


@pytestmark_db
@pytest.mark.parametrize("persona", ["steuerung", "kaemmerei", "dezernat", "administration"], indirect=True)
def test_api_bilanz_ueber_jahre_im_vertragsformat(api, persona, einheiten):
    _projekte(einheiten)
    antwort = api(persona).get("/api/v1/praeventionsprojekte/bilanz/?von=2024&bis=2026")
    assert antwort.status_code == 200
    assert antwort.json() == {
        "von": 2024,
        "bis": 2026,
        "kosten": "55000.00",
        "einsparung": "126300.00",
        "netto": "71300.00",
        "faktor": "2.30",
        "jahre": [
            {
                "jahr": 2024,
                "kosten": "0.00",
                "einsparung": "0.00",
                "faktor": None,
                "deckel": None,
                "ausschoepfung": None,
            },
            {
                "jahr": 2025,
                "kosten": "30000.00",
                "einsparung": "96300.00",
                "faktor": "3.21",
                "deckel": "60000.00",
                "ausschoepfung": "50.00",
            },
            {
                "jahr": 2026,
                "kosten": "25000.00",
                "einsparung": "30000.00",
                "faktor": "1.20",
                "deckel": "50000.00",
                "ausschoepfung": "50.00",
            },
        ],
    }


@pytestmark_db
def test_api_bilanz_ueber_jahre_je_rolle(api, sachbearbeitung51, ratsmitglied, einheiten):
    _projekte(einheiten)
    eigene = api(sachbearbeitung51).get("/api/v1/praeventionsprojekte/bilanz/?von=2025&bis=2026").json()
    assert (eigene["kosten"], [j["kosten"] for j in eigene["jahre"]]) == ("20000.00", ["20000.00", "0.00"])
    assert api(ratsmitglied).get("/api/v1/praeventionsprojekte/bilanz/?von=2025&bis=2026").status_code == 403
    # ?jahr= stays as it was.
    assert set(api(sachbearbeitung51).get("/api/v1/praeventionsprojekte/bilanz/?jahr=2025").json()) == {
        "jahr",
        "kosten",
        "einsparung",
        "netto",
        "faktor",
    }


@pytestmark_db
@pytest.mark.parametrize(
    ("abfrage", "feld", "text"),
    [
        ("von=2005", "von", "zusammen"),
        ("bis=2011", "von", "zusammen"),
        ("von=2011&bis=2005", "bis", "nicht vor dem Jahr"),
        ("von=2000&bis=2099", "bis", "50 Jahre"),
        ("von=zwei&bis=2011", "von", "Haushaltsjahr"),
        ("von=2005&bis=1e3", "bis", "Haushaltsjahr"),
    ],
)
def test_api_bilanz_lehnt_ungueltige_spanne_deutsch_ab(api, steuerung, abfrage, feld, text):
    antwort = api(steuerung).get(f"/api/v1/praeventionsprojekte/bilanz/?{abfrage}")
    assert antwort.status_code == 400
    assert text in str(antwort.json()[feld])


@pytestmark_db
def test_seite_zeigt_jahre_und_kumulierte_bilanz(steuerung, einheiten):
    _projekte(einheiten)
    c = Client()
    c.force_login(steuerung)
    inhalt = c.get("/hsk/praeventionsbudget/?jahr=2026&von=2025&bis=2026").content.decode()
    assert "Präventionsbudget 2025–2026" in inhalt
    assert "2025–2026: 55.000,00 € eingesetzt, 126.300,00 € erwartete Einsparung" in inhalt
    assert "Präventionsfaktor 1 : 2,30" in inhalt
    assert "Budgetobergrenzen zu 50,0 % ausgeschöpft" in inhalt
    assert "1 : 3,21" in inhalt and "1 : 1,20" in inhalt
    # Default span: from the first year with a project to the chosen year.
    standard = c.get("/hsk/praeventionsbudget/?jahr=2026").content.decode()
    assert "Präventionsbudget 2025–2026" in standard


@pytestmark_db
def test_seite_zeigt_ungueltige_spanne_mit_meldung(steuerung, einheiten):
    _projekte(einheiten)
    c = Client()
    c.force_login(steuerung)
    antwort = c.get("/hsk/praeventionsbudget/?jahr=2026&von=2026&bis=2020")
    assert antwort.status_code == 200
    inhalt = antwort.content.decode()
    assert "nicht vor dem Jahr „von“ liegen" in inhalt
    assert "Präventionsbudget 2026</h2>" in inhalt
