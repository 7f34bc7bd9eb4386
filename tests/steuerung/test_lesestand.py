"""The stored dashboard: served without recomputation, rebuilt after committed changes or a new
day, one level per request with a query count independent of the pyramid's size, per scope."""

from __future__ import annotations

import json
from datetime import timedelta
from decimal import Decimal as D

import pytest
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.periods import periode
from steuerung.dashboard import tertial_dashboard
from steuerung.erfassung import messwert_speichern
from steuerung.lesestand.basis import aktueller_datenstand, datenstand_erhoehen
from steuerung.lesestand.dashboard import dashboard_stand, dashboard_zeilen
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


def _json(wert):
    return json.loads(json.dumps(wert, cls=DjangoJSONEncoder))


def _gespeichert_und_neu_berechnet(user):
    stand = dashboard_stand(periode=periode("2026-T2"), user=user)
    gespeichert = sorted(
        Lesestandeintrag.objects.filter(stand=stand).values_list("art", "eltern", "schluessel", "position", "daten"),
        key=lambda z: z[:4],
    )
    zusammenfassung, zeilen = dashboard_zeilen(
        tertial_dashboard(periode=periode("2026-T2"), user=user, heute=stand.tag)
    )
    neu = sorted(
        ((z["art"], z["eltern"], z["schluessel"], z["position"], _json(z["daten"])) for z in zeilen),
        key=lambda z: z[:4],
    )
    return (stand.daten, gespeichert), (_json(zusammenfassung), neu)


def test_gespeicherte_zeilen_gleichen_einer_vollen_neuberechnung(
    einheiten, dezernat, sachbearbeitung50, django_capture_on_commit_callbacks
):
    ziel = TProduktzielFactory(organisationseinheit=einheiten["50 21"])
    oe = einheiten["50 21"]
    bestand = TKennzahlFactory(organisationseinheit=oe, produktziel=ziel, code="A 1")
    summe = TKennzahlFactory(organisationseinheit=oe, produktziel=ziel, code="A 2", messart="summe")
    quote = TKennzahlFactory(organisationseinheit=oe, produktziel=ziel, code="A 3", messart="quote", zielwert=D("60"))
    mittel = TKennzahlFactory(organisationseinheit=oe, produktziel=ziel, code="A 4", messart="mittelwert")
    fehlt = TKennzahlFactory(organisationseinheit=oe, produktziel=ziel, code="A 5")
    TMesswertFactory(kennzahl=bestand, periode="2026-T2", wert=D("45"), sorgenampel=True, sorgenampel_grund="Träger")
    for p, w in (("2026-T1", "14"), ("2026-T2", "12")):
        TMesswertFactory(kennzahl=summe, periode=p, wert=D(w))
    TMesswertFactory(kennzahl=quote, periode="2026-T2", wert=D("50"), zaehler=D("100"), nenner=D("200"))
    TMesswertFactory(kennzahl=mittel, periode="2026-T2", wert=D("47"), fallzahl=D("80"))
    TMesswertFactory(kennzahl=fehlt, periode="2026-T2", wert=None, fehlt_begruendung="Statistik liegt erst im März vor")

    gespeichert, neu = _gespeichert_und_neu_berechnet(dezernat)
    assert gespeichert == neu
    zeilen = {z[2]: z[4] for z in gespeichert[1] if z[0] == "kennzahl"}
    assert (zeilen[f"kennzahl-{summe.pk}"]["ist_kumuliert"], zeilen[f"kennzahl-{summe.pk}"]["kumuliert"]) == (
        "26.0000",
        True,
    )
    assert zeilen[f"kennzahl-{fehlt.pk}"]["fehlt_begruendung"] == "Statistik liegt erst im März vor"
    assert zeilen[f"kennzahl-{bestand.pk}"]["prognose_ampel"] == "rot"
    assert gespeichert[0]["vollstaendigkeit"][0]["begruendet_fehlend"] == 1

    # A change committed later is carried into the stored view, which again equals a recomputation.
    with django_capture_on_commit_callbacks(execute=True):
        messwert_speichern(
            kennzahl=summe,
            periode="2026-T2",
            user=sachbearbeitung50,
            revision=Messwert.objects.get(kennzahl=summe, periode="2026-T2").revision,
            wert=D("30"),
            entwurf=True,
        )
    gespeichert, neu = _gespeichert_und_neu_berechnet(dezernat)
    assert gespeichert == neu
    zeilen = {z[2]: z[4] for z in gespeichert[1] if z[0] == "kennzahl"}
    assert zeilen[f"kennzahl-{summe.pk}"]["ist_kumuliert"] == "44.0000"
