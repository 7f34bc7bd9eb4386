"""The amounts in force at a Stichtag, the Zuschussbedarf over the years, and a year's Fallzahl.

Which amounts count: per Produkt, Haushaltsjahr and Art the rows of the latest Stichtag up to
the requested one (an undated row, e.g. an Ansatz, counts as valid from the start). Read by the
Finanzdatenblatt (haushalt.finanzen) and the report's finance section (haushalt.uebersicht).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Q, QuerySet, Sum

from core.money import cent
from core.periods import perioden_im_jahr
from haushalt import kennwerte
from haushalt.models import Art, Haushaltsposition
from haushalt.models.auswahl import AUFWANDSZEILEN, ERTRAGSZEILEN
from steuerung.auswertung import kennzahl_auswertung
from steuerung.models import Kennzahl, Produkt

Schluessel = tuple[int, int, str]  # produkt_id, jahr, art


# --- Loading: the amounts in force at a Stichtag --------------------------------------------


def _bis(bis: date | None) -> Q:
    return Q() if bis is None else Q(stichtag__isnull=True) | Q(stichtag__lte=bis)


def neueste(stichtage: Iterable[date | None]) -> date | None:
    return max(stichtage, key=lambda s: s or date.min)


@dataclass
class Bestand:
    """Amounts per (Produkt, Jahr, Art) at the chosen Stichtag: line → amount, and that Stichtag."""

    betraege: dict[Schluessel, dict[str, Decimal]] = field(default_factory=dict)
    stichtage: dict[Schluessel, date | None] = field(default_factory=dict)

    def zeile(self, produkt_ids: Iterable[int], jahr: int, art: str, zeile: str) -> Decimal | None:
        return kennwerte.summe(self.betraege.get((p, jahr, art), {}).get(zeile) for p in produkt_ids)

    def seite(self, produkt_ids: Iterable[int], jahr: int, art: str, zeilen: frozenset[str]) -> Decimal | None:
        return kennwerte.summe(
            w for p in produkt_ids for z, w in self.betraege.get((p, jahr, art), {}).items() if z in zeilen
        )

    def zuschuss(self, produkt_ids: Iterable[int], jahr: int, art: str) -> Decimal | None:
        ids = list(produkt_ids)
        return kennwerte.zuschussbedarf(
            ertraege=self.seite(ids, jahr, art, ERTRAGSZEILEN), aufwendungen=self.seite(ids, jahr, art, AUFWANDSZEILEN)
        )

    def stichtage_von(self, produkt_ids: Iterable[int], jahr: int, art: str) -> list[date | None]:
        return [self.stichtage[(p, jahr, art)] for p in produkt_ids if (p, jahr, art) in self.stichtage]


def bestand_laden(*, produkte: QuerySet[Produkt], jahre: Iterable[int], bis: date | None = None) -> Bestand:
    """Lines of the given years for the given Produkte, at the latest Stichtag ≤ `bis` (one query)."""
    zeilen = (
        Haushaltsposition.objects.filter(_bis(bis), produkt__in=produkte, jahr__in=list(jahre))
        .values_list("produkt_id", "jahr", "art", "stichtag", "zeile", "betrag")
        .order_by()
    )
    je_stichtag: dict[Schluessel, dict[date | None, dict[str, Decimal]]] = defaultdict(lambda: defaultdict(dict))
    for produkt_id, jahr, art, stichtag, zeile, betrag in zeilen:
        je_stichtag[(produkt_id, jahr, art)][stichtag][zeile] = betrag
    bestand = Bestand()
    for schluessel, staende in je_stichtag.items():
        stichtag = neueste(staende)
        bestand.stichtage[schluessel] = stichtag
        bestand.betraege[schluessel] = staende[stichtag]
    return bestand


@dataclass(frozen=True)
class Jahreszuschuss:
    """Zuschussbedarf of one Haushaltsjahr in every state (the chart and its table)."""

    jahr: int
    ansatz: Decimal | None
    fortgeschriebener_ansatz: Decimal | None
    ist: Decimal | None
    ist_stichtag: date | None
    prognose: Decimal | None
    prognose_stichtag: date | None


def zuschussbedarf_verlauf(*, produkte: QuerySet[Produkt], bis: date | None = None) -> list[Jahreszuschuss]:
    """Zuschussbedarf per Haushaltsjahr and state over all years with amounts (one aggregate query)."""
    zeilen = (
        Haushaltsposition.objects.filter(_bis(bis), produkt__in=produkte)
        .values("produkt_id", "jahr", "art", "stichtag")
        .annotate(
            aufwand=Sum("betrag", filter=Q(zeile__in=sorted(AUFWANDSZEILEN))),
            ertrag=Sum("betrag", filter=Q(zeile__in=sorted(ERTRAGSZEILEN))),
        )
        .order_by()
    )
    je_stichtag: dict[Schluessel, dict[date | None, Decimal | None]] = defaultdict(dict)
    for z in zeilen:
        # SQLite returns sums of decimals with arbitrary places; amounts are cents.
        zb = kennwerte.zuschussbedarf(
            ertraege=None if z["ertrag"] is None else cent(z["ertrag"]),
            aufwendungen=None if z["aufwand"] is None else cent(z["aufwand"]),
        )
        je_stichtag[(z["produkt_id"], z["jahr"], z["art"])][z["stichtag"]] = zb
    werte: dict[tuple[int, str], list[Decimal | None]] = defaultdict(list)
    tage: dict[tuple[int, str], list[date | None]] = defaultdict(list)
    for (_produkt, jahr, art), staende in je_stichtag.items():
        stichtag = neueste(staende)
        werte[(jahr, art)].append(staende[stichtag])
        tage[(jahr, art)].append(stichtag)
    jahre = sorted({j for j, _a in werte})
    return [
        Jahreszuschuss(
            jahr=j,
            ansatz=kennwerte.summe(werte.get((j, Art.ANSATZ), [])),
            fortgeschriebener_ansatz=kennwerte.summe(werte.get((j, Art.FORTGESCHRIEBENER_ANSATZ), [])),
            ist=kennwerte.summe(werte.get((j, Art.IST), [])),
            ist_stichtag=neueste(tage[(j, Art.IST)]) if tage.get((j, Art.IST)) else None,
            prognose=kennwerte.summe(werte.get((j, Art.PROGNOSE), [])),
            prognose_stichtag=neueste(tage[(j, Art.PROGNOSE)]) if tage.get((j, Art.PROGNOSE)) else None,
        )
        for j in jahre
    ]


# --- The Fallzahl of a year -------------------------------------------------------------------


def _kennzahl_des_jahres(kennzahl: Kennzahl, jahr: int) -> Kennzahl:
    """The Zielmatrix of each year holds its own copy of a Kennzahl (same code and unit): take that year's."""
    if not kennzahl.code or kennzahl.jahr == jahr:
        return kennzahl
    kopie = Kennzahl.objects.filter(
        code=kennzahl.code, organisationseinheit_id=kennzahl.organisationseinheit_id, jahr=jahr
    ).first()
    return kopie or kennzahl


def fallzahl_im_jahr(*, kennzahl: Kennzahl, jahr: int, zustand: str) -> Decimal | None:
    """The Fälle of a year in a state, from steuerung's evaluation of the Kennzahl.

    Evaluates the last period of the year in the Kennzahl's rhythm (the year, its third tertial
    or December) with `steuerung.auswertung.kennzahl_auswertung` and takes its Soll for a plan
    state, its Ist for an actual, its year-end forecast for a Prognose.
    """
    k = _kennzahl_des_jahres(kennzahl, jahr)
    auswertung = kennzahl_auswertung(kennzahl=k, periode=perioden_im_jahr(jahr, k.erhebungsrhythmus)[-1])
    if zustand in (Art.ANSATZ, Art.FORTGESCHRIEBENER_ANSATZ):
        return auswertung.soll
    if zustand == Art.IST:
        return auswertung.ist
    return auswertung.prognose.wert if auswertung.prognose else None
