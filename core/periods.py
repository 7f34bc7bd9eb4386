"""Haushaltsjahr, Tertial and month boundaries: the one place that knows the calendar.

Period keys: "2025" (year), "2025-T1".."2025-T3" (Jan–Apr, May–Aug, Sep–Dec), "2025-03" (month).
"""

from __future__ import annotations

import calendar
import functools
import re
from dataclasses import dataclass
from datetime import date, timedelta

_MUSTER = re.compile(r"^(?P<jahr>\d{4})(?:-(?:T(?P<tertial>[123])|(?P<monat>0[1-9]|1[0-2])))?$")


class Rhythmus:
    JAHR = "jahr"
    TERTIAL = "tertial"
    MONAT = "monat"


@dataclass(frozen=True, order=True)
class Periode:
    """A reporting period; ordered by its start, then by its length."""

    beginn: date
    ende: date
    schluessel: str
    rhythmus: str

    @property
    def jahr(self) -> int:
        return self.beginn.year

    @property
    def bezeichnung(self) -> str:
        if self.rhythmus == Rhythmus.TERTIAL:
            return f"{self.schluessel[-1]}. Tertial {self.jahr}"
        if self.rhythmus == Rhythmus.MONAT:
            return f"{self.beginn.month:02d}/{self.jahr}"
        return f"Haushaltsjahr {self.jahr}"

    def vorperiode(self) -> Periode:
        """The previous period of the same rhythm."""
        if self.rhythmus == Rhythmus.JAHR:
            return jahr(self.jahr - 1)
        if self.rhythmus == Rhythmus.TERTIAL:
            t = int(self.schluessel[-1])
            return tertial(self.jahr - 1, 3) if t == 1 else tertial(self.jahr, t - 1)
        m = self.beginn.month
        return monat(self.jahr - 1, 12) if m == 1 else monat(self.jahr, m - 1)

    def vorjahresperiode(self) -> Periode:
        return periode(str(self.jahr - 1) + self.schluessel[4:])

    def naechste(self) -> Periode:
        if self.rhythmus == Rhythmus.JAHR:
            return jahr(self.jahr + 1)
        if self.rhythmus == Rhythmus.TERTIAL:
            t = int(self.schluessel[-1])
            return tertial(self.jahr + 1, 1) if t == 3 else tertial(self.jahr, t + 1)
        m = self.beginn.month
        return monat(self.jahr + 1, 1) if m == 12 else monat(self.jahr, m + 1)

    def __str__(self) -> str:
        return self.schluessel


def letzter_tag(jahr_: int, monat_: int) -> date:
    return date(jahr_, monat_, calendar.monthrange(jahr_, monat_)[1])


def jahr(j: int) -> Periode:
    return Periode(date(j, 1, 1), date(j, 12, 31), f"{j:04d}", Rhythmus.JAHR)


def tertial(j: int, t: int) -> Periode:
    if t not in (1, 2, 3):
        raise ValueError("Ein Tertial ist 1, 2 oder 3.")
    erster_monat = 1 + (t - 1) * 4
    return Periode(date(j, erster_monat, 1), letzter_tag(j, erster_monat + 3), f"{j:04d}-T{t}", Rhythmus.TERTIAL)


def monat(j: int, m: int) -> Periode:
    return Periode(date(j, m, 1), letzter_tag(j, m), f"{j:04d}-{m:02d}", Rhythmus.MONAT)


def periode(schluessel: str) -> Periode:
    """Parse a period key; raises ValueError with a German message."""
    treffer = _MUSTER.match((schluessel or "").strip())
    if not treffer:
        raise ValueError(f"„{schluessel}“ ist keine gültige Periode (z. B. 2025, 2025-T2 oder 2025-03).")
    j = int(treffer["jahr"])
    if not 1900 <= j <= 2200:
        raise ValueError(f"Das Jahr {j} liegt außerhalb des zulässigen Bereichs.")
    if treffer["tertial"]:
        return tertial(j, int(treffer["tertial"]))
    if treffer["monat"]:
        return monat(j, int(treffer["monat"]))
    return jahr(j)


def tertial_von(tag: date) -> Periode:
    return tertial(tag.year, (tag.month - 1) // 4 + 1)


def letztes_beendetes_tertial(heute: date) -> Periode:
    """The latest tertial that has ended by `heute`: its Erfassungsfrist has begun (dashboard default)."""
    return tertial_von(heute).vorperiode()


def perioden_im_jahr(j: int, rhythmus: str) -> list[Periode]:
    return list(_perioden_im_jahr(j, rhythmus))


@functools.lru_cache(maxsize=512)
def _perioden_im_jahr(j: int, rhythmus: str) -> tuple[Periode, ...]:
    # Cached: evaluating a city's dashboard asks for the same few years tens of thousands of times.
    if rhythmus == Rhythmus.TERTIAL:
        return tuple(tertial(j, t) for t in (1, 2, 3))
    if rhythmus == Rhythmus.MONAT:
        return tuple(monat(j, m) for m in range(1, 13))
    return (jahr(j),)


def standard_stichtag(*, heute: date) -> date:
    """Last day of the month before `heute`: the default data date of every reading (HSK, reports).

    Later months are not closed yet, so their figures are forecasts, not actuals.
    """
    return heute.replace(day=1) - timedelta(days=1)


def tage_im_monat(j: int, m: int) -> int:
    return calendar.monthrange(j, m)[1]
