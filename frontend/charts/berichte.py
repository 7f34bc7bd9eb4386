"""Plotly figure of a Tertialbericht: Zielerreichungsgrad per Kennzahl (same data as the PDF's SVG chart).

Read like the PDF: the axis runs from −25 to 200 %, a bar below 0 points left and one beyond
the ends is clipped, the label says what the number means ("entgegen der Zielrichtung",
"über 200 %"); the exact number is in the data table below the chart. Names wrap onto two
lines (shortened with "…" beyond that, in full in the table). A ZEG of 0 gets a thin visible
bar instead of none.
"""

from __future__ import annotations

import json
from decimal import Decimal

import plotly.graph_objects as go

from steuerung.berichte.pdf_diagramm import namenszeilen
from steuerung.bewertung_text import zeg_text

FARBE = {"gruen": "#1b7a3a", "gelb": "#b58900", "rot": "#b3261e", "grau": "#8a8a8a"}
SKALA_MIN, SKALA_MAX = Decimal("-25"), Decimal("200")
# A bar is at least this long in axis units (of 225), so 0 % stays visible.
MIN_LAENGE = Decimal("0.8")


def balkenlaenge(zeg: Decimal) -> Decimal:
    """The drawn length: clipped to the axis, never shorter than MIN_LAENGE (negative stays negative)."""
    wert = min(max(zeg, SKALA_MIN), SKALA_MAX)
    if abs(wert) < MIN_LAENGE:
        return -MIN_LAENGE if wert < 0 else MIN_LAENGE
    return wert


def zeg_figur(diagramm: dict) -> dict:
    """Plain-JSON dict (for json_script) of a horizontal bar chart built from the report payload's `diagramm` block."""
    balken = [b for b in diagramm["balken"] if b["zielerreichungsgrad"] is not None]
    namen = ["<br>".join(namenszeilen(f"{b['code']} {b['bezeichnung']}".strip(), breite=34)) for b in balken]
    zeg = [Decimal(b["zielerreichungsgrad"]) for b in balken]
    fig = go.Figure(
        go.Bar(
            x=[float(balkenlaenge(z)) for z in zeg],
            y=namen,
            orientation="h",
            marker_color=[FARBE.get(b["ampel"], "#8a8a8a") for b in balken],
            text=[f"{zeg_text(z)} ({b['ampel_text']})" for z, b in zip(zeg, balken, strict=True)],
            textposition="outside",
            cliponaxis=False,
            hoverinfo="text",
        )
    )
    fig.add_vline(x=100, line_color="#000", line_width=1)
    fig.add_vline(x=0, line_color="#000", line_width=1)
    fig.update_layout(
        height=120 + 44 * max(len(balken), 1),
        margin={"l": 10, "r": 190, "t": 20, "b": 40},
        xaxis={
            "title": "Zielerreichungsgrad in %",
            "range": [float(SKALA_MIN) - 5, float(SKALA_MAX) + 5],
            "tickvals": [0, 50, 100, 150, 200],
        },
        yaxis={"autorange": "reversed", "automargin": True},
        separators=",.",
        showlegend=False,
    )
    return json.loads(json.dumps(fig.to_plotly_json(), default=str))
