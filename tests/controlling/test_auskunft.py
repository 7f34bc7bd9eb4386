"""Information request (Art. 15 DSGVO): CSV content, formula neutralisation, access per persona."""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from controlling import services
from controlling.auskunft import neutralisieren
from core.models import Protokolleintrag
from tests.controlling.factories import EinzelfallFactory

pytestmark = pytest.mark.django_db

MASSNAHME_51 = "Rückführung aus stationärer Unterbringung"


def client_fuer(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def _lesen(inhalt: bytes) -> list[list[str]]:
    assert inhalt.startswith(b"\xef\xbb\xbf"), "UTF-8 mit BOM für Excel"
    return list(csv.reader(io.StringIO(inhalt.decode("utf-8-sig")), delimiter=";"))


def _als_dicts(zeilen: list[list[str]]) -> list[dict[str, str]]:
    kopf, *rest = zeilen
    return [dict(zip(kopf, z, strict=True)) for z in rest]


def _url(massnahme, query: str = "") -> str:
    return f"/hsk/{massnahme.pk}/einzelfaelle/auskunft/{query}"


@pytest.mark.parametrize(
    ("wert", "erwartet"),
    [
        ("=HYPERLINK(1)", "'=HYPERLINK(1)"),
        ("+49 30", "'+49 30"),
        ("-5", "'-5"),
        ("@SUMME(A1)", "'@SUMME(A1)"),
        ("\tx", "'\tx"),
        ("A-001", "A-001"),
        ("3.000,00", "3.000,00"),
        ("", ""),
    ],
)
def test_formelzeichen_am_zellanfang_werden_neutralisiert(wert, erwartet):
    assert neutralisieren(wert) == erwartet


@pytest.mark.parametrize("persona", ["sachbearbeitung50", "amtsleitung50", "steuerung"], indirect=True)
def test_fachamt_und_steuerungsunterstuetzung_laden_die_auskunft(persona, hsk50, hsk51):
    antwort = client_fuer(persona).get(_url(hsk50))
    assert antwort.status_code == 200
    assert antwort["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in antwort["Content-Disposition"]
    assert antwort["Cache-Control"] == "no-store"
    faelle = _als_dicts(_lesen(antwort.content))
    aktuell = [f for f in faelle if f["Datensatz"] == "aktueller Stand"]
    assert [f["Pseudonym"] for f in aktuell] == ["A-001", "B-002", "C-003"]
    assert all(f["HSK-Maßnahme"] == hsk50.bezeichnung for f in faelle)


@pytest.mark.parametrize(
    ("persona", "status"),
    [("sachbearbeitung51", 404), ("dezernat", 403), ("kaemmerei", 403), ("ratsmitglied", 403), ("administration", 403)],
    indirect=["persona"],
)
def test_andere_rollen_und_einheiten_bekommen_keine_auskunft(persona, status, hsk50):
    assert client_fuer(persona).get(_url(hsk50)).status_code == status
    assert not Protokolleintrag.objects.filter(aktion="einzelfaelle_auskunft").exists()


def test_auskunft_enthaelt_alle_felder_in_deutschen_spalten(sachbearbeitung50, hsk50):
    zeilen = _lesen(client_fuer(sachbearbeitung50).get(_url(hsk50)).content)
    assert zeilen[0] == [
        "Datensatz",
        "HSK-Maßnahme",
        "Fall-Nr.",
        "Pseudonym",
        "aktueller Ablaufschritt",
        "Aufnahme",
        "Wirkungsbeginn",
        "Wirkungsende",
        "vermiedene Kosten je Monat",
        "neue Kosten je Monat",
        "Ergebnis",
        "fachliche Zielerreichung",
        "Zielerreichungsgrad (1–5)",
        "Ausgangslage (ohne personenbezogene Angaben)",
        "bisherige Hilfe / Unterbringung",
        "Hilfe nach der Intervention",
        "Bemerkung",
        "Bearbeitungsstand",
        "geändert",
        "Änderungszeitpunkt",
        "Änderungsart",
        "geändert von",
    ]
    b = next(f for f in _als_dicts(zeilen) if f["Pseudonym"] == "B-002" and f["Datensatz"] == "aktueller Stand")
    assert b["aktueller Ablaufschritt"] == "Ergebnis dokumentiert"
    assert (b["Wirkungsbeginn"], b["Wirkungsende"]) == ("16.04.2024", "30.09.2024")
    assert (b["vermiedene Kosten je Monat"], b["neue Kosten je Monat"]) == ("4.000,00", "0,00")
    assert b["Ergebnis"] == "abgebrochen"


def test_auskunft_enthaelt_die_aenderungshistorie(sachbearbeitung50, hsk50):
    fall = hsk50.einzelfaelle.get(pseudonym="C-003")
    services.einzelfall_aendern(
        fall=fall, daten={"vermiedene_kosten_monat": Decimal("4500.00")}, user=sachbearbeitung50, revision=0
    )
    faelle = _als_dicts(_lesen(client_fuer(sachbearbeitung50).get(_url(hsk50, "?pseudonym=C-003")).content))
    assert [(f["Datensatz"], f["Änderungsart"], f["vermiedene Kosten je Monat"]) for f in faelle] == [
        ("aktueller Stand", "", "4.500,00"),
        ("Änderungshistorie", "angelegt", "4.200,00"),
        ("Änderungshistorie", "geändert", "4.500,00"),
    ]
    assert faelle[2]["geändert von"] == sachbearbeitung50.username
    assert faelle[1]["geändert von"] == "System"


def test_formeln_in_freitexten_werden_neutralisiert(sachbearbeitung50, hsk50):
    EinzelfallFactory(
        hsk_massnahme=hsk50,
        pseudonym="X-099",
        aufnahme=date(2024, 5, 2),
        bemerkung='=HYPERLINK("http://boese.example";"klick")',
        zielerreichung_text="+1 Punkt",
        hilfe_vorher="@SUMME(A1:A9)",
        hilfe_nachher="-Heim",
    )
    antwort = client_fuer(sachbearbeitung50).get(_url(hsk50, "?pseudonym=X-099"))
    fall = _als_dicts(_lesen(antwort.content))[0]
    assert fall["Bemerkung"] == '\'=HYPERLINK("http://boese.example";"klick")'
    assert fall["fachliche Zielerreichung"] == "'+1 Punkt"
    assert fall["bisherige Hilfe / Unterbringung"] == "'@SUMME(A1:A9)"
    assert fall["Hilfe nach der Intervention"] == "'-Heim"


def test_auskunft_wird_ohne_pseudonym_protokolliert(steuerung, hsk50):
    client_fuer(steuerung).get(_url(hsk50, "?pseudonym=A-001"))
    eintrag = Protokolleintrag.objects.get(aktion="einzelfaelle_auskunft")
    assert eintrag.benutzername == steuerung.username
    assert eintrag.daten == {"zeilen": 2, "nach_pseudonym": True}
    assert "A-001" not in str(eintrag.daten)


def test_fallliste_bietet_die_auskunft_an(sachbearbeitung50, hsk50):
    inhalt = client_fuer(sachbearbeitung50).get(f"/hsk/{hsk50.pk}/einzelfaelle/").content.decode()
    assert "Auskunft nach Art. 15 DSGVO" in inhalt
    assert _url(hsk50) in inhalt
    assert 'for="auskunft-pseudonym"' in inhalt


def test_kommando_exportiert_den_teilbaum_einer_einheit(hsk50, hsk51, tmp_path):
    datei = tmp_path / "auskunft.csv"
    call_command("einzelfaelle_auskunft", "--oe", "50", "--ausgabe", str(datei))
    faelle = _als_dicts(_lesen(datei.read_bytes()))
    assert {f["HSK-Maßnahme"] for f in faelle} == {hsk50.bezeichnung}

    call_command("einzelfaelle_auskunft", "--oe", "V", "--pseudonym", "B-002", "--ausgabe", str(datei))
    faelle = _als_dicts(_lesen(datei.read_bytes()))
    assert {(f["HSK-Maßnahme"], f["Pseudonym"]) for f in faelle} == {
        (hsk50.bezeichnung, "B-002"),
        (MASSNAHME_51, "B-002"),
    }


def test_kommando_meldet_unbekannte_einheit(einheiten, tmp_path):
    with pytest.raises(CommandError, match="gibt es nicht"):
        call_command("einzelfaelle_auskunft", "--oe", "99", "--ausgabe", str(tmp_path / "x.csv"))
