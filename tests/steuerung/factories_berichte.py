"""Factories and a small set-up for the Tertialbericht tests (self-contained, Haushaltsjahr 2026)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import factory

from core.periods import periode
from steuerung.models import Kennzahl, Leitziel, Messwert, Produkt, Produktgruppe, Produktgruppenziel, Produktziel


class BLeitzielFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Leitziel
        django_get_or_create = ["jahr", "code"]

    jahr = 2026
    code = "LZ 1"
    titel = "Ein selbstbestimmtes Leben in der eigenen Häuslichkeit wird ermöglicht."


class BProduktgruppeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Produktgruppe
        django_get_or_create = ["nummer"]

    nummer = "1.31.01"
    bezeichnung = "Hilfen für Seniorinnen und Senioren"


class BProduktFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Produkt
        django_get_or_create = ["nummer"]

    nummer = "1.31.01.02"
    bezeichnung = "Hilfe zur Pflege"
    produktgruppe = factory.SubFactory(BProduktgruppeFactory)


class BProduktgruppenzielFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Produktgruppenziel
        django_get_or_create = ["jahr", "code"]

    jahr = 2026
    code = "PGZ 1"
    titel = "Ambulant vor stationär ist sichergestellt."
    produktgruppe = factory.SubFactory(BProduktgruppeFactory)
    leitziel = factory.SubFactory(
        BLeitzielFactory, organisationseinheit=factory.SelfAttribute("..organisationseinheit")
    )


class BProduktzielFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Produktziel
        django_get_or_create = ["jahr", "code"]

    jahr = 2026
    code = "PZ 1"
    titel = "Verbleib in der eigenen Häuslichkeit steigt."
    produkt = factory.SubFactory(BProduktFactory)
    produktgruppenziel = factory.SubFactory(
        BProduktgruppenzielFactory, organisationseinheit=factory.SelfAttribute("..organisationseinheit")
    )


class BKennzahlFactory(factory.django.DjangoModelFactory):
    """Rising tertial Kennzahl: 44 at the end of 2024, 50 at the end of 2027."""

    class Meta:
        model = Kennzahl

    jahr = 2026
    code = factory.Sequence(lambda n: f"K {n + 1}")
    bezeichnung = factory.Sequence(lambda n: f"Kennzahl {n + 1}")
    einheit = "Fälle"
    messart = "bestand"
    richtung = "steigend"
    erhebungsrhythmus = "tertial"
    ausgangswert = Decimal("44")
    ausgangsjahr = 2024
    zielwert = Decimal("50")
    zieljahr = 2027
    produktziel = factory.SubFactory(
        BProduktzielFactory, organisationseinheit=factory.SelfAttribute("..organisationseinheit")
    )


class BMesswertFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Messwert

    periode = "2026-T2"
    periode_ende = factory.LazyAttribute(lambda o: periode(o.periode).ende)
    wert = Decimal("47")


def rote_kennzahl_mit_erklaerung(*, kennzahl: Kennzahl, periode_schluessel: str = "2026-T2", erklaert: bool = True):
    """A red value (far below Soll), with or without Begründung and Gegensteuerung."""
    extra = (
        {
            "begruendung": "Mehr Heimaufnahmen nach Krankenhausaufenthalten.",
            "gegensteuerung_was": "Fallkonferenzen mit den Kliniken",
            "gegensteuerung_wer": "Abteilungsleitung 50 2",
            "gegensteuerung_bis": date(2026, 12, 31),
        }
        if erklaert
        else {}
    )
    return BMesswertFactory(kennzahl=kennzahl, periode=periode_schluessel, wert=Decimal("40"), **extra)
