"""Kennzahl profile ("Steckbrief"), its versions and explicit Sollwerte per period."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import MitBearbeitungsstand
from core.schwellen import schwellenfeld
from steuerung.models.auswahl import Erhebungsrhythmus, Messart, Richtung, Skalierung, Wirkungsebene
from steuerung.zielbaum import ZIELEBENEN

WERT = {"max_digits": 18, "decimal_places": 4}

# The goal a Kennzahl measures: exactly one of these foreign keys is set (one per goal level).
ZIEL_FELDER = ZIELEBENEN
# The Steckbrief a user maintains, in form order: the one field list of the Kennzahl form and the API.
KENNZAHL_STECKBRIEF = (
    "code",
    "bezeichnung",
    "definition",
    "formel",
    "einheit",
    "datenquelle",
    "erhebungsmethode",
    "messart",
    "skalierung",
    "richtung",
    "erhebungsrhythmus",
    "ausgangswert",
    "ausgangsjahr",
    "zielwert",
    "zieljahr",
    "schwelle_ueberplanmaessig",
    "schwelle_zur_gaenze",
    "schwelle_ueberwiegend",
    "schwelle_teilweise",
    "schwelle_abweichung_prozent",
    "gewicht",
    "wirkungsebene",
    "organisationseinheit",
    "verantwortlich",
    "vertretung",
)


class Kennzahl(MitBearbeitungsstand):
    """A SMART indicator attached to one goal of the pyramid.

    Definition, target or thresholds changed after a period already has a value create a
    Kennzahlversion with a mandatory reason (steuerung.services), shown as a break in the series.
    `revision` is an optimistic lock: a save with an outdated revision is refused.
    """

    jahr = models.PositiveSmallIntegerField(_("Haushaltsjahr"), db_index=True)
    code = models.CharField(_("Code"), max_length=30, blank=True)
    bezeichnung = models.CharField(_("Bezeichnung"), max_length=300)
    definition = models.TextField(_("Definition"), blank=True)
    formel = models.CharField(_("Formel"), max_length=500, blank=True)
    einheit = models.CharField(_("Einheit"), max_length=50, blank=True, help_text=_("z. B. Fälle, %, €"))
    datenquelle = models.CharField(_("Datenquelle"), max_length=300, blank=True)
    erhebungsmethode = models.CharField(_("Erhebungsmethode"), max_length=300, blank=True)
    messart = models.CharField(_("Messart"), max_length=10, choices=Messart.choices, default=Messart.BESTAND)
    # Percent is how rates were typed before counts existed, so it keeps their series unbroken.
    skalierung = models.PositiveIntegerField(
        _("Skalierung der Quote"),
        choices=Skalierung.choices,
        default=Skalierung.HUNDERT,
        help_text=_("Quote = Zähler / Nenner × Skalierung (1, 100 oder 1.000)"),
    )
    richtung = models.CharField(_("Zielrichtung"), max_length=10, choices=Richtung.choices, default=Richtung.STEIGEND)
    erhebungsrhythmus = models.CharField(
        _("Erhebungsrhythmus"), max_length=10, choices=Erhebungsrhythmus.choices, default=Erhebungsrhythmus.TERTIAL
    )
    ausgangswert = models.DecimalField(_("Ausgangswert"), null=True, blank=True, **WERT)
    ausgangsjahr = models.PositiveSmallIntegerField(_("Basisjahr"), null=True, blank=True)
    zielwert = models.DecimalField(_("Zielwert"), null=True, blank=True, **WERT)
    zieljahr = models.PositiveSmallIntegerField(_("Zieljahr"), null=True, blank=True)
    schwelle_ueberplanmaessig = schwellenfeld("schwelle_ueberplanmaessig")
    schwelle_zur_gaenze = schwellenfeld("schwelle_zur_gaenze")
    schwelle_ueberwiegend = schwellenfeld("schwelle_ueberwiegend")
    schwelle_teilweise = schwellenfeld("schwelle_teilweise")
    schwelle_abweichung_prozent = models.DecimalField(
        _("Erklärungspflicht ab Abweichung zum Vorjahr (%)"), max_digits=6, decimal_places=2, default=Decimal("20")
    )
    gewicht = models.DecimalField(_("Gewicht in der Verdichtung"), max_digits=6, decimal_places=2, default=Decimal("1"))
    wirkungsebene = models.CharField(
        _("Wirkungsebene"), max_length=10, choices=Wirkungsebene.choices, default=Wirkungsebene.OUTCOME
    )
    verantwortlich = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("verantwortlich"), on_delete=models.PROTECT, related_name="+"
    )
    vertretung = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("Vertretung"), on_delete=models.PROTECT, related_name="+"
    )
    organisationseinheit = models.ForeignKey(
        "organisation.Organisationseinheit",
        verbose_name=_("erhebende Organisationseinheit"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    vergleichsschluessel = models.CharField(_("Vergleichsschlüssel (Benchmark)"), max_length=100, blank=True)
    leitziel = models.ForeignKey(
        "steuerung.Leitziel", on_delete=models.CASCADE, null=True, blank=True, related_name="kennzahlen"
    )
    produktgruppenziel = models.ForeignKey(
        "steuerung.Produktgruppenziel", on_delete=models.CASCADE, null=True, blank=True, related_name="kennzahlen"
    )
    produktziel = models.ForeignKey(
        "steuerung.Produktziel", on_delete=models.CASCADE, null=True, blank=True, related_name="kennzahlen"
    )
    teilziel = models.ForeignKey(
        "steuerung.Teilziel", on_delete=models.CASCADE, null=True, blank=True, related_name="kennzahlen"
    )
    massnahme = models.ForeignKey(
        "steuerung.Massnahme", on_delete=models.CASCADE, null=True, blank=True, related_name="kennzahlen"
    )
    version = models.PositiveIntegerField(_("Version der Definition"), default=1)
    # See Ziel.archiviert: set only by steuerung.archiv.
    archiviert = models.BooleanField(
        _("archiviert"),
        default=False,
        db_index=True,
        help_text=_("Archivierte Kennzahlen erscheinen nicht mehr in Dashboard, Erfassung und neuen Berichten."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Kennzahl")
        verbose_name_plural = _("Kennzahlen")
        ordering = ["jahr", "code", "bezeichnung"]
        # Lists (API, Messwerte by Kennzahl) read one page in this order instead of sorting every row.
        indexes = [models.Index(fields=["jahr", "code", "bezeichnung"], name="steuerung_kennzahl_reihenfolge")]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(leitziel__isnull=False, produktgruppenziel=None, produktziel=None, teilziel=None, massnahme=None)
                    | Q(
                        leitziel=None, produktgruppenziel__isnull=False, produktziel=None, teilziel=None, massnahme=None
                    )
                    | Q(
                        leitziel=None, produktgruppenziel=None, produktziel__isnull=False, teilziel=None, massnahme=None
                    )
                    | Q(
                        leitziel=None, produktgruppenziel=None, produktziel=None, teilziel__isnull=False, massnahme=None
                    )
                    | Q(
                        leitziel=None, produktgruppenziel=None, produktziel=None, teilziel=None, massnahme__isnull=False
                    )
                ),
                name="%(app_label)s_%(class)s_genau_ein_ziel",
                violation_error_message=_("Eine Kennzahl gehört zu genau einem Ziel oder einer Maßnahme."),
            ),
            models.CheckConstraint(
                condition=Q(zieljahr__isnull=True)
                | Q(ausgangsjahr__isnull=True)
                | Q(zieljahr__gte=models.F("ausgangsjahr")),
                name="%(app_label)s_%(class)s_zieljahr_nach_basisjahr",
                violation_error_message=_("Das Zieljahr darf nicht vor dem Basisjahr liegen."),
            ),
            models.CheckConstraint(
                condition=Q(skalierung__in=Skalierung.values),
                name="%(app_label)s_%(class)s_skalierung_gueltig",
                violation_error_message=_("Die Skalierung einer Quote ist 1, 100 oder 1.000."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.bezeichnung}".strip()

    def clean(self) -> None:
        super().clean()
        # A negative weight would turn a good value into a bad one in the roll-up.
        if self.gewicht is not None and self.gewicht < 0:
            raise ValidationError({"gewicht": _("Das Gewicht darf nicht negativ sein.")})

    @property
    def ziel(self):
        """The goal or measure this Kennzahl measures."""
        for feld in ZIEL_FELDER:
            if getattr(self, f"{feld}_id"):
                return getattr(self, feld)
        return None


class Kennzahlversion(models.Model):
    """A frozen earlier definition of a Kennzahl, with the reason for the change."""

    kennzahl = models.ForeignKey(Kennzahl, on_delete=models.CASCADE, related_name="versionen")
    version = models.PositiveIntegerField(_("Version"))
    gueltig_bis_periode = models.CharField(_("gültig bis Periode"), max_length=10, blank=True)
    definition = models.JSONField(_("Definition (Stand)"))
    grund = models.TextField(_("Grund der Änderung"))
    geaendert_von = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("geändert von")
    )
    geaendert_am = models.DateTimeField(_("geändert am"), auto_now_add=True)

    class Meta:
        verbose_name = _("Kennzahlversion")
        verbose_name_plural = _("Kennzahlversionen")
        ordering = ["kennzahl", "version"]
        constraints = [
            models.UniqueConstraint(fields=["kennzahl", "version"], name="%(app_label)s_%(class)s_eindeutig"),
            models.CheckConstraint(
                condition=~Q(grund=""),
                name="%(app_label)s_%(class)s_grund_pflicht",
                violation_error_message=_("Eine Änderung der Definition braucht einen Grund."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kennzahl} v{self.version}"


class Sollwert(models.Model):
    """An explicit interim target for one period (overrides the interpolated Soll)."""

    kennzahl = models.ForeignKey(Kennzahl, on_delete=models.CASCADE, related_name="sollwerte")
    periode = models.CharField(_("Periode"), max_length=10, help_text=_("z. B. 2025, 2025-T2 oder 2025-03"))
    wert = models.DecimalField(_("Sollwert"), **WERT)

    class Meta:
        verbose_name = _("Sollwert")
        verbose_name_plural = _("Sollwerte")
        ordering = ["kennzahl", "periode"]
        constraints = [
            models.UniqueConstraint(
                fields=["kennzahl", "periode"],
                name="%(app_label)s_%(class)s_eindeutig",
                violation_error_message=_("Für diese Periode gibt es bereits einen Sollwert."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.kennzahl}: {self.periode} = {self.wert}"
