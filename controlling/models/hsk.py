"""HSK-Maßnahmen: staff invested in prevention to avoid transfer costs (DOMAIN.md §5)."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import MitBearbeitungsstand
from core.money import cent
from steuerung.models.auswahl import Praeventionsform

NICHT_NEGATIV = [MinValueValidator(Decimal("0"), message=_("Der Betrag darf nicht negativ sein."))]


# The fields a user maintains on an HSK-Maßnahme, in form order: the one list of the page and the API.
HSK_STECKBRIEF = (
    "bezeichnung",
    "massnahme",
    "organisationseinheit",
    "wirkungshypothese",
    "praeventionsform",
    "beginn",
    "ende",
    "personalkosten_jahr",
    "annahme_faelle",
    "annahme_erfolgsquote",
    "annahme_vermiedene_kosten_jahr",
    "pruefintervall_monate",
    "aufbewahrung_monate",
)


class HSKMassnahme(MitBearbeitungsstand):
    """A measure of the Haushaltssicherungskonzept, attached to a Maßnahme of the Zielpyramide.

    Its Soll per year, its staff and its cases feed the consolidation curve (controlling.verlauf).
    """

    bezeichnung = models.CharField(_("Bezeichnung"), max_length=200)
    massnahme = models.ForeignKey(
        "steuerung.Massnahme",
        verbose_name=_("Maßnahme der Zielpyramide"),
        on_delete=models.PROTECT,
        related_name="hsk_massnahmen",
    )
    organisationseinheit = models.ForeignKey(
        "organisation.Organisationseinheit",
        verbose_name=_("verantwortliche Organisationseinheit"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    wirkungshypothese = models.TextField(
        _("Wirkungshypothese"),
        help_text=_("Wen erreicht die Maßnahme, über welchen Mechanismus, welche Transferkosten werden vermieden?"),
    )
    praeventionsform = models.CharField(
        _("Präventionsform"), max_length=20, choices=Praeventionsform.choices, blank=True
    )
    beginn = models.DateField(_("Beginn"))
    ende = models.DateField(_("Ende"), null=True, blank=True)
    personalkosten_jahr = models.DecimalField(
        _("Personalkosten je Jahr"), max_digits=14, decimal_places=2, validators=NICHT_NEGATIV
    )
    annahme_faelle = models.PositiveIntegerField(_("angenommene Fälle"), default=0)
    annahme_erfolgsquote = models.DecimalField(
        _("angenommene Erfolgsquote"),
        max_digits=5,
        decimal_places=4,
        default=Decimal("0"),
        validators=[
            MinValueValidator(Decimal("0"), message=_("Die Erfolgsquote liegt zwischen 0 und 1.")),
            MaxValueValidator(Decimal("1"), message=_("Die Erfolgsquote liegt zwischen 0 und 1.")),
        ],
        help_text=_("Anteil zwischen 0 und 1, z. B. 0,40 für 40 %"),
    )
    annahme_vermiedene_kosten_jahr = models.DecimalField(
        _("angenommene vermiedene Kosten je Fall und Jahr"),
        max_digits=14,
        decimal_places=2,
        default=Decimal("0"),
        validators=NICHT_NEGATIV,
    )
    aufbewahrung_monate = models.PositiveSmallIntegerField(
        _("Aufbewahrungsfrist abgeschlossener Einzelfälle (Monate)"),
        default=36,
        validators=[MinValueValidator(1, message=_("Die Aufbewahrungsfrist muss mindestens einen Monat betragen."))],
        help_text=_(
            "Abgeschlossene Einzelfälle werden so viele Monate nach ihrem Wirkungsende gelöscht; "
            "ihr Beitrag zum Konsolidierungsverlauf bleibt erhalten."
        ),
    )
    pruefintervall_monate = models.PositiveSmallIntegerField(
        _("Prüfintervall in Monaten"),
        default=6,
        validators=[MinValueValidator(1, message=_("Das Prüfintervall muss mindestens einen Monat betragen."))],
        help_text=_(
            "Ist das Ergebnis eines Einzelfalls so viele Monate nach seiner Aufnahme noch offen, "
            "erscheint er als Aufgabe der Sachbearbeitung."
        ),
    )
    geaendert = models.DateTimeField(_("geändert"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("HSK-Maßnahme")
        verbose_name_plural = _("HSK-Maßnahmen")
        ordering = ["bezeichnung"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ende__isnull=True) | Q(ende__gte=F("beginn")),
                name="%(app_label)s_%(class)s_ende_nach_beginn",
                violation_error_message=_("Das Ende der Maßnahme darf nicht vor ihrem Beginn liegen."),
            ),
            models.CheckConstraint(
                condition=Q(personalkosten_jahr__gte=0) & Q(annahme_vermiedene_kosten_jahr__gte=0),
                name="%(app_label)s_%(class)s_betraege_nicht_negativ",
                violation_error_message=_("Beträge dürfen nicht negativ sein."),
            ),
            models.CheckConstraint(
                condition=Q(annahme_erfolgsquote__gte=0) & Q(annahme_erfolgsquote__lte=1),
                name="%(app_label)s_%(class)s_erfolgsquote_0_bis_1",
                violation_error_message=_("Die Erfolgsquote liegt zwischen 0 und 1."),
            ),
            models.CheckConstraint(
                condition=Q(aufbewahrung_monate__gte=1),
                name="%(app_label)s_%(class)s_aufbewahrung_positiv",
                violation_error_message=_("Die Aufbewahrungsfrist muss mindestens einen Monat betragen."),
            ),
            models.CheckConstraint(
                condition=Q(pruefintervall_monate__gte=1),
                name="%(app_label)s_%(class)s_pruefintervall_positiv",
                violation_error_message=_("Das Prüfintervall muss mindestens einen Monat betragen."),
            ),
        ]

    def __str__(self) -> str:
        return self.bezeichnung

    @property
    def erwartete_einsparung_jahr(self) -> Decimal:
        """Ex-ante estimate: Fälle × Erfolgsquote × vermiedene Kosten je Fall und Jahr, in cents."""
        return cent(Decimal(self.annahme_faelle) * self.annahme_erfolgsquote * self.annahme_vermiedene_kosten_jahr)


class Stelle(models.Model):
    """A post financed by the measure; the staff work only on it, so the effect is attributable."""

    hsk_massnahme = models.ForeignKey(
        HSKMassnahme, verbose_name=_("HSK-Maßnahme"), on_delete=models.CASCADE, related_name="stellen"
    )
    bezeichnung = models.CharField(_("Bezeichnung"), max_length=200)
    vzae = models.DecimalField(
        _("Vollzeitäquivalente"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"), message=_("VZÄ dürfen nicht negativ sein."))],
    )
    jahreskosten = models.DecimalField(_("Jahreskosten"), max_digits=14, decimal_places=2, validators=NICHT_NEGATIV)
    beginn = models.DateField(_("besetzt ab"), null=True, blank=True, help_text=_("leer = ab Beginn der Maßnahme"))
    ende = models.DateField(_("besetzt bis"), null=True, blank=True, help_text=_("leer = bis Ende der Maßnahme"))

    class Meta:
        verbose_name = _("Stelle")
        verbose_name_plural = _("Stellen")
        ordering = ["hsk_massnahme", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ende__isnull=True) | Q(beginn__isnull=True) | Q(ende__gte=F("beginn")),
                name="%(app_label)s_%(class)s_ende_nach_beginn",
                violation_error_message=_("Eine Stelle darf nicht vor ihrem Beginn enden."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.bezeichnung} ({self.vzae} VZÄ)"

    def clean(self) -> None:
        if self.beginn and self.ende and self.ende < self.beginn:
            raise ValidationError({"ende": _("Eine Stelle darf nicht vor ihrem Beginn enden.")})
        # The measure may be unsaved (checked before a new measure is written) or lack a readable beginn.
        massnahme = self.hsk_massnahme if self.hsk_massnahme_id or Stelle.hsk_massnahme.is_cached(self) else None
        if massnahme and massnahme.beginn and self.ende and self.ende < massnahme.beginn:
            raise ValidationError(
                {
                    "ende": _("Die Stelle endet vor dem Beginn der Maßnahme (%(datum)s).")
                    % {"datum": massnahme.beginn.strftime("%d.%m.%Y")}
                }
            )
        if massnahme and massnahme.ende and self.beginn and self.beginn > massnahme.ende:
            raise ValidationError(
                {
                    "beginn": _("Die Stelle beginnt nach dem Ende der Maßnahme (%(datum)s).")
                    % {"datum": massnahme.ende.strftime("%d.%m.%Y")}
                }
            )


class HSKSoll(models.Model):
    """Planned gross consolidation (Brutto-Konsolidierungs-Soll) of one Haushaltsjahr."""

    hsk_massnahme = models.ForeignKey(
        HSKMassnahme, verbose_name=_("HSK-Maßnahme"), on_delete=models.CASCADE, related_name="soll_jahre"
    )
    jahr = models.PositiveSmallIntegerField(
        _("Haushaltsjahr"),
        validators=[MinValueValidator(2000, message=_("Ungültiges Jahr.")), MaxValueValidator(2100)],
    )
    betrag = models.DecimalField(_("Soll (brutto)"), max_digits=14, decimal_places=2, validators=NICHT_NEGATIV)

    class Meta:
        verbose_name = _("HSK-Soll")
        verbose_name_plural = _("HSK-Soll je Jahr")
        ordering = ["hsk_massnahme", "jahr"]
        constraints = [
            models.UniqueConstraint(
                fields=["hsk_massnahme", "jahr"],
                name="%(app_label)s_%(class)s_ein_soll_je_jahr",
                violation_error_message=_("Für dieses Haushaltsjahr ist bereits ein Soll erfasst."),
            ),
            models.CheckConstraint(
                condition=Q(betrag__gte=0),
                name="%(app_label)s_%(class)s_betrag_nicht_negativ",
                violation_error_message=_("Das Soll darf nicht negativ sein."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.jahr}: {self.betrag}"


class Ablaufschritt(models.Model):
    """One step of the measure's case workflow (e.g. Fallvorauswahl → Betreuung → Rückführung)."""

    hsk_massnahme = models.ForeignKey(
        HSKMassnahme, verbose_name=_("HSK-Maßnahme"), on_delete=models.CASCADE, related_name="ablaufschritte"
    )
    reihenfolge = models.PositiveSmallIntegerField(_("Reihenfolge"))
    bezeichnung = models.CharField(_("Bezeichnung"), max_length=100)

    class Meta:
        verbose_name = _("Ablaufschritt")
        verbose_name_plural = _("Ablaufschritte")
        ordering = ["hsk_massnahme", "reihenfolge"]
        constraints = [
            models.UniqueConstraint(
                fields=["hsk_massnahme", "reihenfolge"],
                name="%(app_label)s_%(class)s_reihenfolge_eindeutig",
                violation_error_message=_("Diese Position im Ablauf ist bereits belegt."),
            ),
            models.UniqueConstraint(
                fields=["hsk_massnahme", "bezeichnung"],
                name="%(app_label)s_%(class)s_bezeichnung_eindeutig",
                violation_error_message=_("Diesen Ablaufschritt gibt es bei der Maßnahme bereits."),
            ),
        ]

    def __str__(self) -> str:
        return self.bezeichnung
