"""Technical models shared by all apps (no domain data)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Hintergrundauftrag(models.Model):
    """A background job as the UI sees it: queued, running, done, failed, with progress.

    Celery's result backend is not used; the state lives here so pages can show it.
    """

    class Status(models.TextChoices):
        WARTEND = "wartend", _("wartend")
        LAEUFT = "laeuft", _("läuft")
        ERLEDIGT = "erledigt", _("erledigt")
        FEHLER = "fehler", _("fehlgeschlagen")

    art = models.CharField(_("Art"), max_length=60)
    status = models.CharField(_("Status"), max_length=20, choices=Status.choices, default=Status.WARTEND)
    erledigt = models.PositiveIntegerField(_("erledigte Schritte"), default=0)
    gesamt = models.PositiveIntegerField(_("Schritte gesamt"), default=0)
    meldung = models.TextField(_("Meldung"), blank=True)
    erstellt = models.DateTimeField(_("erstellt"), auto_now_add=True)
    aktualisiert = models.DateTimeField(_("aktualisiert"), auto_now=True)

    class Meta:
        verbose_name = _("Hintergrundauftrag")
        verbose_name_plural = _("Hintergrundaufträge")
        ordering = ["-erstellt"]

    def __str__(self) -> str:
        return f"{self.art} ({self.get_status_display()})"

    @property
    def fortschritt_prozent(self) -> int:
        return 100 if not self.gesamt else round(100 * self.erledigt / self.gesamt)
