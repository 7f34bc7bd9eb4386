"""Forms of the tertial data entry: one row form per Kennzahl, the period picker and the Excel upload."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from frontend.forms.zahlen import DeZahlFeld, zahl_de


class MesswertZeileForm(forms.Form):
    wert = DeZahlFeld(label=_("Ist-Wert"), required=False, help_text=_("z. B. 1.234,5"))
    kommentar = forms.CharField(label=_("Kommentar"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    nachweis = forms.URLField(
        label=_("Nachweis (Link)"),
        required=False,
        max_length=500,
        assume_scheme="https",
        error_messages={"invalid": _("Bitte einen vollständigen Link eingeben, z. B. https://intranet.example/datei.")},
    )
    begruendung = forms.CharField(
        label=_("Begründung der Abweichung"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    gegensteuerung_was = forms.CharField(
        label=_("Gegensteuerungsmaßnahme (was)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    gegensteuerung_wer = forms.CharField(label=_("verantwortlich (wer)"), required=False, max_length=200)
    gegensteuerung_bis = forms.DateField(
        label=_("umgesetzt bis (wann)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d.%m.%Y"],
        error_messages={"invalid": _("Bitte ein Datum eingeben (TT.MM.JJJJ).")},
    )
    sorgenampel = forms.BooleanField(label=_("Sorgenampel setzen"), required=False)
    sorgenampel_grund = forms.CharField(
        label=_("Grund der Sorgenampel"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    revision = forms.IntegerField(
        required=False,
        widget=forms.HiddenInput,
        error_messages={"invalid": _("Der Bearbeitungsstand ist ungültig. Bitte laden Sie die Seite neu.")},
    )

    def __init__(self, *args, auswertung=None, **kwargs):
        self.auswertung = auswertung
        super().__init__(*args, **kwargs)

    def clean(self):
        daten = super().clean()
        # The hidden revision has no visible place of its own: the row shows its error instead.
        for fehler in self.errors.get("revision", []):
            self.add_error(None, fehler)
        return daten

    def ist_leer(self) -> bool:
        d = self.cleaned_data
        return d.get("wert") is None and not any(
            d.get(f)
            for f in (
                "kommentar",
                "nachweis",
                "begruendung",
                "gegensteuerung_was",
                "gegensteuerung_wer",
                "gegensteuerung_bis",
                "sorgenampel",
            )
        )


def anfangswerte(messwert) -> dict:
    if messwert is None:
        return {"revision": None}
    return {
        "wert": zahl_de(messwert.wert),
        "kommentar": messwert.kommentar,
        "nachweis": messwert.nachweis,
        "begruendung": messwert.begruendung,
        "gegensteuerung_was": messwert.gegensteuerung_was,
        "gegensteuerung_wer": messwert.gegensteuerung_wer,
        "gegensteuerung_bis": messwert.gegensteuerung_bis,
        "sorgenampel": messwert.sorgenampel,
        "sorgenampel_grund": messwert.sorgenampel_grund,
        "revision": messwert.revision,
    }


class ErfassungAuswahlForm(forms.Form):
    organisationseinheit = forms.ChoiceField(label=_("Organisationseinheit"))
    periode = forms.ChoiceField(label=_("Periode"))

    def __init__(self, *args, einheiten=(), perioden=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisationseinheit"].choices = [(str(oe.pk), f"{oe.kuerzel} {oe.name}") for oe in einheiten]
        self.fields["periode"].choices = [(p.schluessel, p.bezeichnung) for p in perioden]


class ExcelHochladenForm(forms.Form):
    datei = forms.FileField(
        label=_("Ausgefüllte Vorlage (.xlsx, höchstens 2 MB)"),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
        ),
    )
