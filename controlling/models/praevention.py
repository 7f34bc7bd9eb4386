"""Präventionsbudget ("Experimentiertopf"): small projects with cost and estimated avoided cost."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from controlling.models.hsk import NICHT_NEGATIV
from core.models import MitBearbeitungsstand

_JAHR = [MinValueValidator(2000, message=_("Ungültiges Jahr.")), MaxValueValidator(2100)]


class Praeventionsbudget(models.Model):
    """The yearly ceiling of the Experimentiertopf; projects of a year must stay below it."""

    jahr = models.PositiveSmallIntegerField(_("Haushaltsjahr"), unique=True, validators=_JAHR)
    obergrenze = models.DecimalField(_("Budgetobergrenze"), max_digits=14, decimal_places=2, validators=NICHT_NEGATIV)

    class Meta:
        verbose_name = _("Präventionsbudget")
        verbose_name_plural = _("Präventionsbudgets")
        ordering = ["-jahr"]

    def __str__(self) -> str:
        return f"{self.jahr}: {self.obergrenze}"


class Praeventionsprojekt(MitBearbeitungsstand):
    """A project financed from the Präventionsbudget with its cost and estimated saving."""

    bezeichnung = models.CharField(_("Bezeichnung"), max_length=200)
    jahr = models.PositiveSmallIntegerField(_("Haushaltsjahr"), db_index=True, validators=_JAHR)
    organisationseinheit = models.ForeignKey(
        "organisation.Organisationseinheit",
        verbose_name=_("verantwortliche Organisationseinheit"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    kosten = models.DecimalField(_("Kosten"), max_digits=14, decimal_places=2, validators=NICHT_NEGATIV)
    geschaetzte_einsparung = models.DecimalField(
        _("geschätzte Einsparung"), max_digits=14, decimal_places=2, validators=NICHT_NEGATIV
    )
    begruendung = models.TextField(_("Begründung der Schätzung"))

    class Meta:
        verbose_name = _("Präventionsprojekt")
        verbose_name_plural = _("Präventionsprojekte")
        ordering = ["jahr", "bezeichnung"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kosten__gte=0) & Q(geschaetzte_einsparung__gte=0),
                name="%(app_label)s_%(class)s_betraege_nicht_negativ",
                violation_error_message=_("Beträge dürfen nicht negativ sein."),
            ),
            models.UniqueConstraint(
                fields=["jahr", "bezeichnung"],
                name="%(app_label)s_%(class)s_bezeichnung_je_jahr",
                violation_error_message=_("Ein Projekt mit dieser Bezeichnung gibt es im Jahr bereits."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.bezeichnung} ({self.jahr})"

    @property
    def netto(self):
        return self.geschaetzte_einsparung - self.kosten
