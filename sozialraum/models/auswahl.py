"""Choices of the Sozialraum-Monitoring."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Ebene(models.TextChoices):
    KREIS = "kreis", _("Kreis")
    KOMMUNE = "kommune", _("Kommune")
    STADT = "stadt", _("Stadt")
    STADTBEZIRK = "stadtbezirk", _("Stadtbezirk")
    STADTTEIL = "stadtteil", _("Stadtteil")
    QUARTIER = "quartier", _("Quartier")
    WOHNPLATZ = "wohnplatz", _("Wohnplatz")


class Bereich(models.TextChoices):
    BEVOELKERUNG = "bevoelkerung", _("Bevölkerung")
    AUSLAENDISCHE_BEVOELKERUNG = "auslaendische_bevoelkerung", _("Ausländische Bevölkerung")
    ARBEIT_SOZIALES = "arbeit_soziales", _("Arbeit und Soziales")
    JUGENDHILFE = "jugendhilfe", _("Jugendhilfe")
    GESUNDHEIT = "gesundheit", _("Gesundheit")
    PFLEGE_SENIOREN = "pflege_senioren", _("Pflege und Senioren")
    WOHNEN = "wohnen", _("Wohnen")
    BILDUNG = "bildung", _("Bildung")


class Richtung(models.TextChoices):
    HOCH_IST_PROBLEMATISCH = "hoch_ist_problematisch", _("hoher Wert ist problematisch")
    HOCH_IST_GUT = "hoch_ist_gut", _("hoher Wert ist gut")


class Angebotsart(models.TextChoices):
    BERATUNG = "beratung", _("Beratung")
    BEGEGNUNG = "begegnung", _("Begegnung")
    FAMILIE = "familie", _("Familienförderung")
    JUGEND = "jugend", _("Kinder- und Jugendarbeit")
    PFLEGE = "pflege", _("Pflege und Alltagshilfe")
    ARBEIT = "arbeit", _("Arbeit und Qualifizierung")
    SONSTIGES = "sonstiges", _("Sonstiges")
