"""Plotly figures of the Sozialraum pages, built in Python and drawn by sozialraum.js.

The map is a go.Choropleth over the stored GeoJSON boundaries with the base map switched
off (geo visible=False, fitbounds="locations"): no tiles, works offline. Every figure has a
text alternative and a data table with the same numbers on the page.
"""

from __future__ import annotations

import json

import plotly.graph_objects as go

from sozialraum.selectors import BenchmarkAnsicht, Raumvergleich

SCHRIFT = {"family": "system-ui, DejaVu Sans, Arial, sans-serif", "size": 14, "color": "#1b1b1b"}


def _ring_gegen_uhrzeigersinn(ring: list) -> list:
    """Give every ring the counter-clockwise order of the GeoJSON right-hand rule, which the
    plotly.js build draws as the polygon itself (the other order fills the rest of the globe)."""
    flaeche = sum(x0 * y1 - x1 * y0 for (x0, y0, *_a), (x1, y1, *_b) in zip(ring, ring[1:], strict=False))
    return list(reversed(ring)) if flaeche < 0 else ring


def _fuer_plotly(geometrie: dict) -> dict:
    if geometrie["type"] == "Polygon":
        return {"type": "Polygon", "coordinates": [_ring_gegen_uhrzeigersinn(r) for r in geometrie["coordinates"]]}
    return {
        "type": "MultiPolygon",
        "coordinates": [[_ring_gegen_uhrzeigersinn(r) for r in poly] for poly in geometrie["coordinates"]],
    }


def karte(vergleich: Raumvergleich, *, titel: str, hoch_ist_gut: bool = False) -> dict | None:
    """Choropleth of one indicator or the index; areas without boundary or value are left out."""
    features, orte, werte, namen = [], [], [], []
    for zeile in vergleich.zeilen:
        if not zeile.raum.grenze or zeile.zelle.wert is None:
            continue
        features.append({"type": "Feature", "id": str(zeile.raum.id), "geometry": _fuer_plotly(zeile.raum.grenze)})
        orte.append(str(zeile.raum.id))
        werte.append(float(zeile.zelle.wert))
        namen.append(zeile.raum.name)
    if not features:
        return None
    figur = go.Figure(
        go.Choropleth(
            geojson={"type": "FeatureCollection", "features": features},
            featureidkey="id",
            locations=orte,
            z=werte,
            text=namen,
            colorscale="Blues" if hoch_ist_gut else "OrRd",
            marker={"line": {"color": "#1b1b1b", "width": 1}},
            hovertemplate="%{text}: %{z:,.2f}<extra></extra>",
            colorbar={"title": {"text": ""}},
        )
    )
    figur.update_geos(fitbounds="locations", visible=False)
    figur.update_layout(
        title={"text": titel},
        font=SCHRIFT,
        separators=",.",
        margin={"l": 0, "r": 0, "t": 50, "b": 0},
        height=480,
        dragmode=False,
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
