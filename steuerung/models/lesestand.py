"""Stored read views: the tertial dashboard and the Zielpyramide of a city, ready to serve.

A city's pyramid has thousands of goals and ten thousand Kennzahlen; rolling it up on every
request takes seconds. The roll-up is therefore stored once per view, period and visibility
scope (`Lesestand`) as one row per node (`Lesestandeintrag`), so a request reads only the
level it shows. `Datenstand` counts committed changes; a stored view built from an older
count, or on an earlier day (overdue flags depend on the date), is rebuilt on the next read.
"""

from __future__ import annotations

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _


class Datenstand(models.Model):
    """One counter per data area, raised after every committed change to it."""

    bereich = models.CharField(_("Bereich"), max_length=30, primary_key=True)
    version = models.PositiveBigIntegerField(_("Version"), default=0)

    class Meta:
        verbose_name = _("Datenstand")
        verbose_name_plural = _("Datenstände")

    def __str__(self) -> str:
        return f"{self.bereich}: {self.version}"


class Lesestand(models.Model):
    class Art(models.TextChoices):
        DASHBOARD = "dashboard", _("Tertial-Dashboard")
        ZIELPYRAMIDE = "zielpyramide", _("Zielpyramide")
        HSK_PORTFOLIO = "hsk_portfolio", _("HSK-Portfolio")

    art = models.CharField(_("Art"), max_length=20, choices=Art.choices)
    schluessel = models.CharField(_("Schlüssel"), max_length=100, help_text=_("Periode oder Jahr mit Filtern"))
    sicht = models.CharField(_("Sicht"), max_length=64, help_text=_("Sichtbarkeitsbereich der Lesenden"))
    datenstand = models.PositiveBigIntegerField(_("Datenstand"))
    tag = models.DateField(_("berechnet für den Tag"))
    erzeugt_am = models.DateTimeField(_("erzeugt am"), auto_now_add=True)
    daten = models.JSONField(_("Zusammenfassung"), default=dict, encoder=DjangoJSONEncoder)

    class Meta:
        verbose_name = _("gespeicherte Ansicht")
        verbose_name_plural = _("gespeicherte Ansichten")
        constraints = [
            models.UniqueConstraint(fields=["art", "schluessel", "sicht"], name="steuerung_lesestand_eindeutig")
        ]

    def __str__(self) -> str:
        return f"{self.art} {self.schluessel} ({self.sicht})"


class Lesestandeintrag(models.Model):
    """One node, Kennzahl or attention row of a stored view, found by its parent node's key."""

    class Art(models.TextChoices):
        KNOTEN = "knoten", _("Ziel")
        KENNZAHL = "kennzahl", _("Kennzahl")
        AUFMERKSAMKEIT = "aufmerksamkeit", _("Handlungsbedarf")
        ZEILE = "zeile", _("Tabellenzeile")

    stand = models.ForeignKey(Lesestand, on_delete=models.CASCADE, related_name="eintraege")
    art = models.CharField(_("Art"), max_length=20, choices=Art.choices)
    eltern = models.CharField(_("übergeordneter Knoten"), max_length=40, blank=True)
    schluessel = models.CharField(_("Schlüssel"), max_length=40, blank=True)
    position = models.PositiveIntegerField(_("Position"))
    daten = models.JSONField(_("Daten"), encoder=DjangoJSONEncoder)

    class Meta:
        verbose_name = _("Eintrag einer gespeicherten Ansicht")
        verbose_name_plural = _("Einträge gespeicherter Ansichten")
        indexes = [
            models.Index(fields=["stand", "art", "eltern", "position"], name="steuerung_lesestand_ebene"),
            models.Index(fields=["stand", "art", "schluessel"], name="steuerung_lesestand_knoten"),
        ]

    def __str__(self) -> str:
        return f"{self.art} {self.schluessel or self.eltern} #{self.position}"
