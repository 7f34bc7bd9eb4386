"""Staff costs from the Stellen of a measure: pure functions over Decimal (no ORM).

personalkosten(m) = Σ over the Stellen of jahreskosten / 12 × days of m in [Stelle's beginn,
Stelle's ende] ∩ [measure beginn, measure ende] / T(m), summed exactly and rounded to cents
once per month (controlling.verlauf does the month loop). A Stelle without beginn or ende
takes the measure's. Without Stellen the measure's yearly figure applies over its runtime,
which is the same formula with one Stelle spanning the measure.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

NULL = Decimal("0.00")


@dataclass(frozen=True)
class Stellenzeitraum:
    """What the curve needs of one Stelle."""

    jahreskosten: Decimal
    beginn: date | None = None
    ende: date | None = None


def kostenzeitraeume(
    *, beginn: date, ende: date | None, personalkosten_jahr: Decimal, stellen: Sequence[Stellenzeitraum]
) -> list[tuple[date, date | None, Decimal]]:
    """(von, bis, jahreskosten) per Stelle, clipped to the measure; None as `bis` means open-ended.

    Without Stellen: one interval over the measure with its `personalkosten_jahr`. A Stelle
    entirely outside the measure yields an empty interval (bis < von), which counts no day.
    """
    if not stellen:
        return [(beginn, ende, personalkosten_jahr)]
    zeitraeume = []
    for s in stellen:
        von = max(s.beginn or beginn, beginn)
        bis = s.ende or ende
        if ende is not None and bis is not None:
            bis = min(bis, ende)
        zeitraeume.append((von, bis, s.jahreskosten))
    return zeitraeume


def personalkosten_jahr_aus_stellen(stellen: Iterable[Mapping[str, Any] | Stellenzeitraum]) -> Decimal:
    """The measure's yearly staff cost at full staffing: Σ jahreskosten of its Stellen."""
    summe = NULL
    for s in stellen:
        summe += Decimal(s.jahreskosten if isinstance(s, Stellenzeitraum) else s["jahreskosten"])
    return summe
