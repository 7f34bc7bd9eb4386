"""The user's own password: change it when logged in, or ask for a one-time link when forgotten.

The forgotten-password page answers the same whatever was entered (no hint whether an account
exists) and sends at most a few links per address and hour, so it cannot be used to flood a
mailbox. The link is the invitation's one-time link (organisation.einladung).
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from organisation.einladung import Art
from organisation.models import Benutzer
from organisation.tasks import einladung_einreihen

HOECHSTENS_JE_STUNDE = 3


class VergessenFormular(forms.Form):
    email = forms.EmailField(label=gettext_lazy("E-Mail-Adresse Ihres Kontos"), max_length=254)


def _nicht_zu_oft(email: str) -> bool:
    schluessel = f"passwort-vergessen:{email.lower()}"
    anzahl = cache.get(schluessel, 0)
    if anzahl >= HOECHSTENS_JE_STUNDE:
        return False
    cache.set(schluessel, anzahl + 1, timeout=3600)
    return True


@login_not_required
def vergessen(request):
    formular = VergessenFormular(request.POST or None)
    if request.method == "POST" and formular.is_valid():
        email = formular.cleaned_data["email"]
        konten = list(Benutzer.objects.filter(email__iexact=email, is_active=True)[:2])
        if len(konten) == 1 and _nicht_zu_oft(email):
            einladung_einreihen(benutzer_id=konten[0].pk, art=Art.PASSWORT, basis=request.build_absolute_uri("/"))
        messages.success(
            request,
            _(
                "Wenn zu dieser Adresse ein aktives Konto gehört, ist eine E-Mail mit einem Link unterwegs, über "
                "den Sie ein neues Passwort festlegen. Kommt keine E-Mail an, wenden Sie sich an die Administration."
            ),
        )
        return redirect("frontend:login")
    return render(request, "registration/passwort_vergessen.html", {"formular": formular})


def aendern(request):
    antwort = auth_views.PasswordChangeView.as_view(
        template_name="frontend/konto/passwort_aendern.html", success_url=reverse_lazy("frontend:konto")
    )(request)
    if request.method == "POST" and antwort.status_code == 302:
        messages.success(request, _("Ihr Passwort wurde geändert."))
    return antwort
