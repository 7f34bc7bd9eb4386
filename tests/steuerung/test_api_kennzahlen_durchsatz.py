"""kennzahlen/?auswertung= reads the stored dashboard view: same evaluations as live, constant queries.

Also messwerte/ lists without per-row queries (issue 19, target 2).
"""

from __future__ import annotations

import json
from decimal import Decimal as D

import pytest
from django.core.cache import cache
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.periods import periode
from steuerung.auswertung import auswertungen_im_tertial
from steuerung.auswertung_json import AUSWERTUNG_FELDER, auswertung_als_dict
from steuerung.lesestand.auswertungen import auswertungen_der_seite
from steuerung.lesestand.basis import KENNZAHL, datenstand_erhoehen
from steuerung.lesestand.dashboard import dashboard_stand, dashboard_stand_wenn_aktuell
from steuerung.models import Lesestandeintrag
from tests.steuerung.factories_tertial import TKennzahlFactory, TMesswertFactory

pytestmark = pytest.mark.django_db

T2 = periode("2026-T2")
DASHBOARD = "/api/v1/tertial-dashboard/?periode=2026-T2"


def _json(daten):
    return json.loads(json.dumps(daten, cls=DjangoJSONEncoder))


@pytest.fixture
def vielfalt(einheiten):
    """Kennzahlen of every rhythm and measure, with and without values, plus an archived and an older one."""
    oe = einheiten["50 21"]
    arten = []
    for messart, rhythmus, werte in (
        ("bestand", "tertial", {"2025-T2": "41", "2026-T1": "45", "2026-T2": "47"}),
        ("summe", "tertial", {"2026-T1": "656", "2026-T2": "660"}),
        ("mittelwert", "monat", {"2026-05": "44", "2026-06": "43", "2025-06": "40"}),
        ("summe", "monat", {f"2026-0{m}": "10" for m in range(1, 9)}),
        ("bestand", "jahr", {"2025": "46"}),
        ("bestand", "tertial", {}),
    ):
        k = TKennzahlFactory(organisationseinheit=oe, messart=messart, erhebungsrhythmus=rhythmus)
        for p, wert in werte.items():
            TMesswertFactory(kennzahl=k, periode=p, wert=D(wert))
        arten.append(k)
    TMesswertFactory(kennzahl=arten[-1], periode="2026-T2", wert=None, fehlt_begruendung="Statistik fehlt")
    archiviert = TKennzahlFactory(organisationseinheit=oe, archiviert=True)
    TMesswertFactory(kennzahl=archiviert, periode="2026-T2", wert=D("49"))
    aelter = TKennzahlFactory(organisationseinheit=oe, jahr=2025)
    TMesswertFactory(kennzahl=aelter, periode="2026-T2", wert=D("48"))
    return {"gespeichert": arten, "live": [archiviert, aelter]}


def test_gespeicherte_auswertung_gleicht_der_live_auswertung_feld_fuer_feld(dezernat, vielfalt, monkeypatch):
    kennzahlen = vielfalt["gespeichert"] + vielfalt["live"]
    live = {pk: _json(auswertung_als_dict(a)) for pk, a in auswertungen_im_tertial(kennzahlen, T2).items()}
    stand = dashboard_stand(periode=T2, user=dezernat)
    live_berechnet = []

    def mitschreiben(ks, tertial):
        live_berechnet.extend(ks)
        return auswertungen_im_tertial(ks, tertial)

    monkeypatch.setattr("steuerung.lesestand.auswertungen.auswertungen_im_tertial", mitschreiben)
    ergebnis = _json(auswertungen_der_seite(kennzahlen, T2, user=dezernat))
    # The stored view holds exactly the current Kennzahlen of the year; only the others came live.
    assert live_berechnet == vielfalt["live"]
    gespeichert = set(Lesestandeintrag.objects.filter(stand=stand, art=KENNZAHL).values_list("schluessel", flat=True))
    assert gespeichert == {f"kennzahl-{k.pk}" for k in vielfalt["gespeichert"]}
    for k in kennzahlen:
        assert list(ergebnis[str(k.pk)] if str(k.pk) in ergebnis else ergebnis[k.pk]) == list(AUSWERTUNG_FELDER)
    ergebnis = {int(pk): daten for pk, daten in ergebnis.items()}
    for k in kennzahlen:
        for feld in AUSWERTUNG_FELDER:
            assert ergebnis[k.pk][feld] == live[k.pk][feld], (k.messart, k.erhebungsrhythmus, feld)


def test_auswertung_als_dict_hat_genau_die_felder(kennzahl50):
    a = auswertungen_im_tertial([kennzahl50], T2)[kennzahl50.pk]
    assert tuple(auswertung_als_dict(a)) == AUSWERTUNG_FELDER


def test_liste_mit_auswertung_gleicht_der_live_auswertung(api, dezernat, vielfalt):
    kennzahlen = vielfalt["gespeichert"] + vielfalt["live"]
    live = {pk: _json(auswertung_als_dict(a)) for pk, a in auswertungen_im_tertial(kennzahlen, T2).items()}
    liste = api(dezernat).get("/api/v1/kennzahlen/?page_size=100&auswertung=2026-T2").json()["results"]
    assert {z["id"]: z["auswertung"] for z in liste} == live


_QUERIES: list = []


def test_veraltete_ansicht_wird_nicht_gelesen_sondern_live_ausgewertet(
    api, dezernat, kennzahl50, django_capture_on_commit_callbacks
):
    client = api(dezernat)
    url = "/api/v1/kennzahlen/?page_size=100&auswertung=2026-T2"
    TMesswertFactory(kennzahl=kennzahl50, periode="2026-T2", wert=D("45"))
    client.get(DASHBOARD)
    assert client.get(url).json()["results"][0]["auswertung"]["ist"] == "45.0000"
    with django_capture_on_commit_callbacks(execute=True):
        kennzahl50.messwerte.update(wert=D("49"))
        datenstand_erhoehen()
    assert client.get(url).json()["results"][0]["auswertung"]["ist"] == "49.0000"
    assert dashboard_stand_wenn_aktuell(periode=T2, user=dezernat) is None  # the API did not rebuild it


def _abfragen(client, url: str) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as abfragen:
        antwort = client.get(url)
    assert antwort.status_code == 200, antwort.content
    _QUERIES[:] = [q["sql"][:300] for q in abfragen.captured_queries]
    return len(antwort.json()["results"]), len(abfragen)


def _kennzahlen(oe, anzahl: int) -> None:
    for i in range(anzahl):
        k = TKennzahlFactory(organisationseinheit=oe, erhebungsrhythmus=("tertial", "monat", "jahr")[i % 3])
        TMesswertFactory(
            kennzahl=k,
            periode={"tertial": "2026-T2", "monat": "2026-06", "jahr": "2026"}[k.erhebungsrhythmus],
            wert=D("45"),
        )


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/kennzahlen/?page_size=100&auswertung=2026-T2",
        "/api/v1/kennzahlen/?page_size=100",
        "/api/v1/messwerte/?page_size=100",
    ],
)
def test_gleich_viele_abfragen_fuer_5_und_50_zeilen(api, dezernat, einheiten, url, django_capture_on_commit_callbacks):
    client = api(dezernat)
    _kennzahlen(einheiten["50 21"], 5)
    client.get(DASHBOARD)  # builds the stored view, as any visit of the dashboard does
    wenige = _abfragen(client, url)
    with django_capture_on_commit_callbacks(execute=True):  # raises the data version as a commit would
        _kennzahlen(einheiten["50 2"], 45)
    client.get(DASHBOARD)  # the data changed: the dashboard rebuilds its stored view
    viele = _abfragen(client, url)
    assert (wenige[0], viele[0]) == (5, 50)
    assert wenige[1] == viele[1], _QUERIES


@pytest.mark.django_db(transaction=True)
def test_messwerte_gesamtzahl_folgt_jeder_festgeschriebenen_aenderung(api, dezernat, einheiten):
    """Outside a test transaction the count is remembered per data version; every commit raises it."""
    cache.clear()
    k = TKennzahlFactory(organisationseinheit=einheiten["50 21"])
    TMesswertFactory(kennzahl=k, periode="2026-T1")
    client = api(dezernat)
    url = "/api/v1/messwerte/?page_size=1"
    assert client.get(url).json()["count"] == 1
    with CaptureQueriesContext(connection) as abfragen:
        assert client.get(url).json()["count"] == 1
    assert not any("COUNT(" in q["sql"] for q in abfragen.captured_queries)  # remembered
    zweiter = TMesswertFactory(kennzahl=k, periode="2026-T2")
    assert client.get(url).json()["count"] == 2
    assert client.get(url + "&periode=2026-T2").json()["count"] == 1  # another filter, another count
    zweiter.delete()
    assert client.get(url).json()["count"] == 1
