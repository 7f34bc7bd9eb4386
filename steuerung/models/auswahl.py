"""Choices shared by goals and Kennzahlen."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from steuerung.bewertung import Richtung

__all__ = [
    "Erhebungsrhythmus",
    "Messart",
    "Praeventionsform",
    "Richtung",
    "RollUp",
    "Wirkungsebene",
    "Zielart",
]


class Zielart(models.TextChoices):
    WIRKUNGSZIEL = "wirkungsziel", _("Wirkungsziel")
    LEISTUNGSZIEL = "leistungsziel", _("Leistungsziel")
    FINANZZIEL = "finanzziel", _("Finanzziel")


class Wirkungsebene(models.TextChoices):
    INPUT = "input", _("Input")
    OUTPUT = "output", _("Output")
    OUTCOME = "outcome", _("Outcome")
    IMPACT = "impact", _("Impact")


class Praeventionsform(models.TextChoices):
    PRIMAER = "primaer", _("primär")
    SEKUNDAER = "sekundaer", _("sekundär")
    TERTIAER = "tertiaer", _("tertiär")


class Messart(models.TextChoices):
    BESTAND = "bestand", _("Bestand zum Stichtag")
    SUMME = "summe", _("Summe über die Periode")
    QUOTE = "quote", _("Quote (Zähler/Nenner)")


class Erhebungsrhythmus(models.TextChoices):
    TERTIAL = "tertial", _("Tertial")
    JAHR = "jahr", _("Jahr")
    MONAT = "monat", _("Monat")


class RollUp(models.TextChoices):
    SCHLECHTESTE = "schlechteste", _("schlechteste Ampel")
    GEWICHTET = "gewichtet", _("gewichteter Mittelwert")
