"""The user's own notifications: list (newest first), open one (marks it read, goes to its target), mark read.

Every lookup goes through organisation.benachrichtigungen.benachrichtigungen_fuer, so another
user's notification is not found (404). Login is required by frontend.middleware.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from organisation.benachrichtigungen import (
    alle_als_gelesen_markieren,
    als_gelesen_markieren,
    benachrichtigungen_fuer,
)

JE_SEITE = 50


def liste(request):
    qs = benachrichtigungen_fuer(request.user)
    seite = Paginator(qs, JE_SEITE).get_page(request.GET.get("page"))
    return render(request, "frontend/konto/benachrichtigungen.html", {"seite": seite})


def oeffnen(request, pk: int):
    b = get_object_or_404(benachrichtigungen_fuer(request.user), pk=pk)
    als_gelesen_markieren(benachrichtigung=b)
    # Links are paths inside the app (a model constraint); checked again so this never redirects elsewhere.
    if b.link and url_has_allowed_host_and_scheme(b.link, allowed_hosts=None):
        return redirect(b.link)
    return redirect("frontend:benachrichtigungen")


@require_POST
def gelesen(request, pk: int):
    b = get_object_or_404(benachrichtigungen_fuer(request.user), pk=pk)
    als_gelesen_markieren(benachrichtigung=b)
    return redirect("frontend:benachrichtigungen")


@require_POST
def alle_gelesen(request):
    anzahl = alle_als_gelesen_markieren(user=request.user)
    messages.success(
        request,
        ngettext(
            "%(n)s Benachrichtigung als gelesen markiert.",
            "%(n)s Benachrichtigungen als gelesen markiert.",
            anzahl,
        )
        % {"n": anzahl},
    )
    return redirect("frontend:benachrichtigungen")
