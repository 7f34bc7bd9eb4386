"""The HSK section of the published Tertialbericht: data at the Stichtag, "< 5", page, PDF, Excel, API."""

from __future__ import annotations

import io
import json
from datetime import date
from decimal import Decimal as D

import pytest
from django.test import Client
from openpyxl import load_workbook
from pypdf import PdfReader

from controlling import verlauf_speicher
from controlling.berichtsabschnitt import ABSCHNITT, abschnitt_bauen, excel_blaetter
from controlling.models import Praeventionsbudget
from core import periods
from steuerung.berichte import abschnitte
from steuerung.berichte.pdf import html_erzeugen
from steuerung.berichte.workflow import (
    tertialbericht_einreichen,
    tertialbericht_freigeben,
    tertialbericht_holen_oder_anlegen,
    tertialbericht_veroeffentlichen,
)
from tests.controlling.factories import (
    EinzelfallFactory,
    HSKMassnahmeFactory,
    HSKSollFactory,
    PraeventionsprojektFactory,
)

pytestmark = pytest.mark.django_db

T2_2024 = periods.periode("2024-T2")  # Stichtag 31.08.2024


@pytest.fixture
def schuldnerberatung(einheiten):
    """A measure of the sub-unit 50 21 with ten cases taken in by the Stichtag, six of them closed.

    Staff 1.000 €/month; three successful cases avoid 1.000 €/month from January, two failed ones
    500 €/month from January to March; one broken off, four open without effect, and one case taken
    in after the Stichtag. Brutto: 4.000 € (Jan–Mar), 3.000 € (from April) a month.
    """
    m = HSKMassnahmeFactory(
        organisationseinheit=einheiten["50 21"],
        bezeichnung="Schuldnerberatung",
        beginn=date(2024, 1, 1),
        personalkosten_jahr=D("12000.00"),
        annahme_faelle=20,
        annahme_erfolgsquote=D("0.4000"),
        annahme_vermiedene_kosten_jahr=D("12000.00"),
    )
    HSKSollFactory(hsk_massnahme=m, jahr=2024, betrag=D("36600.00"))
    beginn = date(2024, 1, 1)
    for _ in range(3):
        EinzelfallFactory(
            hsk_massnahme=m, wirkungsbeginn=beginn, vermiedene_kosten_monat=D("1000.00"), ergebnis="erfolgreich"
        )
    for _ in range(2):
        EinzelfallFactory(
            hsk_massnahme=m,
            wirkungsbeginn=beginn,
            wirkungsende=date(2024, 3, 31),
            vermiedene_kosten_monat=D("500.00"),
            ergebnis="nicht_erfolgreich",
        )
    EinzelfallFactory(hsk_massnahme=m, wirkungsbeginn=None, ergebnis="abgebrochen")
    for _ in range(4):
        EinzelfallFactory(hsk_massnahme=m, wirkungsbeginn=None)
    EinzelfallFactory(hsk_massnahme=m, aufnahme=date(2024, 9, 10), wirkungsbeginn=None)
    return m


@pytest.fixture
def amt50_2024(einheiten, hsk50, hsk51, schuldnerberatung):
    """Amt 50: the worked example (three cases) and the Schuldnerberatung; the Jugendamt's measure; a later one."""
    spaeter = HSKMassnahmeFactory(organisationseinheit=einheiten["50"], bezeichnung="Ab 2025", beginn=date(2025, 1, 1))
    for m in (hsk50, hsk51, schuldnerberatung, spaeter):
        verlauf_speicher.verlauf_speichern(hsk_massnahme_id=m.pk)
    Praeventionsbudget.objects.create(jahr=2024, obergrenze=D("40000.00"))
    PraeventionsprojektFactory(
        organisationseinheit=einheiten["50 2"], jahr=2024, kosten=D("10000.00"), geschaetzte_einsparung=D("32100.00")
    )
    PraeventionsprojektFactory(organisationseinheit=einheiten["51"], jahr=2024, kosten=D("20000.00"))


def _bauen(einheit):
    return abschnitt_bauen(organisationseinheit=einheit, periode=T2_2024, stichtag=date(2024, 8, 31))


def test_abschnitt_des_amts_mit_exakten_werten_zum_stichtag(einheiten, amt50_2024):
    daten = _bauen(einheiten["50"])
    assert (daten["jahr"], daten["stichtag"], daten["kleinzahl_grenze"]) == (2024, "2024-08-31", 5)
    # The unit and its sub-units; not the Jugendamt, not a measure that begins after the year.
    assert [m["bezeichnung"] for m in daten["massnahmen"]] == [
        "Pflegeberatung ambulant vor stationär",
        "Schuldnerberatung",
    ]
    pflege, schuldner = daten["massnahmen"]
    assert schuldner == {
        "bezeichnung": "Schuldnerberatung",
        "organisationseinheit": "50 21 Hilfe zur Pflege",
        "soll": "36600.00",
        "soll_bis_stichtag": "24400.00",
        "brutto_ist": "27000.00",
        "netto_ist": "19000.00",
        "brutto_prognose": "39000.00",
        "netto_prognose": "27000.00",
        "phase": "ueberschussphase",
        "phase_text": "Überschussphase",
        "phase_seit": "2024-03",
        "rueckfall_seit": None,
        "amortisation": "2024-01",
        "amortisation_prognose": "2024-01",
        "faelle": 10,  # the case taken in after the Stichtag is not counted
        "faelle_abgeschlossen": 6,
        "annahme_erfolgsquote_prozent": "40.00",
        "realisierte_erfolgsquote_prozent": "50.00",
        "erwartete_einsparung_jahr": "96000.00",
        "realisierte_einsparung_jahr": "60000.00",  # 10 cases × 3.000 € × 12 / 6 closed
        "realisiert_zurueckgehalten": False,
    }
    assert (pflege["soll_bis_stichtag"], pflege["brutto_ist"], pflege["netto_ist"]) == (
        "31288.34",
        "33000.00",
        "-448.28",
    )
    assert daten["summe"] == {
        "soll": "86600.00",
        "soll_bis_stichtag": "55688.34",
        "brutto_ist": "60000.00",
        "netto_ist": "18551.72",
        "brutto_prognose": "91740.00",
        "netto_prognose": "26291.72",
    }
    assert daten["erwartete_einsparung_jahr"] == "96000.00"
    assert daten["praevention"] == {
        "kosten": "10000.00",
        "einsparung": "32100.00",
        "netto": "22100.00",
        "faktor": "3.21",
        "deckel": "40000.00",
        "ausschoepfung": "25.00",
    }


def test_fallzahlen_unter_fuenf_stehen_schon_im_abschnitt_als_kleiner_fuenf(einheiten, amt50_2024):
    daten = _bauen(einheiten["50"])
    pflege = daten["massnahmen"][0]
    # Three documented cases, two closed: the counts read "< 5", the realised rate and saving are withheld.
    assert (pflege["faelle"], pflege["faelle_abgeschlossen"]) == ("< 5", "< 5")
    assert (pflege["realisierte_erfolgsquote_prozent"], pflege["realisierte_einsparung_jahr"]) == (None, None)
    assert pflege["realisiert_zurueckgehalten"] is True
    # The total of realised savings sums only what is shown, so it cannot reveal the withheld figure.
    assert (daten["realisierte_einsparung_jahr"], daten["realisiert_zurueckgehalten"]) == ("60000.00", 1)
    gespeichert = json.loads(json.dumps(daten))
    for m in gespeichert["massnahmen"]:
        for feld in ("faelle", "faelle_abgeschlossen"):
            assert not (isinstance(m[feld], int) and 0 < m[feld] < 5), (m["bezeichnung"], feld)


def test_einheit_ohne_hsk_massnahmen_bekommt_keinen_abschnitt(einheiten, amt50_2024):
    assert _bauen(einheiten["20"]) is None
    assert _bauen(einheiten["50 2"])["massnahmen"][0]["bezeichnung"] == "Schuldnerberatung"
    # The Jugendamt's measure has its own section; Amt 51 has no Präventionsprojekt with savings of its own: none.
    jugendamt = _bauen(einheiten["51"])
    assert [m["bezeichnung"] for m in jugendamt["massnahmen"]] == ["Rückführung aus stationärer Unterbringung"]


def test_abschnitt_ist_registriert_und_landet_im_berichtsinhalt(einheiten, amt50_2024):
    assert abschnitte.abschnitt("hsk") is ABSCHNITT
    eintraege = abschnitte.daten_bauen(organisationseinheit=einheiten["50"], periode=T2_2024, stichtag=T2_2024.ende)
    assert [(e["schluessel"], e["titel"], e["vorlage"]) for e in eintraege] == [
        ("hsk", "HSK-Controlling: Konsolidierungsmaßnahmen", "controlling/bericht_abschnitt.html")
    ]
    assert eintraege[0]["daten"] == _bauen(einheiten["50"])
    assert abschnitte.daten_bauen(organisationseinheit=einheiten["20"], periode=T2_2024, stichtag=T2_2024.ende) == []


def test_excel_blatt_hsk_mit_zahlen_als_zahlen(einheiten, amt50_2024):
    [(titel, kopf, zeilen)] = excel_blaetter(_bauen(einheiten["50"]))
    assert titel == "HSK"
    assert kopf[:3] == ["Maßnahme", "Organisationseinheit", "Soll Jahr €"]
    pflege, schuldner, summe = zeilen[:3]
    assert schuldner == [
        "Schuldnerberatung",
        "50 21 Hilfe zur Pflege",
        D("36600.00"),
        D("24400.00"),
        D("27000.00"),
        D("19000.00"),
        D("39000.00"),
        D("27000.00"),
        "Überschussphase (seit 03/2024)",
        "01/2024",
        "01/2024",
        10,
        6,
        D("40.00"),
        D("50.00"),
        D("96000.00"),
        D("60000.00"),
    ]
    assert pflege[11:15] == ["< 5", "< 5", D("0.00"), None]
    assert summe[0] == "Summe" and summe[4] == D("60000.00") and summe[-1] == D("60000.00")
    assert ["", D("10000.00"), D("32100.00"), D("22100.00"), D("3.21"), D("40000.00"), D("25.00")] in zeilen


def test_rueckfall_steht_in_der_phase(einheiten, amt50_2024):
    daten = _bauen(einheiten["50"])
    daten["massnahmen"][1].update(phase="annaeherungsphase", phase_text="Annäherungsphase", rueckfall_seit="2024-06")
    zeile = excel_blaetter(daten)[0][2][1]
    assert zeile[8] == "Annäherungsphase (Rückfall seit 06/2024)"


@pytest.fixture
def veroeffentlicht_2024(einheiten, amt50_2024, sachbearbeitung50, amtsleitung50, dezernat):
    bericht = tertialbericht_holen_oder_anlegen(organisationseinheit=einheiten["50"], periode="2024-T2")
    tertialbericht_einreichen(bericht=bericht, user=sachbearbeitung50)
    tertialbericht_freigeben(bericht=bericht, user=amtsleitung50)
    tertialbericht_freigeben(bericht=bericht, user=dezernat)
    return tertialbericht_veroeffentlichen(bericht=bericht, user=dezernat)


def _abschnitt(inhalt: dict) -> dict:
    return next(a for a in inhalt["abschnitte"] if a["schluessel"] == "hsk")


def test_veroeffentlichter_snapshot_haelt_den_abschnitt_ohne_kleine_fallzahlen(veroeffentlicht_2024, einheiten):
    daten = _abschnitt(veroeffentlicht_2024.daten)["daten"]
    assert daten == json.loads(json.dumps(_bauen(einheiten["50"])))
    assert '"faelle": "< 5"' in veroeffentlicht_2024.inhalt or '"faelle":"< 5"' in veroeffentlicht_2024.inhalt
    assert veroeffentlicht_2024.hash_stimmt()


def test_ratsmitglied_liest_den_abschnitt_auf_der_seite(veroeffentlicht_2024, ratsmitglied):
    c = Client()
    c.force_login(ratsmitglied)
    antwort = c.get(f"/veroeffentlicht/{veroeffentlicht_2024.pk}/")
    assert antwort.status_code == 200
    html = antwort.content.decode()
    assert '<h2 id="abschnitt-hsk">HSK-Controlling: Konsolidierungsmaßnahmen</h2>' in html
    assert "Haushaltsjahr 2024, Stand: Stichtag 31.08.2024." in html
    assert "Die Phase folgt den Monatswerten, nicht der Jahressumme" in html
    assert "2 Maßnahmen zusammen: 60.000,00 € Ist brutto bis zum Stichtag bei 55.688,34 € Soll bis zum Stichtag" in html
    assert '<td class="zahl">-448,28&nbsp;€</td>' in html
    assert '<td class="zahl">&lt; 5</td>' in html
    assert "Überschussphase<br><small>seit 03/2024</small>" in html
    assert "zu wenige Fälle" in html and "ohne zurückgehaltene Werte" in html
    assert "Präventionsfaktor 1 : 3,21" in html and "25,0 % der Budgetobergrenze von 40.000,00 € ausgeschöpft" in html


def test_ratsmitglied_liest_den_abschnitt_ueber_die_api(api, veroeffentlicht_2024, ratsmitglied):
    detail = api(ratsmitglied).get(f"/api/v1/berichte/{veroeffentlicht_2024.pk}/")
    assert detail.status_code == 200
    daten = _abschnitt(detail.data["inhalt"])["daten"]
    assert [m["faelle"] for m in daten["massnahmen"]] == ["< 5", 10]
    assert daten["summe"]["brutto_ist"] == "60000.00"


def test_pdf_enthaelt_den_abschnitt(veroeffentlicht_2024):
    html = html_erzeugen(veroeffentlicht_2024.daten, inhalt_hash=veroeffentlicht_2024.inhalt_hash)
    assert "HSK-Controlling: Konsolidierungsmaßnahmen" in html
    text = " ".join(seite.extract_text() for seite in PdfReader(io.BytesIO(bytes(veroeffentlicht_2024.pdf))).pages)
    text = " ".join(text.split())
    for teil in (
        "HSK-Controlling: Konsolidierungsmaßnahmen",
        "Schuldnerberatung",
        "27.000,00 €",
        "-448,28 €",
        "< 5",
        "Präventionsbudget 2024",
        "Stichtag 31.08.2024",
    ):
        assert teil in text, teil


def test_excel_des_berichts_hat_das_blatt_hsk(veroeffentlicht_2024):
    mappe = load_workbook(io.BytesIO(bytes(veroeffentlicht_2024.excel)))
    assert "HSK" in mappe.sheetnames
    blatt = mappe["HSK"]
    zeilen = [[c.value for c in zeile] for zeile in blatt.iter_rows()]
    assert zeilen[0][0] == "Maßnahme"
    schuldner = zeilen[2]
    assert schuldner[0] == "Schuldnerberatung"
    assert [blatt.cell(row=3, column=s).data_type for s in range(3, 9)] == ["n"] * 6
    assert schuldner[4] == 27000 and schuldner[5] == 19000
    assert zeilen[1][11:13] == ["< 5", "< 5"]
