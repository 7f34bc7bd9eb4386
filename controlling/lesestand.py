"""The HSK-Portfolio as a stored view (steuerung.lesestand.basis), read one page of rows at a time.

A city's portfolio counts tens of thousands of cases and reads every measure's curve; computing
it per request grows with the city. It is built once per year, Stichtag and visibility scope and
stored as one row per measure plus the totals, and rebuilt after any committed change to the
HSK data (data area "controlling") or on a new day.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Any

from controlling import selectors
from controlling.models import Ablaufschritt, Einzelfall, HSKMassnahme, HSKSoll, Stelle, Verlaufsmonat
from steuerung.lesestand.basis import ZEILE, eintraege, sicht_von, signale_verbinden, stand_holen
from steuerung.models import Lesestand

BEREICH = "controlling"
JE_SEITE = 50


def signale_einrichten() -> None:
    """Everything the portfolio is built from. Curves are written in bulk and raise it in
    verlauf_speicher; Verlaufsstand only marks pending requests, which the portfolio does not show."""
    from organisation.models import Organisationseinheit

    signale_verbinden(
        [HSKMassnahme, HSKSoll, Stelle, Ablaufschritt, Einzelfall, Verlaufsmonat, Organisationseinheit],
        bereich=BEREICH,
    )


def _zeile(z: selectors.Zeile) -> dict[str, Any]:
    m = z.massnahme
    return {
        "massnahme": {
            "pk": m.pk,
            "bezeichnung": m.bezeichnung,
            "organisationseinheit": {"kuerzel": m.organisationseinheit.kuerzel},
            "annahme_erfolgsquote": m.annahme_erfolgsquote,
            "erwartete_einsparung_jahr": m.erwartete_einsparung_jahr,
        },
        **{f: getattr(z, f) for f in selectors._JAHRESFELDER},
        "abweichung_ist": z.abweichung_ist,
        "aktuelle_phase": z.aktuelle_phase,
        "aktuelle_phase_seit": z.aktuelle_phase_seit,
        "rueckfall_seit": z.rueckfall_seit,
        "amortisation": z.amortisation,
        "amortisation_prognose": z.amortisation_prognose,
        "realisierung": asdict(z.realisierung),
    }


def _stand(*, user, jahr: int, stichtag: date) -> Lesestand:
    def bauen(_heute: date):
        p = selectors.portfolio(user=user, jahr=jahr, stichtag=stichtag)
        daten = {
            "summe": p.summe,
            "abweichung_ist": p.abweichung_ist,
            "erwartete_einsparung_jahr": p.erwartete_einsparung_jahr,
            "realisierte_einsparung_jahr": p.realisierte_einsparung_jahr,
            "anzahl": len(p.zeilen),
        }
        zeilen = [
            {"art": ZEILE, "eltern": "", "schluessel": str(z.massnahme.pk), "position": i, "daten": _zeile(z)}
            for i, z in enumerate(p.zeilen)
        ]
        return daten, zeilen

    return stand_holen("hsk_portfolio", f"{jahr}|{stichtag.isoformat()}", sicht_von(user), bauen, bereich=BEREICH)


def portfolio_seite(*, user, jahr: int, stichtag: date, seite: int = 1) -> dict[str, Any]:
    """{"summe", "abweichung_ist", "erwartete_einsparung_jahr", "realisierte_einsparung_jahr",
    "anzahl", "seite", "seiten", "zeilen"}: the totals of all visible measures and one page of rows
    (JE_SEITE measures, in the portfolio's order), in three queries at any size."""
    stand = _stand(user=user, jahr=jahr, stichtag=stichtag)
    seiten = max(1, -(-stand.daten["anzahl"] // JE_SEITE))
    seite = min(max(seite, 1), seiten)
    von = (seite - 1) * JE_SEITE
    return {
        **stand.daten,
        "seite": seite,
        "seiten": seiten,
        "zeilen": eintraege(stand, ZEILE, von=von, bis=von + JE_SEITE),
    }


def portfolio_ganz(*, user, jahr: int, stichtag: date) -> dict[str, Any]:
    """The totals and every row, as portfolio_seite (the API's portfolio/): three queries at any size.

    Amounts arrive as decimal strings (the stored JSON), dates as ISO strings.
    """
    stand = _stand(user=user, jahr=jahr, stichtag=stichtag)
    return {**stand.daten, "zeilen": eintraege(stand, ZEILE)}
