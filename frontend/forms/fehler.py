"""Every error of a form at once, and a service's errors shown in the form that sent the input.

Several ModelForms leave model validation to the service, which runs `full_clean()` once inside
its transaction. Skipping it in the form meant a user saw field errors first and the model's rules
(dates in order, unique pseudonym, …) only after the next submission. `AlleFehlerMixin` runs the
model's validation on a copy of the instance during form validation, for every field that converted
cleanly, so one submission shows all errors; the service still validates the real save.
"""

from __future__ import annotations

import copy

from django.core.exceptions import ValidationError
from django.forms.models import construct_instance


class AlleFehlerMixin:
    def _post_clean(self):
        kopie = copy.copy(self.instance)
        try:
            construct_instance(self, kopie, self._meta.fields, self._meta.exclude)
            kopie.full_clean(exclude=self._get_validation_exclusions(), validate_unique=True)
        except ValidationError as exc:
            self._update_errors(exc)


def fehler_ins_formular(form, exc: ValidationError) -> None:
    """A service's ValidationError at the form's fields (unknown fields as non-field errors)."""
    if hasattr(exc, "error_dict"):
        for feld, fehler in exc.error_dict.items():
            form.add_error(feld if feld in form.fields else None, fehler)
    else:
        form.add_error(None, exc)
