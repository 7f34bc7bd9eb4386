"""The published snapshot: content, hash, and PDF/Excel regenerated with the same bytes."""

from __future__ import annotations

import io
import json
import re
import zlib
from datetime import date

import pytest
from openpyxl import load_workbook

from steuerung.berichte.excel import excel_erzeugen, zelle
from steuerung.berichte.inhalt import dezimal_text, inhalt_bauen
from steuerung.berichte.pdf import pdf_erzeugen
from steuerung.berichte.pdf_diagramm import diagramm_html
from steuerung.berichte.workflow import tertialbericht_veroeffentlichen
from steuerung.models import Messwert

pytestmark = pytest.mark.django_db


def test_pdf_aus_dem_snapshot_neu_erzeugt_hat_dieselben_bytes(veroeffentlicht):
    neu = pdf_erzeugen(veroeffentlicht.daten, inhalt_hash=veroeffentlicht.inhalt_hash)
    assert neu == bytes(veroeffentlicht.pdf)
    assert pdf_erzeugen(veroeffentlicht.daten, inhalt_hash=veroeffentlicht.inhalt_hash) == neu


def test_excel_aus_dem_snapshot_neu_erzeugt_hat_dieselben_bytes(veroeffentlicht):
    assert excel_erzeugen(veroeffentlicht.daten) == bytes(veroeffentlicht.excel)


def test_snapshot_bleibt_unveraendert_wenn_sich_werte_spaeter_aendern(veroeffentlicht, berichtsdaten):
    vorher = veroeffentlicht.inhalt
    Messwert.objects.filter(kennzahl=berichtsdaten["gruen"]).update(wert="1")
    veroeffentlicht.refresh_from_db()
    assert veroeffentlicht.inhalt == vorher and veroeffentlicht.hash_stimmt()


def _entpackt(pdf: bytes) -> bytes:
    """The PDF with every Flate stream inflated, so dictionaries in object streams become searchable."""
    teile = [pdf]
    for treffer in re.finditer(rb"stream\r?\n", pdf):
        try:
            teile.append(zlib.decompressobj().decompress(pdf[treffer.end() :]))
        except zlib.error:
            continue
    return b"\n".join(teile)


def test_pdf_ist_getaggt_mit_sprache_und_titel(veroeffentlicht):
    pdf = _entpackt(bytes(veroeffentlicht.pdf))
    assert b"/StructTreeRoot" in pdf
    assert b"/Lang" in pdf
    assert b"pdfuaid" in pdf  # PDF/UA-1 identification in the XMP metadata


def test_inhalt_beginnt_mit_der_zusammenfassung_und_nennt_gegensteuerung(veroeffentlicht):
    daten = veroeffentlicht.daten
    assert list(json.loads(veroeffentlicht.inhalt)) == sorted(daten)  # canonical JSON: sorted keys
    z = daten["zusammenfassung"]
    assert z["anzahl"] == 2
    assert z["je_ampel"] == {"rot": 1, "gelb": 0, "gruen": 1, "grau": 0}
    assert [k["code"] for k in z["im_plan"]] == ["K 1"]
    rot = z["nicht_im_plan"][0]
    assert (rot["code"], rot["ampel"], rot["ist"]) == ("K 2", "rot", "40")
    assert rot["gegensteuerung_wer"] == "Abteilungsleitung 50 2"
    assert rot["gegensteuerung_bis"] == "2026-12-31"
    assert [lz["code"] for lz in daten["leitziele"]] == ["LZ 1"]
    assert daten["leitziele"][0]["ampel"] == "rot" and daten["leitziele"][0]["ursache"] == "K 2"
    assert daten["bericht"]["fassung"] == 1
    assert [u["nach"] for u in daten["bericht"]["verlauf"]][-1] == "veröffentlicht"


def test_soll_und_zielerreichung_kommen_aus_der_statusberechnung(veroeffentlicht):
    k1 = veroeffentlicht.daten["zusammenfassung"]["im_plan"][0]
    # 44 (31.12.2024) → 50 (31.12.2027) at 31.08.2026: 44 + 6 * 608/1095 = 47.33; ZEG (49 - 44) / 3.33 = 150.15 %
    assert (k1["soll"], k1["zielerreichungsgrad"], k1["bewertung"]) == ("47.33", "150.15", "ueberplanmaessig")


def test_inhalt_ist_bei_gleichen_daten_identisch(berichtsdaten):
    bericht = berichtsdaten["bericht"]
    a = inhalt_bauen(organisationseinheit=bericht.organisationseinheit, periode=bericht.periode)
    b = inhalt_bauen(organisationseinheit=bericht.organisationseinheit, periode=bericht.periode)
    assert a == b


def test_amt51_sieht_nur_seine_kennzahlen_im_bericht(berichtsdaten):
    bericht = berichtsdaten["bericht51"]
    daten = inhalt_bauen(organisationseinheit=bericht.organisationseinheit, periode=bericht.periode)
    assert [b["code"] for b in daten["diagramm"]["balken"]] == ["K 9"]


@pytest.mark.parametrize(
    ("eingabe", "erwartet"),
    [
        ("=SUMME(A1:A9)", "'=SUMME(A1:A9)"),
        ("+49 1234", "'+49 1234"),
        ("-1", "'-1"),
        ("@A1", "'@A1"),
        ("Text", "Text"),
        (5, 5),
    ],
)
def test_excel_zelle_neutralisiert_formeln(eingabe, erwartet):
    assert zelle(eingabe) == erwartet


def test_excel_enthaelt_keine_formel_aus_begruendungen(berichtsdaten, sachbearbeitung50, amtsleitung50, dezernat):
    from steuerung.berichte.workflow import tertialbericht_einreichen, tertialbericht_freigeben

    Messwert.objects.filter(kennzahl=berichtsdaten["rot"]).update(begruendung='=HYPERLINK("http://x.example","klick")')
    bericht = berichtsdaten["bericht"]
    tertialbericht_einreichen(bericht=bericht, user=sachbearbeitung50)
    tertialbericht_freigeben(bericht=bericht, user=amtsleitung50)
    tertialbericht_freigeben(bericht=bericht, user=dezernat)
    v = tertialbericht_veroeffentlichen(bericht=bericht, user=dezernat)
    wb = load_workbook(io.BytesIO(bytes(v.excel)))
    werte = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value is not None]
    assert all(c.data_type != "f" for c in werte)
    assert any(c.value == '\'=HYPERLINK("http://x.example","klick")' for c in werte)
    kennzahlen = wb["Kennzahlen"]
    assert [c.value for c in kennzahlen[1]][:3] == ["Leitziel", "Code", "Kennzahl"]
    assert kennzahlen["G2"].value == 49  # Ist of K 1 as a number


def test_diagramm_zeigt_dieselben_zahlen_wie_die_tabelle():
    html = diagramm_html(
        {
            "titel": "Zielerreichungsgrad",
            "balken": [
                {
                    "code": "K 1",
                    "bezeichnung": "A & B",
                    "zielerreichungsgrad": "75",
                    "ampel": "rot",
                    "ampel_text": "rot",
                },
                {"code": "K 2", "bezeichnung": "C", "zielerreichungsgrad": None, "ampel": "grau", "ampel_text": "grau"},
            ],
        }
    )
    assert "75,00 % (rot)" in html and "A &amp; B" in html and "keine Daten" in html
    assert html == diagramm_html(
        {
            "titel": "Zielerreichungsgrad",
            "balken": [
                {
                    "code": "K 1",
                    "bezeichnung": "A & B",
                    "zielerreichungsgrad": "75",
                    "ampel": "rot",
                    "ampel_text": "rot",
                },
                {"code": "K 2", "bezeichnung": "C", "zielerreichungsgrad": None, "ampel": "grau", "ampel_text": "grau"},
            ],
        }
    )


@pytest.mark.parametrize(
    ("wert", "text"),
    [(None, None), ("47.0000", "47"), ("12.50", "12.5"), ("100", "100"), ("-0.00", "0"), ("0.0001", "0.0001")],
)
def test_dezimal_text(wert, text):
    from decimal import Decimal

    assert dezimal_text(Decimal(wert) if wert else None) == text


def test_gegensteuerungsdatum_erscheint_deutsch_im_pdf_html(veroeffentlicht):
    from steuerung.berichte.pdf import html_erzeugen

    html = html_erzeugen(veroeffentlicht.daten, inhalt_hash=veroeffentlicht.inhalt_hash)
    assert '<html lang="de">' in html and "<title>Tertialbericht 2. Tertial 2026" in html
    assert date(2026, 12, 31).strftime("%d.%m.%Y") in html
    assert html.index("Zusammenfassung") < html.index("LZ 1")
    assert '<th scope="col">' in html
