"""Chart of one Kennzahl: Ist per period, Soll line, corridor band, forecast and the baseline.

The page shows the same numbers in a table and a text summary (`textalternative`); colour is
never the only carrier (Ist as markers + line or bars, Soll dashed, forecast as a diamond).

Every figure is drawn on the scale it shows. A sum collected per tertial or month is judged on
the year to date, so it gets two panels: its per-period bars (own Ist and Soll) and the
cumulative view (Ist kumuliert, Soll kumuliert up to the year's Soll, the forecast at 31.12. and
the annual baseline, which is a year total like them). Every other Kennzahl is one line chart.
The baseline appears once, with the number the table shows; the forecast sits on the period that
ends on 31.12., and exists only when the year has a value (steuerung.periodenbewertung).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from decimal import Decimal
from itertools import groupby

import plotly.graph_objects as go
from django.utils.translation import gettext as _
from plotly.subplots import make_subplots

from core.money import format_de
from core.periods import Periode, perioden_im_jahr
from steuerung.auswertung import Auswertung
from steuerung.kennzahlverlauf import Verlaufspunkt

IST_FARBE = "#0b5cad"
SOLL_FARBE = "#1d3f6e"
PROGNOSE_FARBE = "#9a6700"
KORRIDOR_FARBE = "rgba(30, 107, 47, 0.15)"


def _f(wert: Decimal | None) -> float | None:
    # Plotly needs floats; exact values are in the table next to the chart.
    return None if wert is None else float(wert)


def _x(periode: Periode) -> str:
    """The period's name as an axis category, the year on a second line so no label is cut."""
    name, _leer, jahr = periode.bezeichnung.rpartition(" ")
    return f"{name}<br>{jahr}" if name else jahr


def _jahresende_x(auswertung: Auswertung) -> str:
    """The category of the period that ends on 31.12. of the evaluated year (where a forecast lands)."""
    p = auswertung.periode
    return _x(perioden_im_jahr(p.jahr, p.rhythmus)[-1])


def _korridor(fig: go.Figure, x: list[str], unten: list, oben: list, *, spalte: int | None, legende: bool) -> None:
    if not any(v is not None for v in unten):
        return
    ort = {"row": 1, "col": spalte} if spalte else {}
    fig.add_trace(go.Scatter(x=x, y=unten, mode="lines", line={"width": 0}, showlegend=False, hoverinfo="skip"), **ort)
    fig.add_trace(
        go.Scatter(
            x=x,
            y=oben,
            mode="lines",
            line={"width": 0},
            fill="tonexty",
            fillcolor=KORRIDOR_FARBE,
            name=_("Zielkorridor"),
            legendgroup="korridor",
            showlegend=legende,
        ),
        **ort,
    )


def _basis(fig: go.Figure, x: list[str], auswertung: Auswertung, *, spalte: int | None) -> None:
    """The Ausgangswert as a dotted line, labelled with the number the table shows."""
    k = auswertung.kennzahl
    if k.ausgangswert is None or not x:
        return
    ort = {"row": 1, "col": spalte} if spalte else {}
    # A trace rather than a shape, so the axis range always includes the baseline.
    fig.add_trace(
        go.Scatter(
            x=x,
            y=[float(k.ausgangswert)] * len(x),
            mode="lines",
            name=_("Ausgangswert %(jahr)s: %(wert)s")
            % {"jahr": k.ausgangsjahr or "", "wert": format_de(k.ausgangswert, 2)},
            line={"dash": "dot", "color": "#555"},
        ),
        **ort,
    )


def _prognose(fig: go.Figure, auswertung: Auswertung, *, spalte: int | None) -> None:
    if auswertung.prognose is None:
        return
    ort = {"row": 1, "col": spalte} if spalte else {}
    fig.add_trace(
        go.Scatter(
            x=[_jahresende_x(auswertung)],
            y=[float(auswertung.prognose.wert)],
            mode="markers",
            name=_("Prognose 31.12.%(jahr)s") % {"jahr": auswertung.periode.jahr},
            marker={"size": 13, "symbol": "diamond", "color": PROGNOSE_FARBE},
        ),
        **ort,
    )


def _linie(punkte: Sequence[Verlaufspunkt], auswertung: Auswertung) -> go.Figure:
    k = auswertung.kennzahl
    x = [_x(p.periode) for p in punkte]
    fig = go.Figure()
    _korridor(
        fig, x, [_f(p.korridor_unten) for p in punkte], [_f(p.korridor_oben) for p in punkte], spalte=None, legende=True
    )
    fig.add_trace(
        go.Scatter(
            x=x,
            y=[_f(p.soll) for p in punkte],
            mode="lines",
            name=_("Soll"),
            line={"dash": "dash", "color": SOLL_FARBE},
        )
    )
    fig.add_trace(
        go.Scatter(
            x=x,
            y=[_f(p.ist) for p in punkte],
            mode="lines+markers",
            name=_("Ist"),
            line={"color": IST_FARBE, "width": 3},
            marker={"size": 9, "symbol": "circle"},
        )
    )
    _basis(fig, x, auswertung, spalte=None)
    if x:
        _prognose(fig, auswertung, spalte=None)
    fig.update_layout(yaxis={"title": {"text": k.einheit or _("Wert")}, "separatethousands": True})
    return fig


def _kumuliert(punkte: Sequence[Verlaufspunkt], auswertung: Auswertung) -> go.Figure:
    """Per-period bars on the left, the year to date on the right (one line per Haushaltsjahr)."""
    k = auswertung.kennzahl
    fig = make_subplots(
        rows=1,
        cols=2,
        subplot_titles=(_("Je Periode"), _("Im Jahr bis dahin (kumuliert)")),
        horizontal_spacing=0.1,
    )
    x = [_x(p.periode) for p in punkte]
    _korridor(
        fig, x, [_f(p.korridor_unten) for p in punkte], [_f(p.korridor_oben) for p in punkte], spalte=1, legende=True
    )
    fig.add_trace(
        go.Bar(x=x, y=[_f(p.ist) for p in punkte], name=_("Ist je Periode"), marker={"color": IST_FARBE}),
        row=1,
        col=1,
    )
    fig.add_trace(
        go.Scatter(
            x=x,
            y=[_f(p.soll) for p in punkte],
            mode="lines+markers",
            name=_("Soll je Periode"),
            line={"dash": "dash", "color": SOLL_FARBE},
            marker={"symbol": "line-ew-open", "size": 14},
        ),
        row=1,
        col=1,
    )

    alle_x: list[str] = []
    for i, (jahr, gruppe) in enumerate(groupby(punkte, key=lambda p: p.periode.jahr)):
        jahr_punkte = list(gruppe)
        jx = [_x(p.periode) for p in jahr_punkte]
        soll_y = [_f(p.soll_kumuliert) for p in jahr_punkte]
        if jahr == auswertung.periode.jahr and auswertung.soll_jahresende is not None:
            ende = _jahresende_x(auswertung)
            if ende not in jx:
                # The Soll kumuliert line runs on to the year's Soll, where the forecast is judged.
                jx, soll_y = [*jx, ende], [*soll_y, _f(auswertung.soll_jahresende)]
        alle_x += jx
        _korridor(
            fig,
            [_x(p.periode) for p in jahr_punkte],
            [_f(p.korridor_kumuliert_unten) for p in jahr_punkte],
            [_f(p.korridor_kumuliert_oben) for p in jahr_punkte],
            spalte=2,
            legende=False,
        )
        fig.add_trace(
            go.Scatter(
                x=jx,
                y=soll_y,
                mode="lines",
                name=_("Soll kumuliert"),
                legendgroup="soll_kumuliert",
                showlegend=i == 0,
                line={"dash": "dash", "color": SOLL_FARBE},
            ),
            row=1,
            col=2,
        )
        fig.add_trace(
            go.Scatter(
                x=[_x(p.periode) for p in jahr_punkte],
                y=[_f(p.ist_kumuliert) for p in jahr_punkte],
                mode="lines+markers",
                name=_("Ist kumuliert"),
                legendgroup="ist_kumuliert",
                showlegend=i == 0,
                line={"color": IST_FARBE, "width": 3},
                marker={"size": 9, "symbol": "circle"},
            ),
            row=1,
            col=2,
        )
    _basis(fig, alle_x, auswertung, spalte=2)
    if alle_x:
        _prognose(fig, auswertung, spalte=2)
    einheit = k.einheit or _("Wert")
    fig.update_yaxes(title_text=einheit, separatethousands=True, row=1, col=1)
    fig.update_yaxes(separatethousands=True, row=1, col=2)
    return fig


def figur(*, punkte: Sequence[Verlaufspunkt], auswertung: Auswertung) -> dict:
    fig = _kumuliert(punkte, auswertung) if auswertung.kumuliert else _linie(punkte, auswertung)
    fig.update_layout(
        margin={"l": 60, "r": 20, "t": 40, "b": 60},
        legend={"orientation": "h", "y": -0.2},
        separators=",.",
        template="simple_white",
        height=400,
    )
    fig.update_xaxes(tickangle=0, automargin=True)
    # Round-trip through JSON so the template's json_script gets plain types only.
    return json.loads(json.dumps(fig.to_plotly_json(), default=str))


def textalternative(*, punkte: Sequence[Verlaufspunkt], auswertung: Auswertung) -> str:
    """The chart's statement in words, with the ZEG read aloud (steuerung.bewertung_text)."""
    a = auswertung
    werte = {
        "n": len(punkte),
        "periode": a.periode.bezeichnung,
        "ist": format_de(a.ist, 2),
        "soll": format_de(a.soll, 2),
        "ist_kum": format_de(a.ist_kumuliert, 2),
        "soll_kum": format_de(a.soll_kumuliert, 2),
        "zeg": a.zeg_text,
        "bewertung": a.bewertung_text,
        "ampel": a.ampel_text,
    }
    teile = [_("Verlauf von %(n)s Perioden bis %(periode)s.") % werte]
    if a.kumuliert and a.ist is not None:
        teile.append(
            _(
                "Ist %(ist)s, Soll %(soll)s; im Jahr bis dahin %(ist_kum)s von %(soll_kum)s: "
                "Zielerreichung %(zeg)s, %(bewertung)s, Ampel %(ampel)s."
            )
            % werte
        )
    elif a.ist is not None:
        teile.append(_("Ist %(ist)s, Soll %(soll)s, Zielerreichung %(zeg)s: %(bewertung)s, Ampel %(ampel)s.") % werte)
    else:
        teile.append(_("Für %(periode)s liegt noch kein Wert vor; Soll %(soll)s. Bewertung: %(bewertung)s.") % werte)
    if a.prognose:
        teile.append(
            _(
                "Prognose zum Jahresende %(wert)s (%(methode)s), am Soll zum 31.12. von %(soll)s: %(zeg)s, %(bewertung)s."
            )
            % {
                "wert": format_de(a.prognose.wert, 2),
                "methode": a.prognose.methode.label,
                "soll": format_de(a.soll_jahresende, 2),
                "zeg": a.prognose_zeg_text,
                "bewertung": a.prognose_bewertung_text,
            }
        )
    return " ".join(teile)
