"""Users and the tree of Organisationseinheiten that scopes what each user sees."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import MitBearbeitungsstand
from core.schwellen import schwellenfeld


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

    def clean(self) -> None:
        super().clean()
        oben, gesehen = self.eltern, set()
        while oben is not None and oben.pk not in gesehen:
            if self.pk and oben.pk == self.pk:
                raise ValidationError(
                    {"eltern": _("Eine Einheit kann nicht sich selbst oder einer ihrer Untereinheiten unterstehen.")}
                )
            gesehen.add(oben.pk)
            oben = oben.eltern


class Benutzer(MitBearbeitungsstand, AbstractUser):
    """A person using the product; belongs to one Organisationseinheit, holds roles as groups.

    Edited by the Administration under the optimistic lock; the history leaves out the password
    hash and the last login (no secrets and no login trail in the change history).
    """

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

    history = HistoricalRecords(excluded_fields=["password", "last_login"])

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


KOMMUNE_ID = 1


def _standard(name: str, ersatz: int) -> int:
    return int(getattr(settings, name, ersatz))


def standard_erfassungsfrist_tage() -> int:
    return _standard("ERFASSUNGSFRIST_TAGE", 15)


def standard_mindesteinwohner_raum() -> int:
    return _standard("MINDESTEINWOHNER_RAUM", 1000)


def standard_kleinzahl_grenze() -> int:
    return _standard("KLEINZAHL_GRENZE", 5)


class Kommune(MitBearbeitungsstand):
    """The Kommune's own settings: one row (id 1), maintained by the Administration.

    The settings module only supplies the defaults of a fresh database; every reader goes
    through `organisation.selectors.kommune()`. The Ampel thresholds are the starting values
    of a new Kennzahl (each Kennzahl keeps its own copy, so changing them here changes no
    existing evaluation).
    """

    name = models.CharField(_("Name der Kommune"), max_length=200, blank=True)
    schwelle_ueberplanmaessig = schwellenfeld("schwelle_ueberplanmaessig")
    schwelle_zur_gaenze = schwellenfeld("schwelle_zur_gaenze")
    schwelle_ueberwiegend = schwellenfeld("schwelle_ueberwiegend")
    schwelle_teilweise = schwellenfeld("schwelle_teilweise")
    erfassungsfrist_tage = models.PositiveSmallIntegerField(
        _("Erfassungsfrist (Tage nach Periodenende)"),
        default=standard_erfassungsfrist_tage,
        validators=[MaxValueValidator(120)],
    )
    mindesteinwohner_raum = models.PositiveIntegerField(
        _("Mindesteinwohnerzahl eines Sozialraums"),
        default=standard_mindesteinwohner_raum,
        validators=[MaxValueValidator(1_000_000)],
        help_text=_("Kleinere Räume sieht der Rat nicht (Sozialdatenschutz)."),
    )
    kleinzahl_grenze = models.PositiveSmallIntegerField(
        _("Kleinzahlgrenze für den Rat"),
        default=standard_kleinzahl_grenze,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("Fallzahlen darunter erscheinen dem Rat als „< Grenze“."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Kommune")
        verbose_name_plural = _("Kommune")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(id=KOMMUNE_ID),
                name="%(app_label)s_%(class)s_einzeln",
                violation_error_message=_("Es gibt nur eine Zeile mit den Einstellungen der Kommune."),
            )
        ]

    def __str__(self) -> str:
        return self.name or str(_("Kommune"))

    def clean(self) -> None:
        super().clean()
        reihe = [self.schwelle_ueberplanmaessig, self.schwelle_zur_gaenze, self.schwelle_ueberwiegend]
        reihe.append(self.schwelle_teilweise)
        if None not in reihe and not (reihe[0] > reihe[1] >= reihe[2] >= reihe[3] >= 0):
            raise ValidationError(
                {
                    "schwelle_teilweise": _(
                        "Die Schwellen müssen fallen: überplanmäßig > zur Gänze ≥ überwiegend ≥ teilweise ≥ 0."
                    )
                }
            )
