"""„Mein Konto“: the user's own settings (for now the switch for notification e-mails)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from organisation.benachrichtigungen import email_einstellung_speichern


class KontoFormular(forms.Form):
    email_benachrichtigungen = forms.BooleanField(
        label=gettext_lazy("Benachrichtigungen auch per E-Mail erhalten"),
        required=False,
        help_text=gettext_lazy(
            "In der Anwendung (Glocke oben rechts) sehen Sie Ihre Benachrichtigungen immer. "
            "Ausgeschaltet erhalten Sie dazu keine E-Mails mehr."
        ),
    )


def konto(request):
    user = request.user
    # Bound on every POST: an unticked checkbox alone sends no field at all.
    formular = KontoFormular(
        request.POST if request.method == "POST" else None,
        initial={"email_benachrichtigungen": user.email_benachrichtigungen},
    )
    if request.method == "POST" and formular.is_valid():
        email_einstellung_speichern(user=user, aktiv=formular.cleaned_data["email_benachrichtigungen"])
        messages.success(request, _("Ihre Einstellungen wurden gespeichert."))
        return redirect("frontend:konto")
    return render(request, "frontend/konto/konto.html", {"formular": formular})
