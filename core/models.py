"""Technical models shared by all apps (no domain data)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class MitBearbeitungsstand(models.Model):
    """Abstract base of every model edited under an optimistic lock.

    `revision` counts the saved changes. A form or API client sends back the count it read;
    a save based on an older count is refused (core.bearbeitung), so two people editing the
    same row cannot overwrite each other silently.
    """

    revision = models.PositiveIntegerField(_("Bearbeitungsstand"), default=0)

    class Meta:
        abstract = True

    def letzte_aenderung(self) -> str:
        """Who saved this row last, when, and which fields changed: the "other change" of a conflict.

        Read from the change history; a model without one (or a row without entries) names
        only its current Bearbeitungsstand. Models may override this with a better description.
        """
        verlauf = list(self.history.all()[:2]) if hasattr(self, "history") else []
        if not verlauf:
            return gettext("Bearbeitungsstand jetzt %(stand)s") % {"stand": self.revision}
        letzte = verlauf[0]
        wer = str(letzte.history_user) if letzte.history_user else gettext("unbekannt")
        wann = formats.date_format(timezone.localtime(letzte.history_date), "d.m.Y H:i")
        text = gettext("%(wer)s hat am %(wann)s gespeichert") % {"wer": wer, "wann": wann}
        if len(verlauf) == 2:
            aenderungen = [c for c in letzte.diff_against(verlauf[1]).changes if c.field != "revision"]
            felder = ", ".join(f"{c.field}: „{c.old}“ → „{c.new}“" for c in aenderungen[:3])
            if felder:
                text = f"{text} ({felder})"
        return text


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
        settings.AUTH_USER_MODEL, verbose_name=_("Benutzer/in"), on_delete=models.SET_NULL, null=True, related_name="+"
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
