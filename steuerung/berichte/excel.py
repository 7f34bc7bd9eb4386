"""Excel export of a published Tertialbericht (openpyxl), made only from the snapshot payload.

Deterministic: workbook properties carry the publication time, and the zip entries get a fixed
timestamp (openpyxl would stamp the current time), so the same snapshot gives the same bytes.
The columns are the published fields of the page and the PDF; the internal Kommentar of a
Messwert is not among them (steuerung.berichte.oeffentlich.INTERNE_FELDER).
Cells whose text starts with = + - @ (or a tab/CR) are written as text with a leading apostrophe
so a spreadsheet never evaluates them as formulas (CSV/formula injection).
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date, datetime
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Font

from steuerung.berichte import abschnitte
from steuerung.berichte.oeffentlich import fuer_rat
from steuerung.bewertung_text import zeg_berechnung

_FORMEL_ZEICHEN = ("=", "+", "-", "@", "\t", "\r")
_ZIP_ZEIT = (2000, 1, 1, 0, 0, 0)


def zelle(wert):
    """Neutralise text that a spreadsheet would read as a formula; numbers stay numbers."""
    if isinstance(wert, str) and wert.startswith(_FORMEL_ZEICHEN):
        return "'" + wert
    return wert


def _zahl(text: str | None) -> Decimal | None:
    return Decimal(text) if text is not None else None


def _datum(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


DATUM = "DD.MM.YYYY"
DATUM_ZEIT = "DD.MM.YYYY HH:MM"


SPALTEN = [
    ("Leitziel", lambda lz, k: lz["code"]),
    ("Code", lambda lz, k: k["code"]),
    ("Kennzahl", lambda lz, k: k["bezeichnung"]),
    ("Organisationseinheit", lambda lz, k: k["organisationseinheit"]),
    ("Periode", lambda lz, k: k["periode_bezeichnung"]),
    ("Einheit", lambda lz, k: k["einheit"]),
    ("Ist", lambda lz, k: _zahl(k["ist"])),
    ("Soll", lambda lz, k: _zahl(k["soll"])),
    # A sub-annual sum is judged on the year to date: its cumulative Ist and Soll beside the period's own.
    ("Ist im Jahr bis dahin", lambda lz, k: _zahl(k.get("ist_kumuliert"))),
    ("Soll im Jahr bis dahin", lambda lz, k: _zahl(k.get("soll_kumuliert"))),
    # Where the ZEG is the distance covered from the Ausgangswert (see ZEG-Berechnung on the summary).
    ("Ausgangswert", lambda lz, k: _zahl(k.get("ausgangswert"))),
    ("Basisjahr", lambda lz, k: k.get("ausgangsjahr")),
    ("Zielerreichungsgrad %", lambda lz, k: _zahl(k["zielerreichungsgrad"])),
    ("Bewertung", lambda lz, k: k["bewertung_text"]),
    ("Ampel", lambda lz, k: k["ampel_text"]),
    ("Vorjahreswert", lambda lz, k: _zahl(k["vorjahr_wert"])),
    ("Abweichung Vorjahr %", lambda lz, k: _zahl(k["abweichung_vorjahr_prozent"])),
    ("Prognose Jahresende", lambda lz, k: _zahl(k["prognose_jahresende"])),
    ("Prognosemethode", lambda lz, k: k["prognose_methode"]),
    ("Sorgenampel", lambda lz, k: "ja" if k["sorgenampel"] else "nein"),
    ("Grund der Sorgenampel", lambda lz, k: k.get("sorgenampel_grund", "")),
    ("Begründung", lambda lz, k: k["begruendung"]),
    ("Gegensteuerung", lambda lz, k: k["gegensteuerung_was"]),
    ("verantwortlich", lambda lz, k: k["gegensteuerung_wer"]),
    ("bis", lambda lz, k: _datum(k["gegensteuerung_bis"])),
    ("Begründung fehlender Wert", lambda lz, k: k.get("fehlt_begruendung", "")),
]


def _festschreiben(roh: bytes) -> bytes:
    """Rewrite the zip with fixed entry timestamps and order."""
    ziel = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(roh)) as quelle, zipfile.ZipFile(ziel, "w", zipfile.ZIP_DEFLATED) as aus:
        for info in quelle.infolist():
            neu = zipfile.ZipInfo(info.filename, date_time=_ZIP_ZEIT)
            neu.compress_type = zipfile.ZIP_DEFLATED
            neu.external_attr = 0o600 << 16
            daten = quelle.read(info.filename)
            if info.filename == "docProps/core.xml":
                daten = _geaendert_wie_erstellt(daten)
            aus.writestr(neu, daten)
    return ziel.getvalue()


def _geaendert_wie_erstellt(core_xml: bytes) -> bytes:
    """openpyxl stamps `dcterms:modified` with the wall clock on save; pin it to `created`
    (the publication time from the snapshot) so a later regeneration gives the same bytes."""
    text = core_xml.decode("utf-8")
    erstellt = re.search(r"<dcterms:created[^>]*>([^<]*)</dcterms:created>", text)
    if erstellt:
        text = re.sub(r"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)", rf"\g<1>{erstellt.group(1)}\g<2>", text)
    return text.encode("utf-8")


def _datumsformat(zelle_, wert) -> None:
    if isinstance(wert, datetime):
        zelle_.number_format = DATUM_ZEIT
    elif isinstance(wert, date):
        zelle_.number_format = DATUM


def excel_erzeugen(inhalt: dict) -> bytes:
    """The workbook of a snapshot: summary, Kennzahlen, approval trail, contributed sections.

    Council-safe like the page (steuerung.berichte.oeffentlich): the document properties name the
    unit, not a person; dates are date cells with a German number format.
    """
    inhalt = fuer_rat(inhalt)
    bericht = inhalt["bericht"]
    zeitpunkt = datetime.fromisoformat(bericht["veroeffentlicht_am"]).replace(tzinfo=None)
    einheit = f"{bericht['organisationseinheit']['kuerzel']} {bericht['organisationseinheit']['name']}"
    wb = Workbook()
    wb.properties.creator = zelle(einheit)
    wb.properties.lastModifiedBy = wb.properties.creator
    wb.properties.created = zeitpunkt
    wb.properties.modified = zeitpunkt
    wb.properties.title = zelle(
        f"Tertialbericht {bericht['periode_bezeichnung']} {bericht['organisationseinheit']['kuerzel']}"
    )
    fett = Font(bold=True)

    ws = wb.active
    ws.title = "Zusammenfassung"
    z = inhalt["zusammenfassung"]
    zeilen = [
        ["Tertialbericht", bericht["periode_bezeichnung"]],
        [
            "Organisationseinheit",
            f"{bericht['organisationseinheit']['kuerzel']} {bericht['organisationseinheit']['name']}",
        ],
        ["Stichtag", _datum(bericht.get("stichtag"))],
        ["Tertial endet am", _datum(bericht.get("tertial_ende"))],
        ["Veröffentlicht am", zeitpunkt],
        ["Veröffentlicht durch", bericht.get("veroeffentlicht_von") or "–"],
        ["Fassung", bericht.get("fassung")],
        [],
        ["Kennzahlen", z["anzahl"]],
        ["Vollständigkeit", z.get("vollstaendigkeit", {}).get("text", "–")],
        ["grün (im Plan)", z["je_ampel"]["gruen"]],
        ["gelb", z["je_ampel"]["gelb"]],
        ["rot", z["je_ampel"]["rot"]],
        ["grau (ohne Wert)", z["je_ampel"]["grau"]],
        ["Berechnung des Zielerreichungsgrads", zeg_berechnung()],
        [],
        ["Nicht im Plan", "Ampel", "Begründung", "Gegensteuerung", "verantwortlich", "bis"],
    ]
    for k in z["nicht_im_plan"]:
        zeilen.append(
            [
                f"{k['code']} {k['bezeichnung']}".strip(),
                k["ampel_text"],
                k["begruendung"],
                k["gegensteuerung_was"],
                k["gegensteuerung_wer"],
                _datum(k["gegensteuerung_bis"]),
            ]
        )
    for zeile in zeilen:
        ws.append([zelle(w) for w in zeile])
        for c in ws[ws.max_row]:
            _datumsformat(c, c.value)
    for zelle_ in ws["A"]:
        zelle_.font = fett
    ws.column_dimensions["A"].width = 45

    ws2 = wb.create_sheet("Kennzahlen")
    ws2.append([name for name, _f in SPALTEN])
    for c in ws2[1]:
        c.font = fett
    for lz in inhalt["leitziele"]:
        for k in lz["kennzahlen"]:
            ws2.append([zelle(f(lz, k)) for _name, f in SPALTEN])
            for c in ws2[ws2.max_row]:
                _datumsformat(c, c.value)
    ws2.freeze_panes = "A2"

    ws3 = wb.create_sheet("Freigaben")
    ws3.append(["Datum", "Schritt", "Rolle", "Organisationseinheit"])
    for c in ws3[1]:
        c.font = fett
    for schritt in bericht.get("verlauf", []):
        ws3.append(
            [zelle(w) for w in (_datum(schritt["datum"]), schritt["aktion"], schritt["rolle"], schritt["einheit"])]
        )
        _datumsformat(ws3.cell(row=ws3.max_row, column=1), ws3.cell(row=ws3.max_row, column=1).value)
    ws3.column_dimensions["A"].width = 12
    ws3.column_dimensions["C"].width = 28

    for titel, kopf, daten in abschnitte.excel_blaetter(inhalt):
        blatt = wb.create_sheet(titel[:31])
        blatt.append([zelle(w) for w in kopf])
        for c in blatt[1]:
            c.font = fett
        for zeile in daten:
            blatt.append([zelle(w) for w in zeile])
            for c in blatt[blatt.max_row]:
                _datumsformat(c, c.value)
        blatt.freeze_panes = "A2"

    roh = io.BytesIO()
    wb.save(roh)
    return _festschreiben(roh.getvalue())
