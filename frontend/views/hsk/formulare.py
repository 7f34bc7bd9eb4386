"""Forms of the HSK pages: German labels, de-DE amounts ("3.500,00")."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from controlling.bilanz import spanne_pruefen
from controlling.filtersets import EinzelfallFilter
from controlling.models import EINZELFALL_FELDER, Einzelfall
from controlling.stichtag import stichtag_pruefen
from core.money import format_de
from frontend.forms.datum import DatumEingabe, DatumFeld, deutsche_datumsfelder
from frontend.forms.fehler import AlleFehlerMixin
from frontend.forms.zahlen import DeZahlFeld


class BetragFeld(DeZahlFeld):
    """An amount in de-DE notation ("3.500,00"): not negative, cents at most, 14 stored digits."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "maxlength": 20})
    nachkommastellen = 2
    grenze = Decimal("1e12")
    negativ_erlaubt = False
    meldungen = {
        "zu_gross": _("Der Betrag ist zu groß."),
        "stellen": _("Bitte höchstens zwei Nachkommastellen angeben."),
        "negativ": _("Der Betrag darf nicht negativ sein."),
    }

    def prepare_value(self, value):
        return format_de(value) if isinstance(value, Decimal) else value


class EinzelfallFormular(AlleFehlerMixin, forms.ModelForm):
    """Case form for the owning Fachamt; the pseudonym warning is part of the help text."""

    vermiedene_kosten_monat = BetragFeld(label=_("vermiedene Kosten je Monat (€)"))
    neue_kosten_monat = BetragFeld(label=_("neue Kosten je Monat (€)"), required=False)
    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Einzelfall
        fields = list(EINZELFALL_FELDER)
        widgets = {
            "aufnahme": DatumEingabe(),
            "wirkungsbeginn": DatumEingabe(),
            "wirkungsende": DatumEingabe(),
            "ausgangslage": forms.Textarea(attrs={"rows": 3}),
            "bemerkung": forms.Textarea(attrs={"rows": 3}),
        }
        formfield_callback = deutsche_datumsfelder
        help_texts = {
            "pseudonym": _(
                "Achtung: Namen, Anschriften und Geburtsdaten sind nicht erlaubt (Sozialdatenschutz). "
                "Nur ein Fallkürzel wie „HSK1-017“ erfassen."
            ),
        }

    def __init__(self, *args, massnahme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ablaufschritt"].queryset = massnahme.ablaufschritte.all()
        self.fields["revision"].initial = self.instance.revision if self.instance.pk else 0
        # Model validation (clean) runs in the service; the form only converts input.
        self.instance.hsk_massnahme = massnahme

    def daten(self) -> dict:
        werte = {f: self.cleaned_data.get(f) for f in self.Meta.fields}
        if werte["neue_kosten_monat"] is None:
            werte["neue_kosten_monat"] = Decimal("0")
        return werte


class EinzelfallFilterFormular(EinzelfallFilter):
    """The API's FilterSet, limited to one measure's Ablaufschritte."""

    def __init__(self, *args, massnahme, **kwargs):
        super().__init__(*args, **kwargs)
        del self.filters["hsk_massnahme"]  # the page is already one measure's list
        self.filters["ablaufschritt"].queryset = massnahme.ablaufschritte.all()
        self.filters["ablaufschritt"].label = _("Ablaufschritt")
        self.filters["ablaufschritt"].extra["empty_label"] = _("alle")


class StichtagFormular(forms.Form):
    """The data date of a reading: months up to it are Ist, later months Prognose."""

    stichtag = DatumFeld(
        label=_("Stichtag (Datenstand)"),
        required=False,
        help_text=_("Monate bis zum Stichtag sind Ist, spätere Monate Prognose."),
    )

    def clean_stichtag(self):
        wert = self.cleaned_data.get("stichtag")
        if wert and not 2000 <= wert.year <= 2100:
            raise forms.ValidationError(_("Der Stichtag muss zwischen 2000 und 2100 liegen."))
        if wert:
            try:
                stichtag_pruefen(wert, heute=timezone.localdate())
            except ValueError as exc:
                raise forms.ValidationError(str(exc)) from exc
        return wert


class JahrStichtagFormular(StichtagFormular):
    jahr = forms.IntegerField(label=_("Haushaltsjahr"), min_value=2000, max_value=2100, required=False)

    field_order = ["jahr", "stichtag"]


class PraeventionFormular(forms.Form):
    """One year of the Präventionsbudget and a span of years for the cumulated view."""

    jahr = forms.IntegerField(label=_("Haushaltsjahr"), min_value=2000, max_value=2100, required=False)
    von = forms.IntegerField(label=_("Zeitraum von"), min_value=2000, max_value=2100, required=False)
    bis = forms.IntegerField(label=_("Zeitraum bis"), min_value=2000, max_value=2100, required=False)

    def clean(self):
        daten = super().clean()
        von, bis = daten.get("von"), daten.get("bis")
        if von and bis:
            try:
                spanne_pruefen(von=von, bis=bis)
            except ValueError as exc:
                self.add_error("bis", str(exc))
        return daten
