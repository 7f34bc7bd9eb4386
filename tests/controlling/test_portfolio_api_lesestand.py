"""The API's portfolio/ reads the stored portfolio view: the same answer as the live computation,
the same number of queries at every size (issue 19, target 2)."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from controlling import selectors, verlauf_speicher
from controlling.api.serializers import geld
from steuerung.models import Lesestand
from tests.controlling.conftest import beispielmassnahme

pytestmark = pytest.mark.django_db
URL = "/api/v1/hsk-massnahmen/portfolio/?jahr=2024&stichtag=2024-12-31"
BETRAEGE = (
    "soll",
    "soll_bis_stichtag",
    "brutto_ist",
    "personalkosten_ist",
    "netto_ist",
    "brutto_prognose",
    "personalkosten_prognose",
    "netto_prognose",
)


def _live(user) -> dict:
    """The answer as the endpoint computed it before the stored view (the oracle)."""
    p = selectors.portfolio(user=user, jahr=2024, stichtag=date(2024, 12, 31))
    return {
        "jahr": 2024,
        "stichtag": "2024-12-31",
        "summe": {
            **{k: geld(v) for k, v in p.summe.items()},
            "erwartete_einsparung_jahr": geld(p.erwartete_einsparung_jahr),
            "realisierte_einsparung_jahr": geld(p.realisierte_einsparung_jahr),
        },
        "massnahmen": [
            {
                "id": z.massnahme.pk,
                "bezeichnung": z.massnahme.bezeichnung,
                "organisationseinheit": z.massnahme.organisationseinheit.kuerzel,
                **{k: geld(getattr(z, k)) for k in BETRAEGE},
                "aktuelle_phase": z.aktuelle_phase,
                "aktuelle_phase_seit": z.aktuelle_phase_seit,
                "rueckfall_seit": z.rueckfall_seit,
                "amortisation": z.amortisation,
                "amortisation_prognose": z.amortisation_prognose,
                "erwartete_einsparung_jahr": geld(z.massnahme.erwartete_einsparung_jahr),
                "realisierte_einsparung_jahr": geld(z.realisierung.einsparung_jahr),
                "realisierte_erfolgsquote": None
                if z.realisierung.erfolgsquote is None
                else f"{z.realisierung.erfolgsquote:.4f}",
                "realisierte_kosten_je_fall_jahr": geld(z.realisierung.kosten_je_fall_jahr),
            }
            for z in p.zeilen
        ],
    }


@pytest.mark.parametrize("persona", ["steuerung", "sachbearbeitung50"], indirect=True)
def test_gespeichertes_portfolio_gleicht_der_live_berechnung(api, persona, hsk50, hsk51, einheiten):
    ohne_verlauf = beispielmassnahme(einheiten["50"], "Maßnahme ohne berechneten Verlauf")
    for m in (hsk50, hsk51):
        verlauf_speicher.verlauf_speichern(hsk_massnahme_id=m.pk)
    antwort = api(persona).get(URL)
    assert antwort.status_code == 200, antwort.content
    daten = antwort.json()
    assert daten == _live(persona)
    assert ohne_verlauf.pk in [z["id"] for z in daten["massnahmen"]]
    assert Lesestand.objects.filter(art="hsk_portfolio").exists()


def _abfragen(client) -> tuple[int, int]:
    client.get(URL)  # builds the stored view
    with CaptureQueriesContext(connection) as abfragen:
        antwort = client.get(URL)
    assert antwort.status_code == 200, antwort.content
    return len(antwort.json()["massnahmen"]), len(abfragen)


def test_gleiche_abfragezahl_fuer_wenige_und_viele_massnahmen(api, dezernat, einheiten, hsk50):
    wenige = _abfragen(api(dezernat))
    Lesestand.objects.all().delete()
    for i in range(12):
        beispielmassnahme(einheiten["50"], f"Weitere Maßnahme {i}")
    viele = _abfragen(api(dezernat))
    assert (wenige[0], viele[0]) == (1, 13)
    assert wenige[1] == viele[1]
