"""Forms of the Zielpyramide pages (German labels come from the models' verbose names)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from frontend.forms.auswahl import Auswahl, ZielMitJahr, auswahl_setzen, verantwortung_einrichten
from frontend.forms.datum import deutsche_datumsfelder
from frontend.forms.zahlen import DeDezimalFeld
from organisation.selectors import organisationseinheiten_fuer
from organisation.verantwortung import verantwortliche_pruefen
from steuerung.models import Kennzahl, Produkt, Produktgruppenziel
from steuerung.models.kennzahlen import KENNZAHL_STECKBRIEF
from steuerung.selectors import ZIELMODELLE, ziele_fuer
from steuerung.services import KENNZAHL_TEXTFELDER, standardschwellen

ZIEL_FELDER = [
    "jahr",
    "code",
    "titel",
    "zielgruppe",
    "zielart",
    "wirkungsebene",
    "organisationseinheit",
    "verantwortlich",
    "begruendung_plausibilitaet",
]
EXTRA = {
    "leitziel": [],
    "produktgruppenziel": ["produktgruppe", "leitziel"],
    "produktziel": ["produkt", "produktgruppenziel"],
    "teilziel": ["produktziel", "eltern"],
    "massnahme": ["massnahmenziel", "produktziel", "teilziel", "beginn", "ende", "praeventionsform"],
}
_ELTERN = {"leitziel", "produktgruppenziel", "produktziel", "teilziel", "eltern"}
# The Produktgruppenziel choice narrows the Produkt choice to its Produktgruppe.
_PRODUKTGRUPPE = {"produktgruppenziel": lambda z: [z.produktgruppe_id]}


class _RevisionMixin(forms.ModelForm):
    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def clean(self):
        # The services check the responsible people too; checking here as well shows it with every other error.
        daten = super().clean()
        einheit = daten.get("organisationseinheit")
        personen = {f: daten.get(f) for f in ("verantwortlich", "vertretung") if f in self.fields}
        try:
            verantwortliche_pruefen(einheit.pk if einheit else None, personen)
        except ValidationError as exc:
            self.add_error(None, exc)
        return daten


def zielformular(typ: str, user):
    """A ModelForm class for one level; parent and unit choices follow the user's scope."""
    modell = ZIELMODELLE[typ]

    class ZielFormular(_RevisionMixin):
        class Meta:
            model = modell
            fields = [*ZIEL_FELDER, *EXTRA[typ]]
            widgets = {
                "titel": forms.Textarea(attrs={"rows": 3}),
                "massnahmenziel": forms.Textarea(attrs={"rows": 3}),
                "begruendung_plausibilitaet": forms.Textarea(attrs={"rows": 3}),
            }
            formfield_callback = deutsche_datumsfelder

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            verantwortung_einrichten(self, organisationseinheiten_fuer(user))
            # A goal keeps its Haushaltsjahr; a new one offers parents of every year, narrowed in the
            # browser to the year typed (Ziel.clean refuses a parent of another year).
            jahr = self.instance.jahr if self.instance.pk else None
            if jahr:
                self.fields["jahr"].disabled = True
            for feld in _ELTERN & set(self.fields):
                zielmodell = ZIELMODELLE["teilziel" if feld == "eltern" else feld]
                ziele = ziele_fuer(zielmodell, user).order_by("-jahr", "code")
                if jahr:
                    ziele = ziele.filter(jahr=jahr)
                if zielmodell is Produktgruppenziel:
                    ziele = ziele.select_related("produktgruppe")
                alt = self.fields[feld]
                self.fields[feld] = ZielMitJahr(
                    queryset=ziele, required=alt.required, label=alt.label, help_text=alt.help_text
                )
                auswahl_setzen(
                    self.fields[feld],
                    Auswahl(von="jahr", gehoert=lambda z: [z.jahr], schluessel=_PRODUKTGRUPPE.get(feld)),
                    ziele,
                )
            if "produkt" in self.fields:
                produkte = Produkt.objects.select_related("produktgruppe").order_by("nummer")
                widget = Auswahl(von="produktgruppenziel", gehoert=lambda p: [p.produktgruppe_id])
                auswahl_setzen(self.fields["produkt"], widget, produkte)
            self.fields["revision"].initial = self.instance.revision if self.instance.pk else 0

    return ZielFormular


def _deutsche_zahlen(db_field, **kwargs):
    """Every decimal of the Kennzahl is typed and shown the German way."""
    if isinstance(db_field, models.DecimalField):
        kwargs["form_class"] = DeDezimalFeld
    return db_field.formfield(**kwargs)


class KennzahlFormular(_RevisionMixin):
    grund = forms.CharField(
        label=_("Grund der Änderung"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Pflicht, wenn Definition, Ziel- oder Schwellenwerte geändert werden und schon Werte vorliegen."),
    )

    class Meta:
        model = Kennzahl
        fields = KENNZAHL_STECKBRIEF
        widgets = {"definition": forms.Textarea(attrs={"rows": 3})}
        formfield_callback = _deutsche_zahlen

    def __init__(self, *args, user, nur_texte: bool, **kwargs):
        super().__init__(*args, **kwargs)
        verantwortung_einrichten(self, organisationseinheiten_fuer(user))
        self.fields["revision"].initial = self.instance.revision if self.instance.pk else 0
        if not self.instance.pk:
            for feld, wert in standardschwellen().items():
                self.initial.setdefault(feld, wert)
        # The Skalierung matters only for a Quote; a form without it keeps the stored one (or 100 %).
        self.fields["skalierung"].required = False
        if nur_texte:
            for name, feld in self.fields.items():
                if name not in KENNZAHL_TEXTFELDER | {"revision", "grund"}:
                    feld.disabled = True

    def clean_skalierung(self):
        wert = self.cleaned_data.get("skalierung")
        if wert in (None, ""):
            return self.instance.skalierung
        return wert


class FilterFormular(forms.Form):
    jahr = forms.TypedChoiceField(label=_("Haushaltsjahr"), coerce=int)
    organisationseinheit = forms.ModelChoiceField(
        label=_("Organisationseinheit"), queryset=None, required=False, empty_label=_("alle")
    )
    leitziel = forms.TypedChoiceField(label=_("Leitziel"), coerce=int, required=False, empty_value=None)
    geld = forms.BooleanField(label=_("Zuschussbedarf anzeigen"), required=False)
    archivierte = forms.BooleanField(label=_("archivierte anzeigen"), required=False)

    def __init__(self, *args, user, jahre: list[int], leitziele: list[tuple[int, str]], geld: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["jahr"].choices = [(j, str(j)) for j in jahre]
        self.fields["organisationseinheit"].queryset = organisationseinheiten_fuer(user)
        self.fields["leitziel"].choices = [("", _("alle")), *leitziele]
        if not geld:  # only for roles that may read the Haushalt
            del self.fields["geld"]


class EbeneFormular(forms.Form):
    """The query of a level the Zielpyramide page loads: its filter plus the node to open."""

    jahr = forms.IntegerField(label=_("Haushaltsjahr"), min_value=2000, max_value=2100, required=False)
    organisationseinheit = forms.ModelChoiceField(label=_("Organisationseinheit"), queryset=None, required=False)
    leitziel = forms.IntegerField(label=_("Leitziel"), min_value=1, required=False)
    knoten = forms.CharField(label=_("Ziel"), max_length=40, required=False)
    geld = forms.BooleanField(required=False)
    archivierte = forms.BooleanField(required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisationseinheit"].queryset = organisationseinheiten_fuer(user)


class ImportFormular(forms.Form):
    jahr = forms.IntegerField(label=_("Haushaltsjahr"), min_value=2000, max_value=2100)
    datei = forms.FileField(label=_("Excel-Datei (.xlsx, höchstens 5 MB)"))
