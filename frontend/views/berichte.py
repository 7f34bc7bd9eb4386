"""Tertialbericht pages: list, report per unit and tertial with workflow actions, council reports.

Scope: units via organisation.selectors (other units: 404); the Rat reads published reports only
(steuerung.berichte.inhalt.veroeffentlichungen_fuer). Writes go through steuerung.berichte.workflow.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from core.periods import Periode, Rhythmus, periode, tertial_von
from frontend.charts.berichte import zeg_figur
from organisation.benachrichtigungen import beim_besuch_gelesen
from organisation.selectors import fuer_benutzer, organisationseinheiten_fuer
from steuerung.aufgaben.rat import besuch_merken
from steuerung.berichte import abschnitte, workflow
from steuerung.berichte.dateien import datei_antwort
from steuerung.berichte.filtersets import TertialberichtFilterSet
from steuerung.berichte.inhalt import inhalt_bauen, kennzahlzeilen, veroeffentlichungen_fuer, wertaenderungen
from steuerung.berichte.oeffentlich import fuer_rat
from steuerung.models import Tertialbericht, Veroeffentlichung
from steuerung.models.berichte import Berichtsaktion, Berichtsstatus

AKTIONEN = {
    Berichtsaktion.EINREICHEN: workflow.tertialbericht_einreichen,
    Berichtsaktion.FREIGEBEN: workflow.tertialbericht_freigeben,
    Berichtsaktion.ZURUECKGEBEN: workflow.tertialbericht_zurueckgeben,
    Berichtsaktion.VEROEFFENTLICHEN: workflow.tertialbericht_veroeffentlichen,
    Berichtsaktion.WIEDER_OEFFNEN: workflow.tertialbericht_wieder_oeffnen,
}
KNOPF = {
    Berichtsaktion.EINREICHEN: gettext_lazy("Bericht einreichen"),
    Berichtsaktion.FREIGEBEN: gettext_lazy("Bericht freigeben"),
    Berichtsaktion.ZURUECKGEBEN: gettext_lazy("Bericht zurückgeben"),
    Berichtsaktion.VEROEFFENTLICHEN: gettext_lazy("Bericht veröffentlichen"),
    Berichtsaktion.WIEDER_OEFFNEN: gettext_lazy("Bericht wieder öffnen"),
}
TEXTFELD = {
    Berichtsaktion.ZURUECKGEBEN: ("notiz", gettext_lazy("Notiz: was soll geändert werden?")),
    Berichtsaktion.WIEDER_OEFFNEN: ("begruendung", gettext_lazy("Begründung der Wiederöffnung")),
}


class AktionForm(forms.Form):
    aktion = forms.ChoiceField(choices=Berichtsaktion.choices, widget=forms.HiddenInput)
    erwarteter_status = forms.ChoiceField(choices=Berichtsstatus.choices, widget=forms.HiddenInput)
    text = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, aktion: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if aktion in TEXTFELD:
            self.fields["text"].label = TEXTFELD[aktion][1]
            self.fields["text"].required = True
            self.fields["text"].error_messages["required"] = _("Bitte füllen Sie dieses Feld aus.")
        else:
            self.fields["text"].widget = forms.HiddenInput()


class BerichtAufrufenForm(forms.Form):
    organisationseinheit = forms.ModelChoiceField(
        label=gettext_lazy("Organisationseinheit"), queryset=None, empty_label=None
    )
    periode = forms.ChoiceField(label=gettext_lazy("Tertial"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisationseinheit"].queryset = organisationseinheiten_fuer(user).order_by("kuerzel")
        self.fields["periode"].choices = [(p.schluessel, p.bezeichnung) for p in tertiale_zur_auswahl()]


def tertiale_zur_auswahl(anzahl: int = 6) -> list[Periode]:
    p = tertial_von(timezone.localdate())
    ergebnis = []
    for _i in range(anzahl):
        ergebnis.append(p)
        p = p.vorperiode()
    return ergebnis


def _tertial_oder_404(schluessel: str) -> Periode:
    try:
        p = periode(schluessel)
    except ValueError as exc:
        raise Http404(str(exc)) from exc
    if p.rhythmus != Rhythmus.TERTIAL:
        raise Http404(_("Ein Tertialbericht gilt für ein Tertial."))
    return p


@permission_required("steuerung.view_tertialbericht", raise_exception=True)
def liste(request):
    qs = fuer_benutzer(Tertialbericht.objects.select_related("organisationseinheit"), request.user).order_by(
        "-periode", "organisationseinheit__kuerzel"
    )
    filter_ = TertialberichtFilterSet(request.GET or None, queryset=qs, request=request)
    filter_.form.fields["organisationseinheit"].queryset = organisationseinheiten_fuer(request.user).order_by("kuerzel")
    filter_.form.fields["organisationseinheit"].empty_label = _("alle")
    gefiltert = filter_.qs if not filter_.is_bound or filter_.is_valid() else qs.none()
    seite = Paginator(gefiltert, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "frontend/berichte/liste.html",
        {"filter": filter_, "seite": seite, "aufrufen": BerichtAufrufenForm(user=request.user)},
    )


@permission_required("steuerung.view_tertialbericht", raise_exception=True)
def aufrufen(request):
    form = BerichtAufrufenForm(request.GET, user=request.user)
    if not form.is_valid():
        messages.error(request, _("Bitte wählen Sie eine Organisationseinheit und ein Tertial."))
        return redirect("frontend:berichte-liste")
    return redirect(
        "frontend:bericht", oe=form.cleaned_data["organisationseinheit"].pk, periode=form.cleaned_data["periode"]
    )


@permission_required("steuerung.view_tertialbericht", raise_exception=True)
def bericht(request, oe: int, periode: str):
    tertial = _tertial_oder_404(periode)
    einheit = get_object_or_404(organisationseinheiten_fuer(request.user), pk=oe)
    beim_besuch_gelesen(user=request.user, pfad=request.path)
    vorhanden = (
        Tertialbericht.objects.filter(organisationseinheit=einheit, periode=tertial.schluessel)
        .prefetch_related("uebergaenge__benutzer", "veroeffentlichungen")
        .first()
    )
    b = vorhanden or Tertialbericht(organisationseinheit=einheit, periode=tertial.schluessel)
    zeilen = kennzahlzeilen(organisationseinheit=einheit, periode=tertial.schluessel)
    inhalt = inhalt_bauen(organisationseinheit=einheit, periode=tertial.schluessel, zeilen=zeilen)
    vorhandene_abschnitte = {a["schluessel"] for a in inhalt["abschnitte"]}
    erfassungen = [
        e
        for e in abschnitte.erfassungen(organisationseinheit=einheit, periode=tertial)
        if e["schluessel"] in vorhandene_abschnitte
    ]
    aktionen = []
    for aktion in workflow.moegliche_aktionen(bericht=b, user=request.user):
        form = AktionForm(initial={"aktion": aktion, "erwarteter_status": b.status}, aktion=aktion, prefix=aktion)
        aktionen.append({"aktion": aktion, "knopf": KNOPF[aktion], "form": form})
    return render(
        request,
        "frontend/berichte/bericht.html",
        {
            "bericht": b,
            "einheit": einheit,
            "tertial": tertial,
            "inhalt": inhalt,
            "figur": zeg_figur(inhalt["diagramm"]),
            "aktionen": aktionen,
            "uebergaenge": list(b.uebergaenge.all()) if vorhanden else [],
            "aenderungen": wertaenderungen(zeilen=zeilen),
            "fehlend": [z for z in zeilen if z.erklaerung_fehlt],
            "ohne_wert": [z for z in zeilen if z.wert_fehlt_unbegruendet],
            "veroeffentlichungen": list(b.veroeffentlichungen.all()) if vorhanden else [],
            "erfassungen": erfassungen,
            "erfassung_url": reverse(
                "frontend:tertial-erfassung", kwargs={"oe": einheit.pk, "periode": tertial.schluessel}
            ),
        },
    )


@require_POST
@permission_required("steuerung.change_tertialbericht", raise_exception=True)
def aktion(request, oe: int, periode: str):
    tertial = _tertial_oder_404(periode)
    einheit = get_object_or_404(organisationseinheiten_fuer(request.user), pk=oe)
    aktion_ = request.POST.get("aktion", "")
    ziel = redirect("frontend:bericht", oe=einheit.pk, periode=tertial.schluessel)
    if aktion_ not in AKTIONEN:
        messages.error(request, _("Unbekannte Aktion. Bitte einen der Knöpfe auf der Berichtsseite verwenden."))
        return ziel
    form = AktionForm(request.POST, aktion=aktion_, prefix=aktion_)
    if not form.is_valid():
        for fehler in form.errors.values():
            messages.error(request, f"{TEXTFELD.get(aktion_, ('', ''))[1]}: {' '.join(fehler)}")
        return ziel
    extra = {}
    if aktion_ in TEXTFELD:
        extra[TEXTFELD[aktion_][0]] = form.cleaned_data["text"]
    try:
        b = workflow.tertialbericht_holen_oder_anlegen(organisationseinheit=einheit, periode=tertial.schluessel)
        AKTIONEN[aktion_](
            bericht=b, user=request.user, erwarteter_status=form.cleaned_data["erwarteter_status"], **extra
        )
    except workflow.Rechtefehler as exc:
        raise PermissionDenied(exc.meldung) from exc
    except ValidationError as exc:
        for meldung in exc.messages:
            messages.error(request, meldung)
        return ziel
    b.refresh_from_db()
    messages.success(request, _("Erledigt: Der Bericht ist jetzt „%(status)s“.") % {"status": b.get_status_display()})
    return ziel


@permission_required("steuerung.view_veroeffentlichung", raise_exception=True)
def veroeffentlichungen(request):
    # What is listed now is no longer "new" on the start page (steuerung.aufgaben.rat).
    besuch_merken(user=request.user)
    qs = veroeffentlichungen_fuer(request.user).order_by("-periode", "organisationseinheit__kuerzel", "-fassung")
    seite = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(request, "frontend/berichte/veroeffentlichungen.html", {"seite": seite})


def _veroeffentlichung(request, pk: int) -> Veroeffentlichung:
    return get_object_or_404(veroeffentlichungen_fuer(request.user), pk=pk)


@permission_required("steuerung.view_veroeffentlichung", raise_exception=True)
def veroeffentlichung(request, pk: int):
    v = _veroeffentlichung(request, pk)
    beim_besuch_gelesen(user=request.user, pfad=request.path)
    # What the council reads: roles instead of names, no internal notes (also for earlier snapshots).
    inhalt = fuer_rat(v.daten)
    return render(
        request,
        "frontend/berichte/veroeffentlichung.html",
        {"v": v, "inhalt": inhalt, "figur": zeg_figur(inhalt["diagramm"])},
    )


@permission_required("steuerung.view_veroeffentlichung", raise_exception=True)
def pdf(request, pk: int):
    v = _veroeffentlichung(request, pk)
    return datei_antwort(Veroeffentlichung.objects.select_related("organisationseinheit").get(pk=v.pk), "pdf")


@permission_required("steuerung.view_veroeffentlichung", raise_exception=True)
def excel(request, pk: int):
    v = _veroeffentlichung(request, pk)
    return datei_antwort(Veroeffentlichung.objects.select_related("organisationseinheit").get(pk=v.pk), "xlsx")
