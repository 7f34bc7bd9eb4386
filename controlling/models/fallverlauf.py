"""Fallverlauf: every change of an Einzelfall's Ablaufschritt, with its date and author."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from controlling.models.einzelfaelle import Einzelfall
from controlling.models.hsk import Ablaufschritt


class Fallschritt(models.Model):
    """From `datum` on, the case is in `ablaufschritt` (None: in no step) until its next row.

    Written only by the case services when the step changes. It belongs to the case (deleted
    with it after the retention period) and keeps the step's name, so it stays readable
    after the measure's workflow was changed.
    """

    einzelfall = models.ForeignKey(
        Einzelfall, verbose_name=_("Einzelfall"), on_delete=models.CASCADE, related_name="fallverlauf"
    )
    ablaufschritt = models.ForeignKey(
        Ablaufschritt,
        verbose_name=_("Ablaufschritt"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="fallschritte",
    )
    bezeichnung = models.CharField(_("Bezeichnung des Ablaufschritts"), max_length=100, blank=True)
    datum = models.DateField(_("seit"))
    benutzer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("geändert von"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    erfasst = models.DateTimeField(_("erfasst am"), auto_now_add=True)

    class Meta:
        verbose_name = _("Schritt im Fallverlauf")
        verbose_name_plural = _("Fallverlauf")
        ordering = ["einzelfall", "datum", "erfasst", "id"]
        indexes = [models.Index(fields=["einzelfall", "datum"], name="controlling_fallschritt_datum")]

    def __str__(self) -> str:
        return f"{self.einzelfall_id} {self.datum}: {self.bezeichnung or '–'}"
