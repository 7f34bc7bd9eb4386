"""Forms of the administration pages: users, units, the Kommune's settings, deadlines."""

from __future__ import annotations

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from frontend.forms.datum import DatumFeld
from frontend.views.haushalt.formulare import ProzentFeld
from organisation.models import Benutzer, Organisationseinheit
from organisation.rollen import Rolle

ROLLEN_AUSWAHL = [(r.value, r.label) for r in Rolle]


class BenutzerFilter(django_filters.FilterSet):
    """List filters: unit, role, active."""

    organisationseinheit = django_filters.ModelChoiceFilter(
        label=_("Organisationseinheit"), queryset=Organisationseinheit.objects.all(), empty_label=_("alle")
    )
    rolle = django_filters.ChoiceFilter(
        label=_("Rolle"), choices=ROLLEN_AUSWAHL, field_name="groups__name", empty_label=_("alle")
    )
    aktiv = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[("1", _("aktiv")), ("0", _("deaktiviert"))],
        method="nach_status",
        empty_label=_("alle"),
    )
    q = django_filters.CharFilter(label=_("Name oder Kennung"), method="suche")

    class Meta:
        model = Benutzer
        fields = ["organisationseinheit", "rolle", "aktiv", "q"]

    def nach_status(self, queryset, name, value):
        return queryset.filter(is_active=value == "1")

    def suche(self, queryset, name, value):
        return (
            queryset.filter(username__icontains=value)
            | queryset.filter(first_name__icontains=value)
            | queryset.filter(last_name__icontains=value)
        )


class BenutzerFormular(forms.ModelForm):
    rollen = forms.MultipleChoiceField(
        label=_("Rollen"), choices=ROLLEN_AUSWAHL, required=False, widget=forms.CheckboxSelectMultiple
    )
    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Benutzer
        fields = ["username", "first_name", "last_name", "email", "organisationseinheit"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].required = True
        self.fields["organisationseinheit"].queryset = Organisationseinheit.objects.order_by("kuerzel")
        self.fields["revision"].initial = self.instance.revision if self.instance.pk else 0
        if self.instance.pk:
            self.fields["username"].disabled = True
            self.fields["username"].help_text = _("Die Kennung bleibt unverändert.")
            self.initial["rollen"] = list(self.instance.groups.values_list("name", flat=True))

    def daten(self) -> dict:
        d = self.cleaned_data
        return {f: d.get(f) for f in self.Meta.fields if f in d}


class EinheitFormular(forms.ModelForm):
    class Meta:
        model = Organisationseinheit
        fields = ["kuerzel", "name", "ebene", "eltern"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        andere = Organisationseinheit.objects.order_by("kuerzel")
        if self.instance.pk:
            andere = andere.exclude(pk=self.instance.pk)
        self.fields["eltern"].queryset = andere

    def daten(self) -> dict:
        return {f: self.cleaned_data.get(f) for f in self.Meta.fields}


class KommuneFormular(forms.Form):
    name = forms.CharField(label=_("Name der Kommune"), max_length=200, required=False)
    schwelle_ueberplanmaessig = ProzentFeld(label=_("Schwelle überplanmäßig (ZEG > %)"))
    schwelle_zur_gaenze = ProzentFeld(label=_("Schwelle zur Gänze (ZEG ≥ %)"))
    schwelle_ueberwiegend = ProzentFeld(label=_("Schwelle überwiegend (ZEG ≥ %)"))
    schwelle_teilweise = ProzentFeld(label=_("Schwelle teilweise (ZEG ≥ %)"))
    erfassungsfrist_tage = forms.IntegerField(
        label=_("Erfassungsfrist (Tage nach Periodenende)"), min_value=0, max_value=120
    )
    mindesteinwohner_raum = forms.IntegerField(
        label=_("Mindesteinwohnerzahl eines Sozialraums"),
        min_value=0,
        max_value=1_000_000,
        help_text=_("Kleinere Räume sieht der Rat nicht (Sozialdatenschutz)."),
    )
    kleinzahl_grenze = forms.IntegerField(
        label=_("Kleinzahlgrenze für den Rat"),
        min_value=1,
        max_value=100,
        help_text=_("Fallzahlen darunter erscheinen dem Rat als „< Grenze“."),
    )
    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    @classmethod
    def anfangswerte(cls, kommune) -> dict:
        return {f: getattr(kommune, f) for f in cls.base_fields}

    def daten(self) -> dict:
        return {f: v for f, v in self.cleaned_data.items() if f != "revision"}


class FristFormular(forms.Form):
    frist = DatumFeld(
        label=_("Abweichende Erfassungsfrist"),
        required=False,
        help_text=_("Leer lassen für den Standard der Kommune (Periodenende + eingestellte Tage)."),
    )
    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)
