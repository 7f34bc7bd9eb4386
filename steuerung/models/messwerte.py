"""Measured values per Kennzahl and period, with the explanation duties of the tertial report."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import formats
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import MitBearbeitungsstand
from core.money import format_de
from steuerung.models.kennzahlen import WERT, Kennzahl


class Messwert(MitBearbeitungsstand):
    """The Ist of a Kennzahl for one period (key such as "2025-T2"), entered by its unit.

    `wert` may be empty for a saved draft, a Sorgenampel without a number yet, or an entry that
    explains why the value is missing (`fehlt_begruendung`). A Quote may carry its counts
    (`zaehler`, `nenner`): then `wert` is computed from them (steuerung.messarten), never typed.
    `fallzahl` weights a Mittelwert when the year's periods are averaged.
    `revision` is the optimistic lock of MitBearbeitungsstand: two people saving the same
    value cannot overwrite each other silently (steuerung.erfassung).
    """

    kennzahl = models.ForeignKey(Kennzahl, on_delete=models.CASCADE, related_name="messwerte")
    periode = models.CharField(_("Periode"), max_length=10, db_index=True)
    periode_ende = models.DateField(_("Periodenende"), db_index=True)
    wert = models.DecimalField(_("Ist-Wert"), null=True, blank=True, **WERT)
    zaehler = models.DecimalField(
        _("Zähler"), null=True, blank=True, help_text=_("nur bei einer Quote; der Wert wird berechnet"), **WERT
    )
    nenner = models.DecimalField(
        _("Nenner"), null=True, blank=True, help_text=_("nur bei einer Quote, größer als 0"), **WERT
    )
    fallzahl = models.DecimalField(
        _("Fallzahl"), null=True, blank=True, help_text=_("nur bei einem Mittelwert; gewichtet den Jahreswert"), **WERT
    )
    fehlt_begruendung = models.TextField(
        _("Begründung, warum der Wert fehlt"),
        blank=True,
        help_text=_("z. B. „Statistik liegt erst im März vor“; nur ohne Wert"),
    )
    kommentar = models.TextField(_("Kommentar"), blank=True)
    nachweis = models.URLField(_("Nachweis (Link)"), blank=True, max_length=500)
    begruendung = models.TextField(_("Begründung der Abweichung"), blank=True)
    gegensteuerung_was = models.TextField(_("Gegensteuerungsmaßnahme"), blank=True)
    gegensteuerung_wer = models.CharField(_("verantwortlich für die Gegensteuerung"), max_length=200, blank=True)
    gegensteuerung_bis = models.DateField(_("Gegensteuerung bis"), null=True, blank=True)
    sorgenampel = models.BooleanField(_("Sorgenampel"), default=False)
    sorgenampel_grund = models.TextField(_("Grund der Sorgenampel"), blank=True)
    erfasst_von = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("erfasst von"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    erfasst_am = models.DateTimeField(_("erfasst am"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Messwert")
        verbose_name_plural = _("Messwerte")
        ordering = ["kennzahl", "periode_ende"]
        constraints = [
            models.UniqueConstraint(
                fields=["kennzahl", "periode"],
                name="%(app_label)s_%(class)s_eindeutig",
                violation_error_message=_("Für diese Kennzahl und Periode gibt es bereits einen Wert."),
            ),
            models.CheckConstraint(
                condition=Q(wert__isnull=True) | Q(fehlt_begruendung=""),
                name="%(app_label)s_%(class)s_wert_oder_fehlt_begruendung",
                violation_error_message=_("Ein Wert und eine Begründung, warum er fehlt, schließen sich aus."),
            ),
            models.CheckConstraint(
                condition=Q(zaehler__isnull=True, nenner__isnull=True)
                | Q(zaehler__isnull=False, nenner__isnull=False, wert__isnull=False),
                name="%(app_label)s_%(class)s_zaehler_und_nenner",
                violation_error_message=_("Zähler und Nenner gehören zusammen und ergeben den Wert."),
            ),
            models.CheckConstraint(
                condition=Q(nenner__isnull=True) | Q(nenner__gt=0),
                name="%(app_label)s_%(class)s_nenner_positiv",
                violation_error_message=_("Der Nenner muss größer als 0 sein."),
            ),
            models.CheckConstraint(
                condition=Q(zaehler__isnull=True) | Q(zaehler__gte=0),
                name="%(app_label)s_%(class)s_zaehler_nicht_negativ",
                violation_error_message=_("Der Zähler darf nicht negativ sein."),
            ),
            models.CheckConstraint(
                condition=Q(fallzahl__isnull=True) | Q(fallzahl__gte=0),
                name="%(app_label)s_%(class)s_fallzahl_nicht_negativ",
                violation_error_message=_("Die Fallzahl darf nicht negativ sein."),
            ),
        ]
        indexes = [models.Index(fields=["kennzahl", "periode_ende"], name="steuerung_messwert_verlauf")]

    def __str__(self) -> str:
        return f"{self.kennzahl}: {self.periode} = {self.wert}"

    def letzte_aenderung(self) -> str:
        """Who saved which value (and comment) when: what a colleague needs to judge a conflict."""
        wer = (
            self.erfasst_von.get_full_name() or self.erfasst_von.username if self.erfasst_von else gettext("unbekannt")
        )
        wann = formats.date_format(self.erfasst_am, "d.m.Y H:i") if self.erfasst_am else ""
        wert = format_de(self.wert, 2) if self.wert is not None else gettext("leer")
        text = gettext("%(wer)s hat am %(wann)s den Wert %(wert)s gespeichert") % {
            "wer": wer,
            "wann": wann,
            "wert": wert,
        }
        if self.kommentar:
            text += gettext(" (Kommentar: „%(k)s“)") % {"k": self.kommentar[:120]}
        return text
