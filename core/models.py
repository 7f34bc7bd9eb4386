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


class Protokolleintrag(models.Model):
    """Append-only, hash-chained log of approvals, publications and other decisions.

    Each entry's `hash` covers its content and the previous entry's hash, so changing or
    deleting any row breaks the chain from there on (`manage.py protokoll_pruefen`).
    """

    zeitpunkt = models.DateTimeField(_("Zeitpunkt"))
    benutzer = models.ForeignKey(
        "organisation.Benutzer", verbose_name=_("Benutzer/in"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    benutzername = models.CharField(_("Kennung"), max_length=150)
    aktion = models.CharField(_("Aktion"), max_length=60)
    objekt_typ = models.CharField(_("Objekttyp"), max_length=60)
    objekt_id = models.CharField(_("Objekt"), max_length=60)
    daten = models.JSONField(_("Daten"), default=dict)
    vorher_hash = models.CharField(_("Hash des Vorgängers"), max_length=64)
    hash = models.CharField(_("Hash"), max_length=64, unique=True)

    class Meta:
        verbose_name = _("Protokolleintrag")
        verbose_name_plural = _("Protokolleinträge")
        ordering = ["id"]
        indexes = [models.Index(fields=["objekt_typ", "objekt_id"], name="core_protokoll_objekt")]

    def __str__(self) -> str:
        return f"{self.zeitpunkt:%d.%m.%Y %H:%M} {self.benutzername}: {self.aktion} {self.objekt_typ} {self.objekt_id}"
