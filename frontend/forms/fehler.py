"""A service's ValidationError shown in the form that sent the input (field errors at their fields)."""

from __future__ import annotations

from django.core.exceptions import ValidationError


def fehler_ins_formular(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for feld, fehler in exc.error_dict.items():
            form.add_error(feld if feld in form.fields else None, fehler)
    else:
        form.add_error(None, exc)
