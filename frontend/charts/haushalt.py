"""Chart of the Finanzdatenblatt: "Zuschussbedarf je Haushaltsjahr (in €)".

Ansatz, fortgeschriebener Ansatz and Ist as grouped bars per year, the Prognose as a marker.
The page shows the same numbers in a data table and a text summary (`textalternative`).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import plotly.graph_objects as go

from core.money import format_de

TITEL = "Zuschussbedarf je Haushaltsjahr (in €)"
REIHEN = (
    ("Ansatz", "ansatz", "#6b7280"),
    ("fortgeschriebener Ansatz", "fortgeschriebener_ansatz", "#9a6700"),
    ("Ist", "ist", "#1d4f91"),
)
BALKENBREITE = 0.26  # in years; three bars leave a gap to the next year


def _zahl(wert: Decimal | None) -> float | None:
    # Plotly needs floats; the exact values are in the table beside the chart.
    return None if wert is None else float(wert)


def _versatz(werte_je_reihe: dict[str, list[float | None]]) -> dict[str, list[float]]:
    """Left edge of each bar relative to its year: a year's bars (only those with a value) are
    centred on the tick, so a year with just an Ist does not sit beside an empty Ansatz slot."""
    versatz: dict[str, list[float]] = {feld: [] for feld in werte_je_reihe}
    for i in range(len(next(iter(werte_je_reihe.values())))):
        vorhanden = [feld for feld, werte in werte_je_reihe.items() if werte[i] is not None]
        for feld in werte_je_reihe:
            platz = vorhanden.index(feld) if feld in vorhanden else 0
            versatz[feld].append(round((platz - len(vorhanden) / 2) * BALKENBREITE, 4))
    return versatz


def zuschussbedarf_verlauf(verlauf: Sequence[Any]) -> dict[str, Any] | None:
    """Plotly figure as a JSON-ready dict; None without any year."""
    if not verlauf:
        return None
    # A numeric year axis (not categories): a year without data stays an empty slot, so 2021 and
    # 2025 never look adjacent, and the grouped bars sit centred on their year's tick.
    x = [j.jahr for j in verlauf]
    figur = go.Figure()
    werte_je_reihe = {feld: [_zahl(getattr(j, feld)) for j in verlauf] for _, feld, _ in REIHEN}
    versatz = _versatz(werte_je_reihe)
    for name, feld, farbe in REIHEN:
        werte = werte_je_reihe[feld]
        if any(w is not None for w in werte):
            figur.add_bar(x=x, y=werte, name=name, marker_color=farbe, width=BALKENBREITE, offset=versatz[feld])
    prognose = [_zahl(j.prognose) for j in verlauf]
    if any(w is not None for w in prognose):
        figur.add_scatter(
            x=x,
            y=prognose,
            name="Prognose",
            mode="markers",
            marker={"symbol": "diamond", "size": 13, "color": "#a61b1b", "line": {"width": 1, "color": "#111827"}},
        )
    figur.update_layout(
        barmode="overlay",  # positions come from `offset`, see _versatz
        height=400,
        margin={"t": 30, "l": 90, "r": 20, "b": 40},
        separators=",.",
        legend={"orientation": "h", "y": -0.15},
        yaxis={"title": {"text": "€"}, "tickformat": ",.0f", "zeroline": True, "zerolinecolor": "#111827"},
        xaxis={
            "type": "linear",
            "title": {"text": "Haushaltsjahr"},
            "tick0": x[0],
            "dtick": 1,
            "tickformat": "d",
            "range": [x[0] - 0.5, x[-1] + 0.5],
        },
        hovermode="x unified",
    )
    return json.loads(figur.to_json())


def textalternative(verlauf: Sequence[Any]) -> str:
    """German summary of the chart for screen readers and print."""
    if not verlauf:
        return "Für diese Auswahl liegen noch keine Haushaltsdaten vor."
    teile = [f"Zuschussbedarf der Haushaltsjahre {verlauf[0].jahr} bis {verlauf[-1].jahr}."]
    for j in verlauf:
        werte = [
            f"{text} {format_de(getattr(j, feld), 2, '€')}"
            for text, feld in (("Ansatz", "ansatz"), ("fortgeschriebener Ansatz", "fortgeschriebener_ansatz"))
            if getattr(j, feld) is not None
        ]
        if j.ist is not None:
            stand = f" (Stand {j.ist_stichtag:%d.%m.%Y})" if j.ist_stichtag else ""
            werte.append(f"Ist{stand} {format_de(j.ist, 2, '€')}")
        if j.prognose is not None:
            werte.append(f"Prognose {format_de(j.prognose, 2, '€')}")
        teile.append(f"{j.jahr}: {', '.join(werte)}.")
    if luecken := fehlende_jahre(verlauf):
        teile.append(f"Ohne Haushaltsdaten: {', '.join(str(j) for j in luecken)}.")
    return " ".join(teile)


def fehlende_jahre(verlauf: Sequence[Any]) -> list[int]:
    """Years between the first and the last one that have no data (shown as gaps on the axis)."""
    vorhanden = {j.jahr for j in verlauf}
    return [j for j in range(verlauf[0].jahr, verlauf[-1].jahr + 1) if j not in vorhanden] if verlauf else []
