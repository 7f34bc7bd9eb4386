"""Helpers for the bad-input catalogue: hostile files built in memory, form data and DB snapshots."""

from __future__ import annotations

import io
import zipfile

from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

SKRIPT = "<script>alert(1)</script>"
LANG = "x" * 10_000
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    b"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
)

BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
    + "".join(f' <!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n' for i in range(1, 10))
    + ']>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">'
    "<si><t>&lol9;</t></si></sst>"
)
EXTERNE_ENTITAET = (
    '<?xml version="1.0"?>\n<!DOCTYPE sst [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
    '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">'
    "<si><t>&xxe;</t></si></sst>"
)


def mappe(blaetter: dict[str, list[list[object]]]) -> bytes:
    """A plain .xlsx with the given sheets and rows (shared strings are written by openpyxl)."""
    wb = Workbook()
    wb.remove(wb.active)
    for name, zeilen in blaetter.items():
        ws = wb.create_sheet(name)
        for zeile in zeilen:
            ws.append(zeile)
    puffer = io.BytesIO()
    wb.save(puffer)
    return puffer.getvalue()


def mit_teil(inhalt: bytes, teil: str, xml: str | bytes) -> bytes:
    """The same .xlsx with one zip member replaced (or added)."""
    quelle = zipfile.ZipFile(io.BytesIO(inhalt))
    puffer = io.BytesIO()
    with zipfile.ZipFile(puffer, "w", zipfile.ZIP_DEFLATED) as ziel:
        for info in quelle.infolist():
            if info.filename != teil:
                ziel.writestr(info, quelle.read(info.filename))
        ziel.writestr(teil, xml)
    return puffer.getvalue()


def zipbombe(inhalt: bytes, megabyte: int = 120) -> bytes:
    """A valid .xlsx plus one member of `megabyte` MB of zeros: small on disk, huge when unpacked."""
    puffer = io.BytesIO(inhalt)
    with (
        zipfile.ZipFile(puffer, "a", zipfile.ZIP_DEFLATED, compresslevel=9) as z,
        z.open("xl/media/nullen.xml", "w", force_zip64=True) as f,
    ):
        block = b"\0" * (1024 * 1024)
        for _ in range(megabyte):
            f.write(block)
    return puffer.getvalue()


def viele_teile(inhalt: bytes, anzahl: int = 20_000) -> bytes:
    puffer = io.BytesIO(inhalt)
    with zipfile.ZipFile(puffer, "a", zipfile.ZIP_STORED) as z:
        for i in range(anzahl):
            z.writestr(f"xl/media/t{i}.xml", b"")
    return puffer.getvalue()


def datei(name: str, inhalt: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, inhalt, content_type=XLSX if name.endswith(".xlsx") else "text/csv")


def formdaten(form: forms.BaseForm) -> dict[str, object]:
    """POST data that re-submits an unbound form with its initial values."""
    daten: dict[str, object] = {}
    for bf in form:
        wert = bf.value()
        if isinstance(bf.field, forms.BooleanField):
            if wert:
                daten[bf.html_name] = "on"
            continue
        if wert is None:
            continue
        if isinstance(wert, list | tuple):
            daten[bf.html_name] = [str(v) for v in wert]
            continue
        formatiert = bf.field.widget.format_value(wert)
        daten[bf.html_name] = "" if formatiert is None else formatiert
    return daten


def zustand(*modelle) -> dict[str, list[dict]]:
    """Every row of the given models, to prove that a refused input changed nothing."""
    return {m._meta.label: list(m.objects.order_by("pk").values()) for m in modelle}
