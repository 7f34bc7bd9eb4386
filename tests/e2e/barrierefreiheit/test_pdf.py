"""PDF/UA: the published Tertialbericht (and the Sozialraum-Steckbrief) are tagged PDFs with
document language, title, headings, table headers; the report's chart is a tagged table whose
rows read name and value in words.

WeasyPrint writes the structure into compressed object streams, so the checks inflate every
stream first. No browser needed; the downloads are fetched as the persona that reads them.
"""

from __future__ import annotations

import re
import zlib
from io import BytesIO

import pytest
from django.test import Client
from pypdf import PdfReader

from organisation.models import Benutzer
from sozialraum.models import Raum
from steuerung.models.berichte import Veroeffentlichung


def _klartext(pdf: bytes) -> bytes:
    """The file plus every inflatable stream (object streams hold the structure tree)."""
    teile = [pdf]
    for m in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            teile.append(zlib.decompress(m.group(1)))
        except zlib.error:
            continue
    return b"\n".join(teile)


def _titel(text: bytes) -> str:
    m = re.search(rb"<dc:title><rdf:Alt><rdf:li[^>]*>(.*?)</rdf:li>", text, re.S)
    return m.group(1).decode() if m else ""


def _herunterladen(username: str, pfad: str) -> bytes:
    client = Client()
    client.force_login(Benutzer.objects.get(username=username))
    antwort = client.get(pfad)
    assert antwort.status_code == 200
    assert antwort["Content-Type"] == "application/pdf"
    return b"".join(antwort.streaming_content) if antwort.streaming else antwort.content


def _bericht_pdf() -> tuple[bytes, str]:
    v = Veroeffentlichung.objects.order_by("-pk").first()
    return _herunterladen("rat", f"/veroeffentlicht/{v.pk}/pdf/"), "Tertialbericht"


def _steckbrief_pdf() -> tuple[bytes, str]:
    raum = Raum.objects.order_by("-ebene", "pk").first()
    return _herunterladen("steuerung", f"/sozialraum/raeume/{raum.pk}/pdf/"), raum.name


@pytest.mark.parametrize("erzeugen", [_bericht_pdf, _steckbrief_pdf], ids=["tertialbericht", "steckbrief"])
def test_pdf_ist_getaggt_mit_sprache_titel_ueberschriften_und_tabellenkoepfen(transactional_db, erzeugen):
    pdf, titelteil = erzeugen()
    text = _klartext(pdf)
    assert pdf.startswith(b"%PDF-")
    assert b"/StructTreeRoot" in text
    assert re.search(rb"/MarkInfo\s*<<\s*/Marked true\s*>>", text)
    assert re.search(rb"/Lang\s*\(de(-DE)?\)", text)
    assert b'pdfuaid:part="1"' in text, "keine PDF/UA-Kennung in den XMP-Metadaten"
    assert titelteil in _titel(text)
    assert re.search(rb"/DisplayDocTitle\s+true", text), "Viewer zeigt den Dateinamen statt des Titels"
    assert re.search(rb"/S\s*/H1\b", text), "keine Überschrift erster Ebene getaggt"
    assert re.search(rb"/S\s*/TH\b", text), "keine Tabellenköpfe getaggt"
    # Data cells name their header cells (PDF/UA: Headers/IDs instead of Scope).
    assert b"/Headers" in text


def test_berichtsdiagramm_ist_im_pdf_als_text_lesbar(transactional_db):
    """The chart is a tagged table, not an image: each row is a Kennzahl (row header) followed by its
    Zielerreichungsgrad in words, so a screen reader reads every bar without an alternative text."""
    pdf, _ = _bericht_pdf()
    text = _klartext(pdf)
    assert re.search(rb"/S\s*/Table\b", text) and re.search(rb"/S\s*/TH\b", text)
    seiten = "\n".join(seite.extract_text() for seite in PdfReader(BytesIO(pdf)).pages)
    diagramm = seiten[seiten.index("Zielerreichungsgrad je Kennzahl") :]
    balken = re.findall(r"(K\s*\d+)\s[^\n]*\n?[^\n%]*?(\d+,\d+ %) \((rot|gelb|grün)\)", diagramm)
    assert len(balken) >= 5, diagramm[:800]
    assert not re.search(rb"/Subtype\s*/Image", text), "das Diagramm soll kein Bild mehr sein"
