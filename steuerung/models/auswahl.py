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
    MITTELWERT = "mittelwert", _("Mittelwert über die Periode")


class Skalierung(models.IntegerChoices):
    """Factor of a Quote: Zähler / Nenner × Skalierung."""

    EINS = 1, _("× 1 (Verhältnis)")
    HUNDERT = 100, _("× 100 (Prozent)")
    TAUSEND = 1000, _("× 1.000 (Promille, je 1.000)")


class Erhebungsrhythmus(models.TextChoices):
    TERTIAL = "tertial", _("Tertial")
    JAHR = "jahr", _("Jahr")
    MONAT = "monat", _("Monat")


class RollUp(models.TextChoices):
    SCHLECHTESTE = "schlechteste", _("schlechteste Ampel")
    GEWICHTET = "gewichtet", _("gewichteter Mittelwert")
