"""Sozialraum: Räume (with Einwohner per year), Indikatoren and their values, Träger, Angebote,
Vergleichswerte (sozialraum API; the Rat's filters come with the viewsets' querysets)."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from frontend.forms.zahlen import zahl_de
from frontend.pflege.anzeige import text
from frontend.pflege.formulare import PflegeFormular
from frontend.pflege.konfig import Pflegeseite, registrieren
from frontend.pflege.registry import SOZIALRAUM, Zusatzlink
from sozialraum import selectors
from sozialraum.api import views

_ZEILE = re.compile(r"^\s*(\d{4})\s*[:;=]?\s*([\d.]+)\s*$")


class EinwohnerFeld(forms.CharField):
    """Population per year, one line each ("2025: 12.345"); all bad lines are named at once."""

    widget = forms.Textarea(attrs={"rows": 4})

    def to_python(self, value):
        text_ = super().to_python(value)
        eintraege, fehler = [], []
        for nummer, zeile in enumerate(text_.splitlines(), start=1):
            if not zeile.strip():
                continue
            treffer = _ZEILE.match(zeile)
            if treffer is None:
                fehler.append(
                    _("Zeile %(n)s: „%(z)s“ – bitte „Jahr: Einwohner“ angeben, z. B. „2025: 12.345“.")
                    % {"n": nummer, "z": zeile.strip()}
                )
                continue
            eintraege.append({"jahr": int(treffer[1]), "einwohner": int(treffer[2].replace(".", ""))})
        if fehler:
            raise forms.ValidationError(fehler)
        return eintraege


class RaumFormular(PflegeFormular):
    einwohner_je_jahr = EinwohnerFeld(
        label=_l("Einwohner je Jahr"),
        required=False,
        help_text=_l("eine Zeile je Jahr (Stichtag 31.12.), z. B. „2025: 12.345“; leere Liste = keine Einwohnerzahlen"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["einwohner_je_jahr"].initial = "\n".join(
                f"{e.jahr}: {text(e.einwohner)}" for e in self.instance.einwohnerzahlen.order_by("jahr")
            )


def _indikatorwert(obj, user) -> str:
    """The value as the API shows it: small counts as "< 5" for the Rat."""
    if selectors.ist_kleinzahl(wert=obj.wert, indikator=obj.indikator, user=user):
        return selectors.kleinzahl_text()
    return zahl_de(obj.wert)


def _indikatorwert_name(obj, user) -> str:
    return f"{obj.indikator} / {obj.raum} / {obj.jahr}: {_indikatorwert(obj, user)}"


def _vergleichswert_name(obj, user) -> str:
    return f"{obj.kommune} / {obj.bezeichnung or obj.vergleichsschluessel} / {obj.jahr}: {zahl_de(obj.wert)}"


def _import(art: str, *rechte: str) -> Zusatzlink:
    """The Excel import of the Sozialraum pages; its page needs add_indikatorwert, the kind its own right."""
    return Zusatzlink(
        _l("Als Excel- oder CSV-Datei importieren"),
        "frontend:sozialraum-import",
        ("sozialraum.add_indikatorwert", *rechte),
        abfrage=f"art={art}",
    )


registrieren(
    Pflegeseite(
        slug="raeume",
        viewset=views.RaumViewSet,
        gruppe=SOZIALRAUM,
        felder=["schluessel", "name", "ebene", "eltern", "einwohner_je_jahr", "beschreibung", "grenze_schematisch"],
        spalten=["name", "schluessel", "ebene", "eltern", "einwohner_aktuell"],
        beschreibung=_l("Stadtbezirke, Stadtteile, Quartiere mit ihren Einwohnerzahlen je Jahr"),
        formular=RaumFormular,
        widgets={"beschreibung": forms.Textarea(attrs={"rows": 3})},
        beschriftung={"einwohner_aktuell": _l("Einwohner (neuester Stand)")},
    ),
    Pflegeseite(
        slug="indikatoren",
        viewset=views.IndikatorViewSet,
        gruppe=SOZIALRAUM,
        felder=[
            "schluessel",
            "bezeichnung",
            "bereich",
            "definition",
            "zaehler",
            "nenner",
            "einheit",
            "datenquelle",
            "richtung",
            "gewicht",
            "ist_fallzahl",
        ],
        spalten=["bezeichnung", "schluessel", "bereich", "einheit", "richtung", "gewicht"],
        beschreibung=_l("Indikatoren der Sozialberichterstattung mit Richtung und Gewicht im Index"),
        widgets={"definition": forms.Textarea(attrs={"rows": 3})},
    ),
    Pflegeseite(
        slug="indikatorwerte",
        viewset=views.IndikatorwertViewSet,
        gruppe=SOZIALRAUM,
        felder=["indikator", "raum", "jahr", "wert"],
        spalten=["indikator", "raum", "jahr", "wert"],
        beschreibung=_l("Werte je Indikator, Raum und Jahr"),
        anzeige={"wert": _indikatorwert},
        bezeichnung=_indikatorwert_name,
        verweiskontext=lambda o, user: f"{o.raum}, {o.jahr}",
        links=(_import("indikatorwerte"),),
    ),
    Pflegeseite(
        slug="traeger",
        viewset=views.TraegerViewSet,
        gruppe=SOZIALRAUM,
        felder=["name", "art", "webseite"],
        spalten=["name", "art", "anzahl_angebote"],
        beschreibung=_l("Freie Träger, Wohlfahrtsverbände und städtische Einrichtungen"),
        beschriftung={"anzahl_angebote": _l("Angebote")},
    ),
    Pflegeseite(
        slug="angebote",
        viewset=views.AngebotViewSet,
        gruppe=SOZIALRAUM,
        felder=["bezeichnung", "art", "traeger", "raum", "standort", "zielgruppe", "oeffnungszeiten"],
        spalten=["bezeichnung", "art", "traeger", "raum"],
        beschreibung=_l("Angebote der Träger in den Räumen"),
    ),
    Pflegeseite(
        slug="vergleichswerte",
        viewset=views.VergleichswertViewSet,
        gruppe=SOZIALRAUM,
        felder=[
            "kommune",
            "vergleichsschluessel",
            "bezeichnung",
            "jahr",
            "wert",
            "einwohner",
            "einwohner_demowert",
            "quelle",
        ],
        spalten=["kommune", "vergleichsschluessel", "jahr", "wert", "einwohner"],
        beschreibung=_l("Werte anderer Kommunen für den interkommunalen Vergleich"),
        bezeichnung=_vergleichswert_name,
        verweiskontext=lambda o, user: f"{o.vergleichsschluessel}, {o.jahr}",
        links=(_import("vergleichswerte", "sozialraum.add_vergleichswert"),),
    ),
)
