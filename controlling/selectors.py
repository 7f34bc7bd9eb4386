"""Reads of the HSK-Controlling, always restricted to what the user may see.

Case records are visible only with `view_einzelfall` (owning unit, Steuerungsunterstützung,
Administration); every other role gets aggregates computed in the database.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Count, F, Max, Min, QuerySet, Sum
from django.utils import timezone

from controlling.bilanz import Bilanzspanne, ausschoepfung, bilanz_spanne, praeventionsfaktor, spanne_pruefen
from controlling.models import (
    Einzelfall,
    Ergebnis,
    HSKMassnahme,
    Praeventionsbudget,
    Praeventionsprojekt,
    Verlaufsmonat,
)
from controlling.models.verlauf import Phase
from controlling.realisiert import Fallzahlen, Realisierung, realisierung
from controlling.stichtag import VerlaufAmStichtag, am_stichtag, standard_stichtag
from core.money import cent
from organisation.selectors import fuer_benutzer

NULL = Decimal("0.00")


def hsk_massnahmen_fuer(*, user) -> QuerySet[HSKMassnahme]:
    qs = HSKMassnahme.objects.select_related("massnahme", "organisationseinheit", "verlaufsstand").prefetch_related(
        "soll_jahre", "stellen", "ablaufschritte"
    )
    return fuer_benutzer(qs, user)


def einzelfaelle_fuer(*, user) -> QuerySet[Einzelfall]:
    """Cases of the units the user may see, and none at all without the case permission."""
    if not user.has_perm("controlling.view_einzelfall"):
        return Einzelfall.objects.none()
    qs = Einzelfall.objects.select_related("hsk_massnahme", "ablaufschritt")
    return fuer_benutzer(qs, user, oe_feld="hsk_massnahme__organisationseinheit")


def praeventionsprojekte_fuer(*, user) -> QuerySet[Praeventionsprojekt]:
    return fuer_benutzer(Praeventionsprojekt.objects.select_related("organisationseinheit"), user)


def praeventionsbudgets() -> QuerySet[Praeventionsbudget]:
    """The yearly ceilings are city-wide planning figures: every reader of the Präventionsbudget sees them."""
    return Praeventionsbudget.objects.order_by("-jahr")


def gespeicherter_verlauf(*, massnahme: HSKMassnahme) -> list[Verlaufsmonat]:
    return list(Verlaufsmonat.objects.filter(hsk_massnahme=massnahme).order_by("monat"))


def stichtag_standard() -> date:
    """Default Stichtag of every reading: the last day of the previous month (local date)."""
    return standard_stichtag(heute=timezone.localdate())


def verlauf_am_stichtag(*, massnahme: HSKMassnahme, stichtag: date) -> VerlaufAmStichtag:
    """The stored curve read at the Stichtag: Ist and Prognose, year sums, phases, amortisation."""
    return am_stichtag(gespeicherter_verlauf(massnahme=massnahme), stichtag=stichtag)


def _fallzahlen(massnahme_ids: list[int], *, aufgenommen_bis: date | None = None) -> dict[int, Fallzahlen]:
    """Case counts per outcome and Σ (vermiedene − neue) of the successful cases, per measure (one query).

    `aufgenommen_bis` leaves out cases taken in after that day (a report counts the cases of its Stichtag).
    """
    faelle = Einzelfall.objects.filter(hsk_massnahme__in=massnahme_ids)
    if aufgenommen_bis is not None:
        faelle = faelle.filter(aufnahme__lte=aufgenommen_bis)
    roh: dict[int, dict[str, Any]] = defaultdict(dict)
    for zeile in (
        faelle.values("hsk_massnahme", "ergebnis")
        .annotate(n=Count("id"), netto=Sum(F("vermiedene_kosten_monat") - F("neue_kosten_monat")))
        .order_by()
    ):
        werte = roh[zeile["hsk_massnahme"]]
        werte[zeile["ergebnis"]] = zeile["n"]
        if zeile["ergebnis"] == Ergebnis.ERFOLGREICH:
            werte["summe_erfolgreich_monat"] = zeile["netto"] or NULL
    return {mid: Fallzahlen(**werte) for mid, werte in roh.items()}


def realisierung_fuer(*, massnahme: HSKMassnahme) -> Realisierung:
    """The measure's realised success rate, cost per successful case and year, and saving per year."""
    return realisierung(_fallzahlen([massnahme.pk]).get(massnahme.pk, Fallzahlen()))


_JAHRESFELDER = (
    "soll",
    "soll_bis_stichtag",
    "brutto_ist",
    "personalkosten_ist",
    "netto_ist",
    "brutto_prognose",
    "personalkosten_prognose",
    "netto_prognose",
)


@dataclass
class Zeile:
    """One measure in the list or the portfolio: its year read at the Stichtag, phase and realisation."""

    massnahme: HSKMassnahme
    soll: Decimal = NULL
    soll_bis_stichtag: Decimal = NULL
    brutto_ist: Decimal = NULL
    personalkosten_ist: Decimal = NULL
    netto_ist: Decimal = NULL
    brutto_prognose: Decimal = NULL
    personalkosten_prognose: Decimal = NULL
    netto_prognose: Decimal = NULL
    aktuelle_phase: str | None = None
    aktuelle_phase_seit: str | None = None
    rueckfall_seit: str | None = None
    amortisation: str | None = None
    amortisation_prognose: str | None = None
    faelle: int = 0
    realisierung: Realisierung = field(default_factory=lambda: realisierung(Fallzahlen()))

    @property
    def phase_text(self) -> str:
        return str(Phase(self.aktuelle_phase).label) if self.aktuelle_phase else ""

    @property
    def abweichung_ist(self) -> Decimal:
        """Ist brutto up to the Stichtag against the Soll up to the Stichtag."""
        return self.brutto_ist - self.soll_bis_stichtag

    @property
    def abweichung_prognose(self) -> Decimal:
        return self.brutto_prognose - self.soll

    @property
    def erreichungsgrad(self) -> Decimal | None:
        """Ist brutto in percent of the Soll up to the Stichtag."""
        return cent(self.brutto_ist / self.soll_bis_stichtag * 100) if self.soll_bis_stichtag else None


@dataclass
class Portfolio:
    jahr: int
    stichtag: date
    zeilen: list[Zeile] = field(default_factory=list)

    def _summe(self, name: str) -> Decimal:
        return sum((getattr(z, name) for z in self.zeilen), NULL)

    @property
    def summe(self) -> dict[str, Decimal]:
        return {n: self._summe(n) for n in _JAHRESFELDER}

    @property
    def abweichung_ist(self) -> Decimal:
        return self._summe("brutto_ist") - self._summe("soll_bis_stichtag")

    @property
    def abweichung_prognose(self) -> Decimal:
        return self._summe("brutto_prognose") - self._summe("soll")

    @property
    def erwartete_einsparung_jahr(self) -> Decimal:
        return sum((z.massnahme.erwartete_einsparung_jahr for z in self.zeilen), NULL)

    @property
    def realisierte_einsparung_jahr(self) -> Decimal:
        return sum((z.realisierung.einsparung_jahr or NULL for z in self.zeilen), NULL)


def portfolio_aus(
    massnahmen: Iterable[HSKMassnahme], *, jahr: int, stichtag: date, faelle_bis_stichtag: bool = False
) -> Portfolio:
    """The given measures' year at the Stichtag (three queries: curves, case counts, plus the caller's).

    With `faelle_bis_stichtag` only cases taken in by the Stichtag are counted (the report's view).
    """
    massnahmen = list(massnahmen)
    ids = [m.pk for m in massnahmen]
    kurven: dict[int, list[Verlaufsmonat]] = defaultdict(list)
    for zeile in Verlaufsmonat.objects.filter(hsk_massnahme__in=ids).order_by("hsk_massnahme", "monat"):
        kurven[zeile.hsk_massnahme_id].append(zeile)
    fallzahlen = _fallzahlen(ids, aufgenommen_bis=stichtag if faelle_bis_stichtag else None)
    ergebnis = Portfolio(jahr=jahr, stichtag=stichtag)
    for m in massnahmen:
        gelesen = am_stichtag(kurven.get(m.pk, []), stichtag=stichtag)
        j = gelesen.jahr(jahr)
        zahlen = fallzahlen.get(m.pk, Fallzahlen())
        ergebnis.zeilen.append(
            Zeile(
                massnahme=m,
                **({f: getattr(j, f) for f in _JAHRESFELDER} if j else {}),
                aktuelle_phase=gelesen.aktuelle_phase,
                aktuelle_phase_seit=gelesen.aktuelle_phase_seit,
                rueckfall_seit=gelesen.rueckfall_seit,
                amortisation=gelesen.amortisation,
                amortisation_prognose=gelesen.amortisation_prognose,
                faelle=zahlen.dokumentiert,
                realisierung=realisierung(zahlen),
            )
        )
    return ergebnis


def portfolio(*, user, jahr: int, stichtag: date) -> Portfolio:
    """All visible measures with the year's Soll, Ist up to the Stichtag and Prognose (gross and net)."""
    return portfolio_aus(hsk_massnahmen_fuer(user=user), jahr=jahr, stichtag=stichtag)


@dataclass
class Bilanz:
    jahr: int
    kosten: Decimal
    einsparung: Decimal
    obergrenze: Decimal | None

    @property
    def netto(self) -> Decimal:
        return self.einsparung - self.kosten

    @property
    def faktor(self) -> Decimal | None:
        """Präventionsfaktor 1 : x with x = einsparung / kosten (two decimals); None without costs."""
        return praeventionsfaktor(einsparung=self.einsparung, kosten=self.kosten)

    @property
    def ausschoepfung(self) -> Decimal | None:
        return ausschoepfung(kosten=self.kosten, deckel=self.obergrenze)


def praevention_bilanz_aus(projekte: QuerySet[Praeventionsprojekt], *, jahr: int) -> Bilanz:
    """The year's cost, savings and ceiling of the given projects (two queries)."""
    summe = projekte.filter(jahr=jahr).aggregate(k=Sum("kosten"), e=Sum("geschaetzte_einsparung"))
    budget = Praeventionsbudget.objects.filter(jahr=jahr).first()
    return Bilanz(
        jahr=jahr,
        kosten=summe["k"] or NULL,
        einsparung=summe["e"] or NULL,
        obergrenze=budget.obergrenze if budget else None,
    )


def praevention_bilanz(*, user, jahr: int) -> Bilanz:
    return praevention_bilanz_aus(praeventionsprojekte_fuer(user=user), jahr=jahr)


def praevention_bilanz_spanne(*, user, von: int, bis: int) -> Bilanzspanne:
    """The Präventionsbudget per year from `von` to `bis` and cumulated (two queries).

    Raises ValueError (German) for a reversed or too long span.
    """
    spanne_pruefen(von=von, bis=bis)
    summen = {
        z["jahr"]: (z["k"] or NULL, z["e"] or NULL)
        for z in praeventionsprojekte_fuer(user=user)
        .filter(jahr__gte=von, jahr__lte=bis)
        .values("jahr")
        .annotate(k=Sum("kosten"), e=Sum("geschaetzte_einsparung"))
        .order_by()
    }
    deckel = dict(Praeventionsbudget.objects.filter(jahr__gte=von, jahr__lte=bis).values_list("jahr", "obergrenze"))
    return bilanz_spanne(von=von, bis=bis, summen=summen, deckel=deckel)


def praevention_jahre(*, user) -> tuple[int, int] | None:
    """First and last year with a visible project (for the default span of the page); None without any."""
    spanne = praeventionsprojekte_fuer(user=user).aggregate(von=Min("jahr"), bis=Max("jahr"))
    return (spanne["von"], spanne["bis"]) if spanne["von"] is not None else None


def einzelfall_zaehlung(*, massnahme: HSKMassnahme) -> dict[str, int]:
    """Number of cases per Ergebnis (an aggregate, visible to roles without case access)."""
    return dict(
        Einzelfall.objects.filter(hsk_massnahme=massnahme).values_list("ergebnis").annotate(n=Count("id")).order_by()
    )
