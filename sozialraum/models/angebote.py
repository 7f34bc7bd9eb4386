"""Träger and their Angebote in the areas, so a Steckbrief shows what already exists."""

from __future__ import annotations

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import MitBearbeitungsstand
from sozialraum.models.auswahl import Angebotsart


class Traeger(models.Model):
    """A provider (freier Träger, Wohlfahrtsverband, städtische Einrichtung). No contact persons."""

    name = models.CharField(_("Name"), max_length=200, unique=True)
    art = models.CharField(_("Art"), max_length=100, blank=True, help_text=_("z. B. Wohlfahrtsverband, Verein, Stadt"))
    webseite = models.URLField(_("Webseite"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Träger")
        verbose_name_plural = _("Träger")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Angebot(MitBearbeitungsstand):
    """A service offered at a site in an area."""

    bezeichnung = models.CharField(_("Bezeichnung"), max_length=200)
    art = models.CharField(_("Art"), max_length=20, choices=Angebotsart.choices)
    traeger = models.ForeignKey(Traeger, verbose_name=_("Träger"), on_delete=models.PROTECT, related_name="angebote")
    raum = models.ForeignKey(
        "sozialraum.Raum", verbose_name=_("Raum"), on_delete=models.PROTECT, related_name="angebote"
    )
    standort = models.CharField(_("Standort"), max_length=300, blank=True, help_text=_("Anschrift der Einrichtung"))
    zielgruppe = models.CharField(_("Zielgruppe"), max_length=200, blank=True)
    oeffnungszeiten = models.CharField(_("Öffnungszeiten"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Angebot")
        verbose_name_plural = _("Angebote")
        ordering = ["raum", "bezeichnung"]
        constraints = [
            models.UniqueConstraint(
                fields=["traeger", "raum", "bezeichnung"],
                name="%(app_label)s_%(class)s_eindeutig",
                violation_error_message=_("Dieses Angebot des Trägers gibt es in diesem Raum bereits."),
            )
        ]

    def __str__(self) -> str:
        return self.bezeichnung


class Foerderung(models.Model):
    """Funding of an Angebot in one year."""

    angebot = models.ForeignKey(
        Angebot, verbose_name=_("Angebot"), on_delete=models.CASCADE, related_name="foerderungen"
    )
    jahr = models.PositiveSmallIntegerField(_("Jahr"))
    betrag = models.DecimalField(
        _("Förderbetrag (€)"), max_digits=14, decimal_places=2, validators=[MinValueValidator(0)]
    )

    class Meta:
        verbose_name = _("Förderung")
        verbose_name_plural = _("Förderungen")
        ordering = ["angebot", "jahr"]
        constraints = [
            models.UniqueConstraint(
                fields=["angebot", "jahr"],
                name="%(app_label)s_%(class)s_eindeutig",
                violation_error_message=_("Für dieses Angebot und Jahr gibt es bereits eine Förderung."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.angebot} {self.jahr}: {self.betrag}"
