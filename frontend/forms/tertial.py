"""Forms of the tertial data entry: one row form per Kennzahl, the period picker and the Excel upload.

A row offers the value fields its Kennzahl's Messart takes (steuerung.messarten): a Quote is
entered as Zähler and Nenner (the rate is computed and shown, not typed), a Mittelwert with its
Fallzahl, and any value may instead be explained as missing. A field the Messart does not take is
still shown while the stored value has it, so a save never drops a stored count silently.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from frontend.forms.datum import DatumFeld
from frontend.forms.zahlen import DeZahlFeld, zahl_de
from steuerung.messarten import MITTELWERT, QUOTE

# Help text of the free texts printed in the published report (organisation.personennamen checks them).
VEROEFFENTLICHT = _("wird im Bericht veröffentlicht – bitte keine Personennamen")


class AnzahlFeld(DeZahlFeld):
    """A count (Zähler, Nenner, Fallzahl): not negative."""

    negativ_erlaubt = False
    meldungen = {**DeZahlFeld.meldungen, "negativ": _("Eine Anzahl darf nicht negativ sein.")}


class MesswertZeileForm(forms.Form):
    wert = DeZahlFeld(label=_("Ist-Wert"), required=False, help_text=_("z. B. 1.234,5"))
    zaehler = AnzahlFeld(label=_("Zähler"), required=False, help_text=_("z. B. Fälle mit dem Merkmal"))
    nenner = AnzahlFeld(label=_("Nenner"), required=False, help_text=_("z. B. alle Fälle; größer als 0"))
    fallzahl = AnzahlFeld(
        label=_("Fallzahl"),
        required=False,
        help_text=_("Zahl der Fälle, über die gemittelt wurde; gewichtet den Jahreswert"),
    )
    fehlt_begruendung = forms.CharField(
        label=_("Warum fehlt der Wert?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Nur ohne Ist-Wert, z. B. „Statistik liegt erst im März vor“. Wird im Bericht veröffentlicht: "
            "bitte keine Personennamen."
        ),
    )
    kommentar = forms.CharField(
        label=_("Kommentar"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("intern – wird nicht veröffentlicht"),
    )
    nachweis = forms.URLField(
        label=_("Nachweis (Link)"),
        required=False,
        max_length=500,
        assume_scheme="https",
        error_messages={"invalid": _("Bitte einen vollständigen Link eingeben, z. B. https://intranet.example/datei.")},
    )
    begruendung = forms.CharField(
        label=_("Begründung der Abweichung"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=VEROEFFENTLICHT,
    )
    gegensteuerung_was = forms.CharField(
        label=_("Gegensteuerungsmaßnahme (was)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=VEROEFFENTLICHT,
    )
    gegensteuerung_wer = forms.CharField(
        label=_("verantwortlich (wer)"),
        required=False,
        max_length=200,
        help_text=_(
            "als Rolle oder Organisationseinheit, z. B. „Abteilungsleitung 50 2“; wird im Bericht veröffentlicht"
        ),
    )
    gegensteuerung_bis = DatumFeld(label=_("umgesetzt bis (wann)"), required=False)
    sorgenampel = forms.BooleanField(label=_("Sorgenampel setzen"), required=False)
    sorgenampel_grund = forms.CharField(
        label=_("Grund der Sorgenampel"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=VEROEFFENTLICHT,
    )
    revision = forms.IntegerField(
        required=False,
        widget=forms.HiddenInput,
        error_messages={"invalid": _("Der Bearbeitungsstand ist ungültig. Bitte laden Sie die Seite neu.")},
    )

    def __init__(self, *args, auswertung=None, **kwargs):
        self.auswertung = auswertung
        super().__init__(*args, **kwargs)
        if auswertung is not None:
            for feld in self.nicht_angebotene_felder(auswertung):
                del self.fields[feld]

    @staticmethod
    def nicht_angebotene_felder(auswertung) -> list[str]:
        """Value fields this row leaves out: those its Messart does not take and no stored value has."""
        k, m = auswertung.kennzahl, auswertung.messwert

        def gespeichert(feld: str) -> bool:
            return m is not None and getattr(m, feld) is not None

        weg = []
        if k.messart != QUOTE and not (gespeichert("zaehler") or gespeichert("nenner")):
            weg += ["zaehler", "nenner"]
        if k.messart != MITTELWERT and not gespeichert("fallzahl"):
            weg.append("fallzahl")
        # A rate is computed from its counts; a typed rate stays editable only where one is stored without them.
        if k.messart == QUOTE and not (gespeichert("wert") and not gespeichert("zaehler")):
            weg.append("wert")
        return weg

    @property
    def quote(self) -> bool:
        return "zaehler" in self.fields

    def clean(self):
        daten = super().clean()
        # The hidden revision has no visible place of its own: the row shows its error instead.
        for fehler in self.errors.get("revision", []):
            self.add_error(None, fehler)
        return daten

    def ist_leer(self) -> bool:
        d = self.cleaned_data
        return all(d.get(f) is None for f in ("wert", "zaehler", "nenner", "fallzahl")) and not any(
            d.get(f)
            for f in (
                "fehlt_begruendung",
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
        "zaehler": zahl_de(messwert.zaehler),
        "nenner": zahl_de(messwert.nenner),
        "fallzahl": zahl_de(messwert.fallzahl),
        "fehlt_begruendung": messwert.fehlt_begruendung,
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
