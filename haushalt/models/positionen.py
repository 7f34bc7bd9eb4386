"""Budget amounts per Produkt and line of the Teilergebnisplan, and the uploads they came from."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from haushalt.models.auswahl import ARTEN_MIT_STICHTAG, Art, Zeile


class Haushaltsimport(models.Model):
    """One uploaded finance file, kept for good: its bytes, hash, who, when and what it did.

    The rows it brought in point back to it, so every amount can be traced to its file; a later
    file for the same Jahr, Art and Stichtag replaces those rows, and this record stays.
    """

    class Status(models.TextChoices):
        VORSCHAU = "vorschau", _("geprüft, noch nicht übernommen")
        UEBERNOMMEN = "uebernommen", _("übernommen")
        UNVERAENDERT = "unveraendert", _("identisch mit dem aktuellen Stand – nichts geändert")
        VERWORFEN = "verworfen", _("verworfen")

    dateiname = models.CharField(_("Dateiname"), max_length=255)
    sha256 = models.CharField(_("Prüfsumme (SHA-256)"), max_length=64, db_index=True)
    inhalt = models.BinaryField(_("Dateiinhalt"), editable=False)
    groesse = models.PositiveIntegerField(_("Größe (Bytes)"))
    hochgeladen_von = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("hochgeladen von"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    hochgeladen_am = models.DateTimeField(_("hochgeladen am"), default=timezone.now)
    status = models.CharField(_("Status"), max_length=20, choices=Status.choices)
    zeilen = models.PositiveIntegerField(_("Datenzeilen"), default=0)
    gruppen = models.JSONField(
        _("Jahr, Art und Stichtag"), default=list, blank=True, help_text=_("je Gruppe die Zahl der Zeilen")
    )
    summen = models.JSONField(_("Summen je Produktbereich und Art"), default=list, blank=True)
    ersetzt = models.PositiveIntegerField(_("ersetzte Zeilen"), default=0)
    uebernommen_am = models.DateTimeField(_("übernommen am"), null=True, blank=True)
    uebernommen_von = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("übernommen von"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("Haushaltsimport")
        verbose_name_plural = _("Haushaltsimporte")
        ordering = ["-hochgeladen_am", "-id"]

    def __str__(self) -> str:
        return f"{self.dateiname} ({self.hochgeladen_am:%d.%m.%Y %H:%M})"


class Haushaltsposition(models.Model):
    """An amount of one Produkt, Haushaltsjahr, line and state (Art), at a Stichtag for Ist and Prognose.

    Both Erträge and Aufwendungen are stored as amounts of their side (an Aufwand of 1.000 € is
    +1.000,00); a negative amount is a correction on that side. Zuschussbedarf = Σ Aufwendungen −
    Σ Erträge. Rows are written only by the import, which keeps file, user and time
    (Haushaltsimport), so they carry no row history of their own.
    """

    produkt = models.ForeignKey(
        "steuerung.Produkt", verbose_name=_("Produkt"), on_delete=models.PROTECT, related_name="haushaltspositionen"
    )
    jahr = models.PositiveSmallIntegerField(_("Haushaltsjahr"))
    zeile = models.CharField(_("Zeile des Teilergebnisplans"), max_length=40, choices=Zeile.choices)
    art = models.CharField(_("Art"), max_length=30, choices=Art.choices)
    stichtag = models.DateField(_("Stichtag"), null=True, blank=True)
    betrag = models.DecimalField(_("Betrag (€)"), max_digits=14, decimal_places=2)
    herkunft = models.ForeignKey(
        Haushaltsimport, verbose_name=_("aus Import"), on_delete=models.PROTECT, related_name="positionen"
    )

    class Meta:
        verbose_name = _("Haushaltsposition")
        verbose_name_plural = _("Haushaltspositionen")
        ordering = ["produkt", "jahr", "art", "stichtag", "zeile"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(art__in=sorted(ARTEN_MIT_STICHTAG)) | Q(stichtag__isnull=False),
                name="%(app_label)s_%(class)s_stichtag_bei_ist_und_prognose",
                violation_error_message=_("Ist und Prognose brauchen einen Stichtag."),
            ),
            models.UniqueConstraint(
                fields=["produkt", "jahr", "zeile", "art", "stichtag"],
                name="%(app_label)s_%(class)s_eindeutig",
                violation_error_message=_(
                    "Für dieses Produkt, Jahr, diese Zeile, Art und diesen Stichtag gibt es bereits einen Betrag."
                ),
            ),
            # NULLs are distinct in a unique index, so an undated Ansatz needs its own rule.
            models.UniqueConstraint(
                fields=["produkt", "jahr", "zeile", "art"],
                condition=Q(stichtag__isnull=True),
                name="%(app_label)s_%(class)s_eindeutig_ohne_stichtag",
                violation_error_message=_(
                    "Für dieses Produkt, Jahr, diese Zeile und Art gibt es bereits einen Betrag."
                ),
            ),
        ]
        indexes = [models.Index(fields=["jahr", "art", "stichtag"], name="haushalt_position_gruppe")]

    def __str__(self) -> str:
        return f"{self.produkt_id} {self.jahr} {self.zeile} {self.art}: {self.betrag}"
