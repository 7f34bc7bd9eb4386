"""Grants (Zuwendungen) to Träger: plan, application, approval, payment and proof of use."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import MitBearbeitungsstand

BETRAG = {"max_digits": 14, "decimal_places": 2, "default": 0, "validators": [MinValueValidator(0)]}


# What a Zuwendung holds that a user enters: one declaration for the form and the API.
ZUWENDUNG_FELDER = (
    "jahr",
    "foerderbereich",
    "traeger",
    "zweck",
    "organisationseinheit",
    "produkt",
    "massnahme",
    "produktziel",
    "geplant",
    "beantragt",
    "bewilligt",
    "ausgezahlt",
    "nachweis_faellig",
    "nachweis_eingegangen",
    "nachweis_geprueft",
    "bemerkung",
)


class Zuwendung(MitBearbeitungsstand):
    """A grant to a Träger in one year, owned by the unit that manages it.

    The Verwendungsnachweis (proof of use) is due, received and checked on dates; a due date
    passed without receipt is overdue (`nachweis_ueberfaellig`).
    """

    foerderbereich = models.CharField(_("Förderbereich"), max_length=200, db_index=True)
    traeger = models.CharField(_("Träger"), max_length=200)
    zweck = models.TextField(_("Zweck"))
    organisationseinheit = models.ForeignKey(
        "organisation.Organisationseinheit",
        verbose_name=_("zuständige Organisationseinheit"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    produkt = models.ForeignKey(
        "steuerung.Produkt",
        verbose_name=_("Produkt"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="zuwendungen",
    )
    massnahme = models.ForeignKey(
        "steuerung.Massnahme",
        verbose_name=_("Maßnahme"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="zuwendungen",
    )
    produktziel = models.ForeignKey(
        "steuerung.Produktziel",
        verbose_name=_("Produktziel"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="zuwendungen",
    )
    jahr = models.PositiveSmallIntegerField(_("Jahr"), db_index=True)
    geplant = models.DecimalField(_("Plan (€)"), **BETRAG)
    beantragt = models.DecimalField(_("beantragt (€)"), **BETRAG)
    bewilligt = models.DecimalField(_("bewilligt (€)"), **BETRAG)
    ausgezahlt = models.DecimalField(_("ausgezahlt (€)"), **BETRAG)
    nachweis_faellig = models.DateField(_("Verwendungsnachweis fällig am"), null=True, blank=True)
    nachweis_eingegangen = models.DateField(_("Verwendungsnachweis eingegangen am"), null=True, blank=True)
    nachweis_geprueft = models.DateField(_("Verwendungsnachweis geprüft am"), null=True, blank=True)
    bemerkung = models.TextField(_("Bemerkung"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Zuwendung")
        verbose_name_plural = _("Zuwendungen")
        ordering = ["jahr", "foerderbereich", "traeger", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~(Q(massnahme__isnull=False) & Q(produktziel__isnull=False)),
                name="%(app_label)s_%(class)s_hoechstens_ein_ziel",
                violation_error_message=_("Eine Zuwendung hängt entweder an einer Maßnahme oder an einem Produktziel."),
            ),
            models.CheckConstraint(
                condition=Q(geplant__gte=0) & Q(beantragt__gte=0) & Q(bewilligt__gte=0) & Q(ausgezahlt__gte=0),
                name="%(app_label)s_%(class)s_betraege_nicht_negativ",
                violation_error_message=_("Beträge dürfen nicht negativ sein."),
            ),
            models.CheckConstraint(
                condition=Q(nachweis_geprueft__isnull=True)
                | (Q(nachweis_eingegangen__isnull=False) & Q(nachweis_geprueft__gte=F("nachweis_eingegangen"))),
                name="%(app_label)s_%(class)s_pruefung_nach_eingang",
                violation_error_message=_(
                    "Ein Verwendungsnachweis kann erst geprüft werden, wenn er eingegangen ist (Prüfung nicht vor Eingang)."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.traeger}: {self.zweck[:60]} ({self.jahr})"

    def clean(self) -> None:
        super().clean()
        if self.ausgezahlt is not None and self.bewilligt is not None and self.ausgezahlt > self.bewilligt:
            raise ValidationError({"ausgezahlt": _("Es kann nicht mehr ausgezahlt werden als bewilligt.")})

    def nachweis_ueberfaellig(self, heute: date | None = None) -> bool:
        heute = heute or timezone.localdate()
        return bool(self.nachweis_faellig and not self.nachweis_eingegangen and self.nachweis_faellig < heute)
