"""Interkommunaler Vergleich (pure: Decimal in, Decimal out, no ORM).

Quartiles interpolate linearly between order statistics exactly like Excel's QUARTILE.INC
(= PERCENTILE.INC): position h = (n − 1)·p on the sorted values, x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from steuerung.bewertung import Richtung

TAUSEND = Decimal("1000")


@dataclass(frozen=True)
class Peer:
    kommune: str
    wert: Decimal
    einwohner: int | None = None


@dataclass(frozen=True)
class Verteilung:
    n: int
    min: Decimal | None
    q1: Decimal | None
    median: Decimal | None
    q3: Decimal | None
    max: Decimal | None


@dataclass(frozen=True)
class Benchmark:
    verteilung: Verteilung
    werte: list[tuple[str, Decimal]]
    eigener_wert: Decimal | None
    rang: int | None
    rang_von: int
    richtung: str
    ohne_einwohner: list[str]


def perzentil_inc(sortiert: Sequence[Decimal], p: Decimal) -> Decimal:
    """PERCENTILE.INC of already sorted values, 0 ≤ p ≤ 1."""
    if not sortiert:
        raise ValueError("Perzentil einer leeren Menge ist nicht definiert.")
    if not Decimal(0) <= p <= Decimal(1):
        raise ValueError("Das Perzentil muss zwischen 0 und 1 liegen.")
    h = (len(sortiert) - 1) * p
    unten = int(h)  # h ≥ 0, so int() is the floor
    anteil = h - unten
    if unten + 1 >= len(sortiert):
        return sortiert[unten]
    return sortiert[unten] + anteil * (sortiert[unten + 1] - sortiert[unten])


def verteilung(werte: Sequence[Decimal]) -> Verteilung:
    if not werte:
        return Verteilung(0, None, None, None, None, None)
    s = sorted(werte)
    return Verteilung(
        n=len(s),
        min=s[0],
        q1=perzentil_inc(s, Decimal("0.25")),
        median=perzentil_inc(s, Decimal("0.5")),
        q3=perzentil_inc(s, Decimal("0.75")),
        max=s[-1],
    )


def je_1000(wert: Decimal, einwohner: int) -> Decimal:
    if einwohner <= 0:
        raise ValueError("Für die Normierung je 1.000 Einwohner braucht es eine positive Einwohnerzahl.")
    return wert * TAUSEND / Decimal(einwohner)


def rang(eigener_wert: Decimal, werte: Sequence[Decimal], richtung: str) -> int:
    """Rank 1 = best among the peers and the own value; equal values share a rank."""
    if richtung == Richtung.FALLEND:
        besser = sum(1 for w in werte if w < eigener_wert)
    else:
        besser = sum(1 for w in werte if w > eigener_wert)
    return besser + 1


def benchmark(
    *,
    peers: Sequence[Peer],
    eigener_wert: Decimal | None = None,
    eigene_einwohner: int | None = None,
    normieren: bool = False,
    richtung: str = Richtung.STEIGEND,
) -> Benchmark:
    """Distribution of the peers' values and the own value's place in it.

    With `normieren`, every value is taken per 1.000 residents; peers without a population
    are left out (and listed), and the own value needs the own population.
    """
    werte: list[tuple[str, Decimal]] = []
    ohne: list[str] = []
    for peer in peers:
        if normieren:
            if not peer.einwohner:
                ohne.append(peer.kommune)
                continue
            werte.append((peer.kommune, je_1000(peer.wert, peer.einwohner)))
        else:
            werte.append((peer.kommune, peer.wert))
    eigen = eigener_wert
    if eigen is not None and normieren:
        eigen = je_1000(eigen, eigene_einwohner) if eigene_einwohner else None
    zahlen = [w for _, w in werte]
    return Benchmark(
        verteilung=verteilung(zahlen),
        werte=sorted(werte, key=lambda t: (t[1], t[0])),
        eigener_wert=eigen,
        rang=rang(eigen, zahlen, richtung) if eigen is not None else None,
        rang_von=len(zahlen) + 1,
        richtung=richtung,
        ohne_einwohner=ohne,
    )
