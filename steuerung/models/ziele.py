"""The Zielpyramide: Leitziel → Produktgruppenziel → Produktziel → Teilziel → Maßnahme.

Goals are valid per Haushaltsjahr (`jahr`); the next year's Zielmatrix is a copy.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import MitBearbeitungsstand
from steuerung.models.auswahl import Praeventionsform, RollUp, Wirkungsebene, Zielart
from steuerung.zielbaum import ELTERNFELDER


def _code_je_jahr() -> models.UniqueConstraint:
    """A goal's local code is unique within its Haushaltsjahr (each level has its own codes)."""
    return models.UniqueConstraint(
        fields=["jahr", "code"],
        name="%(app_label)s_%(class)s_code_je_jahr",
        violation_error_message=_("Dieser Code ist im Haushaltsjahr bereits vergeben."),
    )


class Ziel(MitBearbeitungsstand):
    """Fields every goal level shares."""

    jahr = models.PositiveSmallIntegerField(_("Haushaltsjahr"), db_index=True)
    code = models.CharField(_("Code"), max_length=30, help_text=_("lokaler Code, z. B. „LZ 3“ oder „PGZ 4“"))
    titel = models.TextField(_("Zieltext"))
    zielgruppe = models.CharField(_("Zielgruppe"), max_length=200, blank=True)
    zielart = models.CharField(_("Zielart"), max_length=20, choices=Zielart.choices, default=Zielart.WIRKUNGSZIEL)
    wirkungsebene = models.CharField(
        _("Wirkungsebene"), max_length=10, choices=Wirkungsebene.choices, default=Wirkungsebene.OUTCOME
    )
    organisationseinheit = models.ForeignKey(
        "organisation.Organisationseinheit",
        verbose_name=_("verantwortliche Organisationseinheit"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    verantwortlich = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verantwortlich"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    begruendung_plausibilitaet = models.TextField(
        _("Begründung der Plausibilität"),
        blank=True,
        help_text=_("nötig, wenn die jährliche Veränderung über der Plausibilitätsgrenze liegt"),
    )
    rollup = models.CharField(
        _("Ampel-Verdichtung"), max_length=20, choices=RollUp.choices, default=RollUp.SCHLECHTESTE
    )
    # Archived goals leave the pyramid, dashboard, entry forms and future reports; published
    # reports keep them (snapshots). Set only by steuerung.archiv, together with the subtree.
    archiviert = models.BooleanField(
        _("archiviert"),
        default=False,
        db_index=True,
        help_text=_(
            "Archivierte Ziele erscheinen nicht mehr in Zielpyramide, Dashboard, Erfassung und neuen Berichten."
        ),
    )

    class Meta:
        abstract = True
        ordering = ["jahr", "code"]

    def __str__(self) -> str:
        return f"{self.code} {self.titel[:60]}"

    def clean(self) -> None:
        super().clean()
        fehler = {}
        # A goal hangs only under goals of its own Haushaltsjahr: the pyramid is one year's tree.
        for feld, _oben in ELTERNFELDER.get(self._meta.model_name, ()):
            oben = getattr(self, feld) if getattr(self, f"{feld}_id") else None
            if oben is not None and self.jahr and oben.jahr != self.jahr:
                fehler[feld] = _("„%(ziel)s“ gehört zum Haushaltsjahr %(oben)s, dieses Ziel zu %(jahr)s.") % {
                    "ziel": oben.code,
                    "oben": oben.jahr,
                    "jahr": self.jahr,
                }
        produkt, pgz = getattr(self, "produkt_id", None), getattr(self, "produktgruppenziel_id", None)
        if produkt and pgz and self.produkt.produktgruppe_id != self.produktgruppenziel.produktgruppe_id:
            fehler["produkt"] = _("Das Produkt gehört nicht zur Produktgruppe des Produktgruppenziels (%(pg)s).") % {
                "pg": self.produktgruppenziel.produktgruppe
            }
        if fehler:
            raise ValidationError(fehler)


class Leitziel(Ziel):
    """Abstract end state agreed top-down with Verwaltungsvorstand and Politik."""

    history = HistoricalRecords()

    class Meta(Ziel.Meta):
        verbose_name = _("Leitziel")
        verbose_name_plural = _("Leitziele")
        constraints = [_code_je_jahr()]


class Produktgruppe(models.Model):
    """NKF-Produktgruppe (budget unit), e.g. 1.31.01."""

    nummer = models.CharField(_("Nummer"), max_length=20, unique=True)
    bezeichnung = models.CharField(_("Bezeichnung"), max_length=200)

    class Meta:
        verbose_name = _("Produktgruppe")
        verbose_name_plural = _("Produktgruppen")
        ordering = ["nummer"]

    def __str__(self) -> str:
        return f"{self.nummer} {self.bezeichnung}"


class Produktgruppenziel(Ziel):
    """Goal of a Produktgruppe, assigned to exactly one Leitziel."""

    produktgruppe = models.ForeignKey(
        Produktgruppe, verbose_name=_("Produktgruppe"), on_delete=models.PROTECT, related_name="ziele"
    )
    leitziel = models.ForeignKey(
        Leitziel, verbose_name=_("Leitziel"), on_delete=models.PROTECT, related_name="produktgruppenziele"
    )
    history = HistoricalRecords()

    class Meta(Ziel.Meta):
        verbose_name = _("Produktgruppenziel")
        verbose_name_plural = _("Produktgruppenziele")
        constraints = [_code_je_jahr()]


class Produkt(models.Model):
    """NKF-Produkt, e.g. 1.31.01.02 Hilfe zur Pflege."""

    nummer = models.CharField(_("Nummer"), max_length=30, unique=True)
    bezeichnung = models.CharField(_("Bezeichnung"), max_length=200)
    produktgruppe = models.ForeignKey(
        Produktgruppe, verbose_name=_("Produktgruppe"), on_delete=models.PROTECT, related_name="produkte"
    )

    class Meta:
        verbose_name = _("Produkt")
        verbose_name_plural = _("Produkte")
        ordering = ["nummer"]

    def __str__(self) -> str:
        return f"{self.nummer} {self.bezeichnung}"


class Produktziel(Ziel):
    """Goal of a Produkt, below one Produktgruppenziel of the product's group."""

    produkt = models.ForeignKey(Produkt, verbose_name=_("Produkt"), on_delete=models.PROTECT, related_name="ziele")
    produktgruppenziel = models.ForeignKey(
        Produktgruppenziel, verbose_name=_("Produktgruppenziel"), on_delete=models.PROTECT, related_name="produktziele"
    )
    history = HistoricalRecords()

    class Meta(Ziel.Meta):
        verbose_name = _("Produktziel")
        verbose_name_plural = _("Produktziele")
        constraints = [_code_je_jahr()]


class Teilziel(Ziel):
    """Optional goal below a Produktziel; nestable (eltern)."""

    produktziel = models.ForeignKey(
        Produktziel, verbose_name=_("Produktziel"), on_delete=models.PROTECT, related_name="teilziele"
    )
    eltern = models.ForeignKey(
        "self",
        verbose_name=_("übergeordnetes Teilziel"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="kinder",
    )
    history = HistoricalRecords()

    class Meta(Ziel.Meta):
        verbose_name = _("Teilziel")
        verbose_name_plural = _("Teilziele")
        constraints = [_code_je_jahr()]


class Massnahme(Ziel):
    """A measure or project with its Maßnahmenziel, below a Produktziel or a Teilziel.

    `titel` holds the measure's name, `massnahmenziel` the goal it pursues. Starting a
    measure is not reaching a goal: its Kennzahlen say whether the goal is met.
    """

    massnahmenziel = models.TextField(_("Maßnahmenziel"), blank=True)
    produktziel = models.ForeignKey(
        Produktziel,
        verbose_name=_("Produktziel"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="massnahmen",
    )
    teilziel = models.ForeignKey(
        Teilziel, verbose_name=_("Teilziel"), on_delete=models.PROTECT, null=True, blank=True, related_name="massnahmen"
    )
    beginn = models.DateField(_("Beginn"), null=True, blank=True)
    ende = models.DateField(_("Ende"), null=True, blank=True)
    praeventionsform = models.CharField(
        _("Präventionsform"), max_length=20, choices=Praeventionsform.choices, blank=True
    )
    history = HistoricalRecords()

    class Meta(Ziel.Meta):
        verbose_name = _("Maßnahme")
        verbose_name_plural = _("Maßnahmen")
        constraints = [
            _code_je_jahr(),
            models.CheckConstraint(
                condition=~(Q(produktziel__isnull=False) & Q(teilziel__isnull=False)),
                name="%(app_label)s_%(class)s_hoechstens_ein_oberziel",
                violation_error_message=_("Eine Maßnahme hängt entweder an einem Produktziel oder an einem Teilziel."),
            ),
            models.CheckConstraint(
                condition=Q(ende__isnull=True) | Q(beginn__isnull=True) | Q(ende__gte=models.F("beginn")),
                name="%(app_label)s_%(class)s_ende_nach_beginn",
                violation_error_message=_("Das Ende darf nicht vor dem Beginn liegen."),
            ),
        ]
