"""Dates typed the German way (TT.MM.JJJJ), whatever the browser's locale.

`<input type=date>` shows the browser's locale (a US browser writes 05/02/2024) and cannot be typed
uniformly, so dates are text fields in German notation. A calendar (flatpickr, vendored in
static/frontend/vendor/flatpickr, loaded by app.js only where a `data-datum` field exists) offers
the days to pick; typing stays possible. ISO dates (2024-05-02) are still accepted, Django adds them
to the German input formats.
"""

from __future__ import annotations

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

FORMAT = "%d.%m.%Y"
MELDUNG = _("Bitte ein gültiges Datum im Format TT.MM.JJJJ angeben, z. B. 31.01.2026.")


class DatumEingabe(forms.DateInput):
    input_type = "text"

    def __init__(self, attrs=None, **kwargs):
        kwargs.setdefault("format", FORMAT)
        basis = {
            "data-datum": "",
            "placeholder": "TT.MM.JJJJ",
            "inputmode": "numeric",
            "autocomplete": "off",
            "size": "10",
            "maxlength": "10",
        }
        super().__init__(attrs={**basis, **(attrs or {})}, **kwargs)


class DatumFeld(forms.DateField):
    widget = DatumEingabe
    default_error_messages = {"invalid": MELDUNG}


def deutsche_datumsfelder(db_field, **kwargs):
    """formfield_callback of ModelForms: every model DateField becomes a German date field."""
    if isinstance(db_field, models.DateField) and not isinstance(db_field, models.DateTimeField):
        kwargs.setdefault("form_class", DatumFeld)
        kwargs.setdefault("widget", DatumEingabe)
    return db_field.formfield(**kwargs)
