"""PDF of a published Tertialbericht (WeasyPrint, tagged PDF/UA-1), made only from the snapshot payload.

Determinism: everything that varies between runs is fixed from the snapshot: creation and
modification dates (meta dcterms.* = publication time), the PDF /ID (derived from the content
hash), and the chart, which is plain HTML built here (pdf_diagramm) instead of a browser rendering.
So `pdf_erzeugen(snapshot)` gives the same bytes every time (asserted in the tests).
"""

from __future__ import annotations

from datetime import datetime

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from steuerung.berichte.oeffentlich import fuer_rat
from steuerung.berichte.pdf_diagramm import diagramm_css, diagramm_html


def _zeit_text(iso: str) -> str:
    return datetime.fromisoformat(iso).strftime("%d.%m.%Y, %H:%M Uhr")


def html_erzeugen(inhalt: dict, *, inhalt_hash: str) -> str:
    inhalt = fuer_rat(inhalt)
    bericht = inhalt["bericht"]
    titel = f"Tertialbericht {bericht['periode_bezeichnung']} – {bericht['organisationseinheit']['name']}"
    return render_to_string(
        "steuerung/berichte/pdf.html",
        {
            "inhalt": inhalt,
            "inhalt_hash": inhalt_hash,
            "titel": titel,
            "veroeffentlicht_text": _zeit_text(bericht["veroeffentlicht_am"]),
            "diagramm_pdf": diagramm_html(inhalt["diagramm"]),
            "diagramm_css": mark_safe(diagramm_css()),  # noqa: S308  # nosec B308 B703 - constants only
        },
    )


def pdf_erzeugen(inhalt: dict, *, inhalt_hash: str) -> bytes:
    """Tagged PDF (PDF/UA-1) of a snapshot; same snapshot, same bytes."""
    from weasyprint import HTML  # imported here: loading WeasyPrint (Pango, fonts) is slow and only publishing needs it

    html = html_erzeugen(inhalt, inhalt_hash=inhalt_hash)
    return HTML(string=html, base_url=None).write_pdf(
        pdf_variant="pdf/ua-1", pdf_identifier=inhalt_hash[:32].encode(), uncompressed_pdf=False
    )
