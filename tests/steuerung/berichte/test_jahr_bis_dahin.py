"""A sub-annual sum is judged on the year to date: report page, PDF and Excel show that basis."""

from __future__ import annotations

import io
import re
from datetime import date
from decimal import Decimal

import pytest
from django.test import Client
from openpyxl import load_workbook
from pypdf import PdfReader

from steuerung.berichte.workflow import (
    tertialbericht_einreichen,
    tertialbericht_freigeben,
    tertialbericht_veroeffentlichen,
)
from tests.steuerung.factories_berichte import BKennzahlFactory, BMesswertFactory

pytestmark = pytest.mark.django_db

ERKLAERT = {
    "begruendung": "Weniger Anmeldungen im Sommer.",
    "gegensteuerung_was": "Sprechstunden im Stadtteil",
    "gegensteuerung_wer": "Abteilungsleitung 50 2",
    "gegensteuerung_bis": date(2026, 12, 31),
}


@pytest.fixture
def summe_tertial(berichtsdaten, einheiten, sachbearbeitung50, steuerung):
    """The issue's example: 2026-T1 656, 2026-T2 660 → year to date 1.316 against 1.333,33 (ZEG 98,70)."""
    k = BKennzahlFactory(
        code="K 5",
        bezeichnung="Beratene Haushalte",
        einheit="Haushalte",
        messart="summe",
        ausgangswert=Decimal("1830"),
        ausgangsjahr=2021,
        zielwert=Decimal("2000"),
        zieljahr=2026,
        organisationseinheit=einheiten["50 2"],
        verantwortlich=sachbearbeitung50,
        vertretung=steuerung,
    )
    BMesswertFactory(kennzahl=k, periode="2026-T1", wert=Decimal("656"))
    BMesswertFactory(kennzahl=k, periode="2026-T2", wert=Decimal("660"), **ERKLAERT)
    return k


def _zeile(daten: dict, code: str) -> dict:
    return next(k for lz in daten["leitziele"] for k in lz["kennzahlen"] if k["code"] == code)


def test_bericht_zeigt_ist_und_soll_im_jahr_bis_dahin(
    summe_tertial, berichtsdaten, einheiten, sachbearbeitung50, amtsleitung50, dezernat
):
    c = Client()
    c.force_login(sachbearbeitung50)
    seite = c.get(f"/berichte/{einheiten['50'].pk}/2026-T2/").content.decode()
    zeile = seite[seite.index("Beratene Haushalte</th>") :]
    zeile = " ".join(re.sub(r"<[^>]+>", " ", zeile[: zeile.index("</tr>")]).split())
    # The tertial's own Ist and Soll stay, the ZEG is judged on the year to date and says so.
    assert "Ist 660,00 Haushalte" in zeile and "Soll 666,67 Haushalte" in zeile
    assert "98,70" in zeile
    assert "im Jahr bis dahin: Ist 1.316,00 Haushalte / Soll 1.333,33 Haushalte" in zeile

    bericht = berichtsdaten["bericht"]
    tertialbericht_einreichen(bericht=bericht, user=sachbearbeitung50)
    tertialbericht_freigeben(bericht=bericht, user=amtsleitung50)
    tertialbericht_freigeben(bericht=bericht, user=dezernat)
    v = tertialbericht_veroeffentlichen(bericht=bericht, user=dezernat)
    daten = _zeile(v.daten, "K 5")
    assert (daten["ist"], daten["ist_kumuliert"], daten["soll_kumuliert"]) == ("660", "1316", "1333.33")

    pdf_text = " ".join(s.extract_text() for s in PdfReader(io.BytesIO(bytes(v.pdf))).pages)
    assert "im Jahr bis dahin: Ist 1.316,00" in " ".join(pdf_text.split())

    blatt = load_workbook(io.BytesIO(bytes(v.excel)))["Kennzahlen"]
    zeilen = list(blatt.iter_rows(values_only=True))
    kopf = list(zeilen[0])
    k5 = next(z for z in zeilen if z[kopf.index("Code")] == "K 5")
    assert k5[kopf.index("Ist")] == 660
    assert k5[kopf.index("Ist im Jahr bis dahin")] == 1316
    assert k5[kopf.index("Soll im Jahr bis dahin")] == pytest.approx(1333.33)
    # A Bestand Kennzahl has no year-to-date figures: the cells stay empty.
    k1 = next(z for z in zeilen if z[kopf.index("Code")] == "K 1")
    assert k1[kopf.index("Ist im Jahr bis dahin")] is None


def test_bericht_erklaert_den_zeg_und_nennt_den_ausgangswert_wo_er_zaehlt(
    summe_tertial, berichtsdaten, einheiten, sachbearbeitung50, amtsleitung50, dezernat
):
    """Reviewer: K 1 near its Soll showed 62,89 % without a word on why; the rule and the baseline are printed."""
    c = Client()
    c.force_login(sachbearbeitung50)
    html = c.get(f"/berichte/{einheiten['50'].pk}/2026-T2/").content.decode()
    seite = " ".join(re.sub(r"<[^>]+>", " ", html).split())
    assert "(Ist − Ausgangswert) ÷ (Soll − Ausgangswert)" in seite
    assert "zählt das Jahr bis dahin: Ist ÷ Soll" in seite

    # A Bestand is measured from its baseline (44 at the end of 2024); the sub-annual sum K 5 is not.
    def zeile(name: str) -> str:
        rest = html[html.rindex(f"{name}</th>") :]
        return " ".join(re.sub(r"<[^>]+>", " ", rest[: rest.index("</tr>")]).split())

    assert "gemessen ab Ausgangswert 44,00 Fälle (Basisjahr 2024)" in zeile("Pflegebedürftige zu Hause versorgt")
    assert "im Jahr bis dahin" in zeile("Beratene Haushalte") and "Ausgangswert" not in zeile("Beratene Haushalte")

    bericht = berichtsdaten["bericht"]
    tertialbericht_einreichen(bericht=bericht, user=sachbearbeitung50)
    tertialbericht_freigeben(bericht=bericht, user=amtsleitung50)
    tertialbericht_freigeben(bericht=bericht, user=dezernat)
    v = tertialbericht_veroeffentlichen(bericht=bericht, user=dezernat)
    assert (_zeile(v.daten, "K 1")["ausgangswert"], _zeile(v.daten, "K 1")["ausgangsjahr"]) == ("44", 2024)
    assert (_zeile(v.daten, "K 5")["ausgangswert"], _zeile(v.daten, "K 5")["ausgangsjahr"]) == (None, None)

    pdf_text = " ".join(" ".join(s.extract_text() for s in PdfReader(io.BytesIO(bytes(v.pdf))).pages).split())
    assert (
        "Ausgangswert 44,00 Fälle (Basisjahr 2024)" in pdf_text
        and "So wird der Zielerreichungsgrad berechnet" in pdf_text
    )

    mappe = load_workbook(io.BytesIO(bytes(v.excel)))
    blatt = mappe["Kennzahlen"]
    kopf = [c.value for c in blatt[1]]
    zeilen = {r[kopf.index("Code")]: r for r in blatt.iter_rows(min_row=2, values_only=True)}
    assert (zeilen["K 1"][kopf.index("Ausgangswert")], zeilen["K 1"][kopf.index("Basisjahr")]) == (44, 2024)
    assert zeilen["K 5"][kopf.index("Ausgangswert")] is None
    notiz = {r[0]: r[1] for r in mappe["Zusammenfassung"].iter_rows(values_only=True) if r and r[0]}
    assert "(Ist − Ausgangswert) ÷ (Soll − Ausgangswert)" in notiz["Berechnung des Zielerreichungsgrads"]
