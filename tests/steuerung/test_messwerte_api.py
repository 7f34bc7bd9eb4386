"""API of the tertial entry: messwerte/, kennzahlen/{id}/auswertung/, tertial-dashboard/ per persona."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from steuerung.models import Messwert
from tests.steuerung.factories_tertial import TKennzahlFactory, TMesswertFactory

pytestmark = pytest.mark.django_db

MESSWERTE = "/api/v1/messwerte/"


@pytest.fixture
def beispiel(einheiten):
    k = TKennzahlFactory(
        organisationseinheit=einheiten["50"],
        jahr=2022,
        erhebungsrhythmus="jahr",
        ausgangswert=D("44"),
        ausgangsjahr=2020,
        zielwert=D("50"),
        zieljahr=2023,
    )
    TMesswertFactory(kennzahl=k, periode="2021", wert=D("45"))
    TMesswertFactory(kennzahl=k, periode="2022", wert=D("47"))
    return k


@pytest.mark.parametrize("persona", ["sachbearbeitung50", "amtsleitung50", "steuerung"], indirect=True)
def test_erfassende_rollen_legen_einen_wert_an(api, persona, kennzahl50):
    antwort = api(persona).post(
        MESSWERTE, {"kennzahl": kennzahl50.pk, "periode": "2026-T1", "wert": "47.5", "kommentar": "ok"}, format="json"
    )
    assert antwort.status_code == 201, antwort.content
    assert (antwort.json()["wert"], antwort.json()["revision"]) == ("47.5000", 1)
    assert Messwert.objects.get().erfasst_von == persona


@pytest.mark.parametrize("persona", ["dezernat", "kaemmerei", "ratsmitglied"], indirect=True)
def test_lesende_rollen_duerfen_keine_werte_anlegen(api, persona, kennzahl50):
    antwort = api(persona).post(
        MESSWERTE, {"kennzahl": kennzahl50.pk, "periode": "2026-T1", "wert": "47"}, format="json"
    )
    assert antwort.status_code == 403
    assert not Messwert.objects.exists()


def test_kennzahl_eines_anderen_amtes_ist_nicht_gefunden(api, sachbearbeitung51, kennzahl50):
    antwort = api(sachbearbeitung51).post(
        MESSWERTE, {"kennzahl": kennzahl50.pk, "periode": "2026-T1", "wert": "47"}, format="json"
    )
    assert antwort.status_code == 404


def test_messwert_eines_anderen_amtes_ist_nicht_gefunden(api, sachbearbeitung51, kennzahl50):
    m = TMesswertFactory(kennzahl=kennzahl50)
    client = api(sachbearbeitung51)
    assert client.get(f"{MESSWERTE}{m.pk}/").status_code == 404
    assert client.patch(f"{MESSWERTE}{m.pk}/", {"wert": "1", "revision": 0}, format="json").status_code == 404
    assert client.get(MESSWERTE).json()["count"] == 0


@pytest.mark.parametrize(
    ("persona", "anzahl"), [("dezernat", 1), ("kaemmerei", 1), ("sachbearbeitung50", 1)], indirect=["persona"]
)
def test_lesende_rollen_sehen_die_werte_ihres_bereichs(api, persona, anzahl, kennzahl50):
    TMesswertFactory(kennzahl=kennzahl50)
    assert api(persona).get(MESSWERTE).json()["count"] == anzahl


def test_ratsmitglied_sieht_keine_messwerte(api, ratsmitglied, kennzahl50):
    TMesswertFactory(kennzahl=kennzahl50)
    assert api(ratsmitglied).get(MESSWERTE).status_code == 403


def test_roter_wert_ohne_begruendung_wird_abgelehnt_ausser_als_entwurf(api, sachbearbeitung50, kennzahl50):
    client = api(sachbearbeitung50)
    daten = {"kennzahl": kennzahl50.pk, "periode": "2026-T1", "wert": "45"}
    abgelehnt = client.post(MESSWERTE, daten, format="json")
    assert abgelehnt.status_code == 400
    assert "Pflichtangabe" in abgelehnt.json()["begruendung"][0]
    assert client.post(MESSWERTE, {**daten, "entwurf": True}, format="json").status_code == 201


def test_falsche_periode_und_zahl_geben_deutsche_fehler(api, sachbearbeitung50, kennzahl50):
    client = api(sachbearbeitung50)
    a = client.post(MESSWERTE, {"kennzahl": kennzahl50.pk, "periode": "2026-T7", "wert": "1"}, format="json")
    assert a.status_code == 400 and "keine gültige Periode" in a.json()["periode"][0]
    b = client.post(MESSWERTE, {"kennzahl": kennzahl50.pk, "periode": "2026-T1", "wert": "viel"}, format="json")
    assert b.status_code == 400 and "wert" in b.json()


def test_aenderung_mit_veraltetem_stand_gibt_409_mit_der_anderen_aenderung(
    api, sachbearbeitung50, amtsleitung50, kennzahl50
):
    erstellt = (
        api(sachbearbeitung50)
        .post(MESSWERTE, {"kennzahl": kennzahl50.pk, "periode": "2026-T1", "wert": "47"}, format="json")
        .json()
    )
    url = f"{MESSWERTE}{erstellt['id']}/"
    assert api(amtsleitung50).patch(url, {"wert": "48", "revision": 1}, format="json").status_code == 200
    konflikt = api(sachbearbeitung50).patch(url, {"wert": "46.8", "revision": 1}, format="json")
    assert konflikt.status_code == 409
    assert "48,00" in konflikt.json()["revision"][0]
    assert Messwert.objects.get().wert == D("48")
    ohne = api(sachbearbeitung50).patch(url, {"wert": "46.8"}, format="json")
    assert ohne.status_code == 400 and "revision" in ohne.json()


def test_auswertung_liefert_die_felder_der_issue_als_dezimaltexte(api, dezernat, beispiel):
    antwort = api(dezernat).get(f"/api/v1/kennzahlen/{beispiel.pk}/auswertung/?periode=2022")
    assert antwort.status_code == 200
    daten = antwort.json()
    assert {
        k: daten[k]
        for k in (
            "ist",
            "soll",
            "zielerreichungsgrad",
            "bewertung",
            "ampel",
            "vorperiode_wert",
            "abweichung_vorperiode_absolut",
            "abweichung_vorperiode_prozent",
            "vorjahr_wert",
            "abweichung_vorjahr_absolut",
            "abweichung_vorjahr_prozent",
            "prognose_jahresende",
            "prognose_methode",
        )
    } == {
        "ist": "47.0000",
        "soll": "48.00",
        "zielerreichungsgrad": "75.00",
        "bewertung": "teilweise",
        "ampel": "rot",
        "vorperiode_wert": "45.0000",
        "abweichung_vorperiode_absolut": "2.0000",
        "abweichung_vorperiode_prozent": "4.4",
        "vorjahr_wert": "45.0000",
        "abweichung_vorjahr_absolut": "2.0000",
        "abweichung_vorjahr_prozent": "4.4",
        "prognose_jahresende": "47.00",
        "prognose_methode": "trend",
    }


def test_auswertung_ohne_oder_mit_falscher_periode_gibt_400(api, dezernat, beispiel):
    client = api(dezernat)
    assert client.get(f"/api/v1/kennzahlen/{beispiel.pk}/auswertung/").status_code == 400
    assert client.get(f"/api/v1/kennzahlen/{beispiel.pk}/auswertung/?periode=2022-T1").status_code == 400


def test_auswertung_fremder_kennzahl_404_und_rat_403(api, sachbearbeitung51, ratsmitglied, beispiel):
    assert api(sachbearbeitung51).get(f"/api/v1/kennzahlen/{beispiel.pk}/auswertung/?periode=2022").status_code == 404
    assert api(ratsmitglied).get(f"/api/v1/kennzahlen/{beispiel.pk}/auswertung/?periode=2022").status_code == 403


@pytest.mark.parametrize("persona", ["dezernat", "steuerung", "kaemmerei", "amtsleitung50"], indirect=True)
def test_dashboard_json_fuer_lesende_rollen(api, persona, kennzahl50):
    TMesswertFactory(kennzahl=kennzahl50, periode="2026-T2", wert=D("45"))
    antwort = api(persona).get("/api/v1/tertial-dashboard/?periode=2026-T2")
    assert antwort.status_code == 200
    daten = antwort.json()
    assert daten["anzahl_je_bewertung"]["nicht"] == 1
    assert daten["pyramide"][0]["ampel"] == "rot"
    assert daten["pyramide"][0]["ursache_kennzahl"] == kennzahl50.pk
    assert [k["kennzahl"] for k in daten["kennzahlen"]] == [kennzahl50.pk]
    # Drill down level by level to the goal the Kennzahl hangs on.
    knoten = daten["pyramide"][0]
    while not any(k["id"] == kennzahl50.pk for k in knoten["kennzahlen"]):
        assert knoten["kinder_anzahl"] >= 1
        ebene = api(persona).get(f"/api/v1/tertial-dashboard/?periode=2026-T2&knoten={knoten['schluessel']}").json()
        assert ebene["knoten"]["schluessel"] == knoten["schluessel"]
        knoten = next(k for k in ebene["pyramide"] if k["ampel"] == "rot")
    ebene = api(persona).get(f"/api/v1/tertial-dashboard/?periode=2026-T2&knoten={knoten['schluessel']}").json()
    assert [(k["kennzahl"], k["ampel"], k["ist"]) for k in ebene["kennzahlen"]] == [(kennzahl50.pk, "rot", "45.0000")]


def test_dashboard_json_rat_403_und_periode_muss_tertial_sein(api, ratsmitglied, dezernat):
    assert api(ratsmitglied).get("/api/v1/tertial-dashboard/?periode=2026-T2").status_code == 403
    assert api(dezernat).get("/api/v1/tertial-dashboard/?periode=2026").status_code == 400


def test_sachbearbeitung_eines_anderen_amtes_sieht_im_dashboard_nichts_von_amt_50(api, sachbearbeitung51, kennzahl50):
    TMesswertFactory(kennzahl=kennzahl50, periode="2026-T2", wert=D("45"))
    daten = api(sachbearbeitung51).get("/api/v1/tertial-dashboard/?periode=2026-T2").json()
    assert (daten["kennzahlen"], daten["pyramide"], daten["kennzahlen_anzahl"]) == ([], [], 0)


def test_kennzahlenliste_mit_auswertung_des_tertials(api, dezernat, kennzahl50):
    TMesswertFactory(kennzahl=kennzahl50, periode="2026-T2", wert=D("45"))
    client = api(dezernat)
    ohne = client.get("/api/v1/kennzahlen/?page_size=100").json()["results"]
    assert [k["auswertung"] for k in ohne] == [None]
    mit = client.get("/api/v1/kennzahlen/?page_size=100&auswertung=2026-T2").json()["results"]
    a = mit[0]["auswertung"]
    assert (a["kennzahl"], a["periode"], a["ist"], a["ampel"]) == (kennzahl50.pk, "2026-T2", "45.0000", "rot")
    antwort = client.get("/api/v1/kennzahlen/?auswertung=2026")
    assert antwort.status_code == 400
    assert antwort.json() == {"auswertung": ["Bitte ein Tertial angeben, z. B. ?auswertung=2026-T2."]}
