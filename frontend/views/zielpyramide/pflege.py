"""Writes from the Steckbrief pages: delete, archive/restore, the Sollwert table.

Order of checks as everywhere: read permission, then the object in the user's scope (404),
then the write permission (403); the rules themselves are steuerung.archiv and steuerung.services.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from frontend.charts.zielpyramide import EBENE
from frontend.forms.bestaetigung import loeschen_bestaetigt
from frontend.views.zielpyramide.seiten import LESEN, _modell, kennzahl_seite
from frontend.views.zielpyramide.sollwerte import SollwertFormular, darf_sollwerte_pflegen, jahr_der_tabelle
from steuerung import archiv, selectors, services


def _revision(request) -> int | None:
    roh = request.POST.get("revision", "")
    return int(roh) if roh.isdigit() else None


def _aktion(request) -> bool | None:
    """True: archive, False: restore, None: no valid choice."""
    return {"archivieren": True, "wiederherstellen": False}.get(request.POST.get("aktion", ""))


def _melden(request, exc: ValidationError) -> None:
    messages.error(request, " ".join(exc.messages))


def _archivieren(request, obj, ausfuehren, name: str) -> None:
    archivieren = _aktion(request)
    if archivieren is None:
        messages.error(request, _("Bitte „Archivieren“ oder „Wiederherstellen“ wählen."))
        return
    try:
        ausfuehren(archiviert=archivieren, revision=_revision(request))
    except ValidationError as exc:
        _melden(request, exc)
        return
    text = _("„%(name)s“ wurde archiviert.") if archivieren else _("„%(name)s“ wurde wiederhergestellt.")
    messages.success(request, text % {"name": name})


def _ziel(request, typ: str, pk: int):
    ziel = get_object_or_404(selectors.ziele_fuer(_modell(typ), request.user), pk=pk)
    if not request.user.has_perm(f"steuerung.delete_{typ}"):
        raise PermissionDenied
    return ziel


def _kennzahl(request, pk: int):
    kennzahl = get_object_or_404(selectors.kennzahlen_fuer(request.user), pk=pk)
    if not request.user.has_perm("steuerung.delete_kennzahl"):
        raise PermissionDenied
    return kennzahl


@require_POST
@permission_required(LESEN, raise_exception=True)
def ziel_loeschen(request, typ: str, pk: int):
    ziel = _ziel(request, typ, pk)
    if not loeschen_bestaetigt(request):
        return redirect("frontend:ziel-steckbrief", typ=typ, pk=pk)
    try:
        archiv.ziel_loeschen(ziel=ziel, user=request.user)
    except ValidationError as exc:
        _melden(request, exc)
        return redirect("frontend:ziel-steckbrief", typ=typ, pk=pk)
    messages.success(request, _("%(ebene)s „%(code)s“ wurde gelöscht.") % {"ebene": EBENE[typ], "code": ziel.code})
    return redirect(f"{reverse('frontend:zielpyramide')}?jahr={ziel.jahr}")


@require_POST
@permission_required(LESEN, raise_exception=True)
def ziel_archivieren(request, typ: str, pk: int):
    ziel = _ziel(request, typ, pk)

    def ausfuehren(**daten):
        archiv.ziel_archivieren(ziel=ziel, user=request.user, **daten)

    _archivieren(request, ziel, ausfuehren, ziel.code)
    return redirect("frontend:ziel-steckbrief", typ=typ, pk=pk)


@require_POST
@permission_required(LESEN, raise_exception=True)
def kennzahl_loeschen(request, pk: int):
    kennzahl = _kennzahl(request, pk)
    ziel = kennzahl.ziel
    if not loeschen_bestaetigt(request):
        return redirect("frontend:kennzahl-steckbrief", pk=pk)
    try:
        archiv.kennzahl_loeschen(kennzahl=kennzahl, user=request.user)
    except ValidationError as exc:
        _melden(request, exc)
        return redirect("frontend:kennzahl-steckbrief", pk=pk)
    messages.success(request, _("Kennzahl „%(k)s“ wurde gelöscht.") % {"k": kennzahl.bezeichnung})
    return redirect("frontend:ziel-steckbrief", typ=selectors.TYP_VON_MODELL[type(ziel)], pk=ziel.pk)


@require_POST
@permission_required(LESEN, raise_exception=True)
def kennzahl_archivieren(request, pk: int):
    kennzahl = _kennzahl(request, pk)

    def ausfuehren(**daten):
        archiv.kennzahl_archivieren(kennzahl=kennzahl, user=request.user, **daten)

    _archivieren(request, kennzahl, ausfuehren, kennzahl.bezeichnung)
    return redirect("frontend:kennzahl-steckbrief", pk=pk)


@require_POST
@permission_required(LESEN, raise_exception=True)
def kennzahl_sollwerte(request, pk: int):
    """Save the Sollwert table of one year at once; errors (every cell, a conflict) show on the page."""
    kennzahl = get_object_or_404(selectors.kennzahlen_fuer(request.user), pk=pk)
    if not darf_sollwerte_pflegen(request.user):
        raise PermissionDenied
    jahr = jahr_der_tabelle(request, kennzahl)
    formular = SollwertFormular(request.POST, kennzahl=kennzahl, jahr=jahr)
    if formular.is_valid():
        try:
            services.sollwerte_der_perioden_setzen(
                kennzahl=kennzahl, werte=formular.werte(), user=request.user, revision=formular.cleaned_data["revision"]
            )
        except ValidationError as exc:
            for meldungen in exc.message_dict.values() if hasattr(exc, "error_dict") else [exc.messages]:
                formular.add_error(None, meldungen)
        else:
            messages.success(request, _("Die Sollwerte %(jahr)s wurden gespeichert.") % {"jahr": jahr})
            return redirect(f"{reverse('frontend:kennzahl-steckbrief', args=[pk])}?solljahr={jahr}")
    return kennzahl_seite(request, kennzahl, sollformular=formular)
