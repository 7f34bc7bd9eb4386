"""Users and the tree of Organisationseinheiten that scopes what each user sees."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Organisationseinheit(models.Model):
    """A unit of the administration: Dezernat > Amt > Abteilung > Sachgebiet."""

    class Ebene(models.TextChoices):
        VERWALTUNG = "verwaltung", _("Verwaltung")
        DEZERNAT = "dezernat", _("Dezernat")
        AMT = "amt", _("Amt")
        ABTEILUNG = "abteilung", _("Abteilung")
        SACHGEBIET = "sachgebiet", _("Sachgebiet")
        STABSSTELLE = "stabsstelle", _("Stabsstelle")

    kuerzel = models.CharField(_("Kürzel"), max_length=20, unique=True, help_text=_("z. B. „50 2“"))
    name = models.CharField(_("Bezeichnung"), max_length=200)
    ebene = models.CharField(_("Ebene"), max_length=20, choices=Ebene.choices)
    eltern = models.ForeignKey(
        "self",
        verbose_name=_("übergeordnete Einheit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="kinder",
    )

    class Meta:
        verbose_name = _("Organisationseinheit")
        verbose_name_plural = _("Organisationseinheiten")
        ordering = ["kuerzel"]

    def __str__(self) -> str:
        return f"{self.kuerzel} {self.name}"


class Benutzer(AbstractUser):
    """A person using the product; belongs to one Organisationseinheit, holds roles as groups."""

    organisationseinheit = models.ForeignKey(
        Organisationseinheit,
        verbose_name=_("Organisationseinheit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="benutzer",
    )
    email_benachrichtigungen = models.BooleanField(
        _("E-Mail-Benachrichtigungen"),
        default=True,
        help_text=_("Benachrichtigungen zusätzlich per E-Mail erhalten (in der Anwendung erscheinen sie immer)."),
    )

    class Meta:
        verbose_name = _("Benutzer/in")
        verbose_name_plural = _("Benutzer/innen")
        ordering = ["username"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class Benachrichtigung(models.Model):
    """A message to one user about something they act on next (e.g. a report waiting for approval).

    Shown in the app until read; mailed as well when the user has an address and the switch on
    (`mail_status` records that mail's fate, so a lost or failed send can be found and retried).
    """

    class Mailstatus(models.TextChoices):
        KEINE = "keine", _("keine E-Mail")
        AUSSTEHEND = "ausstehend", _("ausstehend")
        GESENDET = "gesendet", _("gesendet")
        FEHLGESCHLAGEN = "fehlgeschlagen", _("fehlgeschlagen")

    empfaenger = models.ForeignKey(
        Benutzer, verbose_name=_("Empfänger/in"), on_delete=models.CASCADE, related_name="benachrichtigungen"
    )
    betreff = models.CharField(_("Betreff"), max_length=200)
    text = models.TextField(_("Text"))
    link = models.CharField(_("Link"), max_length=500, blank=True, help_text=_("Pfad innerhalb der Anwendung"))
    erstellt = models.DateTimeField(_("erstellt"), default=timezone.now)
    gelesen_am = models.DateTimeField(_("gelesen am"), null=True, blank=True)
    mail_status = models.CharField(_("E-Mail"), max_length=20, choices=Mailstatus.choices, default=Mailstatus.KEINE)

    class Meta:
        verbose_name = _("Benachrichtigung")
        verbose_name_plural = _("Benachrichtigungen")
        ordering = ["-erstellt", "-id"]
        indexes = [
            models.Index(fields=["empfaenger", "gelesen_am"], name="organisation_benachr_ungelesen"),
            models.Index(fields=["mail_status", "erstellt"], name="organisation_benachr_mail"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(link="") | (models.Q(link__startswith="/") & ~models.Q(link__startswith="//")),
                name="%(app_label)s_%(class)s_link_intern",
                violation_error_message=_("Der Link muss ein Pfad innerhalb der Anwendung sein."),
            )
        ]

    def __str__(self) -> str:
        return self.betreff

    @property
    def gelesen(self) -> bool:
        return self.gelesen_am is not None
