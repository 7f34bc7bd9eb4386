"""Form fields for numbers typed the German way ("1.234,5"), all read by core.money.parse_de.

Text inputs, not <input type=number>: a browser sends an empty value for "1.234,5" in a number
input, which would silently clear the stored value.
"""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from core.money import format_de, parse_de


def zahl_de(wert: Decimal | None) -> str:
    """de-DE text of a stored value without superfluous trailing zeros ("47,5", "1.234")."""
    if wert is None:
        return ""
    normal = wert.normalize()
    stellen = max(0, -normal.as_tuple().exponent)
    return format_de(wert, stellen)


class DeDezimalFeld(forms.DecimalField):
    """The form field of a model DecimalField (digits and places from the model), in German notation."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})

    def to_python(self, value):
        if value in self.empty_values or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, Decimal):
            return value
        try:
            return parse_de(str(value))
        except ValueError as exc:
            raise forms.ValidationError(str(exc), code="invalid") from exc

    def prepare_value(self, value):
        return zahl_de(value) if isinstance(value, Decimal) else value

    def widget_attrs(self, widget):
        return {}  # no step/min/max: those belong to number inputs


class DeZahlFeld(forms.CharField):
    """A free German number with its own limits; empty means no value yet.

    Subclasses set the limits and their German messages (see BetragFeld on the HSK pages).
    """

    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off", "size": 12})
    nachkommastellen = 4
    grenze = Decimal("1e14")
    negativ_erlaubt = True
    meldungen = {
        "zu_gross": _("Die Zahl ist zu groß."),
        "stellen": _("Bitte höchstens vier Nachkommastellen eingeben."),
        "negativ": _("Die Zahl darf nicht negativ sein."),
    }

    def prepare_value(self, value):
        return zahl_de(value) if isinstance(value, Decimal) else value

    def to_python(self, value):
        text = super().to_python(value)
        if not text:
            return None
        try:
            wert = parse_de(text)
        except ValueError as exc:
            raise forms.ValidationError(str(exc), code="zahl") from exc
        if wert < 0 and not self.negativ_erlaubt:
            raise forms.ValidationError(self.meldungen["negativ"], code="negativ")
        # Beyond the stored digits; a larger value would also overflow quantize().
        if abs(wert) >= self.grenze:
            raise forms.ValidationError(self.meldungen["zu_gross"], code="zu_gross")
        if wert != wert.quantize(Decimal(1).scaleb(-self.nachkommastellen)):
            raise forms.ValidationError(self.meldungen["stellen"], code="stellen")
        return wert
