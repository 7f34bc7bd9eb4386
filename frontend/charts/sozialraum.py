"""Plotly figures of the Sozialraum pages, built in Python and drawn by sozialraum.js.

The map draws the stored GeoJSON boundaries as filled shapes: no tiles, no downloads, works
offline. Every figure has a
text alternative and a data table with the same numbers on the page.
"""

from __future__ import annotations

import json
import math

import plotly.graph_objects as go
from plotly.colors import sample_colorscale

from core.money import format_de
from sozialraum.benchmark import BenchmarkAnsicht
from sozialraum.raumvergleich import Raumvergleich

SCHRIFT = {"family": "system-ui, DejaVu Sans, Arial, sans-serif", "size": 14, "color": "#1b1b1b"}


def _ringe(geometrie: dict) -> list[list]:
    """Outer rings of a GeoJSON Polygon or MultiPolygon (holes are not drawn)."""
    if geometrie["type"] == "Polygon":
        return [geometrie["coordinates"][0]]
    return [poly[0] for poly in geometrie["coordinates"]]


def karte(vergleich: Raumvergleich, *, titel: str, hoch_ist_gut: bool = False) -> dict | None:
    """Map of one indicator or the index: each area a filled polygon on plain x/y axes.

    plotly's geo projections fetch a world outline from a CDN even with the base map off,
    which fails in closed municipal networks; filled scatter shapes need nothing external.
    Areas without boundary or value are left out.
    """
    zeilen = [z for z in vergleich.zeilen if z.raum.grenze and z.zelle.wert is not None]
    if not zeilen:
        return None
    skala = "Blues" if hoch_ist_gut else "OrRd"
    werte = [float(z.zelle.wert) for z in zeilen]
    tief, hoch = min(werte), max(werte)
    spanne = (hoch - tief) or 1.0
    farben = sample_colorscale(skala, [0.15 + 0.85 * (w - tief) / spanne for w in werte])
    figur = go.Figure()
    breiten = []
    for zeile, farbe in zip(zeilen, farben, strict=True):
        for ring in _ringe(zeile.raum.grenze):
            xs = [p[0] for p in ring]
            ys = [p[1] for p in ring]
            breiten.extend(ys)
            figur.add_trace(
                go.Scatter(
                    x=xs,
                    y=ys,
                    fill="toself",
                    fillcolor=farbe,
                    mode="lines",
                    line={"color": "#1b1b1b", "width": 1},
                    name=zeile.raum.name,
                    text=f"{zeile.raum.name}: {format_de(zeile.zelle.wert, 2)}",
                    hoverinfo="text",
                    hoveron="fills",
                    showlegend=False,
                )
            )
        ring = _ringe(zeile.raum.grenze)[0]
        figur.add_trace(
            go.Scatter(
                x=[sum(p[0] for p in ring[:-1]) / max(len(ring) - 1, 1)],
                y=[sum(p[1] for p in ring[:-1]) / max(len(ring) - 1, 1)],
                mode="text",
                text=[zeile.raum.name],
                textfont={"size": 11, "color": "#1b1b1b"},
                hoverinfo="skip",
                showlegend=False,
            )
        )
    # An invisible marker trace carries the colour bar for the value range.
    figur.add_trace(
        go.Scatter(
            x=[None],
            y=[None],
            mode="markers",
            marker={"colorscale": skala, "cmin": tief, "cmax": hoch, "color": [tief], "showscale": True},
            hoverinfo="skip",
            showlegend=False,
        )
    )
    mitte = sum(breiten) / len(breiten)
    achse = {"visible": False, "fixedrange": True}
    figur.update_layout(
        title={"text": titel},
        font=SCHRIFT,
        separators=",.",
        margin={"l": 0, "r": 0, "t": 50, "b": 0},
        height=480,
        dragmode=False,
        plot_bgcolor="#ffffff",
        xaxis=achse,
        # Degrees of longitude shrink with latitude: keep the shapes' proportions.
        yaxis={**achse, "scaleanchor": "x", "scaleratio": 1 / math.cos(math.radians(mitte))},
    )
    return json.loads(figur.to_json())


def benchmark(ansicht: BenchmarkAnsicht, *, titel: str) -> dict | None:
    """Box plot of the peers (quartiles as QUARTILE.INC) with the own value as a marker."""
    e = ansicht.ergebnis
    if not e.werte:
        return None
    figur = go.Figure()
    figur.add_trace(
        go.Box(
            x=[float(w) for _, w in e.werte],
            text=[k for k, _ in e.werte],
            name="Vergleichskommunen",
            boxpoints="all",
            pointpos=0,
            quartilemethod="inclusive",
            marker={"color": "#004b87"},
            line={"color": "#004b87"},
            hovertemplate="%{text}: %{x:,.2f}<extra></extra>",
            orientation="h",
        )
    )
    if e.eigener_wert is not None:
        figur.add_trace(
            go.Scatter(
                x=[float(e.eigener_wert)],
                y=["Vergleichskommunen"],
                mode="markers+text",
                text=["eigene Kommune"],
                textposition="top center",
                name="eigene Kommune",
                marker={"symbol": "diamond", "size": 16, "color": "#a61b1b", "line": {"color": "#1b1b1b", "width": 1}},
            )
        )
    figur.update_layout(
        title={"text": titel},
        font=SCHRIFT,
        separators=",.",
        height=320,
        margin={"l": 40, "r": 20, "t": 60, "b": 40},
        showlegend=False,
        yaxis={"showticklabels": False},
    )
    return json.loads(figur.to_json())
