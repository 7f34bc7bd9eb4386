"""Report sections contributed by the apps above steuerung (HSK-Controlling, Finanzen).

steuerung sits below controlling and haushalt in the layers, so the tertial report cannot import
them. Instead each of those apps registers an `Abschnitt` in its `AppConfig.ready()`. A section
1. builds plain JSON data for a unit and a tertial at the report's Stichtag (`stichtag_von`;
   stored in the content, so a published snapshot keeps it and regenerates byte-identically),
2. may name open points that block submission (a missing Begründung, like a Kennzahl's),
3. renders its data with its own template (page and PDF) and its own Excel sheets.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone

from core.periods import Periode, standard_stichtag
from organisation.models import Organisationseinheit

# (sheet title, header row, data rows) – written by the report's Excel export with formula escaping.
Blatt = tuple[str, list[str], list[list]]


@dataclass(frozen=True)
class Abschnitt:
    """One contributed report section; `schluessel` is stable, it is stored in published snapshots."""

    schluessel: str
    titel: str
    vorlage: str
    # (*, organisationseinheit, periode, stichtag) -> JSON-able dict, or None when the unit has nothing to show.
    bauen: Callable[..., dict | None]
    # (*, organisationseinheit, periode) -> German messages; any message blocks submission.
    offene_punkte: Callable[..., list[str]] | None = None
    # (daten) -> sheets for the Excel export.
    excel_blaetter: Callable[[dict], list[Blatt]] | None = None
    # (*, organisationseinheit, periode) -> URL of the internal page where the section's open points are resolved.
    erfassung: Callable[..., str] | None = None
    reihenfolge: int = field(default=100)


_REGISTER: dict[str, Abschnitt] = {}


def registrieren(abschnitt: Abschnitt) -> None:
    """Register (or replace, so `ready()` running twice is harmless) a section."""
    _REGISTER[abschnitt.schluessel] = abschnitt


def alle() -> list[Abschnitt]:
    return sorted(_REGISTER.values(), key=lambda a: (a.reihenfolge, a.schluessel))


def abschnitt(schluessel: str) -> Abschnitt | None:
    return _REGISTER.get(schluessel)


def stichtag_von(periode: Periode, *, heute: date | None = None) -> date:
    """The report's Stichtag: the tertial's last day, but never after the default data date.

    A report built (or published) before its tertial has ended is read at the last day of the
    previous month (core.periods.standard_stichtag), so no forecast month counts as Ist.
    Publication freezes the date in the snapshot.
    """
    heute = heute or timezone.localdate()
    return min(periode.ende, standard_stichtag(heute=heute))


def daten_bauen(*, organisationseinheit: Organisationseinheit, periode: Periode, stichtag: date) -> list[dict]:
    """The sections' data in display order at the report's Stichtag, as stored in the report content."""
    ergebnis = []
    for a in alle():
        daten = a.bauen(organisationseinheit=organisationseinheit, periode=periode, stichtag=stichtag)
        if daten is not None:
            ergebnis.append({"schluessel": a.schluessel, "titel": str(a.titel), "vorlage": a.vorlage, "daten": daten})
    return ergebnis


def offene_punkte(*, organisationseinheit: Organisationseinheit, periode: Periode) -> list[str]:
    """Every section's reasons why the report cannot be submitted yet."""
    punkte: list[str] = []
    for a in alle():
        if a.offene_punkte is not None:
            punkte.extend(a.offene_punkte(organisationseinheit=organisationseinheit, periode=periode))
    return punkte


def erfassungen(*, organisationseinheit: Organisationseinheit, periode: Periode) -> list[dict]:
    """Per section with an entry page: its title, its open points and the page's URL (internal report page)."""
    ergebnis = []
    for a in alle():
        if a.erfassung is None:
            continue
        punkte = a.offene_punkte(organisationseinheit=organisationseinheit, periode=periode) if a.offene_punkte else []
        ergebnis.append(
            {
                "schluessel": a.schluessel,
                "titel": str(a.titel),
                "punkte": punkte,
                "url": a.erfassung(organisationseinheit=organisationseinheit, periode=periode),
            }
        )
    return ergebnis


def excel_blaetter(inhalt: dict) -> list[Blatt]:
    """Sheets of the stored sections; a section whose app is gone contributes none."""
    blaetter: list[Blatt] = []
    for eintrag in inhalt.get("abschnitte", []):
        a = abschnitt(eintrag["schluessel"])
        if a is not None and a.excel_blaetter is not None:
            blaetter.extend(a.excel_blaetter(eintrag["daten"]))
    return blaetter
