"""Stored result of the curve computation: one row per measure and month, plus its state."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from controlling.models.hsk import HSKMassnahme


class Phase(models.TextChoices):
    INVEST = "investphase", _("Investphase")
    ANNAEHERUNG = "annaeherungsphase", _("Annäherungsphase")
    UEBERSCHUSS = "ueberschussphase", _("Überschussphase")


def _betrag(name):
    return models.DecimalField(name, max_digits=14, decimal_places=2)


class Verlaufsmonat(models.Model):
    """One month of a measure's consolidation curve, written only by the computation task.

    All rows of a measure are replaced in one transaction, so readers see either the previous
    or the new complete result.
    """

    hsk_massnahme = models.ForeignKey(
        HSKMassnahme, verbose_name=_("HSK-Maßnahme"), on_delete=models.CASCADE, related_name="verlaufsmonate"
    )
    monat = models.CharField(_("Monat"), max_length=7)  # "2024-02"
    jahr = models.PositiveSmallIntegerField(_("Jahr"), db_index=True)
    soll = _betrag(_("Soll"))
    brutto = _betrag(_("Ist brutto"))
    personalkosten = _betrag(_("Personalkosten"))
    netto = _betrag(_("Ist netto"))
    soll_kumuliert = _betrag(_("Soll kumuliert"))
    brutto_kumuliert = _betrag(_("Ist brutto kumuliert"))
    netto_kumuliert = _betrag(_("Ist netto kumuliert"))
    phase = models.CharField(_("Phase"), max_length=20, choices=Phase.choices)

    class Meta:
        verbose_name = _("Verlaufsmonat")
        verbose_name_plural = _("Verlaufsmonate")
        ordering = ["hsk_massnahme", "monat"]
        constraints = [
            models.UniqueConstraint(
                fields=["hsk_massnahme", "monat"],
                name="%(app_label)s_%(class)s_ein_wert_je_monat",
                violation_error_message=_("Für diesen Monat gibt es bereits einen Wert."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.hsk_massnahme_id} {self.monat}"


class Verlaufsstand(models.Model):
    """Computation state of a measure's curve: when it was computed and whether a request is pending.

    `angefordert` is the debounce marker: every change sets it; a queued task computes only
    if no newer request arrived meanwhile, and clears it only if it is unchanged afterwards.
    """

    hsk_massnahme = models.OneToOneField(
        HSKMassnahme, verbose_name=_("HSK-Maßnahme"), on_delete=models.CASCADE, related_name="verlaufsstand"
    )
    angefordert = models.DateTimeField(_("Neuberechnung angefordert"), null=True, blank=True)
    berechnet = models.DateTimeField(_("berechnet am"), null=True, blank=True)
    amortisation = models.CharField(_("Amortisation"), max_length=7, blank=True)
    fehler = models.TextField(_("letzter Fehler"), blank=True)
    berechnungen = models.PositiveIntegerField(_("Anzahl Berechnungen"), default=0)

    class Meta:
        verbose_name = _("Verlaufsstand")
        verbose_name_plural = _("Verlaufsstände")

    def __str__(self) -> str:
        return f"{self.hsk_massnahme_id}: {self.berechnet}"

    @property
    def ausstehend(self) -> bool:
        return self.angefordert is not None
