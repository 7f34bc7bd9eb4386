"""The ModelForm of a maintenance screen: it converts input only (German numbers, TT.MM.JJJJ);
validation and saving are the API serializer's and its services' job (`views.py`)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django import forms
from django.db import models
from django.forms.models import modelform_factory
from django.utils.translation import gettext as _

from core.models import MitBearbeitungsstand
from frontend.forms.datum import deutsche_datumsfelder
from frontend.forms.zahlen import DeDezimalFeld
from frontend.pflege.konfig import Pflegeseite, seite_fuer_modell

ALLGEMEIN = {"non_field_errors", "__all__", "detail"}


class PflegeFormular(forms.ModelForm):
    """Base of every maintenance form; subclasses may declare extra fields the serializer takes."""

    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, seite: Pflegeseite, request, **kwargs):
        super().__init__(*args, **kwargs)
        self.seite = seite
        self.order_fields(seite.felder)
        if isinstance(self.instance, MitBearbeitungsstand):
            self.fields["revision"].initial = self.instance.revision if self.instance.pk else 0
        else:
            del self.fields["revision"]
        for name, feld in self.fields.items():
            if isinstance(feld, forms.ModelChoiceField):
                feld.queryset = auswahl(seite, name, feld.queryset, request)

    def _post_clean(self):
        # No instance validation here: the serializer and the services validate once, atomically.
        pass

    def serializer_daten(self) -> dict[str, Any]:
        """The converted values of the fields without errors, as the serializer reads them."""
        gereinigt = getattr(self, "cleaned_data", {})
        return {n: _roh(gereinigt[n]) for n in self.fields if n in gereinigt and n not in self.errors}

    def fehler_uebernehmen(self, fehler: Any) -> None:
        """Serializer or service errors onto the fields; keys without a field become form-wide errors."""
        if not isinstance(fehler, dict):
            fehler = {"non_field_errors": fehler}
        for schluessel, texte in fehler.items():
            feld = schluessel if schluessel in self.fields else None
            if feld and feld in self.errors:
                continue  # the form already said what is wrong with this input
            for text in _flach(texte):
                if feld is None and schluessel not in ALLGEMEIN and schluessel:
                    text = f"{schluessel}: {text}"
                self.add_error(feld, text)


def auswahl(seite: Pflegeseite, name: str, queryset, request):
    """Choices of a related field: what the user may see (the target screen's scoped queryset)."""
    if name in seite.auswahl:
        return seite.auswahl[name](request.user)
    ziel = seite_fuer_modell(queryset.model)
    return ziel.queryset(request) if ziel else queryset


def _roh(wert: Any) -> Any:
    if isinstance(wert, models.Model):
        return wert.pk
    if isinstance(wert, models.QuerySet | list | tuple) and not isinstance(wert, str):
        return [_roh(w) for w in wert]
    if isinstance(wert, Decimal):
        return str(wert)
    if isinstance(wert, dt.date):
        return wert.isoformat()
    return wert


def _flach(texte: Any, praefix: str = "") -> list[str]:
    """Nested serializer errors (lists of items) as plain German sentences."""
    if isinstance(texte, dict):
        return [t for k, v in texte.items() for t in _flach(v, f"{praefix}{k}: " if k not in ALLGEMEIN else praefix)]
    if isinstance(texte, list | tuple):
        ergebnis = []
        for nummer, eintrag in enumerate(texte, start=1):
            if isinstance(eintrag, dict):
                ergebnis += _flach(eintrag, f"{praefix}{_('Eintrag %(n)s') % {'n': nummer}} – ")
            else:
                ergebnis += _flach(eintrag, praefix)
        return ergebnis
    return [f"{praefix}{texte}"]


def _feld(db_field, **kwargs):
    """German numbers and dates typed as TT.MM.JJJJ; everything else as Django makes it."""
    if isinstance(db_field, models.DecimalField):
        kwargs["form_class"] = DeDezimalFeld
    elif isinstance(db_field, models.URLField):
        kwargs["assume_scheme"] = "https"
    elif isinstance(db_field, models.DateField) and not isinstance(db_field, models.DateTimeField):
        return deutsche_datumsfelder(db_field, **kwargs)
    return db_field.formfield(**kwargs)


def formular_klasse(seite: Pflegeseite) -> type[PflegeFormular]:
    modellfelder = {f.name for f in seite.modell._meta.get_fields()}
    return modelform_factory(
        seite.modell,
        form=seite.formular or PflegeFormular,
        fields=[f for f in seite.felder if f in modellfelder],
        widgets=seite.widgets,
        formfield_callback=_feld,
    )
