"""The tertial dashboard as a stored view: rolled up once by steuerung.dashboard, read by level.

A request reads the summary, one level of the pyramid (the Leitziele, or the children of the
node it drills into), one page of Kennzahlen and the first rows of the attention list, so its
cost does not grow with the size of the city.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from core.money import runden
from steuerung.auswertung import Auswertung
from steuerung.auswertung_json import auswertung_als_dict, dez
from steuerung.dashboard import Dashboard, Knoten, tertial_dashboard
from steuerung.lesestand.basis import (
    AUFMERKSAMKEIT,
    KENNZAHL,
    KNOTEN,
    Eintrag,
    KnotenUnbekannt,
    eintraege,
    eintraege_nach_schluessel,
    knoten_holen,
    sicht_von,
    stand_holen,
    stand_wenn_aktuell,
)
from steuerung.models import Lesestand

__all__ = [
    "DashboardAnsicht",
    "KnotenUnbekannt",
    "dashboard_ansicht",
    "dashboard_stand",
    "dashboard_stand_wenn_aktuell",
    "dashboard_zeilen",
]

KENNZAHLEN_JE_SEITE = 100
AUFMERKSAMKEIT_ZEILEN = 50
UEBERFAELLIG_NAMEN = 50


def _ursache(a: Auswertung | None) -> dict[str, Any] | None:
    if a is None:
        return None
    return {
        "kennzahl": a.kennzahl.pk,
        "bezeichnung": str(a.kennzahl),
        "periode": a.periode.schluessel,
        "bewertung": str(a.bewertung),
        "bewertung_text": a.bewertung_text,
    }


def _knoten_daten(kn: Knoten, pfad: list[dict[str, str]]) -> dict[str, Any]:
    return {
        "schluessel": kn.schluessel,
        "ebene": kn.ebene,
        "ebene_text": kn.ebene_text,
        "id": kn.ziel.pk,
        "code": kn.ziel.code,
        "titel": kn.ziel.titel,
        "ampel": str(kn.ampel),
        "ursache_kennzahl": kn.ursache.kennzahl.pk if kn.ursache else None,
        "ursache": _ursache(kn.ursache),
        "kennzahlen": [{"id": a.kennzahl.pk, "ampel": str(a.ampel)} for a in kn.kennzahlen],
        "kinder_anzahl": len(kn.kinder),
        "pfad": pfad,
    }


def _kennzahl_daten(a: Auswertung) -> dict[str, Any]:
    """The API's evaluation plus what pages show: names, texts read aloud, explanations."""
    m = a.messwert
    return {
        **auswertung_als_dict(a),
        "bezeichnung": str(a.kennzahl),
        "organisationseinheit": a.kennzahl.organisationseinheit.kuerzel,
        "kumuliert": a.kumuliert,
        "zeg_text": a.zeg_text,
        "bewertung_text": a.bewertung_text,
        "prognose_zeg_text": a.prognose_zeg_text,
        "jahresziel_gefaehrdet": a.jahresziel_gefaehrdet,
        "sorgenampel_grund": m.sorgenampel_grund if m else "",
        "gegensteuerung_was": m.gegensteuerung_was if m else "",
        "gegensteuerung_wer": m.gegensteuerung_wer if m else "",
        "gegensteuerung_bis": m.gegensteuerung_bis if m else None,
    }


def _prozent(wert: Decimal | None) -> str | None:
    return dez(runden(wert, 1)) if wert is not None else None


def _zusammenfassung(d: Dashboard) -> dict[str, Any]:
    return {
        "periode": d.periode.schluessel,
        "anzahl_je_bewertung": {str(b): n for b, n in d.anzahl_je_bewertung},
        "vollstaendigkeit": [
            {
                "organisationseinheit": v.organisationseinheit.kuerzel,
                "name": v.organisationseinheit.name,
                "faellig": v.faellig,
                "mit_wert": v.mit_wert,
                "begruendet_fehlend": v.begruendet_fehlend,
                "prozent": _prozent(v.prozent),
                "ueberfaellig": [a.kennzahl.pk for a in v.ueberfaellig[:UEBERFAELLIG_NAMEN]],
                "ueberfaellig_namen": [str(a.kennzahl) for a in v.ueberfaellig[:UEBERFAELLIG_NAMEN]],
                "ueberfaellig_anzahl": len(v.ueberfaellig),
            }
            for v in d.vollstaendigkeit
        ],
        "wirkungsanteile": [
            {
                "produktgruppe": w.produktgruppe.nummer,
                "bezeichnung": str(w.produktgruppe),
                "gesamt": w.gesamt,
                "outcome_impact": w.outcome_impact,
                "prozent": _prozent(w.prozent),
            }
            for w in d.wirkungsanteile
        ],
        "kennzahlen_anzahl": len(d.auswertungen),
        "aufmerksamkeit_anzahl": len(d.aufmerksamkeit),
        "jahresziel_gefaehrdet_anzahl": sum(a.jahresziel_gefaehrdet for a in d.auswertungen),
        "wurzeln_anzahl": len(d.pyramide),
    }


def dashboard_zeilen(d: Dashboard) -> tuple[dict[str, Any], list[Eintrag]]:
    """A computed dashboard as summary and rows: every goal, every Kennzahl, the attention list."""
    zeilen: list[Eintrag] = []

    def gehen(knoten: list[Knoten], eltern: str, pfad: list[dict[str, str]]) -> None:
        for i, kn in enumerate(knoten):
            zeilen.append(
                {
                    "art": KNOTEN,
                    "eltern": eltern,
                    "schluessel": kn.schluessel,
                    "position": i,
                    "daten": _knoten_daten(kn, pfad),
                }
            )
            eintrag = {
                "schluessel": kn.schluessel,
                "ebene_text": kn.ebene_text,
                "code": kn.ziel.code,
                "titel": kn.ziel.titel,
            }
            gehen(kn.kinder, kn.schluessel, [*pfad, eintrag])

    gehen(d.pyramide, "", [])
    for i, a in enumerate(d.auswertungen):
        zeilen.append(
            {
                "art": KENNZAHL,
                "eltern": "",
                "schluessel": f"kennzahl-{a.kennzahl.pk}",
                "position": i,
                "daten": _kennzahl_daten(a),
            }
        )
    for i, (a, gruende) in enumerate(d.aufmerksamkeit):
        zeilen.append(
            {
                "art": AUFMERKSAMKEIT,
                "eltern": "",
                "schluessel": f"kennzahl-{a.kennzahl.pk}",
                "position": i,
                "daten": {**_kennzahl_daten(a), "gruende": gruende},
            }
        )
    return _zusammenfassung(d), zeilen


def dashboard_stand(*, periode, user) -> Lesestand:
    def bauen(heute: date):
        return dashboard_zeilen(tertial_dashboard(periode=periode, user=user, heute=heute))

    return stand_holen("dashboard", periode.schluessel, sicht_von(user), bauen)


def dashboard_stand_wenn_aktuell(*, periode, user) -> Lesestand | None:
    """The stored dashboard if it is current; None instead of rebuilding it (a rebuild takes seconds)."""
    return stand_wenn_aktuell("dashboard", periode.schluessel, sicht_von(user))


@dataclass
class DashboardAnsicht:
    periode: str
    stand: datetime
    zusammenfassung: dict[str, Any]
    knoten: dict[str, Any] | None
    pyramide: list[dict[str, Any]]
    kennzahlen: list[dict[str, Any]]
    seite: int
    seiten: int
    aufmerksamkeit: list[dict[str, Any]] = field(default_factory=list)
    jahresziel_gefaehrdet: bool = False

    @property
    def kennzahlen_anzahl(self) -> int:
        """How many Kennzahlen the list pages through (all, or those whose forecast is red)."""
        z = self.zusammenfassung
        return z["jahresziel_gefaehrdet_anzahl"] if self.jahresziel_gefaehrdet else z["kennzahlen_anzahl"]

    @property
    def aufmerksamkeit_anzahl(self) -> int:
        z = self.zusammenfassung
        return z["jahresziel_gefaehrdet_anzahl"] if self.jahresziel_gefaehrdet else z["aufmerksamkeit_anzahl"]


GEFAEHRDET = {"jahresziel_gefaehrdet": True}


def dashboard_ansicht(
    *, periode, user, knoten: str | None = None, seite: int = 1, jahresziel_gefaehrdet: bool = False
) -> DashboardAnsicht:
    """One screen of the dashboard: summary, one pyramid level, its Kennzahlen, attention rows.

    Without `knoten`: the Leitziele and page `seite` of all visible Kennzahlen. With `knoten`
    (e.g. "produktziel-12"): that goal, its direct sub-goals and the Kennzahlen hanging on it.
    `jahresziel_gefaehrdet` keeps only Kennzahlen whose forecast to 31.12. is red, in the list and
    the attention rows. Raises KnotenUnbekannt for a key outside the user's dashboard.
    """
    stand = dashboard_stand(periode=periode, user=user)
    zusammenfassung = stand.daten
    filter_ = GEFAEHRDET if jahresziel_gefaehrdet else None
    anzahl = zusammenfassung["jahresziel_gefaehrdet_anzahl" if filter_ else "kennzahlen_anzahl"]
    seiten = max(1, -(-anzahl // KENNZAHLEN_JE_SEITE))
    if knoten is None:
        knoten_daten = None
        pyramide = eintraege(stand, KNOTEN)
        von = (seite - 1) * KENNZAHLEN_JE_SEITE
        kennzahlen = eintraege(stand, KENNZAHL, von=von, bis=von + KENNZAHLEN_JE_SEITE, daten=filter_)
    else:
        knoten_daten = knoten_holen(stand, knoten)
        pyramide = eintraege(stand, KNOTEN, eltern=knoten)
        kennzahlen = eintraege_nach_schluessel(
            stand, KENNZAHL, [f"kennzahl-{k['id']}" for k in knoten_daten["kennzahlen"]]
        )
        if filter_:
            kennzahlen = [k for k in kennzahlen if k["jahresziel_gefaehrdet"]]
        seite, seiten = 1, 1
    return DashboardAnsicht(
        periode=periode.schluessel,
        stand=stand.erzeugt_am,
        zusammenfassung=zusammenfassung,
        knoten=knoten_daten,
        pyramide=pyramide,
        kennzahlen=kennzahlen,
        seite=seite,
        seiten=seiten,
        aufmerksamkeit=eintraege(stand, AUFMERKSAMKEIT, bis=AUFMERKSAMKEIT_ZEILEN, daten=filter_),
        jahresziel_gefaehrdet=jahresziel_gefaehrdet,
    )
