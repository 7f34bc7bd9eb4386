"""The explanation of a Produktgruppe's finance deviation in a tertial report."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core import periods
from core.models import MitBearbeitungsstand


class Finanzerlaeuterung(MitBearbeitungsstand):
    """Begründung and Gegensteuerung of a Produktgruppe's Abweichung Prognose − Ansatz in a tertial.

    One per Produktgruppe and tertial: every report that shows the Produktgruppe (the unit's own
    and its parents') reads the same text. Required before submission where the deviation exceeds
    the Kommune's thresholds (haushalt.berichtsabschnitt); frozen while a covering report is
    submitted or approved (haushalt.services.finanzerlaeuterung_speichern).
    """

    produktgruppe = models.ForeignKey(
        "steuerung.Produktgruppe", verbose_name=_("Produktgruppe"), on_delete=models.PROTECT, related_name="+"
    )
    periode = models.CharField(_("Tertial"), max_length=10, help_text=_("z. B. 2026-T2"))
    begruendung = models.TextField(_("Begründung der Abweichung"), blank=True)
    gegensteuerung = models.TextField(
        _("Gegensteuerung"), blank=True, help_text=_("Was wird getan, wer ist verantwortlich, bis wann?")
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Erläuterung der Finanzabweichung")
        verbose_name_plural = _("Erläuterungen der Finanzabweichungen")
        ordering = ["periode", "produktgruppe"]
        constraints = [
            models.UniqueConstraint(
                fields=["produktgruppe", "periode"],
                name="%(app_label)s_%(class)s_einmal_je_tertial",
                violation_error_message=_("Für diese Produktgruppe und dieses Tertial gibt es schon eine Erläuterung."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.produktgruppe} {self.periode}"

    @property
    def vollstaendig(self) -> bool:
        return bool(self.begruendung.strip() and self.gegensteuerung.strip())

    def clean(self) -> None:
        super().clean()
        try:
            p = periods.periode(self.periode)
        except ValueError as exc:
            raise ValidationError({"periode": _("Bitte ein Tertial wie „2026-T2“ angeben.")}) from exc
        if p.rhythmus != periods.Rhythmus.TERTIAL:
            raise ValidationError({"periode": _("Bitte ein Tertial wie „2026-T2“ angeben.")})
