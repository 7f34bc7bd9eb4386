"""Controlling chart of an HSK-Maßnahme: "Plan- und Ist-Einsparungen (in 1.000 €)".

Monthly Soll, brutto and netto as bars, the cumulative values as lines (right axis), the
three phases as shaded bands and the Maßnahmenbeginn as a marked line. The page shows the
same numbers in a table and a text summary (`textalternative`).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

import plotly.graph_objects as go

from core.money import format_de

TITEL = "Plan- und Ist-Einsparungen (in 1.000 €)"
PHASEN = {
    "investphase": ("Investphase", "rgba(166, 27, 27, 0.10)"),
    "annaeherungsphase": ("Annäherungsphase", "rgba(154, 103, 0, 0.12)"),
    "ueberschussphase": ("Überschussphase", "rgba(30, 107, 47, 0.12)"),
}
MONATSNAMEN = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
]


def monat_lang(schluessel: str) -> str:
    return f"{MONATSNAMEN[int(schluessel[5:7]) - 1]} {schluessel[:4]}"


def monat_kurz(schluessel: str) -> str:
    """ "2025-08" → "08/2025"."""
    return f"{schluessel[5:7]}/{schluessel[:4]}"


def _tausend(wert: Decimal) -> float:
    # Plotly needs floats; the exact values are in the table next to the chart.
    return float(wert / 1000)


def _phasenbaender(monate: Sequence[Any]) -> list[tuple[str, str, str]]:
    """Contiguous runs of the same phase as (phase, first month, last month)."""
    baender: list[tuple[str, str, str]] = []
    for m in monate:
        if baender and baender[-1][0] == m.phase:
            baender[-1] = (m.phase, baender[-1][1], m.monat)
        else:
            baender.append((m.phase, m.monat, m.monat))
    return baender


def _monatsanfang(schluessel: str) -> str:
    return f"{schluessel}-01"


def _monatsende(schluessel: str) -> str:
    j, m = int(schluessel[:4]), int(schluessel[5:7])
    j, m = (j + 1, 1) if m == 12 else (j, m + 1)
    return date(j, m, 1).isoformat()


def konsolidierungsverlauf(monate: Sequence[Any], *, beginn: date) -> dict[str, Any] | None:
    """Plotly figure as a JSON-ready dict; None without computed months."""
    if not monate:
        return None
    # Values sit mid-month so they line up with the phase bands (month start to month end).
    x = [f"{m.monat}-15" for m in monate]
    figur = go.Figure()
    for name, feld, farbe in (
        ("Soll (Monat)", "soll", "#6b7280"),
        ("Ist brutto (Monat)", "brutto", "#1d4f91"),
        ("Ist netto (Monat)", "netto", "#0f766e"),
    ):
        figur.add_bar(x=x, y=[_tausend(getattr(m, feld)) for m in monate], name=name, marker_color=farbe)
    for name, feld, farbe, strich in (
        ("Soll kumuliert", "soll_kumuliert", "#374151", "dash"),
        ("Ist brutto kumuliert", "brutto_kumuliert", "#1d4f91", "solid"),
        ("Ist netto kumuliert", "netto_kumuliert", "#0f766e", "dot"),
    ):
        figur.add_scatter(
            x=x,
            y=[_tausend(getattr(m, feld)) for m in monate],
            name=name,
            mode="lines",
            line={"color": farbe, "dash": strich, "width": 2.5},
            yaxis="y2",
        )
    for phase, von, bis in _phasenbaender(monate):
        text, farbe = PHASEN[phase]
        # Short bands get no label (they would overlap); the text summary names every band.
        breit = (int(bis[:4]) - int(von[:4])) * 12 + int(bis[5:7]) - int(von[5:7]) >= 2
        figur.add_vrect(
            x0=_monatsanfang(von),
            x1=_monatsende(bis),
            fillcolor=farbe,
            line_width=0,
            layer="below",
            annotation_text=text if breit else "",
            annotation_position="top left",
            annotation_font_size=11,
        )
    figur.add_vline(x=beginn.isoformat(), line_width=2, line_dash="dash", line_color="#111827")
    figur.add_annotation(
        x=beginn.isoformat(),
        y=0,
        yref="paper",
        text="Maßnahmenbeginn",
        showarrow=False,
        xanchor="left",
        yanchor="bottom",
    )
    figur.update_layout(
        barmode="group",
        height=480,
        margin={"t": 40, "l": 60, "r": 60, "b": 40},
        separators=",.",
        legend={"orientation": "h", "y": -0.15},
        yaxis={"title": {"text": "Monat (1.000 €)"}, "zeroline": True, "zerolinecolor": "#111827"},
        yaxis2={
            "title": {"text": "kumuliert (1.000 €)"},
            "overlaying": "y",
            "side": "right",
            "showgrid": False,
            "tickformat": ",.0f",
        },
        xaxis={"tickformat": "%m/%Y"},
        hovermode="x unified",
    )
    return json.loads(figur.to_json())


def textalternative(monate: Sequence[Any], *, amortisation: str | None) -> str:
    """German summary of the chart for screen readers and print."""
    if not monate:
        return "Für diese Maßnahme liegt noch kein berechneter Verlauf vor."
    teile = [f"Der Verlauf reicht von {monat_lang(monate[0].monat)} bis {monat_lang(monate[-1].monat)}."]
    for phase, von, bis in _phasenbaender(monate):
        text = PHASEN[phase][0]
        teile.append(
            f"{text}: {monat_lang(von)} bis {monat_lang(bis)}." if von != bis else f"{text}: {monat_lang(von)}."
        )
    letzter = monate[-1]
    teile.append(
        f"Kumuliert bis {monat_lang(letzter.monat)}: Soll {format_de(letzter.soll_kumuliert, 2, '€')}, "
        f"Ist brutto {format_de(letzter.brutto_kumuliert, 2, '€')}, Ist netto {format_de(letzter.netto_kumuliert, 2, '€')}."
    )
    teile.append(
        f"Die Maßnahme amortisiert sich ab {monat_lang(amortisation)}."
        if amortisation
        else "Die Maßnahme hat sich im betrachteten Zeitraum noch nicht amortisiert."
    )
    return " ".join(teile)
