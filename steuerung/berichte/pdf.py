"""PDF of a published Tertialbericht (WeasyPrint, tagged PDF/UA-1), made only from the snapshot payload.

Determinism: everything that varies between runs is fixed from the snapshot: creation and
modification dates (meta dcterms.* = publication time), the PDF /ID (derived from the content
hash), and the chart, which is plain SVG text built here instead of a browser rendering.
So `pdf_erzeugen(snapshot)` gives the same bytes every time (asserted in the tests).
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from html import escape

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from core.money import runden

AMPEL_FARBE = {"gruen": "#1b7a3a", "gelb": "#b58900", "rot": "#b3261e", "grau": "#8a8a8a"}
_BREITE, _ZEILE, _LINKS, _RECHTS = 760, 22, 260, 40
_SKALA_MAX = Decimal("150")


def _x(prozent: Decimal) -> Decimal:
    """Position of a ZEG on the bar axis (0 … 150 %, clipped)."""
    wert = min(max(prozent, Decimal(0)), _SKALA_MAX)
    return runden(Decimal(_LINKS) + wert / _SKALA_MAX * Decimal(_BREITE - _LINKS - _RECHTS), 1)


def diagramm_svg(diagramm: dict) -> SafeString:
    """Horizontal bars of the Zielerreichungsgrad per Kennzahl, the same numbers as the page's plotly chart."""
    balken = diagramm["balken"]
    hoehe = 40 + _ZEILE * max(len(balken), 1)
    teile = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{_BREITE}" height="{hoehe}" viewBox="0 0 {_BREITE} {hoehe}" '
        f'role="img" aria-labelledby="diagramm-svg-titel">',
        f'<title id="diagramm-svg-titel">{escape(diagramm["titel"])}; die Werte stehen in der folgenden Tabelle</title>',
    ]
    for prozent in (0, 50, 100, 150):
        x = _x(Decimal(prozent))
        strich = "#000" if prozent == 100 else "#bbb"
        teile.append(f'<line x1="{x}" y1="10" x2="{x}" y2="{hoehe - 20}" stroke="{strich}" stroke-width="1"/>')
        teile.append(f'<text x="{x}" y="{hoehe - 6}" font-size="10" text-anchor="middle">{prozent} %</text>')
    for i, b in enumerate(balken):
        y = 14 + i * _ZEILE
        name = escape(f"{b['code']} {b['bezeichnung']}".strip()[:42])
        teile.append(f'<text x="{_LINKS - 6}" y="{y + 12}" font-size="10" text-anchor="end">{name}</text>')
        if b["zielerreichungsgrad"] is None:
            teile.append(f'<text x="{_LINKS + 4}" y="{y + 12}" font-size="10">keine Daten</text>')
            continue
        zeg = Decimal(b["zielerreichungsgrad"])
        breite = _x(zeg) - Decimal(_LINKS)
        farbe = AMPEL_FARBE.get(b["ampel"], "#8a8a8a")
        teile.append(f'<rect x="{_LINKS}" y="{y}" width="{breite}" height="16" fill="{farbe}"/>')
        beschriftung = f"{runden(zeg, 2):.2f}".replace(".", ",") + f" % ({b['ampel_text']})"
        teile.append(f'<text x="{_LINKS + breite + 4}" y="{y + 12}" font-size="10">{escape(beschriftung)}</text>')
    teile.append("</svg>")
    # Reviewed: every interpolated text is passed through escape(); the rest are Decimals and constants.
    return mark_safe("".join(teile))  # noqa: S308  # nosec B308 B703


def _zeit_text(iso: str) -> str:
    return datetime.fromisoformat(iso).strftime("%d.%m.%Y, %H:%M Uhr")


def html_erzeugen(inhalt: dict, *, inhalt_hash: str) -> str:
    bericht = inhalt["bericht"]
    titel = f"Tertialbericht {bericht['periode_bezeichnung']} – {bericht['organisationseinheit']['name']}"
    return render_to_string(
        "steuerung/berichte/pdf.html",
        {
            "inhalt": inhalt,
            "inhalt_hash": inhalt_hash,
            "titel": titel,
            "veroeffentlicht_text": _zeit_text(bericht["veroeffentlicht_am"]),
            "verlauf": [{**u, "zeitpunkt_text": _zeit_text(u["zeitpunkt"])} for u in bericht.get("verlauf", [])],
            "diagramm_svg": diagramm_svg(inhalt["diagramm"]),
        },
    )


def pdf_erzeugen(inhalt: dict, *, inhalt_hash: str) -> bytes:
    """Tagged PDF (PDF/UA-1) of a snapshot; same snapshot, same bytes."""
    from weasyprint import HTML  # imported here: loading WeasyPrint (Pango, fonts) is slow and only publishing needs it

    html = html_erzeugen(inhalt, inhalt_hash=inhalt_hash)
    return HTML(string=html, base_url=None).write_pdf(
        pdf_variant="pdf/ua-1", pdf_identifier=inhalt_hash[:32].encode(), uncompressed_pdf=False
    )
