"""Tertialberichte: approval workflow per Organisationseinheit and tertial, and the published snapshot.

Workflow (steuerung.berichte.workflow): entwurf → eingereicht → amtsleitung_freigegeben →
dezernat_freigegeben → veroeffentlicht; any approver may return it (zurueckgegeben, with a note);
approved reports lock their period's values; reopening needs a reason. Every transition is a
Berichtsuebergang row and an entry in the hash-chained decision log (core.protokoll).
"""

from __future__ import annotations

import hashlib
import json

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Berichtsstatus(models.TextChoices):
    ENTWURF = "entwurf", _("Entwurf")
    EINGEREICHT = "eingereicht", _("eingereicht")
    AMTSLEITUNG_FREIGEGEBEN = "amtsleitung_freigegeben", _("von der Amtsleitung freigegeben")
    DEZERNAT_FREIGEGEBEN = "dezernat_freigegeben", _("von der Dezernatsleitung freigegeben")
    VEROEFFENTLICHT = "veroeffentlicht", _("veröffentlicht")
    ZURUECKGEGEBEN = "zurueckgegeben", _("zurückgegeben")


# States in which the values of the report's period may no longer change.
GESPERRTE_STATUS = frozenset(
    {
        Berichtsstatus.AMTSLEITUNG_FREIGEGEBEN,
        Berichtsstatus.DEZERNAT_FREIGEGEBEN,
        Berichtsstatus.VEROEFFENTLICHT,
    }
)
# States in which nobody may write the period's values: from submission (frozen while the report is
# under review) through approval and publication (locked); a return or a reopening lifts it.
SCHREIBGESCHUETZTE_STATUS = GESPERRTE_STATUS | {Berichtsstatus.EINGEREICHT}


class Berichtsaktion(models.TextChoices):
    EINREICHEN = "einreichen", _("eingereicht")
    FREIGEBEN = "freigeben", _("freigegeben")
    ZURUECKGEBEN = "zurueckgeben", _("zurückgegeben")
    VEROEFFENTLICHEN = "veroeffentlichen", _("veröffentlicht")
    WIEDER_OEFFNEN = "wieder_oeffnen", _("wieder geöffnet")


class Tertialbericht(models.Model):
    """The report of one Organisationseinheit for one tertial (period key such as "2026-T2").

    It covers the Kennzahlen of the unit and of all units below it. `status` only changes
    through steuerung.berichte.workflow, which locks the row (select_for_update) and records the transition.
    """

    organisationseinheit = models.ForeignKey(
        "organisation.Organisationseinheit",
        verbose_name=_("Organisationseinheit"),
        on_delete=models.PROTECT,
        related_name="tertialberichte",
    )
    periode = models.CharField(_("Tertial"), max_length=10, db_index=True, help_text=_("z. B. 2026-T2"))
    status = models.CharField(
        _("Status"), max_length=30, choices=Berichtsstatus.choices, default=Berichtsstatus.ENTWURF, db_index=True
    )
    notiz = models.TextField(_("Hinweis der letzten Rückgabe oder Wiederöffnung"), blank=True)
    angelegt_am = models.DateTimeField(_("angelegt am"), auto_now_add=True)
    geaendert_am = models.DateTimeField(_("geändert am"), auto_now=True)

    class Meta:
        verbose_name = _("Tertialbericht")
        verbose_name_plural = _("Tertialberichte")
        ordering = ["-periode", "organisationseinheit__kuerzel"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisationseinheit", "periode"],
                name="%(app_label)s_%(class)s_eindeutig",
                violation_error_message=_(
                    "Für diese Organisationseinheit und dieses Tertial gibt es bereits einen Bericht."
                ),
            ),
            models.CheckConstraint(
                condition=Q(periode__regex=r"^\d{4}-T[123]$"),
                name="%(app_label)s_%(class)s_periode_ist_tertial",
                violation_error_message=_("Ein Tertialbericht gilt für ein Tertial, z. B. 2026-T2."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisationseinheit.kuerzel} {self.periode}"

    @property
    def gesperrt(self) -> bool:
        return self.status in GESPERRTE_STATUS

    @property
    def werte_schreibgeschuetzt(self) -> bool:
        return self.status in SCHREIBGESCHUETZTE_STATUS


class Berichtsuebergang(models.Model):
    """One transition of a report's workflow: who, when, from, to, with which note."""

    bericht = models.ForeignKey(
        Tertialbericht, verbose_name=_("Tertialbericht"), on_delete=models.CASCADE, related_name="uebergaenge"
    )
    aktion = models.CharField(_("Aktion"), max_length=20, choices=Berichtsaktion.choices)
    von_status = models.CharField(_("von"), max_length=30, choices=Berichtsstatus.choices)
    nach_status = models.CharField(_("nach"), max_length=30, choices=Berichtsstatus.choices)
    benutzer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("durch"), on_delete=models.PROTECT, related_name="+"
    )
    zeitpunkt = models.DateTimeField(_("Zeitpunkt"), auto_now_add=True)
    notiz = models.TextField(_("Notiz"), blank=True)

    class Meta:
        verbose_name = _("Berichtsübergang")
        verbose_name_plural = _("Berichtsübergänge")
        ordering = ["bericht", "zeitpunkt", "id"]

    def __str__(self) -> str:
        return f"{self.bericht}: {self.von_status} → {self.nach_status}"


def kanonisches_json(daten: dict) -> str:
    """The one serialisation that is hashed and stored: sorted keys, no whitespace, UTF-8 text."""
    return json.dumps(daten, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


class Veroeffentlichung(models.Model):
    """An immutable published report: the frozen content, its hash and the exported files.

    `inhalt` is the canonical JSON text (not a JSONField: the database must not reorder keys,
    or the hash would no longer match). PDF and Excel are generated from `inhalt` alone, so
    regenerating them gives the same bytes (asserted in the tests).
    """

    bericht = models.ForeignKey(
        Tertialbericht, verbose_name=_("Tertialbericht"), on_delete=models.PROTECT, related_name="veroeffentlichungen"
    )
    organisationseinheit = models.ForeignKey(
        "organisation.Organisationseinheit",
        verbose_name=_("Organisationseinheit"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    periode = models.CharField(_("Tertial"), max_length=10, db_index=True)
    fassung = models.PositiveSmallIntegerField(_("Fassung"), default=1)
    veroeffentlicht_am = models.DateTimeField(_("veröffentlicht am"))
    veroeffentlicht_von = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("veröffentlicht von"), on_delete=models.PROTECT, related_name="+"
    )
    inhalt = models.TextField(_("Inhalt (kanonisches JSON)"))
    inhalt_hash = models.CharField(_("SHA-256 des Inhalts"), max_length=64)
    pdf = models.BinaryField(_("PDF"))
    excel = models.BinaryField(_("Excel"))

    class Meta:
        verbose_name = _("Veröffentlichter Bericht")
        verbose_name_plural = _("Veröffentlichte Berichte")
        ordering = ["-periode", "organisationseinheit__kuerzel", "-fassung"]
        constraints = [
            models.UniqueConstraint(
                fields=["bericht", "fassung"],
                name="%(app_label)s_%(class)s_eindeutig",
                violation_error_message=_("Diese Fassung des Berichts ist bereits veröffentlicht."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisationseinheit.kuerzel} {self.periode} (Fassung {self.fassung})"

    @property
    def daten(self) -> dict:
        return json.loads(self.inhalt)

    def hash_stimmt(self) -> bool:
        return hashlib.sha256(self.inhalt.encode()).hexdigest() == self.inhalt_hash


class Erinnerungsart(models.TextChoices):
    VOR_FRIST = "vor_frist", _("vor Ablauf der Erfassungsfrist")
    NACH_FRIST = "nach_frist", _("nach Ablauf der Erfassungsfrist")


class Erinnerung(models.Model):
    """A reminder e-mail sent for missing values of a tertial; the row makes the daily task idempotent."""

    periode = models.CharField(_("Tertial"), max_length=10)
    art = models.CharField(_("Art"), max_length=20, choices=Erinnerungsart.choices)
    empfaenger = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("Empfänger"), on_delete=models.CASCADE, related_name="+"
    )
    gesendet_am = models.DateTimeField(_("gesendet am"), auto_now_add=True)
    fehlende = models.PositiveIntegerField(_("fehlende Werte"), default=0)

    class Meta:
        verbose_name = _("Erinnerung")
        verbose_name_plural = _("Erinnerungen")
        ordering = ["-gesendet_am"]
        constraints = [
            models.UniqueConstraint(
                fields=["periode", "art", "empfaenger"],
                name="%(app_label)s_%(class)s_einmal_je_art",
                violation_error_message=_("Diese Erinnerung wurde bereits gesendet."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.periode} {self.art} → {self.empfaenger}"


class Berichtsbesuch(models.Model):
    """When a user last opened the list of published reports: what is new since then is a task for the Rat."""

    benutzer = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("Benutzer/in"), on_delete=models.CASCADE, related_name="+"
    )
    zuletzt_am = models.DateTimeField(_("zuletzt besucht am"))

    class Meta:
        verbose_name = _("Besuch der veröffentlichten Berichte")
        verbose_name_plural = _("Besuche der veröffentlichten Berichte")

    def __str__(self) -> str:
        return f"{self.benutzer_id}: {self.zuletzt_am}"
