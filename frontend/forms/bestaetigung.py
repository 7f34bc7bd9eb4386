"""Deleting needs an explicit yes: a ticked box in the form (and a browser dialog on top)."""

from __future__ import annotations

from django.contrib import messages
from django.utils.translation import gettext as _


def loeschen_bestaetigt(request) -> bool:
    """True when the delete form's box "Ja, endgültig löschen" was ticked; otherwise says so."""
    if request.POST.get("bestaetigt") == "on":
        return True
    messages.error(request, _("Nicht gelöscht: Bitte bestätigen Sie das Löschen mit „Ja, endgültig löschen“."))
    return False
