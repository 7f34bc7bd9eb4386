"""Factories for the tertial tests: a small pyramid with Kennzahlen and Messwerte (independent of issue 3's)."""

from __future__ import annotations

from decimal import Decimal

import factory

from core.periods import periode
from organisation.rollen import Rolle
from steuerung.models import Kennzahl, Leitziel, Messwert, Produkt, Produktgruppe, Produktgruppenziel, Produktziel
from tests.factories import BenutzerFactory, OrganisationseinheitFactory


class _Ziel(factory.django.DjangoModelFactory):
    jahr = 2026
    titel = factory.Sequence(lambda n: f"Testziel {n}")
    organisationseinheit = factory.SubFactory(OrganisationseinheitFactory)


class TLeitzielFactory(_Ziel):
    class Meta:
        model = Leitziel

    code = factory.Sequence(lambda n: f"T-LZ {n}")


class TProduktgruppeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Produktgruppe
        django_get_or_create = ["nummer"]

    nummer = factory.Sequence(lambda n: f"9.31.{n:02d}")
    bezeichnung = factory.Sequence(lambda n: f"Testproduktgruppe {n}")


class TProduktgruppenzielFactory(_Ziel):
    class Meta:
        model = Produktgruppenziel

    code = factory.Sequence(lambda n: f"T-PGZ {n}")
    leitziel = factory.SubFactory(
        TLeitzielFactory, organisationseinheit=factory.SelfAttribute("..organisationseinheit")
    )
    produktgruppe = factory.SubFactory(TProduktgruppeFactory)


class TProduktFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Produkt
        django_get_or_create = ["nummer"]

    nummer = factory.Sequence(lambda n: f"9.31.99.{n:03d}")
    bezeichnung = factory.Sequence(lambda n: f"Testprodukt {n}")
    produktgruppe = factory.SubFactory(TProduktgruppeFactory)


class TProduktzielFactory(_Ziel):
    class Meta:
        model = Produktziel

    code = factory.Sequence(lambda n: f"T-PZ {n}")
    produktgruppenziel = factory.SubFactory(
        TProduktgruppenzielFactory, organisationseinheit=factory.SelfAttribute("..organisationseinheit")
    )
    produkt = factory.SubFactory(TProduktFactory)


class TKennzahlFactory(factory.django.DjangoModelFactory):
    """A rising tertial Kennzahl: baseline 44 (2024), target 50 (2027)."""

    class Meta:
        model = Kennzahl

    jahr = 2026
    code = factory.Sequence(lambda n: f"T-KZ {n}")
    bezeichnung = factory.Sequence(lambda n: f"Testkennzahl {n}")
    einheit = "Fälle"
    messart = "bestand"
    richtung = "steigend"
    erhebungsrhythmus = "tertial"
    ausgangswert = Decimal("44")
    ausgangsjahr = 2024
    zielwert = Decimal("50")
    zieljahr = 2027
    organisationseinheit = factory.SubFactory(OrganisationseinheitFactory)
    verantwortlich = factory.SubFactory(
        BenutzerFactory,
        organisationseinheit=factory.SelfAttribute("..organisationseinheit"),
        rollen=[Rolle.SACHBEARBEITUNG],
    )
    vertretung = factory.SelfAttribute("verantwortlich")
    produktziel = factory.SubFactory(
        TProduktzielFactory, organisationseinheit=factory.SelfAttribute("..organisationseinheit")
    )


class TMesswertFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Messwert

    kennzahl = factory.SubFactory(TKennzahlFactory)
    periode = "2026-T1"
    periode_ende = factory.LazyAttribute(lambda o: periode(o.periode).ende)
    wert = Decimal("45")
