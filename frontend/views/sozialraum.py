"""Pages of the Sozialraum-Monitoring: table + map, index ranking, Steckbrief (+ PDF),
benchmark, import. Reads go through sozialraum.selectors (council filters included) and the views built on it
(sozialraum.raumvergleich, .steckbrief, .benchmark)."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from frontend.charts import sozialraum as charts
from sozialraum import benchmark, importer, importvorlage, raumvergleich, selectors
from sozialraum.index import HOCH_IST_GUT, METHODE_ABWEICHUNG, METHODE_Z
from sozialraum.models import Ebene, Indikator
from sozialraum.steckbrief import steckbrief as raum_steckbrief

LESEN = "sozialraum.view_indikatorwert"
METHODEN = [
    (METHODE_Z, _l("z-Werte (Standardabweichungen vom Mittelwert)")),
    (METHODE_ABWEICHUNG, _l("relative Abweichung vom Mittelwert")),
]
GRUENDE = {
    "zu_wenige_einwohner": _l("weniger Einwohner als die Mindestgröße"),
    "einwohner_unbekannt": _l("Einwohnerzahl unbekannt"),
    "keine_werte": _l("keine Indikatorwerte im Jahr"),
}


class _Auswahl(forms.Form):
    """Year and ebene; choices only offer what exists for the user."""

    jahr = forms.TypedChoiceField(label=_l("Jahr"), coerce=int)
    ebene = forms.ChoiceField(label=_l("Ebene"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        jahre = selectors.jahre()
        self.fields["jahr"].choices = [(j, str(j)) for j in reversed(jahre)]
        ebenen = selectors.ebenen_mit_raeumen(user=user)
        self.fields["ebene"].choices = [(e.value, e.label) for e in Ebene if e.value in ebenen]
        self.voreinstellung = {
            "jahr": jahre[-1] if jahre else None,
            "ebene": "stadtteil" if "stadtteil" in ebenen else (ebenen[0] if ebenen else None),
        }

    def werte(self) -> dict:
        if self.is_bound and self.is_valid():
            return self.cleaned_data
        return dict(self.voreinstellung)


class UebersichtForm(_Auswahl):
    merkmal = forms.ChoiceField(label=_l("Merkmal"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["merkmal"].choices = [("index", _("Sozialraumindex"))] + [
            (str(i.id), f"{i.bezeichnung} ({i.einheit})" if i.einheit else i.bezeichnung)
            for i in Indikator.objects.order_by("bereich", "bezeichnung")
        ]
        self.voreinstellung["merkmal"] = "index"


class RanglisteForm(_Auswahl):
    methode = forms.ChoiceField(label=_l("Methode"), choices=METHODEN, initial=METHODE_Z)
    schwelle = forms.DecimalField(
        label=_l("Schwelle für Handlungsbedarf"),
        max_digits=8,
        decimal_places=4,
        min_value=-100,
        max_value=100,
        localize=True,
    )
    anzahl = forms.IntegerField(
        label=_l("oder: Anzahl Räume mit Handlungsbedarf"),
        required=False,
        min_value=0,
        max_value=1000,
        help_text=_l("leer lassen, um die Schwelle zu verwenden"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.voreinstellung.update({"methode": METHODE_Z, "schwelle": Decimal("1.0"), "anzahl": None})


def _formular(form_klasse, request):
    if request.GET:
        return form_klasse(request.GET, user=request.user)
    form = form_klasse(user=request.user)
    form.initial = form.voreinstellung
    return form


@permission_required(LESEN, raise_exception=True)
def uebersicht(request):
    form = _formular(UebersichtForm, request)
    auswahl = form.werte()
    vergleich = figur = indikator = None
    if auswahl.get("jahr") and auswahl.get("ebene"):
        if auswahl["merkmal"] != "index":
            indikator = get_object_or_404(Indikator, pk=auswahl["merkmal"])
        vergleich = raumvergleich.raumvergleich(
            user=request.user, jahr=auswahl["jahr"], ebene=auswahl["ebene"], indikator=indikator
        )
        titel = indikator.bezeichnung if indikator else _("Sozialraumindex")
        figur = charts.karte(
            vergleich,
            titel=f"{titel} {auswahl['jahr']}",
            hoch_ist_gut=bool(indikator and indikator.richtung == HOCH_IST_GUT),
        )
    return render(
        request,
        "frontend/sozialraum/uebersicht.html",
        {
            "form": form,
            "auswahl": auswahl,
            "vergleich": vergleich,
            "indikator": indikator,
            "figur": figur,
            "ebene_text": dict(Ebene.choices).get(auswahl.get("ebene"), ""),
            "ratssicht": selectors.ist_ratssicht(request.user),
        },
    )


@permission_required(LESEN, raise_exception=True)
def rangliste(request):
    form = _formular(RanglisteForm, request)
    auswahl = form.werte()
    ansicht = None
    if auswahl.get("jahr") and auswahl.get("ebene"):
        ansicht = raumvergleich.sozialraumindex_berechnen(
            user=request.user,
            jahr=auswahl["jahr"],
            ebene=auswahl["ebene"],
            methode=auswahl["methode"],
            schwelle=auswahl["schwelle"],
            anzahl=auswahl.get("anzahl"),
        )
    ausgeschlossen = [
        {"name": a.name, "einwohner": a.einwohner, "grund": GRUENDE.get(a.grund, a.grund)}
        for a in (ansicht.ergebnis.ausgeschlossen if ansicht else [])
    ]
    return render(
        request,
        "frontend/sozialraum/rangliste.html",
        {
            "form": form,
            "ansicht": ansicht,
            "methode_text": dict(METHODEN).get(auswahl.get("methode"), ""),
            "ebene_text": dict(Ebene.choices).get(auswahl.get("ebene"), ""),
            "ausgeschlossen": ausgeschlossen,
            "mindesteinwohner": selectors.mindesteinwohner(),
        },
    )


def _steckbrief_kontext(request, pk: int) -> dict:
    raum = get_object_or_404(selectors.raeume_fuer(user=request.user), pk=pk)
    return {"s": raum_steckbrief(user=request.user, raum=raum), "ratssicht": selectors.ist_ratssicht(request.user)}


@permission_required(LESEN, raise_exception=True)
def steckbrief(request, pk: int):
    return render(request, "frontend/sozialraum/steckbrief.html", _steckbrief_kontext(request, pk))


@permission_required(LESEN, raise_exception=True)
def steckbrief_pdf(request, pk: int):
    """The Steckbrief as a tagged PDF (language "de", title = area name)."""
    from weasyprint import HTML

    kontext = _steckbrief_kontext(request, pk)
    html = render_to_string("frontend/sozialraum/steckbrief_pdf.html", kontext, request=request)
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf(pdf_variant="pdf/ua-1")
    antwort = HttpResponse(pdf, content_type="application/pdf")
    antwort["Content-Disposition"] = f'attachment; filename="steckbrief-{slugify(kontext["s"].raum.name)}.pdf"'
    return antwort


class VergleichForm(forms.Form):
    schluessel = forms.ChoiceField(label=_l("Verglichen wird"))
    jahr = forms.TypedChoiceField(label=_l("Jahr"), coerce=int)
    je_1000 = forms.BooleanField(label=_l("je 1.000 Einwohner"), required=False)

    def __init__(self, *args, uebersicht: list[dict], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["schluessel"].choices = [(z["schluessel"], z["bezeichnung"]) for z in uebersicht]
        jahre = sorted({j for z in uebersicht for j in z["jahre"]}, reverse=True)
        self.fields["jahr"].choices = [(j, str(j)) for j in jahre]


@permission_required("sozialraum.view_vergleichswert", raise_exception=True)
def vergleich(request):
    uebersicht = benchmark.vergleichsschluessel_uebersicht(user=request.user)
    form = VergleichForm(request.GET or None, uebersicht=uebersicht)
    if form.is_bound and form.is_valid():
        auswahl = form.cleaned_data
    elif uebersicht:
        auswahl = {"schluessel": uebersicht[0]["schluessel"], "jahr": uebersicht[0]["jahre"][-1], "je_1000": False}
        form = VergleichForm(initial=auswahl, uebersicht=uebersicht)
    else:
        auswahl = None
    ansicht = figur = None
    if auswahl:
        ansicht = benchmark.benchmark_berechnen(user=request.user, **auswahl)
        figur = charts.benchmark(ansicht, titel=f"{ansicht.bezeichnung} {auswahl['jahr']}")
    return render(
        request,
        "frontend/sozialraum/vergleich.html",
        {"form": form, "ansicht": ansicht, "figur": figur, "uebersicht": uebersicht},
    )


IMPORTARTEN = {
    "indikatorwerte": (_l("Indikatorwerte"), "sozialraum.add_indikatorwert", importer.indikatorwerte_importieren),
    "vergleichswerte": (_l("Vergleichswerte"), "sozialraum.add_vergleichswert", importer.vergleichswerte_importieren),
}


class ImportForm(forms.Form):
    art = forms.ChoiceField(
        label=_l("Was wird importiert?"),
        choices=[(k, v[0]) for k, v in IMPORTARTEN.items()],
        initial="indikatorwerte",
        required=False,
        widget=forms.RadioSelect,
    )
    datei = forms.FileField(
        label=_l("Datei (CSV oder Excel)"),
        help_text=_l(
            "Spalten wie in der Vorlage: Indikatorwerte indikator; raum; jahr; wert – "
            "Vergleichswerte kommune; vergleichsschluessel; jahr; wert (optional bezeichnung; einwohner; quelle). "
            "Höchstens 5 MB."
        ),
    )


@permission_required("sozialraum.add_indikatorwert", raise_exception=True)
def importieren(request):
    art = request.GET.get("art")  # preselected by the links of the Stammdaten lists
    form = ImportForm(request.POST or None, request.FILES or None, initial={"art": art} if art in IMPORTARTEN else {})
    fehler: list[str] = []
    if request.method == "POST" and form.is_valid():
        datei = form.cleaned_data["datei"]
        titel, recht, importieren_ = IMPORTARTEN[form.cleaned_data["art"] or "indikatorwerte"]
        if not request.user.has_perm(recht):
            raise PermissionDenied
        if datei.size > importer.MAX_GROESSE:
            fehler = [_("Die Datei ist zu groß (höchstens 5 MB).")]
        else:
            try:
                ergebnis = importieren_(name=datei.name, inhalt=datei.read(), user=request.user)
            except ValidationError as exc:
                fehler = exc.messages
            else:
                messages.success(
                    request,
                    _("Import abgeschlossen (%(titel)s): %(a)s Werte angelegt, %(b)s geändert.")
                    % {"titel": titel, "a": ergebnis.angelegt, "b": ergebnis.aktualisiert},
                )
                return redirect("frontend:sozialraum-import")
    return render(
        request, "frontend/sozialraum/import.html", {"form": form, "fehler": fehler, "arten": IMPORTARTEN.items()}
    )


def vorlage(request, art: str):
    """The .xlsx template of one import kind, for roles that may import it."""
    if art not in IMPORTARTEN:
        raise Http404
    if not request.user.has_perm(IMPORTARTEN[art][1]):
        raise PermissionDenied
    antwort = HttpResponse(
        importvorlage.vorlage(art), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    antwort["Content-Disposition"] = f'attachment; filename="vorlage-{art}.xlsx"'
    return antwort
