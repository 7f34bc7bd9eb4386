"""User administration for the Administration: list with filters, create, edit, (de)activate, one-time link.

Accounts are never deleted. The pages show no case data: the Administration's role has no
permission for it, and these pages only touch organisation models.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from frontend.forms.fehler import fehler_ins_formular
from frontend.views.verwaltung.formulare import BenutzerFilter, BenutzerFormular
from organisation import benutzerverwaltung as dienste
from organisation.einladung import Art
from organisation.models import Benutzer
from organisation.rollen import Rolle

AENDERN = "organisation.change_benutzer"
ROLLENNAMEN = {r.value: r.label for r in Rolle}


@permission_required("organisation.view_benutzer", raise_exception=True)
def liste(request):
    qs = (
        Benutzer.objects.select_related("organisationseinheit")
        .prefetch_related(Prefetch("groups", queryset=Group.objects.order_by("name")))
        .order_by("username")
    )
    filter_ = BenutzerFilter(request.GET or None, queryset=qs)
    zeilen = [
        {"benutzer": b, "rollen": [ROLLENNAMEN.get(g.name, g.name) for g in b.groups.all()]}
        for b in filter_.qs.distinct()
    ]
    return render(
        request,
        "frontend/verwaltung/benutzer_liste.html",
        {"filter": filter_, "zeilen": zeilen, "darf_anlegen": request.user.has_perm("organisation.add_benutzer")},
    )


def _link_senden(request, benutzer: Benutzer) -> None:
    try:
        ergebnis = dienste.einmal_link_anfordern(
            benutzer=benutzer, user=request.user, basis=request.build_absolute_uri("/")
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return
    art = _("Die Einladung") if ergebnis["art"] == Art.EINLADUNG else _("Der Link zum Zurücksetzen des Passworts")
    if ergebnis["versendet"]:
        messages.success(request, _("%(art)s an %(mail)s wurde versandt.") % {"art": art, "mail": benutzer.email})
    else:
        messages.warning(
            request,
            _(
                "%(art)s an %(mail)s konnte nicht versandt werden; das Konto ist gespeichert. Bitte später erneut senden."
            )
            % {"art": art, "mail": benutzer.email},
        )


@permission_required("organisation.add_benutzer", raise_exception=True)
def neu(request):
    formular = BenutzerFormular(request.POST or None)
    if request.method == "POST" and formular.is_valid():
        try:
            benutzer = dienste.benutzer_anlegen(
                daten=formular.daten(), rollen=formular.cleaned_data["rollen"], user=request.user
            )
        except ValidationError as exc:
            fehler_ins_formular(formular, exc)
        else:
            messages.success(request, _("Das Konto „%(k)s“ wurde angelegt.") % {"k": benutzer.username})
            if "einladen" in request.POST:
                _link_senden(request, benutzer)
            return redirect("frontend:benutzer-bearbeiten", pk=benutzer.pk)
    return render(request, "frontend/verwaltung/benutzer_formular.html", {"formular": formular, "benutzer": None})


@permission_required(AENDERN, raise_exception=True)
def bearbeiten(request, pk: int):
    benutzer = get_object_or_404(Benutzer, pk=pk)
    formular = BenutzerFormular(request.POST or None, instance=benutzer)
    if request.method == "POST" and formular.is_valid():
        try:
            dienste.benutzer_aendern(
                benutzer=benutzer,
                daten=formular.daten(),
                rollen=formular.cleaned_data["rollen"],
                user=request.user,
                revision=formular.cleaned_data["revision"],
            )
        except ValidationError as exc:
            fehler_ins_formular(formular, exc)
        else:
            messages.success(request, _("Das Konto „%(k)s“ wurde gespeichert.") % {"k": benutzer.username})
            return redirect("frontend:benutzer-bearbeiten", pk=benutzer.pk)
    benutzer.refresh_from_db()
    return render(request, "frontend/verwaltung/benutzer_formular.html", {"formular": formular, "benutzer": benutzer})


def _aktiv_setzen(request, pk: int, *, aktiv: bool):
    benutzer = get_object_or_404(Benutzer, pk=pk)
    try:
        dienste.benutzer_aktiv_setzen(benutzer=benutzer, aktiv=aktiv, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        text = _("Das Konto „%(k)s“ ist aktiv.") if aktiv else _("Das Konto „%(k)s“ ist deaktiviert.")
        messages.success(request, text % {"k": benutzer.username})
    return redirect("frontend:benutzer-bearbeiten", pk=benutzer.pk)


@require_POST
@permission_required(AENDERN, raise_exception=True)
def deaktivieren(request, pk: int):
    return _aktiv_setzen(request, pk, aktiv=False)


@require_POST
@permission_required(AENDERN, raise_exception=True)
def aktivieren(request, pk: int):
    return _aktiv_setzen(request, pk, aktiv=True)


@require_POST
@permission_required(AENDERN, raise_exception=True)
def einladen(request, pk: int):
    benutzer = get_object_or_404(Benutzer, pk=pk)
    _link_senden(request, benutzer)
    return redirect("frontend:benutzer-bearbeiten", pk=benutzer.pk)
