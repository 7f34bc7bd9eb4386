"""What remains of deleted Einzelfälle: their exact contribution to the curve, per measure and month."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from controlling.models.hsk import HSKMassnahme


class ArchivierterBeitrag(models.Model):
    """Σ (vermiedene − neue Kosten je Monat) × Wirkungstage of the deleted cases in one month.

    This is the exact numerator of brutto(m) (amounts have two decimals, days are integers),
    so the curve divides it by the month's days together with the live cases and rounds
    once: deleting cases after their retention period leaves every month's value unchanged.
    It holds no pseudonym and nothing about a single case.
    """

    hsk_massnahme = models.ForeignKey(
        HSKMassnahme, verbose_name=_("HSK-Maßnahme"), on_delete=models.CASCADE, related_name="archivierte_beitraege"
    )
    monat = models.CharField(_("Monat"), max_length=7)  # "2024-02"
    betrag_tage = models.DecimalField(_("Summe Monatsbetrag × Wirkungstage"), max_digits=20, decimal_places=2)
    faelle = models.PositiveIntegerField(_("Anzahl gelöschter Fälle mit Wirkung im Monat"), default=0)

    class Meta:
        verbose_name = _("archivierter Beitrag")
        verbose_name_plural = _("archivierte Beiträge")
        ordering = ["hsk_massnahme", "monat"]
        constraints = [
            models.UniqueConstraint(
                fields=["hsk_massnahme", "monat"],
                name="%(app_label)s_%(class)s_ein_wert_je_monat",
                violation_error_message=_("Für diesen Monat gibt es bereits einen archivierten Beitrag."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.hsk_massnahme_id} {self.monat}"
