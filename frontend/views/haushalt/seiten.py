"""Finance pages: overview and Finanzdatenblatt per Produkt, Produktgruppe and Produktbereich.

Thin views over haushalt.finanzen / haushalt.uebersicht; a unit outside the user's scope is 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from frontend.charts import haushalt as diagramm
from frontend.views.haushalt.formulare import AuswahlFormular, JahrFormular, ProduktzuordnungFormular
from haushalt import finanzen, selectors, services
from haushalt.models import Produktzuordnung
from haushalt.uebersicht import finanzuebersicht

LESEN = "haushalt.view_haushaltsposition"
EBENE_TEXT = {
    finanzen.Ebene.PRODUKT: _l("Produkt"),
    finanzen.Ebene.PRODUKTGRUPPE: _l("Produktgruppe"),
    finanzen.Ebene.PRODUKTBEREICH: _l("Produktbereich"),
}
ZUSTAND_TEXT = {
    "ansatz": _l("Ansatz"),
    "fortgeschriebener_ansatz": _l("fortgeschriebener Ansatz"),
    "ist": _l("Ist"),
    "prognose": _l("Prognose"),
    "ist_vorjahr": _l("Ist des Vorjahres"),
}


def _jahre(user) -> list[int]:
    jahre = selectors.jahre_mit_daten(produkte=selectors.produkte_fuer(user=user))
    return jahre or [timezone.localdate().year]


def _standardjahr(jahre: list[int]) -> int:
    heute = timezone.localdate().year
    bis_heute = [j for j in jahre if j <= heute]
    return bis_heute[-1] if bis_heute else jahre[-1]


@permission_required(LESEN, raise_exception=True)
def uebersicht(request):
    jahre = _jahre(request.user)
    formular = JahrFormular(request.GET or None, jahre=jahre)
    jahr = formular.cleaned_data["jahr"] if formular.is_bound and formular.is_valid() else _standardjahr(jahre)
    if not formular.is_bound:
        formular = JahrFormular(initial={"jahr": jahr}, jahre=jahre)
    return render(
        request,
        "frontend/haushalt/uebersicht.html",
        {"jahr": jahr, "formular": formular, "bereiche": finanzuebersicht(user=request.user, jahr=jahr)},
    )


def _pfad(blatt: finanzen.Finanzdatenblatt) -> list[dict]:
    """Breadcrumb from the Produktbereich down to the sheet's unit."""
    teile = blatt.nummer.split(".")
    pfad = []
    if blatt.ebene != finanzen.Ebene.PRODUKTBEREICH and len(teile) >= 3:
        pfad.append({"ebene": "produktbereich", "nummer": ".".join(teile[:2]), "text": _("Produktbereich")})
    if blatt.ebene == finanzen.Ebene.PRODUKT and len(teile) >= 4:
        pfad.append({"ebene": "produktgruppe", "nummer": ".".join(teile[:3]), "text": _("Produktgruppe")})
    return pfad


def _blatt(request, ebene: str, nummer: str):
    jahre = _jahre(request.user)
    formular = AuswahlFormular(request.GET or None, jahre=jahre)
    auswahl = {"jahr": _standardjahr(jahre), "vergleich": finanzen.Vergleich.ANSATZ, "stichtag": None}
    if formular.is_bound and formular.is_valid():
        auswahl.update({k: v for k, v in formular.cleaned_data.items() if v})
    elif not formular.is_bound:
        formular = AuswahlFormular(initial=auswahl, jahre=jahre)
    try:
        blatt = finanzen.finanzdatenblatt(
            user=request.user,
            ebene=ebene,
            nummer=nummer,
            jahr=auswahl["jahr"],
            vergleich=auswahl["vergleich"],
            bis=auswahl["stichtag"],
        )
    except finanzen.NichtGefunden as exc:
        raise Http404 from exc
    fk = blatt.fallkosten
    veraenderung = {}
    if fk and fk.aufteilung:
        veraenderung = {
            "fallzahl": fk.fallzahl_i - fk.fallzahl_p,
            "kosten": fk.aufteilung.kosten_je_fall_i - fk.aufteilung.kosten_je_fall_p,
        }
    je_einwohner_i = None
    if blatt.je_einwohner:
        je_einwohner_i = blatt.je_einwohner.von(blatt.zustand_i or "ansatz")
    zuordnung = None
    if ebene == finanzen.Ebene.PRODUKT:
        zuordnung = (
            Produktzuordnung.objects.filter(produkt__nummer=nummer).select_related("organisationseinheit").first()
        )
    return render(
        request,
        "frontend/haushalt/finanzdatenblatt.html",
        {
            "blatt": blatt,
            "formular": formular,
            "ebene_text": EBENE_TEXT[ebene],
            "p_text": ZUSTAND_TEXT[blatt.zustand_p],
            "i_text": ZUSTAND_TEXT.get(blatt.zustand_i or "", ""),
            "pfad": _pfad(blatt),
            "zuordnung": zuordnung,
            "veraenderung": veraenderung,
            "je_einwohner_i": je_einwohner_i,
            "figur": diagramm.zuschussbedarf_verlauf(blatt.verlauf),
            "diagramm_titel": diagramm.TITEL,
            "textalternative": diagramm.textalternative(blatt.verlauf),
            "darf_zuordnen": request.user.has_perm("haushalt.change_produktzuordnung"),
        },
    )


@permission_required(LESEN, raise_exception=True)
def produkt(request, nummer: str):
    return _blatt(request, finanzen.Ebene.PRODUKT, nummer)


@permission_required(LESEN, raise_exception=True)
def produktgruppe(request, nummer: str):
    return _blatt(request, finanzen.Ebene.PRODUKTGRUPPE, nummer)


@permission_required(LESEN, raise_exception=True)
def produktbereich(request, nummer: str):
    return _blatt(request, finanzen.Ebene.PRODUKTBEREICH, nummer)


@permission_required("haushalt.change_produktzuordnung", raise_exception=True)
def zuordnung(request, nummer: str):
    """A Produkt's responsible unit, Fallzahl-Kennzahl and Transferaufwand line."""
    produkt_ = get_object_or_404(selectors.produkte_fuer(user=request.user), nummer=nummer)
    vorhanden = Produktzuordnung.objects.filter(produkt=produkt_).first()
    formular = ProduktzuordnungFormular(request.POST or None, instance=vorhanden, user=request.user)
    if request.method == "POST" and formular.is_valid():
        try:
            services.produktzuordnung_speichern(
                produkt=produkt_, daten=formular.daten(), user=request.user, revision=formular.cleaned_data["revision"]
            )
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for feld, fehler in exc.message_dict.items():
                    formular.add_error(feld if feld in formular.fields else None, fehler)
            else:
                formular.add_error(None, exc.messages)
        else:
            messages.success(request, _("Die Haushaltsangaben zu %(p)s wurden gespeichert.") % {"p": produkt_})
            return redirect("frontend:finanzen-produkt", nummer=produkt_.nummer)
    return render(request, "frontend/haushalt/zuordnung.html", {"produkt": produkt_, "formular": formular})
