"""Indicators of the social report and their values per area and year."""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import MitBearbeitungsstand
from sozialraum.models.auswahl import Bereich, Richtung

WERT = {"max_digits": 18, "decimal_places": 4}


class Indikator(MitBearbeitungsstand):
    """An indicator such as "SGB-II-Quote" with its definition, direction and index weight.

    `ist_fallzahl` marks absolute counts of people: council views show values below
    the Kommune's Kleinzahlgrenze as "< 5" (Sozialdatenschutz).
    """

    schluessel = models.SlugField(_("Schlüssel"), max_length=60, unique=True)
    bezeichnung = models.CharField(_("Bezeichnung"), max_length=200)
    bereich = models.CharField(_("Bereich"), max_length=40, choices=Bereich.choices)
    definition = models.TextField(_("Definition"), blank=True)
    zaehler = models.CharField(_("Zähler"), max_length=300, blank=True)
    nenner = models.CharField(_("Nenner"), max_length=300, blank=True)
    einheit = models.CharField(_("Einheit"), max_length=40, blank=True, help_text=_("z. B. %, je 1.000 EW, Anzahl"))
    datenquelle = models.CharField(_("Datenquelle"), max_length=300, blank=True)
    richtung = models.CharField(
        _("Richtung"), max_length=30, choices=Richtung.choices, default=Richtung.HOCH_IST_PROBLEMATISCH
    )
    gewicht = models.DecimalField(
        _("Gewicht im Index"),
        max_digits=6,
        decimal_places=2,
        default=Decimal("1"),
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("0 = fließt nicht in den Index ein"),
    )
    ist_fallzahl = models.BooleanField(
        _("Wert ist eine Fallzahl"), default=False, help_text=_("kleine Fallzahlen werden für den Rat unterdrückt")
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Indikator")
        verbose_name_plural = _("Indikatoren")
        ordering = ["bereich", "bezeichnung"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(gewicht__gte=0),
                name="%(app_label)s_%(class)s_gewicht_nicht_negativ",
                violation_error_message=_("Das Gewicht darf nicht negativ sein."),
            )
        ]

    def __str__(self) -> str:
        return self.bezeichnung


class Indikatorwert(models.Model):
    """The value of one indicator for one area in one year."""

    indikator = models.ForeignKey(
        Indikator, verbose_name=_("Indikator"), on_delete=models.CASCADE, related_name="werte"
    )
    raum = models.ForeignKey("sozialraum.Raum", verbose_name=_("Raum"), on_delete=models.CASCADE, related_name="werte")
    jahr = models.PositiveSmallIntegerField(_("Jahr"), db_index=True)
    wert = models.DecimalField(_("Wert"), **WERT)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Indikatorwert")
        verbose_name_plural = _("Indikatorwerte")
        ordering = ["indikator", "raum", "jahr"]
        constraints = [
            models.UniqueConstraint(
                fields=["indikator", "raum", "jahr"],
                name="%(app_label)s_%(class)s_eindeutig",
                violation_error_message=_("Für diesen Indikator, Raum und dieses Jahr gibt es bereits einen Wert."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.indikator} / {self.raum} / {self.jahr}: {self.wert}"
