"""Forms of the Haushalt pages: German labels, de-DE amounts ("3.500,00"), dates as date inputs."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from frontend.forms.datum import DatumFeld, deutsche_datumsfelder
from frontend.forms.fehler import AlleFehlerMixin
from frontend.forms.zahlen import DeZahlFeld
from frontend.views.hsk.formulare import BetragFeld
from haushalt.filtersets import ZuwendungFilterSet
from haushalt.finanzen import Vergleich
from haushalt.importer import FELDER, FELDNAMEN, MAX_GROESSE
from haushalt.models import Produktzuordnung, Zuwendung
from haushalt.models.zuwendungen import ZUWENDUNG_FELDER
from organisation.selectors import organisationseinheiten_fuer
from steuerung.models import Kennzahl, Massnahme, Produktziel
from steuerung.selectors import ziele_fuer


class AuswahlFormular(forms.Form):
    """Year, comparison and Stichtag of a Finanzdatenblatt (GET)."""

    jahr = forms.TypedChoiceField(label=_("Haushaltsjahr"), coerce=int)
    vergleich = forms.ChoiceField(
        label=_("Vergleich mit"),
        choices=[(Vergleich.ANSATZ, _("Ansatz")), (Vergleich.VORJAHR, _("Ist des Vorjahres"))],
        required=False,
    )
    stichtag = DatumFeld(label=_("Stand (Stichtag)"), required=False)

    def __init__(self, *args, jahre: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["jahr"].choices = [(j, str(j)) for j in sorted(jahre, reverse=True)]


class JahrFormular(forms.Form):
    jahr = forms.TypedChoiceField(label=_("Haushaltsjahr"), coerce=int)

    def __init__(self, *args, jahre: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["jahr"].choices = [(j, str(j)) for j in sorted(jahre, reverse=True)]


class ImportFormular(forms.Form):
    datei = forms.FileField(
        label=_("Datei (CSV oder Excel)"),
        help_text=_(
            "Spalten Produkt; Zeile; Art; Jahr; Stichtag; Betrag – Semikolon, UTF-8 oder Windows-1252, "
            "Beträge wie 1.234.567,89; höchstens %(mb)s MB"
        )
        % {"mb": MAX_GROESSE // (1024 * 1024)},
    )


class ProzentFeld(DeZahlFeld):
    nachkommastellen = 2
    grenze = Decimal("1000")
    negativ_erlaubt = False


class EinstellungenFormular(forms.Form):
    """The Kommune's finance settings; the column names map the export's header once."""

    schwelle_prozent = ProzentFeld(label=_("Erklärungspflicht ab Abweichung (%)"))
    schwelle_betrag = BetragFeld(label=_("Erklärungspflicht ab Abweichung (€)"))
    einwohnerzahl = forms.IntegerField(label=_("Einwohnerzahl"), required=False, min_value=1, max_value=100_000_000)
    einwohner_stichtag = DatumFeld(label=_("Einwohnerzahl zum"), required=False)
    produktbereiche = forms.CharField(
        label=_("Bezeichnungen der Produktbereiche"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("eine Zeile je Produktbereich, z. B. „1.31 = Soziale Hilfen“"),
    )
    aufwand_negativ = forms.BooleanField(
        label=_("Aufwendungen sind im Export negativ (NKF-Vorzeichen)"), required=False
    )
    ignorierte_spalten = forms.CharField(
        label=_("Ignorierte Spalten"),
        required=False,
        help_text=_("Spaltenköpfe, die der Import überspringt, getrennt durch Semikolon"),
    )
    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for feld in FELDER:
            self.fields[f"spalte_{feld}"] = forms.CharField(
                label=_("Spaltenkopf für „%(feld)s“") % {"feld": FELDNAMEN[feld]},
                required=False,
                max_length=100,
                help_text=_("Leer lassen für den Standardnamen (z. B. „%(feld)s“).") % {"feld": FELDNAMEN[feld]},
            )

    def clean_produktbereiche(self) -> dict[str, str]:
        ergebnis = {}
        for nummer, zeile in enumerate((self.cleaned_data.get("produktbereiche") or "").splitlines(), start=1):
            if not zeile.strip():
                continue
            schluessel, trenner, name = zeile.partition("=")
            if not trenner or not schluessel.strip() or not name.strip():
                raise forms.ValidationError(
                    _("Zeile %(n)s: bitte „Nummer = Bezeichnung“ angeben, z. B. „1.31 = Soziale Hilfen“.")
                    % {"n": nummer}
                )
            ergebnis[schluessel.strip()] = name.strip()[:200]
        return ergebnis

    def daten(self) -> dict:
        d = self.cleaned_data
        return {
            "schwelle_prozent": d["schwelle_prozent"],
            "schwelle_betrag": d["schwelle_betrag"],
            "einwohnerzahl": d.get("einwohnerzahl"),
            "einwohner_stichtag": d.get("einwohner_stichtag"),
            "produktbereiche": d["produktbereiche"],
            "aufwand_negativ": d["aufwand_negativ"],
            "spalten": {f: d[f"spalte_{f}"].strip() for f in FELDER if d.get(f"spalte_{f}", "").strip()},
            "ignorierte_spalten": [s.strip() for s in (d.get("ignorierte_spalten") or "").split(";") if s.strip()],
        }

    @staticmethod
    def anfangswerte(eingestellt) -> dict:
        return {
            "schwelle_prozent": eingestellt.schwelle_prozent,
            "schwelle_betrag": eingestellt.schwelle_betrag,
            "einwohnerzahl": eingestellt.einwohnerzahl,
            "einwohner_stichtag": eingestellt.einwohner_stichtag,
            "produktbereiche": "\n".join(f"{n} = {b}" for n, b in sorted(eingestellt.produktbereiche.items())),
            "aufwand_negativ": eingestellt.aufwand_negativ,
            "ignorierte_spalten": "; ".join(eingestellt.ignorierte_spalten),
            "revision": eingestellt.revision,
            **{f"spalte_{f}": eingestellt.spalten.get(f, "") for f in FELDER},
        }


class ProduktzuordnungFormular(AlleFehlerMixin, forms.ModelForm):
    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Produktzuordnung
        fields = ["organisationseinheit", "fallzahl_kennzahl", "transferzeile"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisationseinheit"].queryset = organisationseinheiten_fuer(user)
        self.fields["fallzahl_kennzahl"].queryset = (
            Kennzahl.objects.exclude(messart="quote").select_related("organisationseinheit").order_by("-jahr", "code")
        )
        self.fields["revision"].initial = self.instance.revision if self.instance.pk else 0

    def daten(self) -> dict:
        return {f: self.cleaned_data.get(f) for f in self.Meta.fields}


class ZuwendungFormular(AlleFehlerMixin, forms.ModelForm):
    geplant = BetragFeld(label=_("Plan (€)"), required=False)
    beantragt = BetragFeld(label=_("beantragt (€)"), required=False)
    bewilligt = BetragFeld(label=_("bewilligt (€)"), required=False)
    ausgezahlt = BetragFeld(label=_("ausgezahlt (€)"), required=False)
    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Zuwendung
        fields = list(ZUWENDUNG_FELDER)
        widgets = {
            "zweck": forms.Textarea(attrs={"rows": 2}),
            "bemerkung": forms.Textarea(attrs={"rows": 2}),
            "jahr": forms.NumberInput(attrs={"min": 2000, "max": 2100}),
        }
        formfield_callback = deutsche_datumsfelder

    def __init__(self, *args, user, produkte, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisationseinheit"].queryset = organisationseinheiten_fuer(user)
        self.fields["produkt"].queryset = produkte
        self.fields["massnahme"].queryset = ziele_fuer(Massnahme, user).order_by("-jahr", "code")
        self.fields["produktziel"].queryset = ziele_fuer(Produktziel, user).order_by("-jahr", "code")
        self.fields["jahr"].min_value = 2000
        self.fields["revision"].initial = self.instance.revision if self.instance.pk else 0

    def daten(self) -> dict:
        werte = {f: self.cleaned_data.get(f) for f in self.Meta.fields}
        for feld in ("geplant", "beantragt", "bewilligt", "ausgezahlt"):
            if werte[feld] is None:
                werte[feld] = Decimal("0")
        return werte


class ZuwendungFilterFormular(ZuwendungFilterSet):
    """The API's FilterSet with the user's units as choices."""

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["organisationseinheit"].queryset = organisationseinheiten_fuer(user)
        self.filters["organisationseinheit"].label = _("Organisationseinheit")
        self.filters["organisationseinheit"].extra["empty_label"] = _("alle")
        del self.filters["produkt"]
        self.filters["ueberfaellig"].extra["widget"] = forms.Select(
            choices=[("", _("alle")), ("true", _("ja")), ("false", _("nein"))]
        )
