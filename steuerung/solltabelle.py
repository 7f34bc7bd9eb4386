"""The Sollwert table of one Kennzahl and Haushaltsjahr (pure, no ORM).

One row per period of the Kennzahl's rhythm plus the year itself; an empty row means "no
explicit Soll": the engine then uses the interpolated (or pro-rated) Soll, which this module
computes with the engine's own functions (steuerung.periodenbewertung), so the table shows
exactly what a report would judge against.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from core.periods import Periode, Rhythmus, jahr, perioden_im_jahr
from steuerung import bewertung as bw
from steuerung.periodenbewertung import Steckbrief, soll_der_periode, soll_jahr, unterjaehrige_summe


@dataclass(frozen=True)
class Sollzeile:
    periode: Periode
    wert: Decimal | None  # the explicit Sollwert, if any
    ohne_eintrag: Decimal | None  # what the engine uses when the row is empty


def sollperioden(*, rhythmus: str, haushaltsjahr: int) -> list[Periode]:
    """The periods of the rhythm in the year, then the year itself (once for a yearly Kennzahl)."""
    perioden = perioden_im_jahr(haushaltsjahr, rhythmus)
    return perioden if rhythmus == Rhythmus.JAHR else [*perioden, jahr(haushaltsjahr)]


def soll_ohne_eintrag(*, steckbrief: Steckbrief, periode: Periode, sollwerte: Mapping[str, Decimal]) -> Decimal | None:
    """The Soll of `periode` if it had no explicit Sollwert (the others as given)."""
    andere = {k: v for k, v in sollwerte.items() if k != periode.schluessel}
    if periode.rhythmus == Rhythmus.JAHR:
        return soll_jahr(steckbrief=steckbrief, jahr=periode.jahr, sollwerte=andere)
    if unterjaehrige_summe(messart=steckbrief.messart, rhythmus=periode.rhythmus):
        return soll_der_periode(steckbrief=steckbrief, periode=periode, sollwerte=andere)
    return bw.soll_fuer(
        stichtag=periode.ende,
        sollwert=None,
        ausgangswert=steckbrief.ausgangswert,
        ausgangsjahr=steckbrief.ausgangsjahr,
        zielwert=steckbrief.zielwert,
        zieljahr=steckbrief.zieljahr,
    )


def solltabelle(
    *, steckbrief: Steckbrief, rhythmus: str, haushaltsjahr: int, sollwerte: Mapping[str, Decimal]
) -> list[Sollzeile]:
    return [
        Sollzeile(
            periode=p,
            wert=sollwerte.get(p.schluessel),
            ohne_eintrag=soll_ohne_eintrag(steckbrief=steckbrief, periode=p, sollwerte=sollwerte),
        )
        for p in sollperioden(rhythmus=rhythmus, haushaltsjahr=haushaltsjahr)
    ]
