"""Factories of the HSK-Controlling tests."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import factory

from controlling.models import Einzelfall, HSKMassnahme, HSKSoll, Praeventionsprojekt, Verlaufsstand
from steuerung.models import Massnahme
from tests.factories import OrganisationseinheitFactory


class MassnahmeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Massnahme

    jahr = 2026
    code = factory.Sequence(lambda n: f"M T{n}")
    titel = factory.Sequence(lambda n: f"Testmaßnahme {n}")
    organisationseinheit = factory.SubFactory(OrganisationseinheitFactory)


class HSKMassnahmeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HSKMassnahme
        skip_postgeneration_save = True

    bezeichnung = factory.Sequence(lambda n: f"HSK-Maßnahme {n}")
    organisationseinheit = factory.SubFactory(OrganisationseinheitFactory)
    massnahme = factory.SubFactory(
        MassnahmeFactory, organisationseinheit=factory.SelfAttribute("..organisationseinheit")
    )
    wirkungshypothese = "Zwei Fachkräfte führen Kinder aus stationärer Unterbringung in ihre Familien zurück."
    beginn = date(2024, 2, 10)
    personalkosten_jahr = Decimal("60000.00")

    @factory.post_generation
    def stand(self, create, extracted, **kwargs):
        if create:
            Verlaufsstand.objects.get_or_create(hsk_massnahme=self)


class HSKSollFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HSKSoll

    hsk_massnahme = factory.SubFactory(HSKMassnahmeFactory)
    jahr = 2024
    betrag = Decimal("50000.00")


class EinzelfallFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Einzelfall

    hsk_massnahme = factory.SubFactory(HSKMassnahmeFactory)
    pseudonym = factory.Sequence(lambda n: f"HSK-{n:03d}")
    aufnahme = date(2024, 2, 15)
    wirkungsbeginn = date(2024, 3, 1)
    vermiedene_kosten_monat = Decimal("3000.00")


class PraeventionsprojektFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Praeventionsprojekt

    bezeichnung = factory.Sequence(lambda n: f"Projekt {n}")
    jahr = 2025
    organisationseinheit = factory.SubFactory(OrganisationseinheitFactory)
    kosten = Decimal("10000.00")
    geschaetzte_einsparung = Decimal("32100.00")
    begruendung = "Schätzung nach Fallzahlen des Vorjahres."
