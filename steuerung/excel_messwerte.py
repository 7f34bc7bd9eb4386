"""Excel template and upload of a unit's values for one period.

The upload is all-or-nothing: every row is checked and saved through the entry service (its batch
form, steuerung.erfassung_stapel) inside one transaction; any bad row rolls everything back and
each bad row gets its own German message.
Uploaded rows are saved as drafts: a missing Begründung is shown afterwards in the form.
A Quote is uploaded as Zähler and Nenner (the Ist-Wert is computed), a Mittelwert with its
Fallzahl, a missing value with its reason; the template carries the stored ones, so uploading
it again keeps them.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from io import BytesIO
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from core.money import parse_de
from core.periods import Periode
from core.uploads import formeln_neutralisieren, xlsx_pruefen
from steuerung.auswertung import Auswertung
from steuerung.berichte.sperre import sperre_text, sperrende_berichte
from steuerung.erfassung_stapel import Eintrag, messwerte_speichern
from steuerung.models import Kennzahl

MAX_BYTES = 2 * 1024 * 1024
MAX_ZEILEN = 2000
BLATT = "Werte"
# (header, field); fields without a name are for information only and ignored on upload.
SPALTEN = [
    ("Kennzahl-Nr.", "kennzahl"),
    ("Code", None),
    ("Bezeichnung", None),
    ("Einheit", None),
    ("Periode", "periode"),
    ("Soll", None),
    ("Wert Vorperiode", None),
    ("Ist-Wert", "wert"),
    ("Zähler (nur Quote)", "zaehler"),
    ("Nenner (nur Quote)", "nenner"),
    ("Fallzahl (nur Mittelwert)", "fallzahl"),
    ("Warum fehlt der Wert?", "fehlt_begruendung"),
    ("Kommentar", "kommentar"),
    ("Nachweis (Link)", "nachweis"),
    ("Begründung", "begruendung"),
    ("Gegensteuerung: was", "gegensteuerung_was"),
    ("Gegensteuerung: wer", "gegensteuerung_wer"),
    ("Gegensteuerung: bis (TT.MM.JJJJ)", "gegensteuerung_bis"),
    ("Bearbeitungsstand (nicht ändern)", "revision"),
]
TEXTFELDER = (
    "kommentar",
    "nachweis",
    "begruendung",
    "gegensteuerung_was",
    "gegensteuerung_wer",
    "fehlt_begruendung",
)
ZAHLFELDER = ("wert", "zaehler", "nenner", "fallzahl")
# Columns greyed as not to be edited: information, the row's key and the revision.
INFOSPALTEN = [
    i for i, (_kopf, feld) in enumerate(SPALTEN, start=1) if feld in (None, "kennzahl", "periode", "revision")
]
# Column widths by header (others 14).
BREITEN = {
    "Bezeichnung": 45,
    "Warum fehlt der Wert?": 30,
    "Kommentar": 30,
    "Nachweis (Link)": 30,
    "Begründung": 30,
    "Gegensteuerung: was": 30,
    "Gegensteuerung: wer": 20,
}


def _spalte(feld: str) -> str:
    return get_column_letter(next(i for i, (_k, f) in enumerate(SPALTEN, start=1) if f == feld))


def vorlage_erzeugen(*, zeilen: list[Auswertung], titel: str) -> bytes:
    """A workbook with one row per Kennzahl, current values prefilled, information columns greyed."""
    wb = Workbook()
    ws = wb.active
    ws.title = BLATT
    ws.append([kopf for kopf, _feld in SPALTEN])
    for zelle in ws[1]:
        zelle.font = Font(bold=True)
    grau = PatternFill("solid", fgColor="EEEEEE")
    for a in zeilen:
        m = a.messwert
        mit_zaehlern = m is not None and m.zaehler is not None
        ws.append(
            [
                a.kennzahl.pk,
                a.kennzahl.code,
                a.kennzahl.bezeichnung,
                a.kennzahl.einheit,
                a.periode.schluessel,
                a.soll,
                a.vorperiode_wert,
                # A rate with counts is computed on upload: its cell stays empty so new counts do not contradict it.
                m.wert if m and not mit_zaehlern else None,
                m.zaehler if m else None,
                m.nenner if m else None,
                m.fallzahl if m else None,
                m.fehlt_begruendung if m else "",
                m.kommentar if m else "",
                m.nachweis if m else "",
                m.begruendung if m else "",
                m.gegensteuerung_was if m else "",
                m.gegensteuerung_wer if m else "",
                m.gegensteuerung_bis.strftime("%d.%m.%Y") if m and m.gegensteuerung_bis else "",
                m.revision if m else None,
            ]
        )
        for spalte in INFOSPALTEN:
            ws.cell(row=ws.max_row, column=spalte).fill = grau
    zahl = DataValidation(type="decimal", allow_blank=True, error=_("Bitte eine Zahl eingeben."))
    ws.add_data_validation(zahl)
    for feld in ZAHLFELDER:
        zahl.add(f"{_spalte(feld)}2:{_spalte(feld)}{max(ws.max_row, 2)}")
    for i, (kopf, _feld) in enumerate(SPALTEN, start=1):
        ws.column_dimensions[get_column_letter(i)].width = BREITEN.get(kopf, 14)
    ws.freeze_panes = "A2"
    info = wb.create_sheet("Hinweise")
    info.append([titel])
    info.append([_("Tragen Sie Ist-Wert, Kommentar und bei Bedarf Begründung und Gegensteuerung ein.")])
    info.append(
        [
            _(
                "Der Kommentar ist intern und wird nicht veröffentlicht. Begründung, Gegensteuerung und "
                "„Warum fehlt der Wert?“ werden im Bericht veröffentlicht: bitte keine Personennamen, sondern "
                "Rolle oder Organisationseinheit nennen."
            )
        ]
    )
    info.append(
        [_("Bei einer Quote tragen Sie Zähler und Nenner ein und lassen den Ist-Wert leer: er wird berechnet.")]
    )
    info.append([_("Bei einem Mittelwert tragen Sie zusätzlich die Fallzahl ein, über die gemittelt wurde.")])
    info.append([_("Fehlt ein Wert, lassen Sie den Ist-Wert leer und begründen in „Warum fehlt der Wert?“.")])
    info.append([_("Grau hinterlegte Spalten dienen nur der Information. Leere Ist-Werte bleiben unverändert.")])
    puffer = BytesIO()
    for blatt in wb.worksheets:
        formeln_neutralisieren(blatt)
    wb.save(puffer)
    return puffer.getvalue()


def _zahl(inhalt: Any) -> Decimal | None:
    if inhalt is None or (isinstance(inhalt, str) and not inhalt.strip()):
        return None
    if isinstance(inhalt, bool):
        raise ValueError(_("„%(w)s“ ist keine gültige Zahl.") % {"w": inhalt})
    if isinstance(inhalt, int | float):
        try:
            return Decimal(str(inhalt))
        except InvalidOperation as exc:  # pragma: no cover - openpyxl never yields NaN
            raise ValueError(_("„%(w)s“ ist keine gültige Zahl.") % {"w": inhalt}) from exc
    return parse_de(str(inhalt))


def _datum(inhalt: Any) -> dt.date | None:
    if inhalt is None or (isinstance(inhalt, str) and not inhalt.strip()):
        return None
    if isinstance(inhalt, dt.datetime):
        return inhalt.date()
    if isinstance(inhalt, dt.date):
        return inhalt
    try:
        return dt.datetime.strptime(str(inhalt).strip(), "%d.%m.%Y").date()
    except ValueError as exc:
        raise ValueError(_("„%(w)s“ ist kein Datum im Format TT.MM.JJJJ.") % {"w": inhalt}) from exc


def _ganzzahl(inhalt: Any) -> int | None:
    if inhalt is None or (isinstance(inhalt, str) and not inhalt.strip()):
        return None
    try:
        return int(Decimal(str(inhalt)))
    except (InvalidOperation, ValueError) as exc:
        raise ValueError(_("„%(w)s“ ist keine ganze Zahl.") % {"w": inhalt}) from exc


def _mappe_lesen(datei) -> Any:
    name = getattr(datei, "name", "") or ""
    if getattr(datei, "size", 0) > MAX_BYTES:
        raise ValidationError(_("Die Datei ist größer als 2 MB. Bitte laden Sie nur die ausgefüllte Vorlage hoch."))
    inhalt = datei.read(MAX_BYTES + 1)
    if len(inhalt) > MAX_BYTES:
        raise ValidationError(_("Die Datei ist größer als 2 MB. Bitte laden Sie nur die ausgefüllte Vorlage hoch."))
    if not name.lower().endswith(".xlsx") or not inhalt.startswith(b"PK\x03\x04"):
        raise ValidationError(
            _("Bitte laden Sie eine Excel-Datei im Format .xlsx hoch (die heruntergeladene Vorlage).")
        )
    xlsx_pruefen(inhalt, max_bytes=MAX_BYTES)
    try:
        return load_workbook(BytesIO(inhalt), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds of errors for broken files
        raise ValidationError(
            _("Die Datei lässt sich nicht als Excel-Arbeitsmappe lesen. Ist sie beschädigt?")
        ) from exc


def hochladen(*, datei, kennzahlen: list[Kennzahl], periode: Periode, user) -> int:
    """Save the uploaded values of the given Kennzahlen for `periode`; returns the number of rows read.

    Raises ValidationError with one German message per bad row; then nothing is saved.
    """
    # A frozen or locked period refuses the whole upload with one message, before reading any row.
    berichte = sperrende_berichte(
        organisationseinheiten={k.organisationseinheit_id for k in kennzahlen}, periode=periode.schluessel
    )
    for oe_id in sorted(berichte):
        if berichte[oe_id] is not None:
            raise ValidationError(sperre_text(bericht=berichte[oe_id], periode=periode.schluessel), code="gesperrt")
    wb = _mappe_lesen(datei)
    if BLATT not in wb.sheetnames:
        raise ValidationError(_("Das Tabellenblatt „Werte“ fehlt. Bitte verwenden Sie die Vorlage."))
    ws = wb[BLATT]
    zeilen = ws.iter_rows(values_only=True)
    kopf = [str(c).strip() if c is not None else "" for c in next(zeilen, ())]
    erwartet = [k for k, _f in SPALTEN]
    if kopf[: len(erwartet)] != erwartet:
        raise ValidationError(
            _("Die Spaltenüberschriften passen nicht zur Vorlage. Bitte laden Sie die Vorlage neu herunter.")
        )
    nach_id = {k.pk: k for k in kennzahlen}
    fehler: list[tuple[int, str]] = []  # (row, message): shown in row order
    eintraege: list[Eintrag] = []
    nummern: list[int] = []
    for nummer, zeile in enumerate(zeilen, start=2):
        if nummer > MAX_ZEILEN + 1:
            fehler.append((nummer, _("Die Datei hat mehr als %(n)s Zeilen.") % {"n": MAX_ZEILEN}))
            break
        werte = dict(zip([f for _k, f in SPALTEN], list(zeile) + [None] * len(SPALTEN), strict=False))
        if all(v in (None, "") for v in zeile or ()):
            continue
        try:
            kid = _ganzzahl(werte["kennzahl"])
            if kid not in nach_id:
                raise ValueError(_("Kennzahl-Nr. %(k)s gehört nicht zu dieser Erfassung.") % {"k": werte["kennzahl"]})
            if str(werte["periode"] or "").strip() != periode.schluessel:
                raise ValueError(
                    _("Periode „%(p)s“ passt nicht; erwartet wird %(e)s.")
                    % {"p": werte["periode"] or "", "e": periode.schluessel}
                )
            zahlen = {f: _zahl(werte[f]) for f in ZAHLFELDER}
            daten = {f: str(werte[f] or "").strip() for f in TEXTFELDER}
            bis = _datum(werte["gegensteuerung_bis"])
            revision = _ganzzahl(werte["revision"])
        except ValueError as exc:
            fehler.append((nummer, _("Zeile %(n)s: %(m)s") % {"n": nummer, "m": exc}))
            continue
        if all(z is None for z in zahlen.values()) and not any(daten.values()):
            continue  # nothing entered in this row
        eintraege.append(
            Eintrag(kennzahl=nach_id[kid], revision=revision, werte={**zahlen, **daten, "gegensteuerung_bis": bis})
        )
        nummern.append(nummer)
    with transaction.atomic():
        if eintraege:
            ergebnis = messwerte_speichern(eintraege=eintraege, periode=periode.schluessel, user=user, entwurf=True)
            for nummer, texte in zip(nummern, ergebnis, strict=True):
                fehler.extend((nummer, _("Zeile %(n)s: %(m)s") % {"n": nummer, "m": t}) for t in texte)
        if fehler:
            transaction.set_rollback(True)
    wb.close()
    if fehler:
        raise ValidationError([text for _n, text in sorted(fehler, key=lambda f: f[0])])
    return len(eintraege)
