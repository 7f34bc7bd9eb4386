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
from steuerung.berichte.oeffentlich import fuer_rat
from steuerung.bewertung_text import zeg_text

AMPEL_FARBE = {"gruen": "#1b7a3a", "gelb": "#b58900", "rot": "#b3261e", "grau": "#8a8a8a"}
_BREITE, _ZEILE, _LINKS, _RECHTS = 760, 28, 270, 180
# The axis shows −25 … 200 %: below 0 a bar points left ("entgegen der Zielrichtung"), beyond the
# ends it is clipped; the label always says what the number means (zeg_text).
_SKALA_MIN, _SKALA_MAX = Decimal("-25"), Decimal("200")
_MIN_BALKEN = Decimal("2")  # px: a ZEG of 0 is a visible stub, not nothing
_ZEICHEN_JE_ZEILE = 44


def _x(prozent: Decimal) -> Decimal:
    """Position of a ZEG on the bar axis (clipped to the scale)."""
    wert = min(max(prozent, _SKALA_MIN), _SKALA_MAX)
    return runden(
        Decimal(_LINKS) + (wert - _SKALA_MIN) / (_SKALA_MAX - _SKALA_MIN) * Decimal(_BREITE - _LINKS - _RECHTS), 1
    )


def namenszeilen(text: str, *, breite: int = _ZEICHEN_JE_ZEILE, zeilen: int = 2) -> list[str]:
    """A label wrapped at word boundaries into at most `zeilen` lines, the last shortened with "…"."""
    woerter, ergebnis, aktuell = text.split(), [], ""
    for wort in woerter:
        kandidat = f"{aktuell} {wort}".strip()
        if len(kandidat) <= breite or not aktuell:
            aktuell = kandidat
        else:
            ergebnis.append(aktuell)
            aktuell = wort
    if aktuell:
        ergebnis.append(aktuell)
    if len(ergebnis) > zeilen:
        ergebnis = [*ergebnis[: zeilen - 1], " ".join(ergebnis[zeilen - 1 :])]
    return [z if len(z) <= breite else z[: breite - 1].rstrip() + "…" for z in ergebnis]


def diagramm_svg(diagramm: dict) -> SafeString:
    """Horizontal bars of the Zielerreichungsgrad per Kennzahl, the same numbers as the page's plotly chart."""
    balken = diagramm["balken"]
    hoehe = 40 + _ZEILE * max(len(balken), 1)
    null = _x(Decimal(0))
    teile = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{_BREITE}" height="{hoehe}" viewBox="0 0 {_BREITE} {hoehe}" '
        f'role="img" aria-labelledby="diagramm-svg-titel">',
        f'<title id="diagramm-svg-titel">{escape(diagramm["titel"])}; die Werte stehen in der folgenden Tabelle</title>',
    ]
    for prozent in (0, 50, 100, 150, 200):
        x = _x(Decimal(prozent))
        strich = "#000" if prozent in (0, 100) else "#bbb"
        teile.append(f'<line x1="{x}" y1="10" x2="{x}" y2="{hoehe - 20}" stroke="{strich}" stroke-width="1"/>')
        teile.append(f'<text x="{x}" y="{hoehe - 6}" font-size="10" text-anchor="middle">{prozent} %</text>')
    for i, b in enumerate(balken):
        y = 14 + i * _ZEILE
        zeilen = namenszeilen(f"{b['code']} {b['bezeichnung']}".strip())
        erste = y + (12 if len(zeilen) == 1 else 6)
        for n, zeile in enumerate(zeilen):
            teile.append(
                f'<text x="{_LINKS - 6}" y="{erste + 11 * n}" font-size="10" text-anchor="end">{escape(zeile)}</text>'
            )
        if b["zielerreichungsgrad"] is None:
            teile.append(f'<text x="{null + 4}" y="{y + 12}" font-size="10">keine Daten</text>')
            continue
        zeg = Decimal(b["zielerreichungsgrad"])
        ende = _x(zeg)
        links, breite = min(null, ende), max(abs(ende - null), _MIN_BALKEN)
        if zeg < 0:
            links = null - breite
        farbe = AMPEL_FARBE.get(b["ampel"], "#8a8a8a")
        teile.append(f'<rect x="{links}" y="{y}" width="{breite}" height="16" fill="{farbe}"/>')
        beschriftung = f"{zeg_text(zeg)} ({b['ampel_text']})"
        teile.append(f'<text x="{max(null, ende) + 4}" y="{y + 12}" font-size="10">{escape(beschriftung)}</text>')
    teile.append("</svg>")
    # Reviewed: every interpolated text is passed through escape(); the rest are Decimals and constants.
    return mark_safe("".join(teile))  # noqa: S308  # nosec B308 B703


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
