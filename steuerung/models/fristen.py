"""A deviating Erfassungsfrist for one reporting period (the default comes from the Kommune)."""

from __future__ import annotations

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import MitBearbeitungsstand
from core.periods import periode as periode_lesen

# A deadline later than this after the period's end would leave a whole tertial unreported.
LAENGSTE_FRIST_TAGE = 366


class Erfassungsfrist(MitBearbeitungsstand):
    """The last day to enter a period's values, when it differs from "period end + the Kommune's days".

    Periods are derived (core.periods), so only deviations are stored, one row per period key.
    """

    periode = models.CharField(_("Periode"), max_length=7, unique=True, help_text=_("z. B. 2026-T1 oder 2026-03"))
    frist = models.DateField(_("Erfassungsfrist"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Erfassungsfrist")
        verbose_name_plural = _("Erfassungsfristen")
        ordering = ["periode"]

    def __str__(self) -> str:
        return f"{self.periode}: {self.frist:%d.%m.%Y}" if self.frist else self.periode

    def clean(self) -> None:
        super().clean()
        try:
            p = periode_lesen(self.periode)
        except ValueError as exc:
            raise ValidationError({"periode": str(exc)}) from exc
        if self.frist and not p.ende <= self.frist <= p.ende + timedelta(days=LAENGSTE_FRIST_TAGE):
            raise ValidationError(
                {
                    "frist": _(
                        "Die Erfassungsfrist muss zwischen dem Periodenende (%(ende)s) und einem Jahr danach liegen."
                    )
                    % {"ende": p.ende.strftime("%d.%m.%Y")}
                }
            )
