"""Treemap of the Zielpyramide: the same tree as the list, coloured by SMART status."""

from __future__ import annotations

import json
from typing import Any

import plotly.graph_objects as go

from steuerung.selectors import baum_knoten

EBENE = {
    "leitziel": "Leitziel",
    "produktgruppenziel": "Produktgruppenziel",
    "produktziel": "Produktziel",
    "teilziel": "Teilziel",
    "massnahme": "Maßnahme",
}
# Colours match the .ampel classes; the status is also written into each tile's text.
FARBE_SMART = "#1e6b2f"
FARBE_MAENGEL = "#a61b1b"


def zielpyramide_treemap(baum: dict[str, Any]) -> dict[str, Any] | None:
    """Plotly figure as a JSON-ready dict, or None for an empty tree."""
    ids, labels, parents, farben, texte = [], [], [], [], []

    def schluessel(knoten):
        return f"{knoten['typ']}-{knoten['id']}"

    eltern: dict[str, str] = {}
    for knoten, _pfad in baum_knoten(baum):
        for kind in knoten["kinder"]:
            eltern[schluessel(kind)] = schluessel(knoten)
        ids.append(schluessel(knoten))
        labels.append(knoten["code"])
        parents.append(eltern.get(schluessel(knoten), ""))
        smart = knoten["smart"]["erfuellt"]
        farben.append(FARBE_SMART if smart else FARBE_MAENGEL)
        status = "SMART erfüllt" if smart else f"{len(knoten['smart']['maengel'])} SMART-Mängel"
        texte.append(f"{EBENE[knoten['typ']]}: {knoten['titel'][:80]}<br>{status}")
    if not ids:
        return None
    figur = go.Figure(
        go.Treemap(
            ids=ids,
            labels=labels,
            parents=parents,
            hovertext=texte,
            hoverinfo="label+text",
            marker={"colors": farben},
            textfont={"color": "#ffffff"},
            maxdepth=3,
        )
    )
    figur.update_layout(margin={"t": 10, "l": 10, "r": 10, "b": 10}, height=460, separators=",.")
    return json.loads(figur.to_json())
