"""The PDF's bar chart of the Zielerreichungsgrad, as HTML blocks instead of one SVG image.

Why not SVG: one SVG is one image that cannot break across pages, so with more than about 25
Kennzahlen every later bar was cut off at the page end; and WeasyPrint lays out SVG text letter by
letter (one Pango layout per character), which made the chart one of the slowest parts of a large
report. Here each bar is a fixed-height row (label, bar, value) that WeasyPrint lays out like any
text, the axis labels repeat at the top of every page (table head), and the grid lines are one
small background image shared by all rows.
"""

from __future__ import annotations

from decimal import Decimal
from html import escape
from urllib.parse import quote

from django.utils.safestring import SafeString, mark_safe

from core.money import runden
from steuerung.bewertung_text import zeg_text

AMPEL_FARBE = {"gruen": "#1b7a3a", "gelb": "#b58900", "rot": "#b3261e", "grau": "#8a8a8a"}
# px: label column, bar area (−25 … 200 %), room for the value text after the bar.
BESCHRIFTUNG, SKALA, WERTTEXT = 270, 310, 180
ZEILE = 28
# The axis shows −25 … 200 %: below 0 a bar points left ("entgegen der Zielrichtung"), beyond the
# ends it is clipped; the label always says what the number means (zeg_text).
_SKALA_MIN, _SKALA_MAX = Decimal("-25"), Decimal("200")
_MIN_BALKEN = Decimal("2")  # px: a ZEG of 0 is a visible stub, not nothing
_ZEICHEN_JE_ZEILE = 44
_TEILSTRICHE = (0, 50, 100, 150, 200)


def _x(prozent: Decimal) -> Decimal:
    """Position of a ZEG within the bar area (clipped to the scale)."""
    wert = min(max(prozent, _SKALA_MIN), _SKALA_MAX)
    return runden((wert - _SKALA_MIN) / (_SKALA_MAX - _SKALA_MIN) * Decimal(SKALA), 1)


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


def _gitter() -> str:
    """CSS url() of the grid lines (0 and 100 % black, the others grey), one image for every row."""
    linien = "".join(
        f'<line x1="{_x(Decimal(p))}" y1="0" x2="{_x(Decimal(p))}" y2="{ZEILE}" '
        f'stroke="{"#000" if p in (0, 100) else "#bbb"}" stroke-width="1"/>'
        for p in _TEILSTRICHE
    )
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{SKALA}" height="{ZEILE}" '
        f'viewBox="0 0 {SKALA} {ZEILE}">{linien}</svg>'
    )
    return f'url("data:image/svg+xml,{quote(svg)}")'


def diagramm_css() -> str:
    """The chart's rules for the PDF stylesheet (sizes in px as in the former SVG)."""
    return (
        f".diagramm-balken {{ table-layout: fixed; width: {BESCHRIFTUNG + SKALA + WERTTEXT}px; "
        "border-collapse: collapse; margin: 2mm 0 4mm; font-size: 10px; line-height: 11px; }"
        f" .diagramm-balken th, .diagramm-balken td {{ border: none; padding: 0; height: {ZEILE}px; "
        "vertical-align: middle; hyphens: manual; overflow-wrap: normal; }"
        f" .diagramm-balken col.db-name {{ width: {BESCHRIFTUNG}px; }}"
        f" .diagramm-balken col.db-wert {{ width: {SKALA + WERTTEXT}px; }}"
        " .diagramm-balken tr { page-break-inside: avoid; }"
        " .diagramm-balken tbody th { text-align: right; padding-right: 6px; font-weight: normal; }"
        " .diagramm-balken thead th { font-weight: normal; background: none; height: 14px; }"
        f" .diagramm-balken .db-spur {{ height: {ZEILE}px; line-height: {ZEILE}px; "
        f"background: {_gitter()} no-repeat 0 0; white-space: nowrap; }}"
        " .diagramm-balken .db-balken { display: inline-block; height: 16px; vertical-align: middle; }"
        " .diagramm-balken .db-teilstrich { display: inline-block; width: 40px; text-align: center; }"
    )


def diagramm_html(diagramm: dict) -> SafeString:
    """One row per Kennzahl: name (at most two lines), bar in its traffic-light colour, ZEG in words.

    The same numbers as the page's plotly chart; the exact values follow in the data table.
    """
    null = _x(Decimal(0))
    # In normal flow (no absolute positioning), so the PDF reads name, then value, row by row:
    # each element's left margin is the distance from where the previous one ended.
    achse, ende_vorher = [], Decimal(0)
    for p in _TEILSTRICHE:
        links = _x(Decimal(p)) - 20
        achse.append(f'<span class="db-teilstrich" style="margin-left: {links - ende_vorher}px">{p} %</span>')
        ende_vorher = links + 40
    achse = "".join(achse)
    teile = [
        f'<table class="diagramm-balken" aria-label="{escape(diagramm["titel"])}; die Werte stehen in der folgenden '
        'Tabelle"><colgroup><col class="db-name"><col class="db-wert"></colgroup>',
        f'<thead><tr><th scope="col">Kennzahl</th><th scope="col"><div class="db-spur db-achse">{achse}</div></th>'
        "</tr></thead><tbody>",
    ]
    for b in diagramm["balken"]:
        name = "<br>".join(escape(z) for z in namenszeilen(f"{b['code']} {b['bezeichnung']}".strip()))
        if b["zielerreichungsgrad"] is None:
            inhalt = f'<span class="db-text" style="margin-left: {null + 4}px">keine Daten</span>'
        else:
            zeg = Decimal(b["zielerreichungsgrad"])
            ende = _x(zeg)
            links, breite = min(null, ende), max(abs(ende - null), _MIN_BALKEN)
            if zeg < 0:
                links = null - breite
            farbe = AMPEL_FARBE.get(b["ampel"], "#8a8a8a")
            beschriftung = escape(f"{zeg_text(zeg)} ({b['ampel_text']})")
            text_links = max(null, ende) + 4
            inhalt = (
                f'<span class="db-balken" style="margin-left: {links}px; width: {breite}px; background: {farbe}"></span>'
                f'<span class="db-text" style="margin-left: {text_links - links - breite}px">{beschriftung}</span>'
            )
        teile.append(f'<tr><th scope="row">{name}</th><td><div class="db-spur">{inhalt}</div></td></tr>')
    teile.append("</tbody></table>")
    # Reviewed: every interpolated text is passed through escape(); the rest are Decimals and constants.
    return mark_safe("".join(teile))  # noqa: S308  # nosec B308 B703
