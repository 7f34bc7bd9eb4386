"""What the council reads: the published report (page, PDF, Excel, API) shows the approval trail by
role, unit and date, no personal names and no internal return notes; internal views keep both."""

from __future__ import annotations

import io
import json
import re
from datetime import date, datetime

import pytest
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from organisation.models import Benutzer
from steuerung.berichte.oeffentlich import fuer_rat, ist_rollenbezeichnung, verantwortlich_oeffentlich
from steuerung.berichte.workflow import (
    tertialbericht_einreichen,
    tertialbericht_freigeben,
    tertialbericht_veroeffentlichen,
    tertialbericht_zurueckgeben,
)
from steuerung.models import Messwert

pytestmark = pytest.mark.django_db

NOTIZ = "Intern: Bitte die Zahl mit Frau Beispiel klären, Telefon 1234."
# The internal Kommentar of a Messwert (it may name people; it never reaches the council).
KOMMENTAR = "Rücksprache mit Frau Müller (Sachgebiet), Zahl vorläufig"


@pytest.fixture
def mit_rueckgabe(berichtsdaten, sachbearbeitung50, amtsleitung50, dezernat, steuerung):
    """Returned once with an internal note, a person's name as "verantwortlich" (stored before the
    name rule existed) and an internal Kommentar on every value, then published."""
    Messwert.objects.filter(kennzahl=berichtsdaten["rot"]).update(gegensteuerung_wer=sachbearbeitung50.get_full_name())
    Messwert.objects.update(kommentar=KOMMENTAR)
    bericht = berichtsdaten["bericht"]
    tertialbericht_einreichen(bericht=bericht, user=sachbearbeitung50)
    tertialbericht_zurueckgeben(bericht=bericht, user=amtsleitung50, notiz=NOTIZ)
    tertialbericht_einreichen(bericht=bericht, user=sachbearbeitung50)
    tertialbericht_freigeben(bericht=bericht, user=amtsleitung50)
    tertialbericht_freigeben(bericht=bericht, user=dezernat)
    return tertialbericht_veroeffentlichen(bericht=bericht, user=dezernat)


def personennamen() -> list[re.Pattern]:
    """Every name part of every user (first, last, full name, login) as a whole-word pattern."""
    teile = set()
    for b in Benutzer.objects.all():
        teile |= {b.first_name, b.last_name, b.get_full_name(), b.username}
    return [re.compile(rf"(?<![\w-]){re.escape(t)}(?![\w-])") for t in teile if t and t != "Test"]


def _ohne_namen_und_notiz(text: str, wo: str) -> None:
    for muster in personennamen():
        assert not muster.search(text), f"Personenname {muster.pattern!r} in {wo}"
    assert "Frau Beispiel" not in text and "Telefon 1234" not in text, f"Rückgabenotiz in {wo}"
    assert "Rücksprache" not in text and "Müller" not in text, f"interner Kommentar in {wo}"


def _heute() -> str:
    return timezone.localdate().strftime("%d.%m.%Y")


def test_snapshot_ist_ratsfest(mit_rueckgabe):
    daten = mit_rueckgabe.daten
    _ohne_namen_und_notiz(mit_rueckgabe.inhalt, "Snapshot")
    assert [s["text"] for s in daten["bericht"]["verlauf"]] == [
        f"Sachbearbeitung 50 – eingereicht am {_heute()}",
        f"Amtsleitung 50 – freigegeben am {_heute()}",
        f"Dezernatsleitung V – freigegeben am {_heute()}",
        f"Dezernatsleitung V – veröffentlicht am {_heute()}",
    ]
    assert daten["bericht"]["veroeffentlicht_von"] == "Dezernatsleitung V"
    rot = daten["zusammenfassung"]["nicht_im_plan"][0]
    assert rot["gegensteuerung_wer"] == "Abteilung 50 2"
    assert all("kommentar" not in k for lz in daten["leitziele"] for k in lz["kennzahlen"])
    assert daten["schema"] == 3 and mit_rueckgabe.hash_stimmt()


def test_seite_api_pdf_und_excel_fuer_den_rat(mit_rueckgabe, ratsmitglied, api):
    c = Client()
    c.force_login(ratsmitglied)
    html = c.get(f"/veroeffentlicht/{mit_rueckgabe.pk}/").content.decode()
    main = html.split("<main", 1)[1]
    _ohne_namen_und_notiz(main, "Ratsseite")
    assert f"Amtsleitung 50 – freigegeben am {_heute()}" in main
    assert "API-Dokumentation" not in html and "als JSON" not in html and "/api/" not in html
    assert "Prüfsumme" in main and mit_rueckgabe.inhalt_hash in main and "So prüfen Sie" in main

    antwort = api(ratsmitglied).get(f"/api/v1/berichte/{mit_rueckgabe.pk}/")
    assert antwort.status_code == 200
    _ohne_namen_und_notiz(json.dumps(antwort.json(), ensure_ascii=False), "API")
    assert antwort.json()["veroeffentlicht_von"] == "Dezernatsleitung V"
    liste = api(ratsmitglied).get("/api/v1/berichte/").json()
    _ohne_namen_und_notiz(json.dumps(liste, ensure_ascii=False), "API-Liste")

    pdf = PdfReader(io.BytesIO(bytes(mit_rueckgabe.pdf)))
    pdf_text = "\n".join(seite.extract_text() for seite in pdf.pages)
    _ohne_namen_und_notiz(pdf_text + json.dumps({k: str(v) for k, v in (pdf.metadata or {}).items()}), "PDF")
    assert "Prüfsumme (SHA-256)" in pdf_text and "Anker im Freigabeprotokoll" in pdf_text
    assert f"Amtsleitung 50 – freigegeben am {_heute()}" in pdf_text

    wb = load_workbook(io.BytesIO(bytes(mit_rueckgabe.excel)))
    zellen = [str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value is not None]
    eigenschaften = [wb.properties.creator or "", wb.properties.lastModifiedBy or "", wb.properties.title or ""]
    _ohne_namen_und_notiz("\n".join(zellen + eigenschaften), "Excel")
    assert wb.properties.creator == "50 Amt für Soziales"
    # Page, PDF and Excel carry the same published fields: no Kommentar column, but the Sorgenampel's reason.
    kopf = [c.value for c in wb["Kennzahlen"][1]]
    assert "Kommentar" not in kopf and "Grund der Sorgenampel" in kopf


def test_interne_seite_behaelt_namen_und_notiz(mit_rueckgabe, amtsleitung50, sachbearbeitung50):
    c = Client()
    c.force_login(amtsleitung50)
    text = c.get(f"/berichte/{mit_rueckgabe.organisationseinheit_id}/2026-T2/").content.decode()
    assert NOTIZ in text and sachbearbeitung50.get_full_name() in text
    assert "API-Dokumentation" in text
    assert "Kommentar (intern, wird nicht veröffentlicht):</strong> " + KOMMENTAR in text


def test_excel_hat_echte_datumszellen_und_lesbare_perioden(mit_rueckgabe):
    wb = load_workbook(io.BytesIO(bytes(mit_rueckgabe.excel)))
    zusammenfassung = wb["Zusammenfassung"]
    veroeffentlicht = next(r[1] for r in zusammenfassung.iter_rows() if r[0].value == "Veröffentlicht am")
    assert isinstance(veroeffentlicht.value, datetime) and veroeffentlicht.number_format == "DD.MM.YYYY HH:MM"
    kennzahlen = wb["Kennzahlen"]
    kopf = [c.value for c in kennzahlen[1]]
    rot = next(r for r in kennzahlen.iter_rows(min_row=2) if r[1].value == "K 2")
    bis = rot[kopf.index("bis")]
    assert bis.value == datetime(2026, 12, 31) and bis.number_format == "DD.MM.YYYY"
    assert rot[kopf.index("Periode")].value == "2. Tertial 2026"
    assert rot[kopf.index("Zielerreichungsgrad %")].data_type == "n"
    freigaben = wb["Freigaben"]
    assert [c.value for c in freigaben[1]] == ["Datum", "Schritt", "Rolle", "Organisationseinheit"]
    assert freigaben["A2"].is_date and freigaben["A2"].number_format == "DD.MM.YYYY"
    assert [freigaben.cell(row=r, column=3).value for r in range(2, 6)] == [
        "Sachbearbeitung",
        "Amtsleitung",
        "Dezernatsleitung",
        "Dezernatsleitung",
    ]


@pytest.mark.parametrize(
    ("text", "erwartet"),
    [
        ("Abteilungsleitung 50 2", "Abteilungsleitung 50 2"),
        ("Abteilungsleitung", "Abteilungsleitung"),
        ("Sachgebietsleitung 50 21", "Sachgebietsleitung 50 21"),
        ("  amtsleitung   50 ", "amtsleitung 50"),
        ("Frau Müller", "Abteilung 50 2"),
        ("Abteilungsleitung Müller", "Abteilung 50 2"),
        ("Herr Dr. Schmidt (Abteilungsleitung)", "Abteilung 50 2"),
        ("", ""),
    ],
)
def test_verantwortlich_bleibt_nur_als_rolle_stehen(text, erwartet):
    assert verantwortlich_oeffentlich(text, einheit_text="Abteilung 50 2", einheiten={"50 2", "50 21"}) == erwartet


def test_rollenbezeichnung_mit_unbekannter_einheit_ohne_ziffer_ist_keine():
    assert not ist_rollenbezeichnung("Teamleitung Meier")
    assert ist_rollenbezeichnung("Teamleitung 50 2 1")


def test_fruehere_snapshots_werden_fuer_den_rat_bereinigt():
    alt = {
        "schema": 1,
        "bericht": {
            "veroeffentlicht_von": "Anna Beispiel",
            "verlauf": [
                {
                    "aktion": "eingereicht",
                    "nach": "eingereicht",
                    "durch": "Sabine Beispiel",
                    "notiz": "",
                    "zeitpunkt": "2026-08-01T10:00:00+02:00",
                },
                {
                    "aktion": "zurückgegeben",
                    "nach": "zurückgegeben",
                    "durch": "Anna Beispiel",
                    "notiz": "Intern: falsch",
                    "zeitpunkt": "2026-08-02T10:00:00+02:00",
                },
                {
                    "aktion": "eingereicht",
                    "nach": "eingereicht",
                    "durch": "Sabine Beispiel",
                    "notiz": "",
                    "zeitpunkt": "2026-08-03T10:00:00+02:00",
                },
                {
                    "aktion": "veröffentlicht",
                    "nach": "veröffentlicht",
                    "durch": "Dora Beispiel",
                    "notiz": "",
                    "zeitpunkt": "2026-08-04T10:00:00+02:00",
                },
            ],
        },
        "leitziele": [{"kennzahlen": [{"gegensteuerung_wer": "Herr Beispiel", "organisationseinheit": "50 2"}]}],
        "zusammenfassung": {
            "nicht_im_plan": [{"gegensteuerung_wer": "Abteilungsleitung 50 2", "organisationseinheit": "50 2"}]
        },
    }
    rat = fuer_rat(alt)
    text = json.dumps(rat, ensure_ascii=False)
    assert "Beispiel" not in text and "Intern" not in text
    assert [s["text"] for s in rat["bericht"]["verlauf"]] == [
        "eingereicht am 03.08.2026",
        "veröffentlicht am 04.08.2026",
    ]
    assert rat["leitziele"][0]["kennzahlen"][0]["gegensteuerung_wer"] == "50 2"
    assert rat["zusammenfassung"]["nicht_im_plan"][0]["gegensteuerung_wer"] == "Abteilungsleitung 50 2"
    assert "Anna Beispiel" in json.dumps(alt, ensure_ascii=False)  # the stored snapshot is not touched
    assert fuer_rat(rat) is not None and date(2026, 8, 4)


def test_schema_2_snapshots_verlieren_fuer_den_rat_den_kommentar():
    zeile = {"code": "K 1", "kommentar": KOMMENTAR, "gegensteuerung_wer": "Sabine Beispiel"}
    alt = {
        "schema": 2,
        "bericht": {"veroeffentlicht_von": "Dezernatsleitung V", "verlauf": [{"text": "eingereicht am 03.08.2026"}]},
        "leitziele": [{"kennzahlen": [zeile]}],
        "zusammenfassung": {"nicht_im_plan": [dict(zeile)], "im_plan": [], "ohne_daten": []},
    }
    rat = fuer_rat(alt)
    assert "Rücksprache" not in json.dumps(rat, ensure_ascii=False)
    # Schema 2 was already council-safe otherwise: trail and "verantwortlich" stay as stored.
    assert rat["bericht"] == alt["bericht"]
    assert rat["leitziele"][0]["kennzahlen"][0] == {"code": "K 1", "gegensteuerung_wer": "Sabine Beispiel"}
    assert alt["leitziele"][0]["kennzahlen"][0]["kommentar"] == KOMMENTAR  # the stored snapshot is not touched
