"""Factories of the Sozialraum tests that need Zielpyramide objects."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from organisation.models import Organisationseinheit
from steuerung.models import Kennzahl, Leitziel, Massnahme, Messwert
from tests.factories import BenutzerFactory, OrganisationseinheitFactory


def _oe(kuerzel: str) -> Organisationseinheit:
    return OrganisationseinheitFactory(kuerzel=kuerzel)


def massnahme(*, kuerzel: str = "50", code: str = "M 1", titel: str = "Quartiersarbeit") -> Massnahme:
    """A Maßnahme of the unit (its goal links are optional)."""
    return Massnahme.objects.create(jahr=2025, code=code, titel=titel, organisationseinheit=_oe(kuerzel))


def kennzahl_mit_wert(
    *, vergleichsschluessel: str, jahr: int, wert: str, richtung: str, kuerzel: str = "50"
) -> Kennzahl:
    oe = _oe(kuerzel)
    person = BenutzerFactory()
    leitziel = Leitziel.objects.create(
        jahr=jahr, code=f"LZ {vergleichsschluessel}", titel="Teilhabe", organisationseinheit=oe
    )
    kennzahl = Kennzahl.objects.create(
        jahr=jahr,
        bezeichnung="Begegnungsstätten",
        richtung=richtung,
        verantwortlich=person,
        vertretung=person,
        organisationseinheit=oe,
        vergleichsschluessel=vergleichsschluessel,
        leitziel=leitziel,
    )
    Messwert.objects.create(kennzahl=kennzahl, periode=str(jahr), periode_ende=date(jahr, 12, 31), wert=Decimal(wert))
    return kennzahl
