"""Chart of one Kennzahl: Ist per period, Soll line, corridor band, forecast and the baseline.

The page shows the same numbers in a table and a text summary (`textalternative`); colour is
never the only carrier (Ist as markers + line, Soll dashed, forecast as a diamond).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from decimal import Decimal

import plotly.graph_objects as go

from core.money import format_de
from steuerung.auswertung import Auswertung, Verlaufspunkt, jahreswerte_anteilig


def _f(wert: Decimal | None) -> float | None:
    # Plotly needs floats; exact values are in the table next to the chart.
    return None if wert is None else float(wert)


def figur(*, punkte: Sequence[Verlaufspunkt], auswertung: Auswertung) -> dict:
    k = auswertung.kennzahl
    x = [p.periode.bezeichnung for p in punkte]
    fig = go.Figure()
    unten = [_f(p.korridor_unten) for p in punkte]
    oben = [_f(p.korridor_oben) for p in punkte]
    if any(v is not None for v in unten):
        fig.add_trace(go.Scatter(x=x, y=unten, mode="lines", line={"width": 0}, showlegend=False, hoverinfo="skip"))
        fig.add_trace(
            go.Scatter(
                x=x,
                y=oben,
                mode="lines",
                line={"width": 0},
                fill="tonexty",
                fillcolor="rgba(30, 107, 47, 0.15)",
                name="Zielkorridor",
            )
        )
    fig.add_trace(
        go.Scatter(
            x=x, y=[_f(p.soll) for p in punkte], mode="lines", name="Soll", line={"dash": "dash", "color": "#1d3f6e"}
        )
    )
    fig.add_trace(
        go.Scatter(
            x=x,
            y=[_f(p.ist) for p in punkte],
            mode="lines+markers",
            name="Ist",
            line={"color": "#0b5cad", "width": 3},
            marker={"size": 9, "symbol": "circle"},
        )
    )
    # For sums per tertial or month the annual baseline is shown as its share of the year.
    basis = jahreswerte_anteilig(k, auswertung.periode)[0]
    if basis is not None and x:
        # A trace rather than a shape, so the axis range always includes the baseline.
        fig.add_trace(
            go.Scatter(
                x=x,
                y=[float(basis)] * len(x),
                mode="lines",
                name=f"Ausgangswert {k.ausgangsjahr or ''}: {format_de(basis, 2)}",
                line={"dash": "dot", "color": "#555"},
            )
        )
    if auswertung.prognose and x:
        fig.add_trace(
            go.Scatter(
                x=[x[-1]],
                y=[float(auswertung.prognose.wert)],
                mode="markers",
                name=f"Prognose 31.12.{auswertung.periode.jahr}",
                marker={"size": 13, "symbol": "diamond", "color": "#9a6700"},
            )
        )
    fig.update_layout(
        margin={"l": 60, "r": 20, "t": 30, "b": 60},
        legend={"orientation": "h", "y": -0.2},
        yaxis={"title": {"text": k.einheit or "Wert"}, "separatethousands": True},
        separators=",.",
        template="simple_white",
        height=380,
    )
    # Round-trip through JSON so the template's json_script gets plain types only.
    return json.loads(json.dumps(fig.to_plotly_json(), default=str))


def textalternative(*, punkte: Sequence[Verlaufspunkt], auswertung: Auswertung) -> str:
    a = auswertung
    teile = [f"Verlauf von {len(punkte)} Perioden bis {a.periode.bezeichnung}."]
    if a.ist is not None:
        teile.append(
            f"Ist {format_de(a.ist, 2)}, Soll {format_de(a.soll, 2)}, Zielerreichung {format_de(a.zielerreichungsgrad, 2)} %: {a.bewertung.label}, Ampel {a.ampel.label}."
        )
    else:
        teile.append(f"Für {a.periode.bezeichnung} liegt noch kein Wert vor; Soll {format_de(a.soll, 2)}.")
    if a.prognose:
        teile.append(f"Prognose zum Jahresende {format_de(a.prognose.wert, 2)} ({a.prognose.methode.label}).")
    return " ".join(teile)
