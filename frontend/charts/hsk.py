"""Controlling chart of an HSK-Maßnahme: "Plan- und Ist-Einsparungen (in 1.000 €)".

Monthly Soll, brutto and netto as bars, the cumulative values as lines (right axis), the
phases of the sequence as shaded bands over the ist months, the Maßnahmenbeginn and the
Stichtag as marked lines; Prognose months (after the Stichtag) are drawn lighter and hatched
in a grey band. The page shows the same numbers in tables and a text summary (`textalternative`).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

import plotly.graph_objects as go

from controlling.stichtag import Lesemonat, VerlaufAmStichtag
from core.money import format_de

TITEL = "Plan- und Ist-Einsparungen (in 1.000 €)"
PHASEN = {
    "investphase": ("Investphase", "rgba(166, 27, 27, 0.10)"),
    "annaeherungsphase": ("Annäherungsphase", "rgba(154, 103, 0, 0.12)"),
    "ueberschussphase": ("Überschussphase", "rgba(30, 107, 47, 0.12)"),
}
PROGNOSEFARBE = "rgba(107, 114, 128, 0.14)"
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


def _phasenbaender(monate: Sequence[Lesemonat]) -> list[tuple[str, str, str, bool]]:
    """Contiguous runs of the same phase over the ist months as (phase, first, last, began with a Rückfall)."""
    baender: list[tuple[str, str, str, bool]] = []
    for m in monate:
        if m.phase is None:
            continue
        if baender and baender[-1][0] == m.phase:
            baender[-1] = (m.phase, baender[-1][1], m.monat, baender[-1][3])
        else:
            baender.append((m.phase, m.monat, m.monat, m.rueckfall))
    return baender


def _monatsanfang(schluessel: str) -> str:
    return f"{schluessel}-01"


def _monatsende(schluessel: str) -> str:
    j, m = int(schluessel[:4]), int(schluessel[5:7])
    j, m = (j + 1, 1) if m == 12 else (j, m + 1)
    return date(j, m, 1).isoformat()


def datum_de(tag: date) -> str:
    return tag.strftime("%d.%m.%Y")


def _balken(figur: go.Figure, monate: Sequence[Lesemonat]) -> None:
    """Soll as one series; brutto and netto split into Ist (solid) and Prognose (light, hatched) bars.

    Ist and Prognose of the same value share an offset group, so they stand in the same slot
    of their month and the months line up with the phase bands.
    """
    x = [f"{m.monat}-15" for m in monate]
    figur.add_bar(
        x=x, y=[_tausend(m.soll) for m in monate], name="Soll (Monat)", marker_color="#6b7280", offsetgroup="soll"
    )
    for name, feld, farbe in (("brutto", "brutto", "#1d4f91"), ("netto", "netto", "#0f766e")):
        for art, teil in (("Ist", [m for m in monate if m.ist]), ("Prognose", [m for m in monate if not m.ist])):
            if not teil:
                continue
            prognose = art == "Prognose"
            figur.add_bar(
                x=[f"{m.monat}-15" for m in teil],
                y=[_tausend(getattr(m, feld)) for m in teil],
                name=f"{art} {name} (Monat)",
                offsetgroup=feld,
                marker={
                    "color": farbe,
                    "opacity": 0.4 if prognose else 1,
                    "pattern": {"shape": "/" if prognose else "", "fgcolor": "#ffffff", "solidity": 0.35},
                    "line": {"color": farbe, "width": 1 if prognose else 0},
                },
            )


def _linien(figur: go.Figure, monate: Sequence[Lesemonat]) -> None:
    """Cumulative lines (right axis); the Prognose part of brutto and netto is drawn lighter and thinner."""
    figur.add_scatter(
        x=[f"{m.monat}-15" for m in monate],
        y=[_tausend(m.soll_kumuliert) for m in monate],
        name="Soll kumuliert",
        mode="lines",
        line={"color": "#374151", "dash": "dash", "width": 2.5},
        yaxis="y2",
    )
    ist = [m for m in monate if m.ist]
    for name, feld, farbe, strich in (
        ("brutto kumuliert", "brutto_kumuliert", "#1d4f91", "solid"),
        ("netto kumuliert", "netto_kumuliert", "#0f766e", "dot"),
    ):
        # The Prognose line starts at the last ist month, so both parts join.
        teile = [("Ist", ist, 2.5, 1.0), ("Prognose", list(monate[max(len(ist) - 1, 0) :]), 1.5, 0.5)]
        for art, teil, breite, deckkraft in teile:
            if not teil or (art == "Prognose" and len(ist) == len(monate)):
                continue
            figur.add_scatter(
                x=[f"{m.monat}-15" for m in teil],
                y=[_tausend(getattr(m, feld)) for m in teil],
                name=f"{art} {name}",
                mode="lines",
                line={"color": farbe, "dash": strich, "width": breite},
                opacity=deckkraft,
                yaxis="y2",
            )


def _senkrechte(figur: go.Figure, x: str, text: str, *, oben: bool) -> None:
    figur.add_vline(x=x, line_width=2, line_dash="dash" if not oben else "solid", line_color="#111827")
    figur.add_annotation(
        x=x,
        y=1 if oben else 0,
        yref="paper",
        text=text,
        showarrow=False,
        xanchor="left",
        yanchor="top" if oben else "bottom",
        bgcolor="rgba(255,255,255,0.85)",
        font={"size": 12, "color": "#111827"},
    )


def konsolidierungsverlauf(monate: Sequence[Lesemonat], *, beginn: date, stichtag: date) -> dict[str, Any] | None:
    """Plotly figure as a JSON-ready dict; None without computed months.

    Phase bands cover the ist months (phases as a sequence); the Prognose months lie in a grey
    band after the labelled Stichtag line.
    """
    if not monate:
        return None
    figur = go.Figure()
    _balken(figur, monate)
    _linien(figur, monate)
    for phase, von, bis, rueckfall in _phasenbaender(monate):
        text, farbe = PHASEN[phase]
        # Short bands get no label (they would overlap); the text summary names every band.
        breit = (int(bis[:4]) - int(von[:4])) * 12 + int(bis[5:7]) - int(von[5:7]) >= 2
        figur.add_vrect(
            x0=_monatsanfang(von),
            x1=_monatsende(bis),
            fillcolor=farbe,
            line_width=0,
            layer="below",
            annotation_text=(f"{text} (Rückfall)" if rueckfall else text) if breit else "",
            annotation_position="top left",
            annotation_font_size=11,
        )
    prognose = [m for m in monate if not m.ist]
    if prognose:
        figur.add_vrect(
            x0=_monatsanfang(prognose[0].monat),
            x1=_monatsende(prognose[-1].monat),
            fillcolor=PROGNOSEFARBE,
            line_width=0,
            layer="below",
            annotation_text="Prognose" if len(prognose) >= 2 else "",
            annotation_position="top right",
            annotation_font_size=11,
        )
    _senkrechte(figur, beginn.isoformat(), "Maßnahmenbeginn", oben=False)
    if prognose and len(prognose) < len(monate):
        _senkrechte(figur, _monatsanfang(prognose[0].monat), f"Stichtag {datum_de(stichtag)}", oben=True)
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


def textalternative(gelesen: VerlaufAmStichtag) -> str:
    """German summary of the chart for screen readers and print."""
    monate = gelesen.monate
    if not monate:
        return "Für diese Maßnahme liegt noch kein berechneter Verlauf vor."
    teile = [f"Der Verlauf reicht von {monat_lang(monate[0].monat)} bis {monat_lang(monate[-1].monat)}."]
    ist = gelesen.ist_monate
    stichtag = datum_de(gelesen.stichtag)
    if not ist:
        teile.append(f"Zum Stichtag {stichtag} liegt noch kein Ist vor; alle Monate sind Prognose.")
    elif len(ist) == len(monate):
        teile.append(f"Alle Monate sind Ist (Stichtag {stichtag}).")
    else:
        teile.append(
            f"Ist bis {monat_lang(ist[-1].monat)} (Stichtag {stichtag}), Prognose aus den laufenden Fällen "
            f"ab {monat_lang(monate[len(ist)].monat)}."
        )
    for phase, von, bis, rueckfall in _phasenbaender(monate):
        text = PHASEN[phase][0] + (" nach Rückfall" if rueckfall else "")
        teile.append(
            f"{text}: {monat_lang(von)} bis {monat_lang(bis)}." if von != bis else f"{text}: {monat_lang(von)}."
        )
    if ist:
        letzter = ist[-1]
        teile.append(
            f"Kumuliert bis {monat_lang(letzter.monat)}: Soll {format_de(letzter.soll_kumuliert, 2, '€')}, "
            f"Ist brutto {format_de(letzter.brutto_kumuliert, 2, '€')}, "
            f"Ist netto {format_de(letzter.netto_kumuliert, 2, '€')}."
        )
    if len(ist) < len(monate):
        ende = monate[-1]
        teile.append(
            f"Prognose kumuliert bis {monat_lang(ende.monat)}: brutto {format_de(ende.brutto_kumuliert, 2, '€')}, "
            f"netto {format_de(ende.netto_kumuliert, 2, '€')}."
        )
    teile.append(
        f"Die Maßnahme amortisiert sich ab {monat_lang(gelesen.amortisation)}."
        if gelesen.amortisation
        else "Die Maßnahme hat sich bis zum Stichtag noch nicht amortisiert."
    )
    # Said once when the forecast does not change the month (reviewer: the same month twice).
    if len(ist) < len(monate) and not (gelesen.amortisation and gelesen.amortisation == gelesen.amortisation_prognose):
        teile.append(
            f"Nach der Prognose amortisiert sie sich ab {monat_lang(gelesen.amortisation_prognose)}."
            if gelesen.amortisation_prognose
            else "Auch nach der Prognose amortisiert sie sich im betrachteten Zeitraum nicht."
        )
    return " ".join(teile)
