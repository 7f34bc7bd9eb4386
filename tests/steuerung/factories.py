"""Factories of the Zielpyramide (goals always complete their chain up to a Leitziel)."""

from __future__ import annotations

from decimal import Decimal

import factory

from organisation.rollen import Rolle
from steuerung.models import (
    Kennzahl,
    Leitziel,
    Massnahme,
    Produkt,
    Produktgruppe,
    Produktgruppenziel,
    Produktziel,
    Teilziel,
)
from tests.factories import BenutzerFactory, OrganisationseinheitFactory


class _ZielFactory(factory.django.DjangoModelFactory):
    jahr = 2025
    titel = factory.Sequence(lambda n: f"Ziel {n}")
    zielgruppe = "Seniorinnen und Senioren"
    organisationseinheit = factory.SubFactory(OrganisationseinheitFactory)
    verantwortlich = factory.SubFactory(
        BenutzerFactory,
        organisationseinheit=factory.SelfAttribute("..organisationseinheit"),
        rollen=[Rolle.SACHBEARBEITUNG],
    )


class LeitzielFactory(_ZielFactory):
    class Meta:
        model = Leitziel

    code = factory.Sequence(lambda n: f"LZ {n}")


class ProduktgruppeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Produktgruppe
        django_get_or_create = ["nummer"]

    nummer = factory.Sequence(lambda n: f"1.31.{n:02d}")
    bezeichnung = factory.Sequence(lambda n: f"Produktgruppe {n}")


class ProduktFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Produkt
        django_get_or_create = ["nummer"]

    nummer = factory.Sequence(lambda n: f"1.31.99.{n:03d}")
    bezeichnung = factory.Sequence(lambda n: f"Produkt {n}")
    produktgruppe = factory.SubFactory(ProduktgruppeFactory)


class ProduktgruppenzielFactory(_ZielFactory):
    class Meta:
        model = Produktgruppenziel

    code = factory.Sequence(lambda n: f"PGZ {n}")
    leitziel = factory.SubFactory(LeitzielFactory, organisationseinheit=factory.SelfAttribute("..organisationseinheit"))
    produktgruppe = factory.SubFactory(ProduktgruppeFactory)


class ProduktzielFactory(_ZielFactory):
    class Meta:
        model = Produktziel

    code = factory.Sequence(lambda n: f"PZ {n}")
    produktgruppenziel = factory.SubFactory(
        ProduktgruppenzielFactory, organisationseinheit=factory.SelfAttribute("..organisationseinheit")
    )
    produkt = factory.SubFactory(
        ProduktFactory, produktgruppe=factory.SelfAttribute("..produktgruppenziel.produktgruppe")
    )


class TeilzielFactory(_ZielFactory):
    class Meta:
        model = Teilziel

    code = factory.Sequence(lambda n: f"TZ {n}")
    produktziel = factory.SubFactory(
        ProduktzielFactory, organisationseinheit=factory.SelfAttribute("..organisationseinheit")
    )


class MassnahmeFactory(_ZielFactory):
    class Meta:
        model = Massnahme

    code = factory.Sequence(lambda n: f"M {n}")
    massnahmenziel = "Steigerung der Inanspruchnahme ehrenamtlicher Hilfen"
    produktziel = factory.SubFactory(
        ProduktzielFactory, organisationseinheit=factory.SelfAttribute("..organisationseinheit")
    )


class KennzahlFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Kennzahl

    jahr = 2025
    code = factory.Sequence(lambda n: f"K {n}")
    bezeichnung = factory.Sequence(lambda n: f"Kennzahl {n}")
    definition = "Anzahl der Fälle zum Stichtag"
    einheit = "Fälle"
    datenquelle = "Fachverfahren"
    richtung = "fallend"
    ausgangswert = Decimal("100")
    ausgangsjahr = 2024
    zielwert = Decimal("90")
    zieljahr = 2025
    organisationseinheit = factory.SubFactory(OrganisationseinheitFactory)
    verantwortlich = factory.SubFactory(
        BenutzerFactory,
        organisationseinheit=factory.SelfAttribute("..organisationseinheit"),
        rollen=[Rolle.SACHBEARBEITUNG],
    )
    vertretung = factory.SubFactory(
        BenutzerFactory,
        organisationseinheit=factory.SelfAttribute("..organisationseinheit"),
        rollen=[Rolle.SACHBEARBEITUNG],
    )
    produktziel = factory.SubFactory(
        ProduktzielFactory, organisationseinheit=factory.SelfAttribute("..organisationseinheit")
    )
