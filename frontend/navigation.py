"""Main navigation by role: an entry shows when the user has its permission.

Later features append entries here; the start page shows the same entries as tiles.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from frontend.pflege.registry import darf_etwas_sehen


@dataclass(frozen=True)
class Eintrag:
    titel: str
    url_name: str
    recht: str | None  # a permission such as "steuerung.view_leitziel"; None = every logged-in user
    beschreibung: str = ""
    sichtbar: Callable[[object], bool] | None = None  # instead of `recht`: a check of the user


NAVIGATION: list[Eintrag] = [
    Eintrag(_("Startseite"), "frontend:start", None, _("Überblick für Ihre Rolle")),
    Eintrag(
        _("Zielpyramide"),
        "frontend:zielpyramide",
        "steuerung.view_leitziel",
        _("Ziele, Maßnahmen und Kennzahlen je Haushaltsjahr"),
    ),
    Eintrag(
        _("Zielsystem-Check"),
        "frontend:zielsystem-check",
        "steuerung.add_leitziel",
        _("SMART-Lücken und Maßnahmen ohne Leitziel"),
    ),
    Eintrag(
        _("Werte erfassen"),
        "frontend:tertial-erfassung-uebersicht",
        "steuerung.add_messwert",
        _("Kennzahlwerte je Tertial per Formular oder Excel-Vorlage erfassen"),
    ),
    Eintrag(
        _("Dashboard"),
        "frontend:tertial-dashboard",
        "steuerung.view_messwert",
        _("Zielerreichung je Tertial: Ampeln, Handlungsbedarf, Vollständigkeit"),
    ),
    Eintrag(
        _("Sozialraum"),
        "frontend:sozialraum",
        "sozialraum.view_indikatorwert",
        _("Indikatoren je Raum als Tabelle und Karte, Steckbriefe"),
    ),
    Eintrag(
        _("Sozialraumindex"),
        "frontend:sozialraum-index",
        "sozialraum.view_indikatorwert",
        _("Rangfolge der Räume und Handlungsbedarf"),
    ),
    Eintrag(
        _("Interkommunaler Vergleich"),
        "frontend:sozialraum-vergleich",
        "sozialraum.view_vergleichswert",
        _("Eigene Kennzahlen im Vergleich mit anderen Städten"),
    ),
    Eintrag(
        _("HSK-Controlling"),
        "frontend:hsk-liste",
        "controlling.view_hskmassnahme",
        _("HSK-Maßnahmen, Konsolidierungsverlauf und Portfolio"),
    ),
    Eintrag(
        _("Präventionsbudget"),
        "frontend:hsk-praevention",
        "controlling.view_praeventionsprojekt",
        _("Projekte des Experimentiertopfs und Präventionsfaktor"),
    ),
    Eintrag(
        _("Finanzen"),
        "frontend:finanzen",
        "haushalt.view_haushaltsposition",
        _("Finanzdatenblatt je Produkt: Ansatz, Ist, Prognose, Zuschussbedarf, Mengen- und Preiseffekt"),
    ),
    Eintrag(
        _("Zuwendungen"),
        "frontend:zuwendungen",
        "haushalt.view_zuwendung",
        _("Zuwendungen an Träger je Förderbereich und Verwendungsnachweise"),
    ),
    Eintrag(
        _("Tertialberichte"),
        "frontend:berichte-liste",
        "steuerung.view_tertialbericht",
        _("Berichte einreichen, freigeben, zurückgeben und veröffentlichen"),
    ),
    Eintrag(
        _("Veröffentlichte Berichte"),
        "frontend:veroeffentlichungen",
        "steuerung.view_veroeffentlichung",
        _("Tertialberichte für den Rat als Seite, PDF und Excel"),
    ),
    Eintrag(
        _("Stammdaten"),
        "frontend:stammdaten",
        None,
        _("Produkte, Perioden und Fristen, HSK-Maßnahmen, Prävention, Sozialraumdaten und weitere Stammdaten"),
        sichtbar=darf_etwas_sehen,
    ),
    Eintrag(
        _("Benutzerverwaltung"),
        "frontend:benutzer-liste",
        "organisation.change_benutzer",
        _("Konten anlegen, Rollen zuweisen, einladen, deaktivieren"),
    ),
]


def eintraege_fuer(user) -> list[dict]:
    sichtbar = []
    for eintrag in NAVIGATION:
        if eintrag.recht and not user.has_perm(eintrag.recht):
            continue
        if eintrag.sichtbar and not eintrag.sichtbar(user):
            continue
        try:
            url = reverse(eintrag.url_name)
        except NoReverseMatch:
            continue
        sichtbar.append({"titel": eintrag.titel, "url": url, "beschreibung": eintrag.beschreibung})
    return sichtbar
