"""Per-Kommune finance settings and what a Produkt needs beyond steuerung's number and name."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import MitBearbeitungsstand
from haushalt.models.auswahl import AUFWANDSZEILEN, Zeile

EINSTELLUNGEN_ID = 1


class HaushaltEinstellungen(MitBearbeitungsstand):
    """The Kommune's finance settings: one row (id 1).

    Thresholds of the explanation rule for the report's finance section, the population for
    "je Einwohner" (sozialraum holds areas, but a domain app must not depend on another one),
    names of the Produktbereiche (a Produktbereich is only a number prefix in steuerung), and the
    column names of the finance system's export, mapped once and kept.
    """

    schwelle_prozent = models.DecimalField(
        _("Erklärungspflicht ab Abweichung (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("10"),
        validators=[MinValueValidator(0)],
    )
    schwelle_betrag = models.DecimalField(
        _("Erklärungspflicht ab Abweichung (€)"),
        max_digits=14,
        decimal_places=2,
        default=Decimal("100000"),
        validators=[MinValueValidator(0)],
    )
    einwohnerzahl = models.PositiveIntegerField(_("Einwohnerzahl"), null=True, blank=True)
    einwohner_stichtag = models.DateField(_("Einwohnerzahl zum"), null=True, blank=True)
    produktbereiche = models.JSONField(
        _("Bezeichnungen der Produktbereiche"), default=dict, blank=True, help_text=_("z. B. 1.31 = Soziale Hilfen")
    )
    spalten = models.JSONField(
        _("Spaltennamen des Exports"),
        default=dict,
        blank=True,
        help_text=_("je Feld (produkt, zeile, art, jahr, stichtag, betrag) der Spaltenkopf der Datei"),
    )
    ignorierte_spalten = models.JSONField(_("ignorierte Spalten"), default=list, blank=True)
    aufwand_negativ = models.BooleanField(
        _("Aufwendungen im Export negativ"),
        default=False,
        help_text=_("NKF-Vorzeichen: Erträge positiv, Aufwendungen negativ; der Import dreht Aufwendungen dann um."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Haushalt-Einstellungen")
        verbose_name_plural = _("Haushalt-Einstellungen")
        constraints = [
            models.CheckConstraint(
                condition=Q(id=EINSTELLUNGEN_ID),
                name="%(app_label)s_%(class)s_einzeln",
                violation_error_message=_("Es gibt nur eine Zeile mit Haushalt-Einstellungen."),
            )
        ]

    def __str__(self) -> str:
        return str(_("Haushalt-Einstellungen"))


class Produktzuordnung(MitBearbeitungsstand):
    """A Produkt's responsible unit, its Fallzahl-Kennzahl and its Transferaufwand line.

    Kept beside steuerung's Produkt (one-to-one) so the finance view can scope money by unit and
    split a deviation into Mengen- and Preiseffekt without changing the goal system's model.
    """

    produkt = models.OneToOneField(
        "steuerung.Produkt", verbose_name=_("Produkt"), on_delete=models.CASCADE, related_name="haushaltszuordnung"
    )
    organisationseinheit = models.ForeignKey(
        "organisation.Organisationseinheit",
        verbose_name=_("verantwortliche Organisationseinheit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    fallzahl_kennzahl = models.ForeignKey(
        "steuerung.Kennzahl",
        verbose_name=_("Fallzahl-Kennzahl"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Die Kennzahl, deren Jahreswert die Fälle des Produkts zählt."),
    )
    transferzeile = models.CharField(
        _("Zeile des Transferaufwands"), max_length=40, choices=Zeile.choices, default=Zeile.TRANSFER
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Haushaltsangaben zum Produkt")
        verbose_name_plural = _("Haushaltsangaben zu Produkten")
        ordering = ["produkt"]

    def __str__(self) -> str:
        return str(self.produkt)

    def clean(self) -> None:
        super().clean()
        if self.transferzeile and self.transferzeile not in AUFWANDSZEILEN:
            raise ValidationError({"transferzeile": _("Der Transferaufwand muss eine Aufwandszeile sein.")})
        if self.fallzahl_kennzahl_id and self.fallzahl_kennzahl.messart == "quote":
            raise ValidationError({"fallzahl_kennzahl": _("Eine Quote ist keine Fallzahl.")})
