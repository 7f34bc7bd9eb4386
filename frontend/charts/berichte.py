"""Plotly figure of a Tertialbericht: Zielerreichungsgrad per Kennzahl (same data as the PDF's SVG chart)."""

from __future__ import annotations

import json
from decimal import Decimal

import plotly.graph_objects as go

from core.money import runden

FARBE = {"gruen": "#1b7a3a", "gelb": "#b58900", "rot": "#b3261e", "grau": "#8a8a8a"}


def zeg_figur(diagramm: dict) -> dict:
    """Plain-JSON dict (for json_script) of a horizontal bar chart built from the report payload's `diagramm` block."""
    balken = [b for b in diagramm["balken"] if b["zielerreichungsgrad"] is not None]
    namen = [f"{b['code']} {b['bezeichnung']}".strip()[:42] for b in balken]
    werte = [float(Decimal(b["zielerreichungsgrad"])) for b in balken]
    fig = go.Figure(
        go.Bar(
            x=werte,
            y=namen,
            orientation="h",
            marker_color=[FARBE.get(b["ampel"], "#8a8a8a") for b in balken],
            text=[
                f"{runden(Decimal(b['zielerreichungsgrad']), 2):.2f} % ({b['ampel_text']})".replace(".", ",")
                for b in balken
            ],
            textposition="outside",
            hoverinfo="text",
        )
    )
    fig.add_vline(x=100, line_color="#000", line_width=1)
    fig.update_layout(
        height=120 + 32 * max(len(balken), 1),
        margin={"l": 280, "r": 120, "t": 20, "b": 40},
        xaxis={"title": "Zielerreichungsgrad in %", "range": [min([0, *werte]) * 1.15, max([150, *werte]) * 1.15]},
        yaxis={"autorange": "reversed"},
        separators=",.",
        showlegend=False,
    )
    return json.loads(json.dumps(fig.to_plotly_json(), default=str))
