"""Reads of the Haushalt: scoped querysets, the settings row, the Zuwendungen list.

Scope: money belongs to the unit responsible for its Produkt (Produktzuordnung); a Zuwendung to
the unit that manages it. Both go through organisation.selectors.fuer_benutzer, so Kämmerei and
Steuerungsunterstützung see everything, the Dezernat its subtree, a Fachamt its own units, and
the Rat nothing. The Finanzdatenblatt reads live in haushalt.finanzen.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import QuerySet
from django.utils import timezone

from haushalt.kennwerte import summe
from haushalt.models import (
    EINSTELLUNGEN_ID,
    Finanzerlaeuterung,
    HaushaltEinstellungen,
    Haushaltsimport,
    Haushaltsposition,
    Produktzuordnung,
    Zuwendung,
)
from organisation.selectors import fuer_benutzer
from steuerung.models import Produkt, Produktgruppe

OE_DES_PRODUKTS = "haushaltszuordnung__organisationseinheit"


def einstellungen() -> HaushaltEinstellungen:
    """The settings row; its defaults while none is saved yet."""
    return HaushaltEinstellungen.objects.filter(pk=EINSTELLUNGEN_ID).first() or HaushaltEinstellungen(
        pk=EINSTELLUNGEN_ID
    )


def produktbereich_von(produktgruppe_nummer: str) -> str:
    """The Produktbereich is the Produktgruppe's number without its last part: 1.31.01 → 1.31."""
    return produktgruppe_nummer.rsplit(".", 1)[0] if "." in produktgruppe_nummer else produktgruppe_nummer


def produktbereich_bezeichnung(nummer: str, eingestellt: HaushaltEinstellungen | None = None) -> str:
    return str((eingestellt or einstellungen()).produktbereiche.get(nummer, ""))


def produkte_fuer(*, user) -> QuerySet[Produkt]:
    """Produkte whose money the user may see: those of a responsible unit in scope."""
    return fuer_benutzer(Produkt.objects.select_related("produktgruppe"), user, oe_feld=OE_DES_PRODUKTS)


def produktgruppen_fuer(*, user) -> QuerySet[Produktgruppe]:
    return Produktgruppe.objects.filter(pk__in=produkte_fuer(user=user).values("produktgruppe_id"))


def finanzerlaeuterungen_fuer(*, user) -> QuerySet[Finanzerlaeuterung]:
    """Explanations of the Produktgruppen whose money the user may see."""
    return Finanzerlaeuterung.objects.select_related("produktgruppe").filter(
        produktgruppe__in=produktgruppen_fuer(user=user)
    )


def haushaltspositionen_fuer(*, user) -> QuerySet[Haushaltsposition]:
    return fuer_benutzer(
        Haushaltsposition.objects.select_related("produkt"), user, oe_feld=f"produkt__{OE_DES_PRODUKTS}"
    )


def produktzuordnungen_fuer(*, user) -> QuerySet[Produktzuordnung]:
    return fuer_benutzer(
        Produktzuordnung.objects.select_related("produkt", "organisationseinheit", "fallzahl_kennzahl"), user
    )


def zuwendungen_fuer(*, user) -> QuerySet[Zuwendung]:
    return fuer_benutzer(
        Zuwendung.objects.select_related("organisationseinheit", "produkt", "massnahme", "produktziel"), user
    )


def haushaltsimporte() -> QuerySet[Haushaltsimport]:
    """The upload log without the file bytes (they are read only when an import is applied)."""
    return Haushaltsimport.objects.defer("inhalt").select_related("hochgeladen_von", "uebernommen_von")


def jahre_mit_daten(*, produkte: QuerySet[Produkt] | None = None) -> list[int]:
    qs = Haushaltsposition.objects.all()
    if produkte is not None:
        qs = qs.filter(produkt__in=produkte)
    return sorted(set(qs.values_list("jahr", flat=True).distinct()))


# --- Zuwendungen per Förderbereich -----------------------------------------------------------


@dataclass
class Foerderbereich:
    name: str
    zuwendungen: list[Zuwendung] = field(default_factory=list)

    def _summe(self, feld: str) -> Decimal:
        return summe(getattr(z, feld) for z in self.zuwendungen) or Decimal("0")

    @property
    def geplant(self) -> Decimal:
        return self._summe("geplant")

    @property
    def beantragt(self) -> Decimal:
        return self._summe("beantragt")

    @property
    def bewilligt(self) -> Decimal:
        return self._summe("bewilligt")

    @property
    def ausgezahlt(self) -> Decimal:
        return self._summe("ausgezahlt")


@dataclass
class Zuwendungsuebersicht:
    jahr: int | None
    bereiche: list[Foerderbereich]
    ueberfaellig: list[Zuwendung]
    heute: date

    @property
    def gesamt(self) -> Foerderbereich:
        return Foerderbereich(name="", zuwendungen=[z for b in self.bereiche for z in b.zuwendungen])


def zuwendungen_je_foerderbereich(
    *, zuwendungen: QuerySet[Zuwendung], heute: date | None = None
) -> Zuwendungsuebersicht:
    """The (already filtered) Zuwendungen grouped by Förderbereich, with totals and the overdue proofs."""
    heute = heute or timezone.localdate()
    gruppen: dict[str, Foerderbereich] = defaultdict(lambda: Foerderbereich(name=""))
    liste = list(zuwendungen.order_by("foerderbereich", "traeger", "id"))
    for z in liste:
        bereich = gruppen[z.foerderbereich]
        bereich.name = z.foerderbereich
        bereich.zuwendungen.append(z)
    jahre = {z.jahr for z in liste}
    return Zuwendungsuebersicht(
        jahr=jahre.pop() if len(jahre) == 1 else None,
        bereiche=[gruppen[n] for n in sorted(gruppen)],
        ueberfaellig=[z for z in liste if z.nachweis_ueberfaellig(heute)],
        heute=heute,
    )
