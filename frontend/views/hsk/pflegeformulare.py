"""Forms of the HSK-Maßnahme page: main fields plus row tables for Soll, Stellen and Ablaufschritte.

The forms only read German input (numbers, dates); the rules are the API's: the converted input
goes through controlling.api.serializers.HSKMassnahmeSerializer and then the service, and their
errors are put back on the field or row they name (frontend.views.hsk.pflege).
"""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from controlling.models import HSK_STECKBRIEF, HSKMassnahme
from frontend.forms.auswahl import ZielMitJahr
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
        help_text=_(
            "Nur für Maßnahmen ohne Stellen. Sind Stellen erfasst, ergibt sich der Betrag aus ihren Jahreskosten "
            "und ein Eintrag hier wird nicht verwendet."
        ),
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
        # Each Zielpyramide year has its own copy of a measure: the option names the year, newest first.
        alt = self.fields["massnahme"]
        self.fields["massnahme"] = ZielMitJahr(
            queryset=ziele_fuer(Massnahme, user).filter(archiviert=False).order_by("-jahr", "code"),
            label=alt.label,
            required=alt.required,
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
            # Derived, so not shown as if typed; a value is only needed once the last Stelle is deleted.
            self.initial["personalkosten_jahr"] = None
            self.fields["personalkosten_jahr"].help_text = _(
                "Ergibt sich aus den Jahreskosten der Stellen (derzeit %(summe)s €); ein Eintrag hier wird nicht "
                "verwendet, solange Stellen erfasst sind. Löschen Sie alle Stellen, tragen Sie hier den Betrag "
                "ohne Stellen ein (0, wenn keine Personalkosten anfallen)."
            ) % {"summe": number_format(self.instance.personalkosten_jahr, 2, force_grouping=True)}

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


LEERE_ZEILEN = 3


def zeilen(form, *, leer: int = LEERE_ZEILEN, **extra):
    """A row table with `leer` blank rows (enough without JavaScript; app's zeilen.js adds more).
    Only stored rows can be deleted: a blank row has nothing to delete."""
    return forms.formset_factory(
        form, extra=leer, can_delete=True, can_delete_extra=False, max_num=50, validate_max=True, **extra
    )


def soll_leerzeilen(massnahme) -> int:
    """Blank Soll rows of the edit page: one per year of the measure's runtime without a Soll yet."""
    if massnahme is None or massnahme.ende is None:
        return LEERE_ZEILEN
    offen = set(range(massnahme.beginn.year, massnahme.ende.year + 1)) - {s.jahr for s in massnahme.soll_jahre.all()}
    return max(len(offen), 1)


SollZeilen = zeilen(SollZeile)
StelleZeilen = zeilen(StelleZeile)
# The order of the steps is the order of the rows; a number in "Reihenfolge" moves a row.
AblaufZeilen = zeilen(AblaufZeile, can_order=True)
