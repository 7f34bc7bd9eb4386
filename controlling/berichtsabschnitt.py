"""The HSK section of the published Tertialbericht (registered in steuerung.berichte.abschnitte).

The report is what the council reads, and its published snapshot is frozen as built here, so
the small-number rule (DOMAIN.md §7) is applied while building, not while displaying: the
stored data never hold a count of cases below the threshold.
1. `abschnitt_bauen` reads `hsk_bericht_zahlen` for the report's unit (and its sub-units) at
   the report's Stichtag and turns it into plain JSON: money as decimal strings, rates in
   percent, case counts below the threshold as "< 5", the realised rate and saving withheld
   (None, `zurueckgehalten`) when fewer closed cases than the threshold stand behind them;
   the total of realised savings sums only the figures shown, so it cannot reveal a withheld one;
2. the template `controlling/bericht_abschnitt.html` shows the data on the page and in the PDF;
3. `excel_blaetter` writes the sheet "HSK" with numbers as numbers.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _

from controlling.bericht import BerichtMassnahme, anzahl_fuer_rat, hsk_bericht_zahlen, ist_kleinzahl, kleinzahl_grenze
from controlling.models.verlauf import Phase
from controlling.templatetags.hsk_bericht import de_monat
from core.money import cent, runden
from core.periods import Periode
from organisation.models import Organisationseinheit
from steuerung.berichte.abschnitte import Abschnitt, Blatt

SCHLUESSEL = "hsk"
VORLAGE = "controlling/bericht_abschnitt.html"
NULL = Decimal("0.00")
_SUMMENFELDER = ("soll", "soll_bis_stichtag", "brutto_ist", "netto_ist", "brutto_prognose", "netto_prognose")


def _text(wert: Decimal | None) -> str | None:
    return None if wert is None else str(wert)


def _geld(wert: Decimal | None) -> str | None:
    """Money as a decimal string with cents ("90500.00"): the snapshot does not depend on the database's scale."""
    return None if wert is None else str(cent(wert))


def _prozent(quote: Decimal | None) -> str | None:
    """A rate 0..1 as percent with two decimals ("40.00")."""
    return None if quote is None else str(runden(quote * 100, 2))


def _anzahl(anzahl: int) -> int | str:
    """A case count as stored for the council: the number, or "< 5" below the threshold."""
    return anzahl_fuer_rat(anzahl) if ist_kleinzahl(anzahl) else anzahl


def _phase_text(phase: str | None) -> str:
    return str(Phase(phase).label) if phase else ""


def _massnahme(m: BerichtMassnahme) -> dict[str, Any]:
    zurueckgehalten = ist_kleinzahl(m.faelle_abgeschlossen)
    return {
        "bezeichnung": m.bezeichnung,
        "organisationseinheit": m.organisationseinheit,
        **{f: _geld(getattr(m, f)) for f in _SUMMENFELDER},
        "phase": m.phase,
        "phase_text": _phase_text(m.phase),
        "phase_seit": m.phase_seit,
        "rueckfall_seit": m.rueckfall_seit,
        "amortisation": m.amortisation,
        "amortisation_prognose": m.amortisation_prognose,
        "faelle": _anzahl(m.faelle),
        "faelle_abgeschlossen": _anzahl(m.faelle_abgeschlossen),
        "annahme_erfolgsquote_prozent": _prozent(m.annahme_erfolgsquote),
        "realisierte_erfolgsquote_prozent": None if zurueckgehalten else _prozent(m.realisierte_erfolgsquote),
        "erwartete_einsparung_jahr": _geld(m.erwartete_einsparung_jahr),
        "realisierte_einsparung_jahr": None if zurueckgehalten else _geld(m.realisierte_einsparung_jahr),
        "realisiert_zurueckgehalten": zurueckgehalten,
    }


def abschnitt_bauen(*, organisationseinheit: Organisationseinheit, periode: Periode, stichtag: date) -> dict | None:
    """The section's data for the unit and its sub-units at the Stichtag; None without HSK measures."""
    zahlen = hsk_bericht_zahlen(jahr=periode.jahr, stichtag=stichtag, oe_id=organisationseinheit.pk)
    if not zahlen.massnahmen:
        return None
    massnahmen = [_massnahme(m) for m in zahlen.massnahmen]
    realisiert = [Decimal(m["realisierte_einsparung_jahr"]) for m in massnahmen if m["realisierte_einsparung_jahr"]]
    p = zahlen.praevention
    return {
        "jahr": zahlen.jahr,
        "stichtag": zahlen.stichtag.isoformat(),
        "kleinzahl_grenze": kleinzahl_grenze(),
        "massnahmen": massnahmen,
        "summe": {f: _geld(zahlen.summe[f]) for f in _SUMMENFELDER},
        "erwartete_einsparung_jahr": _geld(zahlen.erwartete_einsparung_jahr),
        "realisierte_einsparung_jahr": _geld(sum(realisiert, NULL)) if realisiert else None,
        "realisiert_zurueckgehalten": sum(1 for m in massnahmen if m["realisiert_zurueckgehalten"]),
        "praevention": None
        if p is None or (not p.kosten and not p.einsparung)
        else {
            "kosten": _geld(p.kosten),
            "einsparung": _geld(p.einsparung),
            "netto": _geld(p.netto),
            "faktor": _text(p.faktor),
            "deckel": _geld(p.obergrenze),
            "ausschoepfung": _text(p.ausschoepfung),
        },
    }


def _zahl(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


def _monat(schluessel: str | None) -> str:
    """ "2026-03" → "03/2026" (the German short form), None → ""."""
    return de_monat(schluessel) if schluessel else ""


def _phase_mit_rueckfall(m: dict) -> str:
    if not m["phase_text"]:
        return ""
    if m["rueckfall_seit"]:
        return f"{m['phase_text']} (Rückfall seit {_monat(m['rueckfall_seit'])})"
    return f"{m['phase_text']} (seit {_monat(m['phase_seit'])})"


KOPF = [
    "Maßnahme",
    "Organisationseinheit",
    "Soll Jahr €",
    "Soll bis Stichtag €",
    "Ist brutto bis Stichtag €",
    "Ist netto bis Stichtag €",
    "Prognose brutto Jahr €",
    "Prognose netto Jahr €",
    "Phase",
    "Amortisation (Ist)",
    "Amortisation (Prognose)",
    "dokumentierte Fälle",
    "abgeschlossene Fälle",
    "Erfolgsquote ex ante %",
    "Erfolgsquote realisiert %",
    "Einsparung je Jahr ex ante €",
    "Einsparung je Jahr realisiert €",
]


def excel_blaetter(daten: dict) -> list[Blatt]:
    """The sheet "HSK": one row per measure, the total, the Präventionsbudget; numbers as numbers.

    Counts below the threshold are the text "< 5" as stored; withheld figures stay empty.
    """
    zeilen: list[list] = []
    for m in daten["massnahmen"]:
        zeilen.append(
            [
                m["bezeichnung"],
                m["organisationseinheit"],
                *(_zahl(m[f]) for f in _SUMMENFELDER),
                _phase_mit_rueckfall(m),
                _monat(m["amortisation"]),
                _monat(m["amortisation_prognose"]),
                m["faelle"],
                m["faelle_abgeschlossen"],
                _zahl(m["annahme_erfolgsquote_prozent"]),
                _zahl(m["realisierte_erfolgsquote_prozent"]),
                _zahl(m["erwartete_einsparung_jahr"]),
                _zahl(m["realisierte_einsparung_jahr"]),
            ]
        )
    zeilen.append(
        [
            "Summe",
            "",
            *(_zahl(daten["summe"][f]) for f in _SUMMENFELDER),
            "",
            "",
            "",
            None,
            None,
            None,
            None,
            _zahl(daten["erwartete_einsparung_jahr"]),
            _zahl(daten["realisierte_einsparung_jahr"]),
        ]
    )
    zeilen.append([])
    zeilen.append([f"Haushaltsjahr {daten['jahr']}, Stichtag {_datum(daten['stichtag'])}"])
    p = daten["praevention"]
    if p is not None:
        zeilen.append([])
        zeilen.append(
            [
                f"Präventionsbudget {daten['jahr']}",
                "Kosten €",
                "geschätzte Einsparung €",
                "Saldo €",
                "Präventionsfaktor (1 : x)",
                "Budgetobergrenze €",
                "Ausschöpfung %",
            ]
        )
        zeilen.append(
            [
                "",
                _zahl(p["kosten"]),
                _zahl(p["einsparung"]),
                _zahl(p["netto"]),
                _zahl(p["faktor"]),
                _zahl(p["deckel"]),
                _zahl(p["ausschoepfung"]),
            ]
        )
    return [("HSK", KOPF, zeilen)]


def _datum(iso: str) -> str:
    return f"{iso[8:10]}.{iso[5:7]}.{iso[:4]}"


ABSCHNITT = Abschnitt(
    schluessel=SCHLUESSEL,
    titel=_("HSK-Controlling: Konsolidierungsmaßnahmen"),
    vorlage=VORLAGE,
    bauen=abschnitt_bauen,
    excel_blaetter=excel_blaetter,
    reihenfolge=10,
)
