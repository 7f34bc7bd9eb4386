"""Organisationseinheiten for the Administration: the tree, create, edit, delete when unused."""

from __future__ import annotations

from collections import defaultdict

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from frontend.forms.fehler import fehler_ins_formular
from frontend.views.verwaltung.formulare import EinheitFormular
from organisation import verwaltung as dienste
from organisation.models import Organisationseinheit


def _baum() -> list[dict]:
    """Units depth-first under their parents, each with its depth and number of users."""
    einheiten = list(Organisationseinheit.objects.annotate(anzahl_benutzer=Count("benutzer")).order_by("kuerzel"))
    kinder: dict[int | None, list[Organisationseinheit]] = defaultdict(list)
    for e in einheiten:
        kinder[e.eltern_id].append(e)
    zeilen: list[dict] = []
    gesehen: set[int] = set()

    def ablaufen(eltern_id: int | None, tiefe: int) -> None:
        for e in kinder.get(eltern_id, []):
            if e.pk in gesehen:
                continue
            gesehen.add(e.pk)
            zeilen.append({"einheit": e, "tiefe": tiefe, "einzug": tiefe * 1.5})
            ablaufen(e.pk, tiefe + 1)

    ablaufen(None, 0)
    return zeilen


@permission_required("organisation.change_organisationseinheit", raise_exception=True)
def liste(request):
    return render(
        request,
        "frontend/verwaltung/einheiten.html",
        {"zeilen": _baum(), "darf_anlegen": request.user.has_perm("organisation.add_organisationseinheit")},
    )


def _formular(request, einheit: Organisationseinheit | None):
    formular = EinheitFormular(request.POST or None, instance=einheit)
    if request.method == "POST" and formular.is_valid():
        try:
            if einheit is None:
                gespeichert = dienste.organisationseinheit_anlegen(daten=formular.daten(), user=request.user)
            else:
                gespeichert = dienste.organisationseinheit_aendern(
                    einheit=einheit, daten=formular.daten(), user=request.user
                )
        except ValidationError as exc:
            fehler_ins_formular(formular, exc)
        else:
            messages.success(request, _("Die Organisationseinheit „%(e)s“ wurde gespeichert.") % {"e": gespeichert})
            return redirect("frontend:einheiten")
    if einheit is not None:
        einheit.refresh_from_db()
    return render(
        request,
        "frontend/verwaltung/einheit_formular.html",
        {
            "formular": formular,
            "einheit": einheit,
            "verwendungen": dienste.verwendungen(einheit) if einheit else [],
            "darf_loeschen": request.user.has_perm("organisation.delete_organisationseinheit"),
        },
    )


@permission_required("organisation.add_organisationseinheit", raise_exception=True)
def neu(request):
    return _formular(request, None)


@permission_required("organisation.change_organisationseinheit", raise_exception=True)
def bearbeiten(request, pk: int):
    return _formular(request, get_object_or_404(Organisationseinheit, pk=pk))


@require_POST
@permission_required("organisation.delete_organisationseinheit", raise_exception=True)
def loeschen(request, pk: int):
    einheit = get_object_or_404(Organisationseinheit, pk=pk)
    name = str(einheit)
    try:
        dienste.organisationseinheit_loeschen(einheit=einheit, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("frontend:einheit-bearbeiten", pk=pk)
    messages.success(request, _("Die Organisationseinheit „%(e)s“ wurde gelöscht.") % {"e": name})
    return redirect("frontend:einheiten")
