"""Tertial pages: entry form per unit and period, Excel template/upload, dashboard, Kennzahl evaluation.

Views stay thin: scope via organisation.selectors, reads via steuerung.auswertung, writes via
steuerung.erfassung / steuerung.excel_messwerte.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.periods import Periode, Rhythmus, jahr, letztes_beendetes_tertial, periode, perioden_im_jahr, tertial_von
from frontend.charts import kennzahlen as kennzahl_chart
from frontend.forms.tertial import (
    ErfassungAuswahlForm,
    ExcelHochladenForm,
    MesswertZeileForm,
    anfangswerte,
)
from organisation.selectors import fuer_benutzer, organisationseinheiten_fuer, sichtbare_oe_ids
from steuerung import auswertung as auswertung_selectors
from steuerung.auswertung import ERKLAERUNGSFELDER, periode_fuer_rhythmus
from steuerung.berichte.sperre import sperre_text, sperrender_bericht
from steuerung.bewertung import AMPEL_SYMBOL, Ampel, Bewertung
from steuerung.erfassung import messwert_speichern
from steuerung.erfassungsstand import NOCH_ZU_ERFASSEN, erfassungsstaende, erfassungstertial, je_einheit_und_tertial
from steuerung.erfassungszeilen import erfassung_zeilen
from steuerung.excel_messwerte import hochladen, vorlage_erzeugen
from steuerung.kennzahlverlauf import kennzahl_verlauf
from steuerung.lesestand.dashboard import KnotenUnbekannt, dashboard_ansicht
from steuerung.models import Kennzahl

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class _Abbruch(Exception):
    """Raised inside the save transaction to roll back every row when one row fails."""


def _periode_oder_404(schluessel: str) -> Periode:
    try:
        return periode(schluessel)
    except ValueError as exc:
        raise Http404(str(exc)) from exc


def letztes_abgeschlossenes_tertial() -> Periode:
    return letztes_beendetes_tertial(timezone.localdate())


def _perioden_zur_auswahl() -> list[Periode]:
    heute = timezone.localdate()
    perioden: list[Periode] = []
    for j in (heute.year, heute.year - 1):
        perioden += reversed(perioden_im_jahr(j, Rhythmus.TERTIAL))
        perioden.append(jahr(j))
        perioden += reversed(perioden_im_jahr(j, Rhythmus.MONAT))
    return [p for p in perioden if p.beginn <= heute]


def _uebersicht_zeilen(einheiten, tertiale: list[Periode], user) -> tuple[list[dict], bool]:
    """Status and deadline per unit and tertial; and whether any unit still has to enter the first tertial."""
    staende = je_einheit_und_tertial(erfassungsstaende(scope=sichtbare_oe_ids(user), tertiale=tertiale))
    zeilen = [
        {"einheit": oe, "zellen": [{"tertial": t, "stand": staende.get((oe.pk, t.schluessel))} for t in tertiale]}
        for oe in einheiten
    ]
    offen = any(z["zellen"][0]["stand"] and z["zellen"][0]["stand"].status in NOCH_ZU_ERFASSEN for z in zeilen)
    return zeilen, offen


@permission_required("steuerung.add_messwert", raise_exception=True)
def erfassung_uebersicht(request):
    oe_ids = set(fuer_benutzer(Kennzahl.objects.all(), request.user).values_list("organisationseinheit_id", flat=True))
    einheiten = [oe for oe in organisationseinheiten_fuer(request.user).order_by("kuerzel") if oe.pk in oe_ids]
    heute = timezone.localdate()
    tertiale = [letztes_beendetes_tertial(heute), tertial_von(heute)]
    zeilen, letztes_offen = _uebersicht_zeilen(einheiten, tertiale, request.user)
    form = ErfassungAuswahlForm(
        request.GET or None,
        einheiten=einheiten,
        perioden=_perioden_zur_auswahl(),
        initial={"periode": erfassungstertial(heute=heute, letztes_offen=letztes_offen).schluessel},
    )
    if request.GET and form.is_valid():
        return redirect(
            "frontend:tertial-erfassung",
            oe=int(form.cleaned_data["organisationseinheit"]),
            periode=form.cleaned_data["periode"],
        )
    return render(
        request,
        "frontend/tertial/uebersicht.html",
        {"form": form, "einheiten": einheiten, "tertiale": tertiale, "zeilen": zeilen},
    )


def _einheit(request, oe: int):
    return get_object_or_404(organisationseinheiten_fuer(request.user), pk=oe)


def _zeilen_formulare(request, zeilen, daten=None):
    paare = []
    for a in zeilen:
        form = MesswertZeileForm(daten, prefix=f"k{a.kennzahl.pk}", initial=anfangswerte(a.messwert), auswertung=a)
        paare.append(form)
    return paare


def _speichern(request, formulare, p: Periode, *, entwurf: bool) -> int:
    """Save every changed row in one transaction; any error rolls back all rows."""
    gespeichert = 0
    fehler = False
    try:
        with transaction.atomic():
            for form in formulare:
                a = form.auswertung
                if a.messwert is None and form.ist_leer():
                    continue
                daten = {f: v for f, v in form.cleaned_data.items() if f != "revision"}
                try:
                    vorher = a.messwert.revision if a.messwert else None
                    m = messwert_speichern(
                        kennzahl=a.kennzahl,
                        periode=p.schluessel,
                        user=request.user,
                        revision=form.cleaned_data.get("revision"),
                        entwurf=entwurf,
                        **daten,
                    )
                    gespeichert += m.revision != vorher
                except ValidationError as exc:
                    fehler = True
                    # A field-less error (a frozen period) belongs to the row, not to a field.
                    felder = exc.message_dict if hasattr(exc, "error_dict") else {None: exc.messages}
                    for feld, texte in felder.items():
                        for text in texte:
                            form.add_error(None if feld not in form.fields or feld == "revision" else feld, text)
                except PermissionDenied as exc:
                    fehler = True
                    form.add_error(None, str(exc))
            if fehler:
                raise _Abbruch
    except _Abbruch:
        return -1
    return gespeichert


def _sperre(einheit, p: Periode) -> str | None:
    """The German note why the unit's values for `p` are read-only now (a report under review or approved)."""
    bericht = sperrender_bericht(organisationseinheit=einheit.pk, periode=p.schluessel)
    return sperre_text(bericht=bericht, periode=p.schluessel) if bericht else None


@permission_required("steuerung.add_messwert", raise_exception=True)
def erfassung(request, oe: int, periode: str):
    einheit = _einheit(request, oe)
    p = _periode_oder_404(periode)
    zeilen = erfassung_zeilen(organisationseinheit_id=einheit.pk, periode=p, user=request.user)
    sperre = _sperre(einheit, p)
    if sperre is not None:
        # Read-only while the report is under review or approved: the values are shown, not offered as inputs.
        if request.method == "POST":
            messages.error(request, _("Nichts gespeichert. %(grund)s") % {"grund": sperre})
        return render(
            request,
            "frontend/tertial/erfassung_gesperrt.html",
            {"einheit": einheit, "periode": p, "zeilen": zeilen, "sperre": sperre},
        )
    formulare = _zeilen_formulare(request, zeilen, request.POST if request.method == "POST" else None)
    if request.method == "POST":
        entwurf = "entwurf" in request.POST
        if all(f.is_valid() for f in formulare):
            anzahl = _speichern(request, formulare, p, entwurf=entwurf)
            if anzahl >= 0:
                if entwurf:
                    text = ngettext(
                        "Entwurf gespeichert (%(n)s Wert geändert).",
                        "Entwurf gespeichert (%(n)s Werte geändert).",
                        anzahl,
                    )
                else:
                    text = ngettext("Gespeichert (%(n)s Wert geändert).", "Gespeichert (%(n)s Werte geändert).", anzahl)
                messages.success(request, text % {"n": anzahl})
                return redirect(request.path)
        messages.error(request, _("Nichts gespeichert: Bitte korrigieren Sie die markierten Angaben."))
    zeilen_ctx = []
    for form in formulare:
        a = form.auswertung
        fehler_erklaerung = any(form.errors.get(f) for f in ERKLAERUNGSFELDER)
        zeilen_ctx.append(
            {
                "form": form,
                "a": a,
                "erklaerung_offen": a.erklaerung_noetig
                or fehler_erklaerung
                or bool(a.messwert and a.messwert.begruendung),
            }
        )
    fehlerhafte = [z for z in zeilen_ctx if z["form"].errors]
    return render(
        request,
        "frontend/tertial/erfassung.html",
        {"einheit": einheit, "periode": p, "zeilen": zeilen_ctx, "fehlerhafte": fehlerhafte},
    )


@permission_required("steuerung.add_messwert", raise_exception=True)
def excel_vorlage(request, oe: int, periode: str):
    einheit = _einheit(request, oe)
    p = _periode_oder_404(periode)
    zeilen = erfassung_zeilen(organisationseinheit_id=einheit.pk, periode=p, user=request.user)
    inhalt = vorlage_erzeugen(zeilen=zeilen, titel=f"{einheit.kuerzel} {einheit.name} – {p.bezeichnung}")
    antwort = HttpResponse(inhalt, content_type=XLSX)
    name = f"Werte_{einheit.kuerzel.replace(' ', '_')}_{p.schluessel}.xlsx"
    antwort["Content-Disposition"] = f'attachment; filename="{name}"'
    return antwort


@permission_required("steuerung.add_messwert", raise_exception=True)
def excel_hochladen(request, oe: int, periode: str):
    einheit = _einheit(request, oe)
    p = _periode_oder_404(periode)
    sperre = _sperre(einheit, p)
    if sperre is not None:
        if request.method == "POST":
            messages.error(request, _("Nichts gespeichert. %(grund)s") % {"grund": sperre})
        return render(request, "frontend/tertial/hochladen.html", {"einheit": einheit, "periode": p, "sperre": sperre})
    form = ExcelHochladenForm(request.POST or None, request.FILES or None)
    zeilenfehler: list[str] = []
    if request.method == "POST" and form.is_valid():
        zeilen = erfassung_zeilen(organisationseinheit_id=einheit.pk, periode=p, user=request.user)
        try:
            anzahl = hochladen(
                datei=form.cleaned_data["datei"], kennzahlen=[a.kennzahl for a in zeilen], periode=p, user=request.user
            )
        except ValidationError as exc:
            zeilenfehler = exc.messages
            messages.error(request, _("Nichts gespeichert: Die Datei enthält Fehler."))
        else:
            messages.success(
                request,
                _("%(n)s Zeilen übernommen. Prüfen Sie unten fehlende Begründungen.") % {"n": anzahl},
            )
            return redirect("frontend:tertial-erfassung", oe=einheit.pk, periode=p.schluessel)
    return render(
        request,
        "frontend/tertial/hochladen.html",
        {"einheit": einheit, "periode": p, "form": form, "zeilenfehler": zeilenfehler},
    )


def _dashboard_periode(request) -> Periode:
    schluessel = request.GET.get("periode")
    if not schluessel:
        return letztes_abgeschlossenes_tertial()
    try:
        p = periode(schluessel)
    except ValueError as exc:
        raise Http404(str(exc)) from exc
    if p.rhythmus != Rhythmus.TERTIAL:
        raise Http404(_("Das Dashboard gibt es je Tertial."))
    return p


def _mit_ampel(zeilen: list[dict]) -> list[dict]:
    """Stored rows carry the Ampel as a code; the template shows symbol and German word."""
    for z in zeilen:
        ampel = Ampel(z["ampel"])
        z["ampel_text"], z["ampel_symbol"] = str(ampel.label), AMPEL_SYMBOL[ampel]
    return zeilen


@permission_required("steuerung.view_messwert", raise_exception=True)
def dashboard(request):
    p = _dashboard_periode(request)
    # The page lists Kennzahlen per opened goal (the full paged list is the API's); no ?seite=.
    # "Jahresziel gefährdet": only Kennzahlen whose forecast to 31.12. is red.
    gefaehrdet = request.GET.get("gefaehrdet") == "1"
    try:
        ansicht = dashboard_ansicht(
            periode=p, user=request.user, knoten=request.GET.get("knoten") or None, jahresziel_gefaehrdet=gefaehrdet
        )
    except KnotenUnbekannt:
        raise Http404(_("Dieses Ziel gibt es in Ihrem Dashboard nicht.")) from None
    heute = timezone.localdate()
    tertiale = [t for j in (heute.year, heute.year - 1) for t in reversed(perioden_im_jahr(j, Rhythmus.TERTIAL))]
    tertiale = [t for t in tertiale if t.beginn <= heute]
    z = ansicht.zusammenfassung
    bewertungen = [(Bewertung(b), n) for b, n in z["anzahl_je_bewertung"].items()]
    for w in z["wirkungsanteile"]:
        w["warnung"] = w["prozent"] is not None and Decimal(w["prozent"]) < 50
    for k in ansicht.aufmerksamkeit:
        k["gegensteuerung_bis"] = date.fromisoformat(k["gegensteuerung_bis"]) if k["gegensteuerung_bis"] else None
    return render(
        request,
        "frontend/tertial/dashboard.html",
        {
            "a": ansicht,
            "z": z,
            "periode": p,
            "tertiale": tertiale,
            "bewertungen": bewertungen,
            "gesamt": sum(n for _b, n in bewertungen),
            "pyramide": _mit_ampel(ansicht.pyramide),
            "kennzahlen": _mit_ampel(ansicht.kennzahlen) if ansicht.knoten or gefaehrdet else [],
            "gefaehrdet": gefaehrdet,
            "knoten": _mit_ampel([ansicht.knoten])[0] if ansicht.knoten else None,
            "aufmerksamkeit": _mit_ampel(ansicht.aufmerksamkeit),
        },
    )


@permission_required("steuerung.view_kennzahl", raise_exception=True)
def kennzahl_auswertung(request, pk: int):
    kennzahl = get_object_or_404(
        fuer_benutzer(Kennzahl.objects.select_related("organisationseinheit", "verantwortlich"), request.user), pk=pk
    )
    schluessel = request.GET.get("periode")
    if schluessel:
        p = _periode_oder_404(schluessel)
    else:
        letzte = letztes_abgeschlossenes_tertial()
        p, _faellig = periode_fuer_rhythmus(kennzahl.erhebungsrhythmus, letzte)
        if p.ende > timezone.localdate():
            p = p.vorperiode()
    if p.rhythmus != kennzahl.erhebungsrhythmus:
        raise Http404(_("Diese Periode passt nicht zum Erhebungsrhythmus der Kennzahl."))
    a = auswertung_selectors.kennzahl_auswertung(kennzahl=kennzahl, periode=p)
    punkte = kennzahl_verlauf(kennzahl=kennzahl, bis=p)
    return render(
        request,
        "frontend/tertial/auswertung.html",
        {
            "kennzahl": kennzahl,
            "a": a,
            "punkte": punkte,
            "figur": kennzahl_chart.figur(punkte=punkte, auswertung=a),
            "textalternative": kennzahl_chart.textalternative(punkte=punkte, auswertung=a),
            "vorher": p.vorperiode(),
            "nachher": p.naechste() if p.naechste().beginn <= timezone.localdate() else None,
            "erfassen_url": reverse(
                "frontend:tertial-erfassung", kwargs={"oe": kennzahl.organisationseinheit_id, "periode": p.schluessel}
            )
            if request.user.has_perm("steuerung.add_messwert")
            else None,
        },
    )
