"""The Präventionsbudget over the years: pure functions over Decimal (no ORM).

Per year: cost, estimated savings, Präventionsfaktor "1 : x" (x = Einsparung / Kosten), the
yearly ceiling (Deckel) and the share of it used (Ausschöpfung, in percent); cumulated over a
span of years ("2005–2011: 2,05 Mio € eingesetzt, 5,76 Mio € erwartete Einsparung, 1 : 2,8").
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from core.money import cent, runden

NULL = Decimal("0.00")
MAX_JAHRE = 50


def praeventionsfaktor(*, einsparung: Decimal, kosten: Decimal) -> Decimal | None:
    """x of "1 : x" with two decimals; None without costs."""
    return cent(einsparung / kosten) if kosten else None


def ausschoepfung(*, kosten: Decimal, deckel: Decimal | None) -> Decimal | None:
    """Share of the ceiling used, in percent with two decimals; None without a (positive) ceiling."""
    return runden(kosten * 100 / deckel, 2) if deckel else None


@dataclass(frozen=True)
class Jahresbilanz:
    jahr: int
    kosten: Decimal
    einsparung: Decimal
    deckel: Decimal | None

    @property
    def netto(self) -> Decimal:
        return self.einsparung - self.kosten

    @property
    def faktor(self) -> Decimal | None:
        return praeventionsfaktor(einsparung=self.einsparung, kosten=self.kosten)

    @property
    def ausschoepfung(self) -> Decimal | None:
        return ausschoepfung(kosten=self.kosten, deckel=self.deckel)


@dataclass(frozen=True)
class Bilanzspanne:
    von: int
    bis: int
    jahre: list[Jahresbilanz] = field(default_factory=list)

    @property
    def kosten(self) -> Decimal:
        return sum((j.kosten for j in self.jahre), NULL)

    @property
    def einsparung(self) -> Decimal:
        return sum((j.einsparung for j in self.jahre), NULL)

    @property
    def netto(self) -> Decimal:
        return self.einsparung - self.kosten

    @property
    def faktor(self) -> Decimal | None:
        return praeventionsfaktor(einsparung=self.einsparung, kosten=self.kosten)

    @property
    def ausschoepfung(self) -> Decimal | None:
        """Cost of the years with a ceiling over the sum of their ceilings, in percent."""
        mit_deckel = [j for j in self.jahre if j.deckel]
        return ausschoepfung(
            kosten=sum((j.kosten for j in mit_deckel), NULL), deckel=sum((j.deckel or NULL for j in mit_deckel), NULL)
        )


def spanne_pruefen(*, von: int, bis: int) -> None:
    """Raises ValueError (German) for a span that is reversed or longer than MAX_JAHRE years."""
    if bis < von:
        raise ValueError("Das Jahr „bis“ darf nicht vor dem Jahr „von“ liegen.")
    if bis - von + 1 > MAX_JAHRE:
        raise ValueError(f"Die Spanne ist auf {MAX_JAHRE} Jahre begrenzt.")


def bilanz_spanne(
    *, von: int, bis: int, summen: Mapping[int, tuple[Decimal, Decimal]], deckel: Mapping[int, Decimal]
) -> Bilanzspanne:
    """Every year from `von` to `bis` (years without projects with zeros) and the cumulated figures.

    `summen` maps a year to (Σ kosten, Σ geschätzte Einsparung); `deckel` a year to its ceiling.
    """
    spanne_pruefen(von=von, bis=bis)
    return Bilanzspanne(
        von=von,
        bis=bis,
        jahre=[
            Jahresbilanz(
                jahr=j,
                kosten=summen.get(j, (NULL, NULL))[0],
                einsparung=summen.get(j, (NULL, NULL))[1],
                deckel=deckel.get(j),
            )
            for j in range(von, bis + 1)
        ],
    )
