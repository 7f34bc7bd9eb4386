"""HSK pages: thin views over controlling.selectors/services; scope via fuer_benutzer (404)."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from controlling import selectors, services
from controlling.auskunft import auskunft_csv
from controlling.fallverlauf import fallverlauf, schritt_zahlen
from controlling.lesestand import portfolio_seite
from controlling.models import Ergebnis
from controlling.models.verlauf import Phase
from core.models import Hintergrundauftrag
from frontend.charts import hsk as diagramm
from frontend.views.hsk.formulare import (
    EinzelfallFilterFormular,
    EinzelfallFormular,
    JahrStichtagFormular,
    PraeventionFormular,
    StichtagFormular,
)

PHASE_AMPEL = {
    Phase.INVEST: ("rot", "▼"),
    Phase.ANNAEHERUNG: ("gelb", "►"),
    Phase.UEBERSCHUSS: ("gruen", "▲"),
}


def _gelesen(formular: forms.Form) -> dict[str, Any]:
    """The valid fields of a bound form (cleaned_data keeps them even if another field is invalid)."""
    if not formular.is_bound:
        return {}
    formular.is_valid()
    return formular.cleaned_data


def _auswahl(request, klasse: type[forms.Form]) -> tuple[dict[str, Any], forms.Form]:
    """Year and Stichtag from the query (defaults: this year, last day of the previous month).

    A bad value keeps its default and the form is shown again with its German message.
    """
    formular = klasse(request.GET or None)
    gelesen = _gelesen(formular)
    werte = {
        "jahr": gelesen.get("jahr") or timezone.localdate().year,
        "stichtag": gelesen.get("stichtag") or selectors.stichtag_standard(),
    }
    if not formular.is_bound or not formular.errors:
        formular = klasse(initial=werte)
    return werte, formular


def _phase_info(gelesen) -> dict[str, Any]:
    """Current phase with since when; after a Rückfall also the phase it fell from."""
    info: dict[str, Any] = {"phase": _phase(gelesen.aktuelle_phase or ""), "schluessel": gelesen.aktuelle_phase}
    if gelesen.aktuelle_phase_seit:
        info["seit"] = diagramm.monat_lang(gelesen.aktuelle_phase_seit)
    if gelesen.rueckfall_seit:
        monate = [m.monat for m in gelesen.monate]
        vorher = gelesen.monate[monate.index(gelesen.rueckfall_seit) - 1].phase
        info["rueckfall_aus"] = Phase(vorher).label if vorher else ""
    return info


def _massnahme(request, pk: int):
    return get_object_or_404(selectors.hsk_massnahmen_fuer(user=request.user), pk=pk)


def _darf_neu_berechnen(user) -> bool:
    return user.has_perm("controlling.change_hskmassnahme") or user.has_perm("controlling.add_einzelfall")


def _phase(phase: str) -> dict | None:
    if not phase:
        return None
    klasse, symbol = PHASE_AMPEL[Phase(phase)]
    return {"klasse": klasse, "symbol": symbol, "text": Phase(phase).label}


def _zeilen(daten) -> list[dict[str, Any]]:
    return [
        {
            "z": z,
            "phase": _phase(z.aktuelle_phase or ""),
            "phase_seit": diagramm.monat_kurz(z.aktuelle_phase_seit) if z.aktuelle_phase_seit else "",
            "rueckfall": bool(z.rueckfall_seit),
            "amortisation": diagramm.monat_kurz(z.amortisation) if z.amortisation else "",
            "amortisation_prognose": diagramm.monat_kurz(z.amortisation_prognose) if z.amortisation_prognose else "",
        }
        for z in daten.zeilen
    ]


@permission_required("controlling.view_hskmassnahme", raise_exception=True)
def liste(request):
    werte, formular = _auswahl(request, JahrStichtagFormular)
    daten = selectors.portfolio(user=request.user, **werte)
    return render(
        request,
        "frontend/hsk/liste.html",
        {
            "jahr": str(werte["jahr"]),
            "stichtag": werte["stichtag"],
            "zeilen": _zeilen(daten),
            "darf_alle_berechnen": request.user.has_perm("controlling.change_hskmassnahme"),
            "jahrformular": formular,
        },
    )


@permission_required("controlling.view_hskmassnahme", raise_exception=True)
def detail(request, pk: int):
    massnahme = _massnahme(request, pk)
    werte, formular = _auswahl(request, StichtagFormular)
    gelesen = selectors.verlauf_am_stichtag(massnahme=massnahme, stichtag=werte["stichtag"])
    stand = getattr(massnahme, "verlaufsstand", None)
    zaehlung = selectors.einzelfall_zaehlung(massnahme=massnahme)
    return render(
        request,
        "frontend/hsk/detail.html",
        {
            "massnahme": massnahme,
            "stichtag": gelesen.stichtag,
            "stichtagformular": formular,
            "monate": [{"m": m, "phase": _phase(m.phase or "")} for m in gelesen.monate],
            "jahre": gelesen.jahre,
            "hat_prognose": any(not m.ist for m in gelesen.monate),
            "phase_info": _phase_info(gelesen),
            "figur": diagramm.konsolidierungsverlauf(
                gelesen.monate, beginn=massnahme.beginn, stichtag=gelesen.stichtag
            ),
            "diagramm_titel": diagramm.TITEL,
            "textalternative": diagramm.textalternative(gelesen),
            "amortisation": diagramm.monat_lang(gelesen.amortisation) if gelesen.amortisation else None,
            "amortisation_prognose": diagramm.monat_lang(gelesen.amortisation_prognose)
            if gelesen.amortisation_prognose
            else None,
            "realisierung": selectors.realisierung_fuer(massnahme=massnahme),
            "schritte": schritt_zahlen(massnahme=massnahme),
            "stellen": list(massnahme.stellen.all()),
            "stand": stand,
            "ergebnisse": [(label, zaehlung.get(wert, 0)) for wert, label in Ergebnis.choices],
            "faelle_gesamt": sum(zaehlung.values()),
            "darf_faelle_sehen": request.user.has_perm("controlling.view_einzelfall"),
            "darf_neu_berechnen": _darf_neu_berechnen(request.user),
        },
    )


@require_POST
def neu_berechnen(request, pk: int):
    if not _darf_neu_berechnen(request.user):
        raise PermissionDenied
    massnahme = _massnahme(request, pk)
    services.verlauf_anfordern(hsk_massnahme_id=massnahme.pk)
    messages.success(request, _("Die Neuberechnung ist eingeplant."))
    return redirect("frontend:hsk-detail", pk=massnahme.pk)


@require_POST
@permission_required("controlling.change_hskmassnahme", raise_exception=True)
def alle_neu_berechnen(request):
    auftrag_id = services.alle_verlaeufe_anfordern()
    return redirect("frontend:hsk-auftrag", pk=auftrag_id)


@permission_required("controlling.view_hskmassnahme", raise_exception=True)
def auftrag(request, pk: int):
    eintrag = get_object_or_404(Hintergrundauftrag, pk=pk, art="hsk_verlaeufe")
    laeuft = eintrag.status in (Hintergrundauftrag.Status.WARTEND, Hintergrundauftrag.Status.LAEUFT)
    return render(request, "frontend/hsk/auftrag.html", {"auftrag": eintrag, "laeuft": laeuft})


@permission_required("controlling.view_einzelfall", raise_exception=True)
def faelle(request, pk: int):
    massnahme = _massnahme(request, pk)
    qs = selectors.einzelfaelle_fuer(user=request.user).filter(hsk_massnahme=massnahme).order_by("pseudonym")
    filter_ = EinzelfallFilterFormular(request.GET or None, queryset=qs, massnahme=massnahme)
    seite = Paginator(filter_.qs, 50).get_page(request.GET.get("seite"))
    return render(
        request,
        "frontend/hsk/faelle.html",
        {
            "massnahme": massnahme,
            "filter": filter_,
            "seite": seite,
            "darf_anlegen": request.user.has_perm("controlling.add_einzelfall"),
        },
    )


@permission_required("controlling.view_einzelfall", raise_exception=True)
def auskunft(request, pk: int):
    """CSV of the measure's cases with their history for an information request (Art. 15 DSGVO)."""
    massnahme = _massnahme(request, pk)
    pseudonym = (request.GET.get("pseudonym") or "").strip()[:40] or None
    inhalt, _anzahl = auskunft_csv(
        oe=massnahme.organisationseinheit, massnahme=massnahme, pseudonym=pseudonym, benutzer=request.user
    )
    antwort = HttpResponse(inhalt, content_type="text/csv; charset=utf-8")
    antwort["Content-Disposition"] = f'attachment; filename="auskunft-einzelfaelle-{massnahme.pk}.csv"'
    antwort["Cache-Control"] = "no-store"
    return antwort


def _fall_speichern(request, massnahme, fall=None):
    formular = EinzelfallFormular(request.POST or None, instance=fall, massnahme=massnahme)
    if request.method == "POST" and formular.is_valid():
        try:
            if fall is None:
                fall = services.einzelfall_anlegen(hsk_massnahme=massnahme, daten=formular.daten(), user=request.user)
            else:
                fall = services.einzelfall_aendern(
                    fall=fall, daten=formular.daten(), user=request.user, revision=formular.cleaned_data["revision"]
                )
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for feld, fehler in exc.message_dict.items():
                    formular.add_error(feld if feld in formular.fields else None, fehler)
            else:
                formular.add_error(None, exc.messages)
        else:
            messages.success(request, _("Der Einzelfall „%(p)s“ wurde gespeichert.") % {"p": fall.pseudonym})
            return redirect("frontend:hsk-faelle", pk=massnahme.pk)
    return render(
        request,
        "frontend/hsk/fall_formular.html",
        {
            "massnahme": massnahme,
            "fall": fall,
            "formular": formular,
            "fallverlauf": fallverlauf(fall=fall) if fall is not None and fall.pk else [],
        },
    )


@permission_required("controlling.add_einzelfall", raise_exception=True)
def fall_neu(request, pk: int):
    return _fall_speichern(request, _massnahme(request, pk))


@permission_required("controlling.change_einzelfall", raise_exception=True)
def fall_bearbeiten(request, pk: int):
    fall = get_object_or_404(selectors.einzelfaelle_fuer(user=request.user), pk=pk)
    return _fall_speichern(request, fall.hsk_massnahme, fall)


@permission_required("controlling.view_hskmassnahme", raise_exception=True)
def portfolio(request):
    """The stored portfolio (controlling.lesestand): totals of all measures, JE_SEITE rows per page."""
    werte, formular = _auswahl(request, JahrStichtagFormular)
    seite = request.GET.get("seite", "1")
    daten = portfolio_seite(user=request.user, **werte, seite=int(seite) if seite.isdigit() else 1)
    zeilen = SimpleNamespace(zeilen=[SimpleNamespace(**z) for z in daten["zeilen"]])
    return render(
        request,
        "frontend/hsk/portfolio.html",
        {
            "jahr": str(werte["jahr"]),
            "stichtag": werte["stichtag"],
            "portfolio": daten,
            "zeilen": _zeilen(zeilen),
            "jahrformular": formular,
            "seiten": range(1, daten["seiten"] + 1) if daten["seiten"] > 1 else None,
        },
    )


@permission_required("controlling.view_praeventionsprojekt", raise_exception=True)
def praevention(request):
    formular = PraeventionFormular(request.GET or None)
    gelesen = _gelesen(formular)
    jahr = gelesen.get("jahr") or timezone.localdate().year
    # Default span: from the first year with a project up to the chosen year.
    vorhanden = selectors.praevention_jahre(user=request.user)
    von = gelesen.get("von") or (min(vorhanden[0], jahr) if vorhanden else jahr)
    bis = gelesen.get("bis") or max(von, jahr)
    if not formular.is_bound or not formular.errors:
        formular = PraeventionFormular(initial={"jahr": jahr, "von": von, "bis": bis})
    try:
        spanne = selectors.praevention_bilanz_spanne(user=request.user, von=von, bis=bis)
    except ValueError:
        spanne = selectors.praevention_bilanz_spanne(user=request.user, von=jahr, bis=jahr)
    projekte = selectors.praeventionsprojekte_fuer(user=request.user).filter(jahr=jahr).order_by("bezeichnung")
    return render(
        request,
        "frontend/hsk/praevention.html",
        {
            "jahr": str(jahr),
            "projekte": projekte,
            "bilanz": selectors.praevention_bilanz(user=request.user, jahr=jahr),
            "spanne": spanne,
            "spanne_text": str(spanne.von) if spanne.von == spanne.bis else f"{spanne.von}–{spanne.bis}",
            "jahrformular": formular,
            "budget": selectors.praeventionsbudgets().filter(jahr=jahr).first(),
        },
    )
