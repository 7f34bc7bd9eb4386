"""The Zielpyramide page and the level fragment it opens, both read from the stored tree.

The page shows the whole tree while it is small (up to GRENZE goals, with the treemap and its
data table); a city's pyramid shows its Leitziele and loads each deeper level on demand from
`ebene` (steuerung.lesestand.pyramide), so neither request walks the whole tree.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.decorators import permission_required
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from core.periods import letztes_beendetes_tertial
from frontend.charts.zielpyramide import EBENE, zielpyramide_treemap
from frontend.views.zielpyramide.formulare import EbeneFormular, FilterFormular
from frontend.views.zielpyramide.seiten import LESEN, PFLEGEN, _standardjahr
from haushalt import zielgeld
from steuerung import selectors
from steuerung.lesestand.pyramide import KnotenUnbekannt, pyramide_ebene, pyramide_seite
from steuerung.models import Leitziel

# Up to this many goals the page shows the whole tree, the treemap and its data table.
GRENZE = 300


def _waehlbare_jahre(mit_zielen: list[int]) -> list[int]:
    """Years with goals plus those a new Zielsystem is built for (the year of the last ended tertial,
    this one, the next), so an empty year can be chosen and its first Leitziel created from the page."""
    heute = timezone.localdate()
    offen = {letztes_beendetes_tertial(heute).jahr, heute.year, heute.year + 1}
    return sorted(set(mit_zielen) | offen)


def _geld_setzen(user, jahr: int, knoten: list[dict[str, Any]]) -> None:
    geld = zielgeld.zuschussbedarf_je_ziel(user=user, jahr=jahr, ziele=[(k["typ"], k["id"]) for k in knoten])
    for k in knoten:
        k["geld"] = geld.get((k["typ"], k["id"]))


def _ebene_url(jahr: int, filter_: dict[str, Any], mit_geld: bool) -> str:
    """The fragment URL of a level with the page's filter; the template appends `&knoten=`."""
    parameter = {"jahr": jahr, **{k: v for k, v in filter_.items() if v}}
    if parameter.pop("archivierte", False):
        parameter["archivierte"] = "on"
    if mit_geld:
        parameter["geld"] = "on"
    return f"{reverse('frontend:zielpyramide-ebene')}?{urlencode(parameter)}"


@permission_required(LESEN, raise_exception=True)
def pyramide(request):
    mit_zielen = selectors.jahre_mit_zielen()
    jahre = _waehlbare_jahre(mit_zielen)
    daten = request.GET.copy()
    daten.setdefault("jahr", str(_standardjahr(mit_zielen)))
    leitziele = (
        selectors.ziele_fuer(Leitziel, request.user).filter(jahr=daten["jahr"]) if daten["jahr"].isdigit() else []
    )
    filter_form = FilterFormular(
        daten,
        user=request.user,
        jahre=jahre,
        leitziele=[(lz.pk, f"{lz.code} {lz.titel[:60]}") for lz in leitziele],
        geld=zielgeld.darf_lesen(request.user),
    )
    baum = {"jahr": None, "knoten": [], "ohne_leitziel": [], "anzahl": 0, "anzahl_smart": 0, "vollstaendig": True}
    mit_geld, ebene_url = False, ""
    if filter_form.is_valid():
        oe = filter_form.cleaned_data["organisationseinheit"]
        filter_ = {
            "organisationseinheit": oe.pk if oe else None,
            "leitziel": filter_form.cleaned_data["leitziel"],
            "archivierte": bool(filter_form.cleaned_data.get("archivierte")),
        }
        jahr = filter_form.cleaned_data["jahr"]
        baum = pyramide_seite(jahr=jahr, user=request.user, grenze=GRENZE, **filter_)
        mit_geld = bool(filter_form.cleaned_data.get("geld"))
        ebene_url = _ebene_url(jahr, filter_, mit_geld)
    zeilen = [{"knoten": k, "ebene": EBENE[k["typ"]], "tiefe": len(p)} for k, p in selectors.baum_knoten(baum)]
    if mit_geld:
        _geld_setzen(request.user, baum["jahr"], [z["knoten"] for z in zeilen])
    return render(
        request,
        "frontend/zielpyramide/pyramide.html",
        {
            "filter_form": filter_form,
            "baum": baum,
            "zeilen": zeilen,
            "anzahl": baum["anzahl"],
            "anzahl_smart": baum["anzahl_smart"],
            "grenze": GRENZE,
            "figur": zielpyramide_treemap(baum) if baum["vollstaendig"] else None,
            "darf_pflegen": request.user.has_perm(PFLEGEN),
            "mit_geld": mit_geld,
            "ebene_url": ebene_url,
        },
    )


@permission_required(LESEN, raise_exception=True)
def ebene(request):
    """One level of the stored tree as an HTML list (the Leitziele, or the children of ?knoten=)."""
    formular = EbeneFormular(request.GET, user=request.user)
    if not formular.is_valid():
        fehler = [m for meldungen in formular.errors.values() for m in meldungen]
        return HttpResponseBadRequest(
            render_to_string("frontend/zielpyramide/_ebene_fehler.html", {"fehler": fehler}, request=request)
        )
    daten = formular.cleaned_data
    jahr = daten["jahr"] or _standardjahr(selectors.jahre_mit_zielen())
    oe = daten["organisationseinheit"]
    filter_ = {
        "organisationseinheit": oe.pk if oe else None,
        "leitziel": daten["leitziel"],
        "archivierte": bool(daten["archivierte"]),
    }
    try:
        gelesen = pyramide_ebene(jahr=jahr, user=request.user, knoten=daten["knoten"] or None, **filter_)
    except KnotenUnbekannt:
        raise Http404 from None
    mit_geld = bool(daten["geld"]) and zielgeld.darf_lesen(request.user)
    if mit_geld:
        _geld_setzen(request.user, jahr, gelesen["knoten"])
    return render(
        request,
        "frontend/zielpyramide/_ebene.html",
        {"knoten_liste": gelesen["knoten"], "ebene_url": _ebene_url(jahr, filter_, mit_geld)},
    )
