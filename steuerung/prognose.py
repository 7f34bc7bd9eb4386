"""Year-end forecast (Prognose Jahresende): pure functions over Decimal, no ORM.

Every forecast names the method that produced it, so a reader can judge it:
- `summe` Kennzahlen: sum so far / elapsed months * 12 ("hochrechnung"), and with at least two
  complete earlier years also the seasonal forecast: sum so far / mean share of the year total
  that the earlier years had reached by the same month ("saisonal", preferred when available);
- `bestand`, `quote` and `mittelwert`: the least-squares line through the last three values, continued to
  31.12. ("trend"); a single value is carried forward ("letzter_wert").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.money import runden

SUMME = "summe"
MINDEST_VORJAHRE_SAISONAL = 2
# How many complete earlier years the seasonal forecast looks back on.
VORJAHRE_SAISONAL = 5


class Methode(models.TextChoices):
    HOCHRECHNUNG = "hochrechnung", _("Hochrechnung: Summe bisher ÷ vergangene Monate × 12")
    SAISONAL = "saisonal", _("Saisonale Hochrechnung: Summe bisher ÷ mittlerer Anteil der Vorjahre bis zu diesem Monat")
    TREND = "trend", _("Linearer Trend der letzten drei Werte, fortgeschrieben bis 31.12.")
    LETZTER_WERT = "letzter_wert", _("Letzter Wert fortgeschrieben (nur ein Wert vorhanden)")


@dataclass(frozen=True)
class Prognose:
    wert: Decimal
    methode: Methode


def hochrechnung(*, summe_bisher: Decimal, vergangene_monate: int) -> Prognose | None:
    if vergangene_monate <= 0:
        return None
    return Prognose(runden(summe_bisher / Decimal(vergangene_monate) * 12, 2), Methode.HOCHRECHNUNG)


def saisonal(
    *, summe_bisher: Decimal, vergangene_monate: int, vorjahre: Sequence[Sequence[tuple[int, Decimal]]]
) -> Prognose | None:
    """Seasonal forecast from complete earlier years, each a list of (last month of period, value).

    Years whose total is 0 or whose share by that month is 0 carry no seasonal pattern and are skipped.
    """
    anteile: list[Decimal] = []
    for jahr in vorjahre:
        gesamt = sum((wert for _monat, wert in jahr), Decimal(0))
        bis_dahin = sum((wert for monat, wert in jahr if monat <= vergangene_monate), Decimal(0))
        if gesamt != 0 and bis_dahin != 0:
            anteile.append(bis_dahin / gesamt)
    if len(anteile) < MINDEST_VORJAHRE_SAISONAL:
        return None
    mittlerer_anteil = sum(anteile, Decimal(0)) / Decimal(len(anteile))
    return Prognose(runden(summe_bisher / mittlerer_anteil, 2), Methode.SAISONAL)


def trend(werte: Sequence[tuple[date, Decimal]], *, jahresende: date) -> Prognose | None:
    """Least-squares line through the last three (Stichtag, value) pairs, evaluated at `jahresende`."""
    letzte = sorted(werte)[-3:]
    if not letzte:
        return None
    if len(letzte) == 1:
        return Prognose(runden(letzte[0][1], 2), Methode.LETZTER_WERT)
    basis = letzte[0][0]
    xs = [Decimal((tag - basis).days) for tag, _w in letzte]
    ys = [w for _tag, w in letzte]
    n = Decimal(len(letzte))
    mx = sum(xs, Decimal(0)) / n
    my = sum(ys, Decimal(0)) / n
    varianz = sum(((x - mx) ** 2 for x in xs), Decimal(0))
    if varianz == 0:
        return Prognose(runden(my, 2), Methode.TREND)
    steigung = sum(((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)), Decimal(0)) / varianz
    ziel_x = Decimal((jahresende - basis).days)
    return Prognose(runden(my + steigung * (ziel_x - mx), 2), Methode.TREND)


def prognosen(
    *,
    messart: str,
    jahr: int,
    bis_monat: int,
    werte_im_jahr: Sequence[tuple[int, Decimal]],
    vorjahre: Sequence[Sequence[tuple[int, Decimal]]],
    letzte_werte: Sequence[tuple[date, Decimal]],
) -> list[Prognose]:
    """All applicable forecasts, the preferred one first.

    `werte_im_jahr`: (last month of period, value) of the year up to `bis_monat`;
    `vorjahre`: complete earlier years in the same shape; `letzte_werte`: (Stichtag, value) up to now.
    """
    if messart == SUMME:
        if not werte_im_jahr:
            return []
        summe_bisher = sum((w for _m, w in werte_im_jahr), Decimal(0))
        ergebnis = [
            p
            for p in (
                saisonal(summe_bisher=summe_bisher, vergangene_monate=bis_monat, vorjahre=vorjahre),
                hochrechnung(summe_bisher=summe_bisher, vergangene_monate=bis_monat),
            )
            if p is not None
        ]
        return ergebnis
    p = trend(letzte_werte, jahresende=date(jahr, 12, 31))
    return [p] if p else []


def jahresprognosen(
    *,
    messart: str,
    jahr: int,
    bis_monat: int,
    werte_im_jahr: Sequence[tuple[int, Decimal]],
    vorjahre: Sequence[Sequence[tuple[int, Decimal]]],
    letzte_werte: Sequence[tuple[date, Decimal]],
) -> list[Prognose]:
    """As `prognosen`, but only for a Haushaltsjahr that has a value (issue "Kennzahlen II").

    A trend through last year's values says nothing about this year that a reader could check,
    so without a value in the year there is no forecast for any Messart.
    """
    if not werte_im_jahr:
        return []
    return prognosen(
        messart=messart,
        jahr=jahr,
        bis_monat=bis_monat,
        werte_im_jahr=werte_im_jahr,
        vorjahre=vorjahre,
        letzte_werte=letzte_werte,
    )
