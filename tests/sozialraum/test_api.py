"""Sozialraum API per persona: reading roles, Steuerung writes, the Rat's protected view."""

from __future__ import annotations

import pytest
from django.utils import timezone

from sozialraum.models import Indikatorwert, Raum, RaumEinwohner

pytestmark = pytest.mark.django_db

LESENDE = ["sachbearbeitung50", "sachbearbeitung51", "amtsleitung50", "dezernat", "steuerung", "kaemmerei"]
ENDPUNKTE = ["raeume", "indikatoren", "indikatorwerte", "traeger", "angebote", "vergleichswerte"]


def _namen(antwort):
    return {z["name"] for z in antwort.json()["results"]}


@pytest.mark.parametrize("persona", [*LESENDE, "ratsmitglied"], indirect=True)
@pytest.mark.parametrize("endpunkt", ENDPUNKTE)
def test_jede_leserolle_darf_die_listen_lesen(api, persona, endpunkt, sozialraumdaten):
    assert api(persona).get(f"/api/v1/{endpunkt}/").status_code == 200


@pytest.mark.parametrize("endpunkt", ENDPUNKTE)
def test_ohne_anmeldung_keine_daten(api, endpunkt, sozialraumdaten):
    assert api(None).get(f"/api/v1/{endpunkt}/").status_code in (401, 403)


@pytest.mark.parametrize("persona", LESENDE, indirect=True)
def test_andere_rollen_sehen_auch_kleine_raeume_und_kleine_zahlen(api, persona, sozialraumdaten):
    client = api(persona)
    assert "Kleinsiedlung" in _namen(client.get("/api/v1/raeume/"))
    werte = client.get("/api/v1/indikatorwerte/", {"indikator": sozialraumdaten["faelle"].id}).json()["results"]
    assert sorted(w["wert"] for w in werte) == ["12.0000", "2.0000", "3.0000"]


def test_ratsmitglied_sieht_keine_kleinen_raeume(api, ratsmitglied, sozialraumdaten):
    client = api(ratsmitglied)
    assert _namen(client.get("/api/v1/raeume/")) == {"Teststadt", "Altstadt", "Hafenviertel"}
    assert client.get(f"/api/v1/raeume/{sozialraumdaten['klein'].id}/").status_code == 404
    assert client.get(f"/api/v1/raeume/{sozialraumdaten['altstadt'].id}/").status_code == 200
    angebote = client.get("/api/v1/angebote/").json()["results"]
    assert [a["bezeichnung"] for a in angebote] == ["Stadtteilbüro Altstadt"]
    raum_ids = {w["raum"] for w in client.get("/api/v1/indikatorwerte/").json()["results"]}
    assert sozialraumdaten["klein"].id not in raum_ids


def test_ratsmitglied_sieht_kleine_fallzahlen_als_kleiner_fuenf(api, ratsmitglied, sozialraumdaten):
    werte = api(ratsmitglied).get("/api/v1/indikatorwerte/", {"indikator": sozialraumdaten["faelle"].id}).json()
    assert {w["raum"]: w["wert"] for w in werte["results"]} == {
        sozialraumdaten["altstadt"].id: "< 5",
        sozialraumdaten["hafen"].id: "12.0000",
    }


def test_ratsmitglied_sieht_quoten_ungekuerzt(api, ratsmitglied, sozialraumdaten):
    werte = api(ratsmitglied).get("/api/v1/indikatorwerte/", {"indikator": sozialraumdaten["quote"].id}).json()
    assert "< 5" not in {w["wert"] for w in werte["results"]}


def test_raum_liefert_aktuelle_einwohner_und_reihe(api, steuerung, sozialraumdaten):
    daten = api(steuerung).get(f"/api/v1/raeume/{sozialraumdaten['altstadt'].id}/").json()
    assert (daten["name"], daten["ebene"], daten["eltern"], daten["einwohner"]) == (
        "Altstadt",
        "stadtteil",
        sozialraumdaten["stadt"].id,
        5000,
    )
    assert daten["einwohner_je_jahr"] == [{"jahr": 2024, "einwohner": 4900}, {"jahr": 2025, "einwohner": 5000}]


def test_index_nach_vertrag(api, steuerung, sozialraumdaten):
    antwort = api(steuerung).get("/api/v1/sozialraumindex/", {"jahr": 2025, "ebene": "stadtteil"})
    assert antwort.status_code == 200
    daten = antwort.json()
    assert (daten["jahr"], daten["ebene"], daten["methode"]) == (2025, "stadtteil", "z")
    assert [(r["name"], r["index"], r["rang"], r["handlungsbedarf"]) for r in daten["raeume"]] == [
        ("Hafenviertel", "1.0000", 1, True),
        ("Altstadt", "-1.0000", 2, False),
    ]
    assert [(a["name"], a["grund"]) for a in daten["ausgeschlossen"]] == [("Kleinsiedlung", "zu_wenige_einwohner")]


def test_index_mit_abweichung_und_anzahl(api, dezernat, sozialraumdaten):
    daten = (
        api(dezernat)
        .get("/api/v1/sozialraumindex/", {"jahr": 2025, "ebene": "stadtteil", "methode": "abweichung", "anzahl": 0})
        .json()
    )
    assert [(r["name"], r["index"], r["handlungsbedarf"]) for r in daten["raeume"]] == [
        ("Hafenviertel", "0.2000", False),
        ("Altstadt", "-0.2000", False),
    ]


def test_ratsmitglied_sieht_im_index_keine_ausgeschlossenen_kleinen_raeume(api, ratsmitglied, sozialraumdaten):
    daten = api(ratsmitglied).get("/api/v1/sozialraumindex/", {"jahr": 2025, "ebene": "stadtteil"}).json()
    assert [r["name"] for r in daten["raeume"]] == ["Hafenviertel", "Altstadt"]
    assert daten["ausgeschlossen"] == []


@pytest.mark.parametrize(
    "parameter",
    [
        {},
        {"jahr": "abc", "ebene": "stadtteil"},
        {"jahr": 2025, "ebene": "planet"},
        {"jahr": 2025, "ebene": "stadtteil", "methode": "x"},
    ],
)
def test_index_mit_falschen_parametern_gibt_400(api, steuerung, sozialraumdaten, parameter):
    assert api(steuerung).get("/api/v1/sozialraumindex/", parameter).status_code == 400


def test_vergleich_mit_quartilen_und_normierung(api, steuerung, sozialraumdaten):
    daten = api(steuerung).get("/api/v1/vergleich/", {"schluessel": "treffs", "jahr": 2025, "je_1000": "true"}).json()
    assert (daten["n"], daten["min"], daten["q1"], daten["median"], daten["q3"], daten["max"]) == (
        3,
        "0.1000",
        "0.1000",
        "0.1000",
        "0.2000",
        "0.3000",
    )
    assert (daten["eigener_wert"], daten["rang"]) == (None, None)


def test_vergleich_nimmt_eigenen_wert_aus_der_verknuepften_kennzahl(api, steuerung, sozialraumdaten):
    from tests.sozialraum.factories import kennzahl_mit_wert

    kennzahl_mit_wert(vergleichsschluessel="treffs", jahr=2025, wert="25", richtung="steigend")
    daten = api(steuerung).get("/api/v1/vergleich/", {"schluessel": "treffs", "jahr": 2025}).json()
    assert (daten["median"], daten["eigener_wert"], daten["rang"], daten["rang_von"]) == ("20.0000", "25.0000", 2, 4)
    assert daten["richtung"] == "steigend"


def test_steuerung_legt_raum_mit_einwohnerreihe_an(api, steuerung, sozialraumdaten):
    antwort = api(steuerung).post(
        "/api/v1/raeume/",
        {
            "schluessel": "S-4",
            "name": "Neubaugebiet",
            "ebene": "stadtteil",
            "eltern": sozialraumdaten["stadt"].id,
            "einwohner_je_jahr": [{"jahr": 2025, "einwohner": 1200}],
        },
        format="json",
    )
    assert antwort.status_code == 201, antwort.json()
    assert antwort.json()["einwohner"] == 1200


def test_einwohner_beim_anlegen_ist_die_zahl_des_laufenden_jahres(api, steuerung, sozialraumdaten):
    jahr = timezone.localdate().year
    antwort = api(steuerung).post(
        "/api/v1/raeume/",
        {"schluessel": "S-5", "name": "Am Kanal", "ebene": "stadtteil", "einwohner": 2100},
        format="json",
    )
    assert antwort.status_code == 201, antwort.json()
    assert antwort.json()["einwohner"] == 2100
    assert antwort.json()["einwohner_je_jahr"] == [{"jahr": jahr, "einwohner": 2100}]
    assert list(RaumEinwohner.objects.filter(raum__schluessel="S-5").values_list("jahr", "einwohner")) == [(jahr, 2100)]


def test_einwohner_aendert_nur_das_laufende_jahr(api, steuerung, sozialraumdaten):
    jahr = timezone.localdate().year
    raum = sozialraumdaten["altstadt"]
    client = api(steuerung)
    antwort = client.patch(f"/api/v1/raeume/{raum.id}/", {"einwohner": 5100}, format="json")
    assert antwort.status_code == 200, antwort.json()
    assert antwort.json()["einwohner"] == 5100
    assert antwort.json()["einwohner_je_jahr"] == [
        {"jahr": 2024, "einwohner": 4900},
        {"jahr": 2025, "einwohner": 5000},
        {"jahr": jahr, "einwohner": 5100},
    ]
    assert client.patch(f"/api/v1/raeume/{raum.id}/", {"einwohner": 5150}, format="json").status_code == 200
    assert RaumEinwohner.objects.get(raum=raum, jahr=jahr).einwohner == 5150
    assert RaumEinwohner.objects.filter(raum=raum).count() == 3
    assert client.get(f"/api/v1/raeume/{raum.id}/").json()["einwohner"] == 5150


def test_einwohner_und_reihe_muessen_im_laufenden_jahr_uebereinstimmen(api, steuerung, sozialraumdaten):
    jahr = timezone.localdate().year
    raum = sozialraumdaten["hafen"]
    client = api(steuerung)
    antwort = client.patch(
        f"/api/v1/raeume/{raum.id}/",
        {"einwohner": 3200, "einwohner_je_jahr": [{"jahr": jahr, "einwohner": 3100}]},
        format="json",
    )
    assert antwort.status_code == 400
    assert "weicht von der Angabe" in antwort.json()["einwohner"][0]
    assert list(RaumEinwohner.objects.filter(raum=raum).values_list("jahr", "einwohner")) == [(2025, 3000)]
    antwort = client.patch(
        f"/api/v1/raeume/{raum.id}/",
        {"einwohner": 3200, "einwohner_je_jahr": [{"jahr": 2025, "einwohner": 3000}]},
        format="json",
    )
    assert antwort.status_code == 200, antwort.json()
    assert antwort.json()["einwohner_je_jahr"] == [{"jahr": 2025, "einwohner": 3000}, {"jahr": jahr, "einwohner": 3200}]


@pytest.mark.parametrize("wert", [None, -1, "viele"])
def test_ungueltige_einwohnerzahl_wird_abgelehnt(api, steuerung, sozialraumdaten, wert):
    raum = sozialraumdaten["hafen"]
    antwort = api(steuerung).patch(f"/api/v1/raeume/{raum.id}/", {"einwohner": wert}, format="json")
    assert antwort.status_code == 400
    assert antwort.json()["einwohner"]
    assert list(RaumEinwohner.objects.filter(raum=raum).values_list("jahr", "einwohner")) == [(2025, 3000)]


def test_veralteter_bearbeitungsstand_wird_abgelehnt(api, steuerung, sozialraumdaten):
    raum = sozialraumdaten["hafen"]
    client = api(steuerung)
    assert (
        client.patch(f"/api/v1/raeume/{raum.id}/", {"name": "Hafen", "revision": 0}, format="json").status_code == 200
    )
    antwort = client.patch(f"/api/v1/raeume/{raum.id}/", {"name": "Hafen alt", "revision": 0}, format="json")
    assert antwort.status_code == 400
    assert "inzwischen geändert" in str(antwort.json()["revision"])
    assert Raum.objects.get(pk=raum.id).name == "Hafen"


def test_doppelter_indikatorwert_gibt_deutsche_meldung(api, steuerung, sozialraumdaten):
    antwort = api(steuerung).post(
        "/api/v1/indikatorwerte/",
        {"indikator": sozialraumdaten["quote"].id, "raum": sozialraumdaten["hafen"].id, "jahr": 2025, "wert": "1"},
        format="json",
    )
    assert antwort.status_code == 400
    assert "bereits einen Wert" in str(antwort.json())


def test_raum_in_benutzung_kann_nicht_geloescht_werden(api, steuerung, sozialraumdaten):
    antwort = api(steuerung).delete(f"/api/v1/raeume/{sozialraumdaten['stadt'].id}/")
    assert antwort.status_code == 400
    assert "Raum hat untergeordnete Räume – löschen nicht möglich." in str(antwort.json())


def test_raum_und_indikator_mit_werten_werden_nicht_mitsamt_werten_geloescht(api, steuerung, sozialraumdaten):
    """Indikatorwerte hang on Raum and Indikator with CASCADE; the delete is refused instead."""
    client = api(steuerung)
    antwort = client.delete(f"/api/v1/raeume/{sozialraumdaten['hafen'].id}/")
    assert antwort.status_code == 400
    assert "Raum hat Indikatorwerte – löschen nicht möglich." in str(antwort.json())
    antwort = client.delete(f"/api/v1/indikatoren/{sozialraumdaten['quote'].id}/")
    assert antwort.status_code == 400
    assert "Indikator hat Werte – löschen nicht möglich." in str(antwort.json())
    assert Indikatorwert.objects.filter(indikator=sozialraumdaten["quote"]).count() == 4


@pytest.mark.parametrize(
    "persona", ["sachbearbeitung50", "amtsleitung50", "dezernat", "kaemmerei", "ratsmitglied"], indirect=True
)
def test_nur_steuerung_schreibt(api, persona, sozialraumdaten):
    client = api(persona)
    antwort = client.post(
        "/api/v1/indikatorwerte/",
        {"indikator": sozialraumdaten["quote"].id, "raum": sozialraumdaten["hafen"].id, "jahr": 2023, "wert": "1"},
        format="json",
    )
    assert antwort.status_code == 403
    assert not Indikatorwert.objects.filter(jahr=2023).exists()


def test_schema_enthaelt_sozialraum_endpunkte(api, steuerung):
    antwort = api(steuerung).get("/api/v1/schema/")
    assert antwort.status_code == 200
    assert b"/api/v1/sozialraumindex/" in antwort.content
    assert b"/api/v1/vergleich/" in antwort.content
