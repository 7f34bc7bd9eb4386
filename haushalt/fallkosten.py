"""Case-cost analysis: split a Transferaufwand deviation into Mengen- and Preiseffekt.

Pure functions over Decimal, no ORM. Transferaufwand A = Fallzahl F × Kosten je Fall K, so for a
plan state P and an actual or forecast state I:

    Mengeneffekt = (F_I − F_P) × K_P      (more or fewer cases at the planned price)
    Preiseffekt  = (K_I − K_P) × F_I      (dearer or cheaper cases at the actual number)

Both are computed unrounded (their sum is exactly A_I − A_P), then rounded to cents; any rounding
difference goes to the Preiseffekt, so the two effects add up to the deviation to the cent.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from core.money import cent


@dataclass(frozen=True)
class Zustand:
    """One state of a Produkt's cases: Fälle and their Transferaufwand; `name` says which state it is."""

    name: str
    fallzahl: Decimal | None
    aufwand: Decimal | None


@dataclass(frozen=True)
class Aufteilung:
    kosten_je_fall_p: Decimal
    kosten_je_fall_i: Decimal
    mengeneffekt: Decimal
    preiseffekt: Decimal
    abweichung: Decimal
    rundungsdifferenz: Decimal  # already contained in `preiseffekt`


@dataclass(frozen=True)
class KeineAufteilung:
    grund: str


def _fehlt(z: Zustand) -> str | None:
    if z.aufwand is None:
        return _("Für %(zustand)s liegt kein Transferaufwand vor.") % {"zustand": z.name}
    if z.fallzahl is None:
        return _("Für %(zustand)s liegt keine Fallzahl vor.") % {"zustand": z.name}
    if z.fallzahl == 0:
        return _("Die Fallzahl für %(zustand)s ist 0; Kosten je Fall sind nicht bestimmbar.") % {"zustand": z.name}
    if z.fallzahl < 0:
        return _("Die Fallzahl für %(zustand)s ist negativ.") % {"zustand": z.name}
    return None


def mengen_preis_aufteilung(*, plan: Zustand, ist: Zustand) -> Aufteilung | KeineAufteilung:
    """Split A_I − A_P; without a usable Fallzahl and Aufwand in both states, say why not."""
    for zustand in (plan, ist):
        grund = _fehlt(zustand)
        if grund:
            return KeineAufteilung(grund)
    assert plan.fallzahl is not None and plan.aufwand is not None
    assert ist.fallzahl is not None and ist.aufwand is not None
    k_p = plan.aufwand / plan.fallzahl
    k_i = ist.aufwand / ist.fallzahl
    abweichung = ist.aufwand - plan.aufwand
    mengeneffekt = cent((ist.fallzahl - plan.fallzahl) * k_p)
    preiseffekt_gerundet = cent((k_i - k_p) * ist.fallzahl)
    preiseffekt = abweichung - mengeneffekt
    return Aufteilung(
        kosten_je_fall_p=cent(k_p),
        kosten_je_fall_i=cent(k_i),
        mengeneffekt=mengeneffekt,
        preiseffekt=preiseffekt,
        abweichung=abweichung,
        rundungsdifferenz=preiseffekt - preiseffekt_gerundet,
    )
