"""Peer values for the interkommunaler Vergleich (benchmark)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from sozialraum.models.indikatoren import WERT


class Vergleichswert(models.Model):
    """One peer municipality's value for a vergleichsschluessel and year.

    A Kennzahl with the same `vergleichsschluessel` (steuerung.Kennzahl) supplies the own value.
    `bezeichnung` names what is compared; pages show it instead of the technical key.
    `einwohner_demowert` marks made-up populations in demo data.
    """

    kommune = models.CharField(_("Kommune"), max_length=200)
    vergleichsschluessel = models.CharField(_("Vergleichsschlüssel"), max_length=100, db_index=True)
    bezeichnung = models.CharField(
        _("Bezeichnung"),
        max_length=200,
        blank=True,
        help_text=_("was verglichen wird, z. B. „Begegnungsstätten für Seniorinnen und Senioren“"),
    )
    jahr = models.PositiveSmallIntegerField(_("Jahr"))
    wert = models.DecimalField(_("Wert"), **WERT)
    einwohner = models.PositiveIntegerField(_("Einwohner"), null=True, blank=True)
    einwohner_demowert = models.BooleanField(_("Einwohnerzahl ist ein Demowert"), default=False)
    quelle = models.CharField(_("Quelle"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Vergleichswert")
        verbose_name_plural = _("Vergleichswerte")
        ordering = ["vergleichsschluessel", "jahr", "kommune"]
        constraints = [
            models.UniqueConstraint(
                fields=["kommune", "vergleichsschluessel", "jahr"],
                name="%(app_label)s_%(class)s_eindeutig",
                violation_error_message=_(
                    "Für diese Kommune, diesen Schlüssel und dieses Jahr gibt es bereits einen Wert."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.kommune} {self.vergleichsschluessel} {self.jahr}: {self.wert}"
