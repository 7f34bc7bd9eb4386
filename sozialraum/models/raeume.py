"""Areas (Räume) of the kleinräumige Sozialberichterstattung and their population per year."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import MitBearbeitungsstand
from sozialraum.models.auswahl import Ebene

GEOMETRIETYPEN = ("Polygon", "MultiPolygon")


def pruefe_grenze(wert) -> None:
    """A boundary is a GeoJSON Polygon or MultiPolygon geometry (no Feature wrapper)."""
    if wert in (None, ""):
        return
    if not isinstance(wert, dict) or wert.get("type") not in GEOMETRIETYPEN:
        raise ValidationError(_("Die Grenze muss eine GeoJSON-Geometrie vom Typ Polygon oder MultiPolygon sein."))
    if not isinstance(wert.get("coordinates"), list) or not wert["coordinates"]:
        raise ValidationError(_("Die GeoJSON-Geometrie braucht Koordinaten."))


class Raum(MitBearbeitungsstand):
    """An area of one ebene (Stadtbezirk, Quartier, Wohnplatz, ...) below its parent area.

    Planning data for the whole city, so not scoped by Organisationseinheit. The Rat sees
    only areas at or above the Kommune's Mindesteinwohnerzahl (sozialraum.selectors).
    """

    schluessel = models.CharField(
        _("Schlüssel"), max_length=40, unique=True, help_text=_("eindeutiges Kürzel, z. B. „BO-1“ oder „BO-1-03“")
    )
    name = models.CharField(_("Name"), max_length=200)
    ebene = models.CharField(_("Ebene"), max_length=20, choices=Ebene.choices)
    eltern = models.ForeignKey(
        "self",
        verbose_name=_("übergeordneter Raum"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="kinder",
    )
    grenze = models.JSONField(
        _("Grenze (GeoJSON)"),
        null=True,
        blank=True,
        validators=[pruefe_grenze],
        help_text=_("Polygon oder MultiPolygon"),
    )
    grenze_schematisch = models.BooleanField(
        _("Grenze nur schematisch"), default=False, help_text=_("vereinfachte Darstellung, keine amtliche Grenze")
    )
    beschreibung = models.TextField(_("Beschreibung"), blank=True)
    massnahmen = models.ManyToManyField(
        "steuerung.Massnahme", blank=True, related_name="raeume", verbose_name=_("Maßnahmen im Raum")
    )
    kennzahlen = models.ManyToManyField(
        "steuerung.Kennzahl", blank=True, related_name="raeume", verbose_name=_("Kennzahlen des Raums")
    )
    history = HistoricalRecords(m2m_fields=[])

    class Meta:
        verbose_name = _("Raum")
        verbose_name_plural = _("Räume")
        ordering = ["ebene", "name"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(eltern=models.F("id")),
                name="%(app_label)s_%(class)s_nicht_eigenes_eltern",
                violation_error_message=_("Ein Raum kann nicht sein eigener übergeordneter Raum sein."),
            )
        ]

    def __str__(self) -> str:
        return self.name


class RaumEinwohner(models.Model):
    """Residents of an area in one year (Stichtag 31.12.)."""

    raum = models.ForeignKey(Raum, verbose_name=_("Raum"), on_delete=models.CASCADE, related_name="einwohnerzahlen")
    jahr = models.PositiveSmallIntegerField(_("Jahr"))
    einwohner = models.PositiveIntegerField(_("Einwohner"))

    class Meta:
        verbose_name = _("Einwohnerzahl")
        verbose_name_plural = _("Einwohnerzahlen")
        ordering = ["raum", "jahr"]
        constraints = [
            models.UniqueConstraint(
                fields=["raum", "jahr"],
                name="%(app_label)s_%(class)s_eindeutig",
                violation_error_message=_("Für diesen Raum und dieses Jahr gibt es bereits eine Einwohnerzahl."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.raum}: {self.jahr} = {self.einwohner}"
