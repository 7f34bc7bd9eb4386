"""The worked example of the issue as database fixtures: one measure of Amt 50, one of Amt 51."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from controlling.models import Ablaufschritt
from tests.controlling.factories import EinzelfallFactory, HSKMassnahmeFactory, HSKSollFactory


def beispielmassnahme(einheit, bezeichnung: str):
    massnahme = HSKMassnahmeFactory(organisationseinheit=einheit, bezeichnung=bezeichnung)
    HSKSollFactory(hsk_massnahme=massnahme, jahr=2024, betrag=Decimal("50000.00"))
    HSKSollFactory(hsk_massnahme=massnahme, jahr=2025, betrag=Decimal("90000.00"))
    schritte = [
        Ablaufschritt.objects.create(hsk_massnahme=massnahme, reihenfolge=i, bezeichnung=name)
        for i, name in enumerate(["Fallvorauswahl", "Betreuung", "Rückführung", "Ergebnis dokumentiert"], start=1)
    ]
    EinzelfallFactory(
        hsk_massnahme=massnahme,
        pseudonym="A-001",
        wirkungsbeginn=date(2024, 3, 1),
        vermiedene_kosten_monat=Decimal("3000.00"),
        neue_kosten_monat=Decimal("500.00"),
        ablaufschritt=schritte[2],
        ergebnis="erfolgreich",
    )
    EinzelfallFactory(
        hsk_massnahme=massnahme,
        pseudonym="B-002",
        wirkungsbeginn=date(2024, 4, 16),
        wirkungsende=date(2024, 9, 30),
        vermiedene_kosten_monat=Decimal("4000.00"),
        ablaufschritt=schritte[3],
        ergebnis="abgebrochen",
    )
    EinzelfallFactory(
        hsk_massnahme=massnahme,
        pseudonym="C-003",
        wirkungsbeginn=date(2024, 11, 20),
        vermiedene_kosten_monat=Decimal("4200.00"),
        ablaufschritt=schritte[1],
    )
    return massnahme


@pytest.fixture
def hsk50(einheiten):
    return beispielmassnahme(einheiten["50"], "Pflegeberatung ambulant vor stationär")


@pytest.fixture
def hsk51(einheiten):
    return beispielmassnahme(einheiten["51"], "Rückführung aus stationärer Unterbringung")
