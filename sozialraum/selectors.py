"""Reads of the Sozialraum-Monitoring, including the council's data-protection filters.

Sozialraum data are city-wide planning data (not scoped by Organisationseinheit), with two
exceptions for the Rat (DOMAIN.md §7): areas below the Kommune's Mindesteinwohnerzahl do not
exist for it, and counts (`Indikator.ist_fallzahl`) below the Kommune's Kleinzahlgrenze are shown
as "< 5" (`zelle`). Every page and endpoint reads through these functions; the views built on
them live in sozialraum.raumvergleich (index, areas against the mean), sozialraum.steckbrief
and sozialraum.benchmark. Maßnahmen and Kennzahlen linked to areas keep their unit scope
(organisation.selectors.fuer_benutzer).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery

from organisation.rollen import Rolle
from organisation.selectors import hat_rolle, kommune
from sozialraum.models import (
    Angebot,
    Foerderung,
    Indikator,
    Indikatorwert,
    Raum,
    RaumEinwohner,
    Traeger,
    Vergleichswert,
)

_ANDERE_LESEROLLEN = (
    Rolle.DEZERNATSLEITUNG,
    Rolle.STEUERUNG,
    Rolle.AMTSLEITUNG,
    Rolle.SACHBEARBEITUNG,
    Rolle.KAEMMEREI,
    Rolle.ADMINISTRATION,
)


def mindesteinwohner() -> int:
    return kommune().mindesteinwohner_raum


def kleinzahl_grenze() -> int:
    return kommune().kleinzahl_grenze


def kleinzahl_text() -> str:
    """What the Rat reads instead of a small count: "< 5" at the default limit."""
    return f"< {kleinzahl_grenze()}"


def ist_ratssicht(user) -> bool:
    """True for council members without another reading role: they get the protected view."""
    if not user or not user.is_authenticated or user.is_superuser:
        return False
    return hat_rolle(user, Rolle.RAT) and not hat_rolle(user, *_ANDERE_LESEROLLEN)


def ist_kleinzahl(*, wert: Decimal | None, indikator: Indikator, user) -> bool:
    return (
        wert is not None
        and indikator.ist_fallzahl
        and ist_ratssicht(user)
        and Decimal(wert) < Decimal(kleinzahl_grenze())
    )


# --- Räume ---------------------------------------------------------------------------------


def _mit_einwohnern(queryset: QuerySet[Raum]) -> QuerySet[Raum]:
    neueste = RaumEinwohner.objects.filter(raum=OuterRef("pk")).order_by("-jahr")
    return queryset.annotate(
        einwohner_aktuell=Subquery(neueste.values("einwohner")[:1]),
        einwohner_stand=Subquery(neueste.values("jahr")[:1]),
    )


def raeume_fuer(*, user) -> QuerySet[Raum]:
    """All areas the user may see, annotated with the latest population (`einwohner_aktuell`)."""
    queryset = _mit_einwohnern(Raum.objects.select_related("eltern"))
    if ist_ratssicht(user):
        queryset = queryset.filter(einwohner_aktuell__gte=mindesteinwohner())
    return queryset


def sichtbare_raum_ids(*, user) -> set[int]:
    return set(raeume_fuer(user=user).values_list("id", flat=True))


def einwohner_im_jahr(*, raum_ids: Iterable[int], jahr: int) -> dict[int, int | None]:
    """Population per area for a year: that year's figure when present, else the latest."""
    je_raum: dict[int, dict[int, int]] = defaultdict(dict)
    for raum_id, j, e in RaumEinwohner.objects.filter(raum_id__in=list(raum_ids)).values_list(
        "raum_id", "jahr", "einwohner"
    ):
        je_raum[raum_id][j] = e
    ergebnis: dict[int, int | None] = {}
    for raum_id in raum_ids:
        zahlen = je_raum.get(raum_id, {})
        ergebnis[raum_id] = zahlen.get(jahr, zahlen[max(zahlen)] if zahlen else None)
    return ergebnis


def indikatorwerte_fuer(*, user) -> QuerySet[Indikatorwert]:
    queryset = Indikatorwert.objects.select_related("indikator", "raum")
    if ist_ratssicht(user):
        queryset = queryset.filter(raum__in=raeume_fuer(user=user).values("id"))
    return queryset


def angebote_fuer(*, user) -> QuerySet[Angebot]:
    queryset = Angebot.objects.select_related("traeger", "raum").prefetch_related("foerderungen")
    if ist_ratssicht(user):
        queryset = queryset.filter(raum__in=raeume_fuer(user=user).values("id"))
    return queryset


def foerderungen_fuer(*, user) -> QuerySet[Foerderung]:
    queryset = Foerderung.objects.select_related("angebot")
    if ist_ratssicht(user):
        queryset = queryset.filter(angebot__raum__in=raeume_fuer(user=user).values("id"))
    return queryset


def traeger_fuer(*, user) -> QuerySet[Traeger]:
    """All Träger with `anzahl_angebote`: only the offers the user may see are counted (the Rat's areas)."""
    sichtbar = angebote_fuer(user=user).values("pk")
    return Traeger.objects.annotate(anzahl_angebote=Count("angebote", filter=Q(angebote__in=sichtbar)))


def einwohnerzahlen_fuer(*, user) -> QuerySet[RaumEinwohner]:
    queryset = RaumEinwohner.objects.select_related("raum")
    if ist_ratssicht(user):
        queryset = queryset.filter(raum__in=raeume_fuer(user=user).values("id"))
    return queryset


def indikatoren_fuer(*, user) -> QuerySet[Indikator]:
    return Indikator.objects.all()


def vergleichswerte_fuer(*, user) -> QuerySet[Vergleichswert]:
    return Vergleichswert.objects.all()


def jahre() -> list[int]:
    return sorted(set(Indikatorwert.objects.values_list("jahr", flat=True).distinct()))


def ebenen_mit_raeumen(*, user) -> list[str]:
    return sorted(set(raeume_fuer(user=user).values_list("ebene", flat=True)))


# --- One shown value -----------------------------------------------------------------------


@dataclass(frozen=True)
class Zelle:
    """One shown value; `wert` is None when it is missing or suppressed (`anzeige` says which)."""

    wert: Decimal | None
    unterdrueckt: bool = False

    @property
    def anzeige(self) -> str | None:
        return kleinzahl_text() if self.unterdrueckt else None


def zelle(*, wert: Decimal | None, indikator: Indikator, user) -> Zelle:
    if ist_kleinzahl(wert=wert, indikator=indikator, user=user):
        return Zelle(None, True)
    return Zelle(wert)
