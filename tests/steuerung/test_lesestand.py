"""The stored dashboard: served without recomputation, rebuilt after committed changes or a new
day, one level per request with a query count independent of the pyramid's size, per scope."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal as D

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from steuerung.lesestand.basis import aktueller_datenstand, datenstand_erhoehen
from steuerung.models import Lesestand, Lesestandeintrag, Messwert
from tests.steuerung.factories_tertial import TKennzahlFactory, TMesswertFactory, TProduktzielFactory

pytestmark = pytest.mark.django_db
URL = "/api/v1/tertial-dashboard/?periode=2026-T2"


def test_zweiter_abruf_nutzt_den_gespeicherten_stand(api, dezernat, kennzahl50):
    TMesswertFactory(kennzahl=kennzahl50, periode="2026-T2", wert=D("45"))
    client = api(dezernat)
    erste = client.get(URL).json()
    stand = Lesestand.objects.get(art="dashboard", schluessel="2026-T2")
    zweite = client.get(URL).json()
    assert Lesestand.objects.get(art="dashboard", schluessel="2026-T2").pk == stand.pk
    assert erste == zweite
    assert zweite["stand"] is not None


def test_gespeicherte_aenderung_erscheint_beim_naechsten_abruf(
    api, dezernat, sachbearbeitung50, kennzahl50, django_capture_on_commit_callbacks
):
    client = api(dezernat)
    assert client.get(URL).json()["kennzahlen"][0]["ist"] is None
    with django_capture_on_commit_callbacks(execute=True):
        antwort = api(sachbearbeitung50).post(
            "/api/v1/messwerte/",
            {"kennzahl": kennzahl50.pk, "periode": "2026-T2", "wert": "51", "kommentar": "gut"},
            format="json",
        )
    assert antwort.status_code == 201, antwort.content
    daten = client.get(URL).json()
    assert (daten["kennzahlen"][0]["ist"], daten["pyramide"][0]["ampel"]) == ("51.0000", "gruen")


def test_ohne_commit_bleibt_der_datenstand(kennzahl50, django_capture_on_commit_callbacks):
    vorher = aktueller_datenstand()
    with django_capture_on_commit_callbacks(execute=False) as rueckrufe:
        TMesswertFactory(kennzahl=kennzahl50, periode="2026-T1")
        TMesswertFactory(kennzahl=kennzahl50, periode="2026-T2")
        datenstand_erhoehen()
    # Nothing is raised before the commit; afterwards once for the whole transaction.
    assert len(rueckrufe) == 3
    assert aktueller_datenstand() == vorher
    for rueckruf in rueckrufe:
        rueckruf()
    assert aktueller_datenstand() == vorher + 1


def test_neuer_tag_baut_neu(api, dezernat, kennzahl50):
    client = api(dezernat)
    client.get(URL)
    Lesestand.objects.update(tag=Lesestand.objects.get().tag - timedelta(days=1))
    alt = Lesestand.objects.get().pk
    client.get(URL)
    assert Lesestand.objects.get().pk != alt


def test_jede_sicht_hat_ihren_eigenen_stand(api, dezernat, sachbearbeitung51, kennzahl50):
    TMesswertFactory(kennzahl=kennzahl50, periode="2026-T2", wert=D("45"))
    assert api(dezernat).get(URL).json()["kennzahlen_anzahl"] == 1
    daten = api(sachbearbeitung51).get(URL).json()
    assert (daten["kennzahlen_anzahl"], daten["pyramide"]) == (0, [])
    assert Lesestand.objects.filter(art="dashboard").values("sicht").distinct().count() == 2


def test_knoten_einer_anderen_sicht_oder_unbekannt_ist_404(api, dezernat, sachbearbeitung51, kennzahl50):
    leitziel = api(dezernat).get(URL).json()["pyramide"][0]["schluessel"]
    for schluessel in (leitziel, "leitziel-999999", "kennzahl-1", "<script>", "leitziel-1; DROP"):
        antwort = api(sachbearbeitung51).get(f"{URL}&knoten={schluessel}")
        assert antwort.status_code == 404
        assert antwort.json()["detail"] == "Dieses Ziel gibt es in Ihrem Dashboard nicht."


@pytest.mark.parametrize("seite", ["0", "-1", "abc", "1.5"])
def test_ungueltige_seite_gibt_deutsche_meldung(api, dezernat, seite):
    antwort = api(dezernat).get(f"{URL}&seite={seite}")
    assert antwort.status_code == 400
    assert antwort.json()["seite"] == ["Bitte eine Seitenzahl ab 1 angeben."]


def test_kennzahlenliste_ist_seitenweise(api, dezernat, einheiten, monkeypatch):
    monkeypatch.setattr("steuerung.lesestand.dashboard.KENNZAHLEN_JE_SEITE", 2)
    ziel = TProduktzielFactory(organisationseinheit=einheiten["50 21"])
    ids = [TKennzahlFactory(organisationseinheit=einheiten["50 21"], produktziel=ziel).pk for _ in range(5)]
    client = api(dezernat)
    seiten = [client.get(f"{URL}&seite={n}").json() for n in (1, 2, 3, 4)]
    assert [s["seiten"] for s in seiten] == [3, 3, 3, 3]
    gesehen = [k["kennzahl"] for s in seiten for k in s["kennzahlen"]]
    assert [len(s["kennzahlen"]) for s in seiten] == [2, 2, 1, 0]
    assert sorted(gesehen) == sorted(ids)  # every Kennzahl once, across pages


def _pyramide(einheiten, anzahl: int) -> None:
    for i in range(anzahl):
        ziel = TProduktzielFactory(organisationseinheit=einheiten["50 21"])
        k = TKennzahlFactory(organisationseinheit=einheiten["50 21"], produktziel=ziel)
        TMesswertFactory(kennzahl=k, periode="2026-T2", wert=D(40 + i % 12))


def _abfragen_warm(client, url: str) -> int:
    client.get(url)  # builds the stored view
    with CaptureQueriesContext(connection) as abfragen:
        assert client.get(url).status_code == 200
    return len(abfragen)


def test_abfragezahl_unabhaengig_von_der_groesse(api, dezernat, einheiten):
    _pyramide(einheiten, 2)
    klein = _abfragen_warm(api(dezernat), URL)
    Lesestand.objects.all().delete()
    _pyramide(einheiten, 40)
    gross = _abfragen_warm(api(dezernat), URL)
    assert Lesestandeintrag.objects.filter(art="kennzahl").count() == 42
    assert klein == gross


def test_antwort_waechst_nicht_mit_der_zahl_der_kennzahlen(api, dezernat, einheiten, monkeypatch):
    monkeypatch.setattr("steuerung.lesestand.dashboard.KENNZAHLEN_JE_SEITE", 5)
    monkeypatch.setattr("steuerung.lesestand.dashboard.AUFMERKSAMKEIT_ZEILEN", 5)
    _pyramide(einheiten, 30)
    daten = api(dezernat).get(URL).json()
    assert daten["kennzahlen_anzahl"] == 30
    assert len(daten["kennzahlen"]) == 5
    assert len(daten["aufmerksamkeit"]) == 5 and daten["aufmerksamkeit_anzahl"] > 5
    # Each Leitziel row names its Kennzahlen and counts its children instead of nesting them.
    assert all("kinder" not in k and k["kinder_anzahl"] == 1 for k in daten["pyramide"])


def test_messwert_loeschen_erhoeht_den_datenstand(kennzahl50, django_capture_on_commit_callbacks):
    m = TMesswertFactory(kennzahl=kennzahl50, periode="2026-T2")
    vorher = aktueller_datenstand()
    with django_capture_on_commit_callbacks(execute=True):
        Messwert.objects.filter(pk=m.pk).delete()
    assert aktueller_datenstand() == vorher + 1


def test_zielpyramide_ebene_mit_gleicher_abfragezahl_bei_jeder_groesse(api, dezernat, einheiten):
    url = "/api/v1/zielpyramide/?jahr=2026"
    _pyramide(einheiten, 2)
    klein = _abfragen_warm(api(dezernat), url)
    Lesestand.objects.all().delete()
    _pyramide(einheiten, 40)
    client = api(dezernat)
    gross = _abfragen_warm(client, url)
    assert len(client.get(url).json()["knoten"]) == 42
    assert klein == gross
