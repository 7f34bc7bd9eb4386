"""Reads of the HSK-Controlling, always restricted to what the user may see.

Case records are visible only with `view_einzelfall` (owning unit, Steuerungsunterstützung,
Administration); every other role gets aggregates computed in the database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, QuerySet, Sum
from django.utils import timezone

from controlling.models import (
    Einzelfall,
    HSKMassnahme,
    Praeventionsbudget,
    Praeventionsprojekt,
    Verlaufsmonat,
)
from controlling.models.verlauf import Phase
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


def gespeicherter_verlauf(*, massnahme: HSKMassnahme) -> list[Verlaufsmonat]:
    return list(Verlaufsmonat.objects.filter(hsk_massnahme=massnahme).order_by("monat"))


def jahressummen(monate: list[Verlaufsmonat]) -> list[dict]:
    jahre: dict[int, dict] = {}
    for m in monate:
        s = jahre.setdefault(
            m.jahr, {"jahr": m.jahr, "soll": NULL, "brutto": NULL, "personalkosten": NULL, "netto": NULL}
        )
        s["soll"] += m.soll
        s["brutto"] += m.brutto
        s["personalkosten"] += m.personalkosten
        s["netto"] += m.netto
    return list(jahre.values())


@dataclass
class Zeile:
    """One measure in the list or the portfolio: yearly sums from the stored curve."""

    massnahme: HSKMassnahme
    soll: Decimal = NULL
    brutto: Decimal = NULL
    personalkosten: Decimal = NULL
    netto: Decimal = NULL
    phase: str = ""
    faelle: int = 0

    @property
    def phase_text(self) -> str:
        return str(Phase(self.phase).label) if self.phase else ""

    @property
    def abweichung(self) -> Decimal:
        return self.brutto - self.soll

    @property
    def erreichungsgrad(self) -> Decimal | None:
        return cent(self.brutto / self.soll * 100) if self.soll else None


@dataclass
class Portfolio:
    jahr: int
    zeilen: list[Zeile] = field(default_factory=list)

    def _summe(self, name: str) -> Decimal:
        return sum((getattr(z, name) for z in self.zeilen), NULL)

    @property
    def summe(self) -> dict[str, Decimal]:
        return {n: self._summe(n) for n in ("soll", "brutto", "personalkosten", "netto")}

    @property
    def abweichung(self) -> Decimal:
        return self._summe("brutto") - self._summe("soll")


def portfolio(*, user, jahr: int, monat: str | None = None) -> Portfolio:
    """All visible measures with the year's Soll vs Ist (gross and net), summed in the database.

    `monat` ("2026-11") picks the month whose phase is shown; default: the current month,
    falling back to the last computed month of the year.
    """
    massnahmen = hsk_massnahmen_fuer(user=user).annotate(
        anzahl_faelle=Count("einzelfaelle", distinct=True),
    )
    ids = [m.pk for m in massnahmen]
    summen = {
        r["hsk_massnahme"]: r
        for r in Verlaufsmonat.objects.filter(hsk_massnahme__in=ids, jahr=jahr)
        .values("hsk_massnahme")
        .annotate(soll=Sum("soll"), brutto=Sum("brutto"), personalkosten=Sum("personalkosten"), netto=Sum("netto"))
    }
    monat = monat or timezone.localdate().strftime("%Y-%m")
    phasen: dict[int, str] = {}
    # Ordered by month, so the last row per measure (up to `monat`) wins.
    for mid, phase in (
        Verlaufsmonat.objects.filter(hsk_massnahme__in=ids, jahr=jahr, monat__lte=monat)
        .order_by("monat")
        .values_list("hsk_massnahme", "phase")
    ):
        phasen[mid] = phase
    ergebnis = Portfolio(jahr=jahr)
    for m in massnahmen:
        s = summen.get(m.pk, {})
        ergebnis.zeilen.append(
            Zeile(
                massnahme=m,
                soll=s.get("soll") or NULL,
                brutto=s.get("brutto") or NULL,
                personalkosten=s.get("personalkosten") or NULL,
                netto=s.get("netto") or NULL,
                phase=phasen.get(m.pk, ""),
                faelle=m.anzahl_faelle,
            )
        )
    return ergebnis


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
        return cent(self.einsparung / self.kosten) if self.kosten else None


def praevention_bilanz(*, user, jahr: int) -> Bilanz:
    summe = (
        praeventionsprojekte_fuer(user=user)
        .filter(jahr=jahr)
        .aggregate(k=Sum("kosten"), e=Sum("geschaetzte_einsparung"))
    )
    budget = Praeventionsbudget.objects.filter(jahr=jahr).first()
    return Bilanz(
        jahr=jahr,
        kosten=summe["k"] or NULL,
        einsparung=summe["e"] or NULL,
        obergrenze=budget.obergrenze if budget else None,
    )


def einzelfall_zaehlung(*, massnahme: HSKMassnahme) -> dict[str, int]:
    """Number of cases per Ergebnis (an aggregate, visible to roles without case access)."""
    return dict(
        Einzelfall.objects.filter(hsk_massnahme=massnahme).values_list("ergebnis").annotate(n=Count("id")).order_by()
    )
