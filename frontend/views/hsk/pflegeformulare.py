"""Forms of the HSK-Maßnahme page: main fields plus row tables for Soll, Stellen and Ablaufschritte.

The forms only read German input (numbers, dates); the rules are the API's: the converted input
goes through controlling.api.serializers.HSKMassnahmeSerializer and then the service, and their
errors are put back on the field or row they name (frontend.views.hsk.pflege).
"""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from controlling.models import HSK_STECKBRIEF, HSKMassnahme
from frontend.forms.datum import DatumFeld
from frontend.forms.zahlen import DeZahlFeld
from frontend.views.hsk.formulare import BetragFeld
from organisation.selectors import organisationseinheiten_fuer
from steuerung.models import Massnahme
from steuerung.selectors import ziele_fuer


class VzaeFeld(DeZahlFeld):
    nachkommastellen = 2
    grenze = Decimal("1000")
    negativ_erlaubt = False
    meldungen = {
        "zu_gross": _("So viele Vollzeitäquivalente sind nicht möglich."),
        "stellen": _("Bitte höchstens zwei Nachkommastellen angeben."),
        "negativ": _("VZÄ dürfen nicht negativ sein."),
    }


class QuoteFeld(DeZahlFeld):
    nachkommastellen = 4
    grenze = Decimal("10")
    negativ_erlaubt = False
    meldungen = {
        "zu_gross": _("Die Erfolgsquote liegt zwischen 0 und 1."),
        "stellen": _("Bitte höchstens vier Nachkommastellen angeben."),
        "negativ": _("Die Erfolgsquote liegt zwischen 0 und 1."),
    }


HAUPTFELDER = list(HSK_STECKBRIEF)


class HSKMassnahmeFormular(forms.ModelForm):
    beginn = DatumFeld(label=_("Beginn"))
    ende = DatumFeld(label=_("Ende"), required=False)
    personalkosten_jahr = BetragFeld(
        label=_("Personalkosten je Jahr (€)"),
        required=False,
        help_text=_("Leer lassen, wenn Stellen erfasst sind: dann ergibt sich der Betrag aus ihren Jahreskosten."),
    )
    annahme_erfolgsquote = QuoteFeld(
        label=_("angenommene Erfolgsquote"), required=False, help_text=_("Anteil zwischen 0 und 1, z. B. 0,4")
    )
    annahme_vermiedene_kosten_jahr = BetragFeld(
        label=_("angenommene vermiedene Kosten je Fall und Jahr (€)"), required=False
    )
    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = HSKMassnahme
        fields = HAUPTFELDER
        widgets = {"wirkungshypothese": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["massnahme"].queryset = (
            ziele_fuer(Massnahme, user).filter(archiviert=False).order_by("-jahr", "code")
        )
        self.fields["massnahme"].help_text = format_html(
            _(
                "Die Maßnahme der Zielpyramide, zu der dieses HSK-Vorhaben gehört. Fehlt sie, legen Sie sie "
                'zuerst in der <a href="{}">Zielpyramide</a> unter einem Produkt- oder Teilziel an.'
            ),
            reverse("frontend:zielpyramide"),
        )
        self.fields["organisationseinheit"].queryset = organisationseinheiten_fuer(user)
        self.fields["revision"].initial = self.instance.revision if self.instance.pk else 0
        if self.instance.pk and self.instance.stellen.exists():
            feld = self.fields["personalkosten_jahr"]
            feld.disabled = True
            feld.help_text = _("Ergibt sich aus den Jahreskosten der Stellen und wird beim Speichern neu berechnet.")

    def _post_clean(self):
        # No instance validation here: the API serializer and the service check the rules once.
        pass


class SollZeile(forms.Form):
    jahr = forms.IntegerField(label=_("Haushaltsjahr"), required=False)
    betrag = BetragFeld(label=_("Soll brutto (€)"), required=False)


class StelleZeile(forms.Form):
    bezeichnung = forms.CharField(label=_("Bezeichnung"), max_length=200, required=False)
    vzae = VzaeFeld(label=_("VZÄ"), required=False)
    jahreskosten = BetragFeld(label=_("Jahreskosten (€)"), required=False)
    beginn = DatumFeld(label=_("besetzt ab"), required=False)
    ende = DatumFeld(label=_("besetzt bis"), required=False)


class AblaufZeile(forms.Form):
    bezeichnung = forms.CharField(label=_("Ablaufschritt"), max_length=100, required=False)


def _zeilen(form, **extra):
    return forms.formset_factory(form, extra=2, can_delete=True, max_num=50, validate_max=True, **extra)


SollZeilen = _zeilen(SollZeile)
StelleZeilen = _zeilen(StelleZeile)
# The order of the steps is the order of the rows; "Position" moves a row.
AblaufZeilen = _zeilen(AblaufZeile, can_order=True)
