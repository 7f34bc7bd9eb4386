"""Zuwendungen: list per Förderbereich with totals and overdue proofs of use; create and edit forms."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from frontend.views.haushalt.formulare import ZuwendungFilterFormular, ZuwendungFormular
from haushalt import selectors, services


@permission_required("haushalt.view_zuwendung", raise_exception=True)
def liste(request):
    qs = selectors.zuwendungen_fuer(user=request.user)
    daten = request.GET.copy() if request.GET else {"jahr": str(timezone.localdate().year)}
    filter_ = ZuwendungFilterFormular(daten, queryset=qs, user=request.user)
    return render(
        request,
        "frontend/haushalt/zuwendungen.html",
        {
            "filter": filter_,
            "uebersicht": selectors.zuwendungen_je_foerderbereich(zuwendungen=filter_.qs),
            "alle_ueberfaellig": [z for z in qs if z.nachweis_ueberfaellig()],
            "darf_anlegen": request.user.has_perm("haushalt.add_zuwendung"),
            "darf_aendern": request.user.has_perm("haushalt.change_zuwendung"),
        },
    )


def _speichern(request, zuwendung=None):
    formular = ZuwendungFormular(
        request.POST or None,
        instance=zuwendung,
        user=request.user,
        produkte=selectors.produkte_fuer(user=request.user).order_by("nummer"),
    )
    if request.method == "POST" and formular.is_valid():
        try:
            if zuwendung is None:
                zuwendung = services.zuwendung_anlegen(daten=formular.daten(), user=request.user)
            else:
                zuwendung = services.zuwendung_aendern(
                    zuwendung=zuwendung,
                    daten=formular.daten(),
                    user=request.user,
                    revision=formular.cleaned_data["revision"],
                )
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for feld, fehler in exc.message_dict.items():
                    formular.add_error(feld if feld in formular.fields else None, fehler)
            else:
                formular.add_error(None, exc.messages)
        else:
            messages.success(request, _("Die Zuwendung an „%(t)s“ wurde gespeichert.") % {"t": zuwendung.traeger})
            return redirect(f"{_liste_url()}?jahr={zuwendung.jahr}")
    return render(request, "frontend/haushalt/zuwendung_formular.html", {"zuwendung": zuwendung, "formular": formular})


def _liste_url() -> str:
    return reverse("frontend:zuwendungen")


@permission_required("haushalt.add_zuwendung", raise_exception=True)
def neu(request):
    return _speichern(request)


@permission_required("haushalt.change_zuwendung", raise_exception=True)
def bearbeiten(request, pk: int):
    return _speichern(request, get_object_or_404(selectors.zuwendungen_fuer(user=request.user), pk=pk))
