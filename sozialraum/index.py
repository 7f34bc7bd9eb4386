"""Composite Sozialraum index (pure: Decimal in, Decimal out, no ORM).

The contract (issue 7): for one year and one ebene, over the areas with at least the
minimum population,
- per indicator: mean and population standard deviation (divide by n) over the areas that
  have a value; z = (x − mean) / sd, times −1 when high is good; 0 when sd = 0;
- index = Σ w·z / Σ w over the indicators with a value for the area;
- method "abweichung" uses (x − mean) / mean instead (0 when mean = 0);
- rank 1 = highest index (most need), ties by name; Handlungsbedarf = index ≥ schwelle,
  or the top `anzahl` areas when `anzahl` is given.

The index is rounded to four places (half up) before ranking and flagging, so the shown
value, the rank and the flag never disagree.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from core.money import runden

HOCH_IST_PROBLEMATISCH = "hoch_ist_problematisch"
HOCH_IST_GUT = "hoch_ist_gut"
METHODE_Z = "z"
METHODE_ABWEICHUNG = "abweichung"
METHODEN = (METHODE_Z, METHODE_ABWEICHUNG)

GRUND_ZU_KLEIN = "zu_wenige_einwohner"
GRUND_EINWOHNER_UNBEKANNT = "einwohner_unbekannt"
GRUND_KEINE_WERTE = "keine_werte"

NULL = Decimal("0")


@dataclass(frozen=True)
class IndikatorEingabe:
    schluessel: Hashable
    richtung: str = HOCH_IST_PROBLEMATISCH
    gewicht: Decimal = Decimal("1")


@dataclass(frozen=True)
class RaumEingabe:
    schluessel: Hashable
    name: str
    einwohner: int | None
    werte: Mapping[Hashable, Decimal] = field(default_factory=dict)


@dataclass(frozen=True)
class IndexZeile:
    raum: Hashable
    name: str
    index: Decimal
    rang: int
    handlungsbedarf: bool
    beitraege: dict[Hashable, Decimal]


@dataclass(frozen=True)
class Ausgeschlossen:
    raum: Hashable
    name: str
    einwohner: int | None
    grund: str


@dataclass(frozen=True)
class Indexergebnis:
    methode: str
    raeume: list[IndexZeile]
    ausgeschlossen: list[Ausgeschlossen]
    mittelwerte: dict[Hashable, Decimal]
    standardabweichungen: dict[Hashable, Decimal]


def mittelwert(werte: Sequence[Decimal]) -> Decimal:
    if not werte:
        raise ValueError("Mittelwert einer leeren Menge ist nicht definiert.")
    return sum(werte, NULL) / len(werte)


def standardabweichung(werte: Sequence[Decimal]) -> Decimal:
    """Population standard deviation (divide by n, not n − 1): the areas are the whole."""
    m = mittelwert(werte)
    varianz = sum(((x - m) ** 2 for x in werte), NULL) / len(werte)
    return varianz.sqrt()


def standardwert(
    wert: Decimal, *, mittel: Decimal, streuung: Decimal, richtung: str, methode: str = METHODE_Z
) -> Decimal:
    """One indicator's contribution for one area, with the sign rule (high is good → −1)."""
    if methode == METHODE_Z:
        ergebnis = NULL if streuung == 0 else (wert - mittel) / streuung
    elif methode == METHODE_ABWEICHUNG:
        ergebnis = NULL if mittel == 0 else (wert - mittel) / mittel
    else:
        raise ValueError(f"Unbekannte Methode „{methode}“ (erlaubt: z, abweichung).")
    return -ergebnis if richtung == HOCH_IST_GUT else ergebnis


def sozialraumindex(
    *,
    raeume: Sequence[RaumEingabe],
    indikatoren: Sequence[IndikatorEingabe],
    methode: str = METHODE_Z,
    mindesteinwohner: int = 1000,
    schwelle: Decimal = Decimal("1.0"),
    anzahl: int | None = None,
) -> Indexergebnis:
    """Score the areas; see the module docstring for the contract.

    Steps: 1. split off areas below the minimum (or with unknown) population;
    2. mean and sd per indicator over the scored areas with a value; 3. weighted mean of the
    standardised values per area; 4. rank and flag.
    """
    if methode not in METHODEN:
        raise ValueError(f"Unbekannte Methode „{methode}“ (erlaubt: z, abweichung).")
    if anzahl is not None and anzahl < 0:
        raise ValueError("Die Anzahl der Räume mit Handlungsbedarf darf nicht negativ sein.")

    ausgeschlossen: list[Ausgeschlossen] = []
    bewertet: list[RaumEingabe] = []
    for raum in raeume:
        if raum.einwohner is None:
            ausgeschlossen.append(Ausgeschlossen(raum.schluessel, raum.name, None, GRUND_EINWOHNER_UNBEKANNT))
        elif raum.einwohner < mindesteinwohner:
            ausgeschlossen.append(Ausgeschlossen(raum.schluessel, raum.name, raum.einwohner, GRUND_ZU_KLEIN))
        else:
            bewertet.append(raum)

    aktive = [i for i in indikatoren if i.gewicht > 0]
    mittelwerte: dict[Hashable, Decimal] = {}
    streuungen: dict[Hashable, Decimal] = {}
    for ind in aktive:
        werte = [r.werte[ind.schluessel] for r in bewertet if r.werte.get(ind.schluessel) is not None]
        if werte:
            mittelwerte[ind.schluessel] = mittelwert(werte)
            streuungen[ind.schluessel] = standardabweichung(werte)

    roh: list[tuple[RaumEingabe, Decimal, dict[Hashable, Decimal]]] = []
    for raum in bewertet:
        summe = NULL
        gewichte = NULL
        beitraege: dict[Hashable, Decimal] = {}
        for ind in aktive:
            wert = raum.werte.get(ind.schluessel)
            if wert is None:
                continue
            s = standardwert(
                wert,
                mittel=mittelwerte[ind.schluessel],
                streuung=streuungen[ind.schluessel],
                richtung=ind.richtung,
                methode=methode,
            )
            beitraege[ind.schluessel] = s
            summe += ind.gewicht * s
            gewichte += ind.gewicht
        if gewichte == 0:
            ausgeschlossen.append(Ausgeschlossen(raum.schluessel, raum.name, raum.einwohner, GRUND_KEINE_WERTE))
            continue
        roh.append((raum, runden(summe / gewichte, 4), beitraege))

    roh.sort(key=lambda t: (-t[1], t[0].name))
    zeilen = []
    for position, (raum, wert, beitraege) in enumerate(roh, start=1):
        bedarf = position <= anzahl if anzahl is not None else wert >= schwelle
        zeilen.append(IndexZeile(raum.schluessel, raum.name, wert, position, bedarf, beitraege))
    return Indexergebnis(methode, zeilen, ausgeschlossen, mittelwerte, streuungen)
