"""Einzelfall-Controlling: every case of an HSK-Maßnahme, documented pseudonymously (DOMAIN.md §7)."""

from __future__ import annotations

import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from controlling.models.hsk import NICHT_NEGATIV, Ablaufschritt, HSKMassnahme
from core.models import MitBearbeitungsstand

# A pseudonym is a short code with at least one digit and no spaces: this keeps names
# ("Max Mustermann") and birth dates ("01.02.2010") out of the case records.
PSEUDONYM_MUSTER = re.compile(r"^(?=.*\d)[A-Za-z0-9][A-Za-z0-9\-_/]{1,39}$")
DATUM_MUSTER = re.compile(r"\d{1,2}[./]\d{1,2}[./]\d{2,4}")


class Ergebnis(models.TextChoices):
    OFFEN = "offen", _("offen")
    ERFOLGREICH = "erfolgreich", _("erfolgreich")
    NICHT_ERFOLGREICH = "nicht_erfolgreich", _("nicht erfolgreich")
    ABGEBROCHEN = "abgebrochen", _("abgebrochen")


def pseudonym_pruefen(wert: str) -> None:
    if not PSEUDONYM_MUSTER.match(wert or "") or DATUM_MUSTER.search(wert or ""):
        raise ValidationError(
            _(
                "Bitte nur ein Pseudonym aus Buchstaben, Ziffern und Bindestrichen ohne Leerzeichen "
                "und mit mindestens einer Ziffer erfassen (z. B. „HSK1-017“). Namen, Anschriften und "
                "Geburtsdaten dürfen nicht gespeichert werden."
            ),
            code="pseudonym",
        )


# The fields the owning Fachamt maintains on a case, in form order: API and form both use this list.
EINZELFALL_FELDER = (
    "pseudonym",
    "ablaufschritt",
    "aufnahme",
    "wirkungsbeginn",
    "wirkungsende",
    "vermiedene_kosten_monat",
    "neue_kosten_monat",
    "ergebnis",
    "zielerreichung_text",
    "zielerreichungsgrad",
    "ausgangslage",
    "hilfe_vorher",
    "hilfe_nachher",
    "bemerkung",
)


class Einzelfall(MitBearbeitungsstand):
    """One case of an HSK-Maßnahme: its effect interval and the monthly costs it avoids.

    Only a pseudonym identifies the person; names, addresses and birth dates are never stored.
    """

    hsk_massnahme = models.ForeignKey(
        HSKMassnahme, verbose_name=_("HSK-Maßnahme"), on_delete=models.PROTECT, related_name="einzelfaelle"
    )
    pseudonym = models.CharField(
        _("Pseudonym"),
        max_length=40,
        validators=[pseudonym_pruefen],
        help_text=_("Keine Namen, Anschriften oder Geburtsdaten: nur ein Fallkürzel wie „HSK1-017“."),
    )
    ablaufschritt = models.ForeignKey(
        Ablaufschritt,
        verbose_name=_("aktueller Ablaufschritt"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="einzelfaelle",
    )
    aufnahme = models.DateField(_("Aufnahme"))
    wirkungsbeginn = models.DateField(_("Wirkungsbeginn"), null=True, blank=True)
    wirkungsende = models.DateField(_("Wirkungsende"), null=True, blank=True, help_text=_("leer = Wirkung dauert an"))
    vermiedene_kosten_monat = models.DecimalField(
        _("vermiedene Kosten je Monat"), max_digits=14, decimal_places=2, default=Decimal("0"), validators=NICHT_NEGATIV
    )
    neue_kosten_monat = models.DecimalField(
        _("neue Kosten je Monat"), max_digits=14, decimal_places=2, default=Decimal("0"), validators=NICHT_NEGATIV
    )
    ergebnis = models.CharField(_("Ergebnis"), max_length=20, choices=Ergebnis.choices, default=Ergebnis.OFFEN)
    zielerreichung_text = models.CharField(_("fachliche Zielerreichung"), max_length=300, blank=True)
    zielerreichungsgrad = models.PositiveSmallIntegerField(
        _("Zielerreichungsgrad (1–5)"),
        null=True,
        blank=True,
        validators=[
            MinValueValidator(1, message=_("Der Zielerreichungsgrad liegt zwischen 1 und 5.")),
            MaxValueValidator(5, message=_("Der Zielerreichungsgrad liegt zwischen 1 und 5.")),
        ],
        help_text=_("1 = nicht erreicht … 5 = vollständig erreicht"),
    )
    # Dokumentationsbogen
    ausgangslage = models.TextField(_("Ausgangslage (ohne personenbezogene Angaben)"), blank=True)
    hilfe_vorher = models.CharField(_("bisherige Hilfe / Unterbringung"), max_length=200, blank=True)
    hilfe_nachher = models.CharField(_("Hilfe nach der Intervention"), max_length=200, blank=True)
    bemerkung = models.TextField(_("Bemerkung"), blank=True)
    geaendert = models.DateTimeField(_("geändert"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Einzelfall")
        verbose_name_plural = _("Einzelfälle")
        ordering = ["hsk_massnahme", "pseudonym"]
        constraints = [
            models.UniqueConstraint(
                fields=["hsk_massnahme", "pseudonym"],
                name="%(app_label)s_%(class)s_pseudonym_je_massnahme",
                violation_error_message=_("Dieses Pseudonym ist bei der Maßnahme bereits vergeben."),
            ),
            models.CheckConstraint(
                condition=Q(wirkungsende__isnull=True)
                | Q(wirkungsbeginn__isnull=True)
                | Q(wirkungsende__gte=F("wirkungsbeginn")),
                name="%(app_label)s_%(class)s_wirkungsende_nach_beginn",
                violation_error_message=_("Das Wirkungsende darf nicht vor dem Wirkungsbeginn liegen."),
            ),
            models.CheckConstraint(
                condition=Q(vermiedene_kosten_monat__gte=0) & Q(neue_kosten_monat__gte=0),
                name="%(app_label)s_%(class)s_betraege_nicht_negativ",
                violation_error_message=_("Beträge dürfen nicht negativ sein."),
            ),
        ]

    def __str__(self) -> str:
        return self.pseudonym

    def clean(self) -> None:
        fehler: dict[str, str] = {}
        massnahme = self.hsk_massnahme if self.hsk_massnahme_id else None
        if massnahme and self.wirkungsbeginn and self.wirkungsbeginn < massnahme.beginn:
            fehler["wirkungsbeginn"] = _(
                "Der Wirkungsbeginn darf nicht vor dem Beginn der Maßnahme (%(datum)s) liegen."
            ) % {"datum": massnahme.beginn.strftime("%d.%m.%Y")}
        if self.wirkungsbeginn and self.wirkungsende and self.wirkungsende < self.wirkungsbeginn:
            fehler["wirkungsende"] = _("Das Wirkungsende darf nicht vor dem Wirkungsbeginn liegen.")
        if self.wirkungsende and not self.wirkungsbeginn:
            fehler["wirkungsbeginn"] = _("Ein Wirkungsende setzt einen Wirkungsbeginn voraus.")
        if massnahme and self.ablaufschritt_id and self.ablaufschritt.hsk_massnahme_id != massnahme.pk:
            fehler["ablaufschritt"] = _("Dieser Ablaufschritt gehört zu einer anderen Maßnahme.")
        if fehler:
            raise ValidationError(fehler)
