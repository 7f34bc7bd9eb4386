"""Checks an uploaded .xlsx before openpyxl opens it, and neutralises formula-like text in exports.

openpyxl trusts the zip: a small file can unpack to gigabytes (zip bomb) and its XML parts may
declare entities (billion laughs, external entities). So every importer calls `xlsx_pruefen`
first: file size, zip validity, member count, total uncompressed size, and no DTD in any XML part.
"""

from __future__ import annotations

import io
import zipfile

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_ENTPACKT = 50 * 1024 * 1024
MAX_TEILE = 2_000
_FORMEL_ZEICHEN = ("=", "+", "-", "@", "\t", "\r")


def xlsx_pruefen(inhalt: bytes, *, max_bytes: int) -> None:
    """Raise a German ValidationError unless `inhalt` is a harmless .xlsx of at most `max_bytes`."""
    if len(inhalt) > max_bytes:
        raise ValidationError(_("Die Datei ist zu groß (höchstens %(mb)s MB).") % {"mb": max_bytes // (1024 * 1024)})
    if not inhalt.startswith(b"PK\x03\x04"):
        raise ValidationError(_("Die Datei ist keine gültige Excel-Datei (.xlsx)."))
    try:
        archiv = zipfile.ZipFile(io.BytesIO(inhalt))
        teile = archiv.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ValidationError(_("Die Excel-Datei ist beschädigt und kann nicht gelesen werden.")) from exc
    if len(teile) > MAX_TEILE:
        raise ValidationError(_("Die Excel-Datei enthält zu viele Bestandteile und wird nicht verarbeitet."))
    if sum(t.file_size for t in teile) > MAX_ENTPACKT:
        raise ValidationError(_("Die Excel-Datei ist entpackt zu groß und wird nicht verarbeitet."))
    for teil in teile:
        if teil.filename.endswith((".xml", ".rels", ".vml")):
            _ohne_dtd(archiv, teil)


def _ohne_dtd(archiv: zipfile.ZipFile, teil: zipfile.ZipInfo) -> None:
    # A DTD can only precede the root element, so parsing stops at the first start tag.
    # The declared sizes above are checked, but a lying header is caught by the read limit here.
    try:
        with archiv.open(teil) as datei:
            for _ereignis in iterparse(_Begrenzt(datei, MAX_ENTPACKT), events=("start",), forbid_dtd=True):
                return
    except ValidationError:
        raise
    except DefusedXmlException as exc:
        raise ValidationError(
            _("Die Excel-Datei enthält unzulässige XML-Deklarationen (DOCTYPE/ENTITY) und wird nicht verarbeitet.")
        ) from exc
    except Exception as exc:  # a broken XML part or zip member: refuse the file, never a 500
        raise ValidationError(_("Die Excel-Datei ist beschädigt und kann nicht gelesen werden.")) from exc


class _Begrenzt(io.RawIOBase):
    """A reader that refuses to deliver more than `grenze` bytes."""

    def __init__(self, quelle, grenze: int) -> None:
        self._quelle = quelle
        self._rest = grenze

    def readable(self) -> bool:
        return True

    def read(self, n: int = -1) -> bytes:
        daten = self._quelle.read(n if n is not None and n >= 0 else self._rest + 1)
        self._rest -= len(daten)
        if self._rest < 0:
            raise ValidationError(_("Die Excel-Datei ist entpackt zu groß und wird nicht verarbeitet."))
        return daten


def als_text(wert):
    """Text that a spreadsheet would read as a formula gets a leading apostrophe; other values unchanged."""
    if isinstance(wert, str) and wert.startswith(_FORMEL_ZEICHEN):
        return "'" + wert
    return wert


def formeln_neutralisieren(blatt) -> None:
    """Store every cell of an openpyxl sheet that openpyxl would write as a formula as plain text.

    openpyxl turns any string starting with "=" into a formula; +, -, @ stay strings in .xlsx
    but are marked too so that a copy into CSV or a re-typed cell cannot start a formula.
    """
    for zeile in blatt.iter_rows():
        for zelle in zeile:
            if isinstance(zelle.value, str) and zelle.value.startswith(_FORMEL_ZEICHEN):
                zelle.data_type = "s"
                zelle.quotePrefix = True
