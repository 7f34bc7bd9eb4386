"""Zielpyramide API per persona: allowed, forbidden (403), invisible across units (404)."""

from __future__ import annotations

import pytest

from steuerung.models import Kennzahl, Kennzahlversion, Leitziel, Massnahme, Messwert

pytestmark = pytest.mark.django_db

LESENDE = ["sachbearbeitung50", "sachbearbeitung51", "amtsleitung50", "dezernat", "steuerung", "kaemmerei"]
ENDPUNKTE = [
    "leitziele",
    "produktgruppen",
    "produktgruppenziele",
    "produkte",
    "produktziele",
    "teilziele",
    "massnahmen",
    "kennzahlen",
]


@pytest.mark.parametrize("persona", LESENDE, indirect=True)
@pytest.mark.parametrize("endpunkt", ENDPUNKTE)
def test_lesende_rollen_duerfen_die_listen_lesen(pyramide, api, persona, endpunkt):
    antwort = api(persona).get(f"/api/v1/{endpunkt}/")
    assert antwort.status_code == 200
    assert "results" in antwort.json()


@pytest.mark.parametrize("endpunkt", [*ENDPUNKTE, "zielpyramide"])
def test_ratsmitglied_liest_keine_ziele_und_kennzahlen(pyramide, api, ratsmitglied, endpunkt):
    assert api(ratsmitglied).get(f"/api/v1/{endpunkt}/?jahr=2025").status_code == 403


def test_anonym_bekommt_401_oder_403(pyramide, api):
    assert api(None).get("/api/v1/zielpyramide/?jahr=2025").status_code in (401, 403)


def test_zielpyramide_liefert_verschachtelten_baum(pyramide, api, dezernat):
    daten = api(dezernat).get("/api/v1/zielpyramide/?jahr=2025&tiefe=alle").json()
    lz = daten["knoten"][0]
    assert set(lz) >= {"typ", "id", "code", "titel", "smart", "kennzahlen", "kinder"}
    assert lz["typ"] == "leitziel"
    assert lz["smart"]["erfuellt"] is False
    assert "Keine Kennzahl zugeordnet (nicht messbar)" in lz["smart"]["maengel"]
    assert [k["code"] for k in lz["kinder"]] == ["PGZ 1", "PGZ 2"]


def test_zielpyramide_ebenenweise_wie_der_ganze_baum(pyramide, api, dezernat):
    client = api(dezernat)
    ganz = client.get("/api/v1/zielpyramide/?jahr=2025&tiefe=alle").json()

    def ohne_kinder(k):
        return {key: wert for key, wert in k.items() if key not in ("kinder", "kinder_anzahl", "schluessel")}

    def vergleichen(ebene, erwartet):
        assert [ohne_kinder(k) for k in ebene] == [ohne_kinder(k) for k in erwartet]
        for k, e in zip(ebene, erwartet, strict=True):
            assert k["kinder"] == [] and k["kinder_anzahl"] == len(e["kinder"])
            if e["kinder"]:
                unter = client.get(f"/api/v1/zielpyramide/?jahr=2025&knoten={k['schluessel']}").json()
                assert unter["eltern"]["schluessel"] == k["schluessel"]
                vergleichen(unter["knoten"], e["kinder"])

    oben = client.get("/api/v1/zielpyramide/?jahr=2025").json()
    vergleichen(oben["knoten"], ganz["knoten"])
    vergleichen(oben["ohne_leitziel"], ganz["ohne_leitziel"])


def test_zielpyramide_knoten_ausserhalb_der_sicht_ist_404(pyramide, api, dezernat, sachbearbeitung51):
    pgz50 = f"produktgruppenziel-{pyramide['pgz50'].pk}"
    assert api(dezernat).get(f"/api/v1/zielpyramide/?jahr=2025&knoten={pgz50}").status_code == 200
    for knoten in (pgz50, "leitziel-999999", "x"):
        antwort = api(sachbearbeitung51).get(f"/api/v1/zielpyramide/?jahr=2025&knoten={knoten}")
        assert antwort.status_code == 404
        assert antwort.json()["detail"] == "Dieses Ziel gibt es in Ihrer Zielpyramide nicht."
    antwort = api(dezernat).get("/api/v1/zielpyramide/?jahr=2025&tiefe=tief")
    assert antwort.json() == {"tiefe": ["Bitte „ebene“ oder „alle“ angeben."]}


@pytest.mark.parametrize("jahr", ["", "abc", "1999"])
def test_zielpyramide_ohne_gueltiges_jahr_gibt_deutsche_meldung(pyramide, api, steuerung, jahr):
    antwort = api(steuerung).get(f"/api/v1/zielpyramide/?jahr={jahr}")
    assert antwort.status_code == 400
    assert "Haushaltsjahr" in antwort.json()["jahr"][0]


def test_sachbearbeitung51_sieht_massnahme_und_kennzahl_von_amt50_nicht(pyramide, api, sachbearbeitung51):
    client = api(sachbearbeitung51)
    assert client.get(f"/api/v1/massnahmen/{pyramide['m50'].pk}/").status_code == 404
    assert client.get(f"/api/v1/kennzahlen/{pyramide['k50'].pk}/").status_code == 404
    assert client.get(f"/api/v1/produktgruppenziele/{pyramide['pgz50'].pk}/").status_code == 404
    assert client.get(f"/api/v1/massnahmen/{pyramide['m51'].pk}/").status_code == 200


def test_kennzahl_json_hat_die_feldnamen_des_modells_und_dezimalzahlen_als_text(pyramide, api, steuerung):
    daten = api(steuerung).get(f"/api/v1/kennzahlen/{pyramide['k50'].pk}/").json()
    for feld in (
        "bezeichnung",
        "definition",
        "einheit",
        "datenquelle",
        "messart",
        "richtung",
        "erhebungsrhythmus",
        "ausgangsjahr",
        "zieljahr",
        "verantwortlich",
        "vertretung",
        "sollwerte",
        "versionen",
    ):
        assert feld in daten
    assert daten["ausgangswert"] == "1826.0000"
    assert daten["zielwert"] == "1780.0000"


def test_steuerung_legt_kennzahl_mit_sollwerten_an(
    pyramide, api, steuerung, einheiten, sachbearbeitung50, amtsleitung50
):
    antwort = api(steuerung).post(
        "/api/v1/kennzahlen/",
        {
            "bezeichnung": "Wohngeldhaushalte",
            "einheit": "Haushalte",
            "datenquelle": "Wohngeldverfahren",
            "richtung": "steigend",
            "ausgangswert": "4400",
            "ausgangsjahr": 2020,
            "zielwert": "4600",
            "zieljahr": 2025,
            "verantwortlich": sachbearbeitung50.pk,
            "vertretung": amtsleitung50.pk,
            "organisationseinheit": einheiten["50"].pk,
            "produktziel": pyramide["pz50"].pk,
            "sollwerte": [{"periode": "2025-T1", "wert": "4450"}, {"periode": "2025-T2", "wert": "4500"}],
        },
        format="json",
    )
    assert antwort.status_code == 201, antwort.json()
    kennzahl = Kennzahl.objects.get(pk=antwort.json()["id"])
    assert kennzahl.jahr == 2025
    assert antwort.json()["sollwerte"] == [
        {"periode": "2025-T1", "wert": "4450.0000"},
        {"periode": "2025-T2", "wert": "4500.0000"},
    ]


def test_kennzahl_mit_ungueltiger_periode_wird_abgelehnt_und_nichts_angelegt(
    pyramide, api, steuerung, einheiten, sachbearbeitung50
):
    vorher = Kennzahl.objects.count()
    antwort = api(steuerung).post(
        "/api/v1/kennzahlen/",
        {
            "bezeichnung": "X",
            "verantwortlich": sachbearbeitung50.pk,
            "vertretung": sachbearbeitung50.pk,
            "organisationseinheit": einheiten["50"].pk,
            "produktziel": pyramide["pz50"].pk,
            "sollwerte": [{"periode": "2025-T9", "wert": "1"}],
        },
        format="json",
    )
    assert antwort.status_code == 400
    assert "2025-T9" in str(antwort.json())
    assert Kennzahl.objects.count() == vorher


def test_kennzahl_ohne_ziel_gibt_deutsche_meldung(pyramide, api, steuerung, einheiten):
    antwort = api(steuerung).post(
        "/api/v1/kennzahlen/",
        {
            "bezeichnung": "X",
            "verantwortlich": steuerung.pk,
            "vertretung": steuerung.pk,
            "organisationseinheit": einheiten["50"].pk,
        },
        format="json",
    )
    assert antwort.status_code == 400
    assert "genau einem Ziel" in str(antwort.json())


def test_sachbearbeitung_aendert_kennzahltexte_ihrer_einheit(pyramide, api, sachbearbeitung50):
    k = pyramide["k50"]
    antwort = api(sachbearbeitung50).patch(
        f"/api/v1/kennzahlen/{k.pk}/", {"datenquelle": "OPEN/PROSOZ", "revision": 0}, format="json"
    )
    assert antwort.status_code == 200, antwort.json()
    k.refresh_from_db()
    assert k.datenquelle == "OPEN/PROSOZ"
    assert k.revision == 1


def test_sachbearbeitung_darf_zielwert_nicht_aendern(pyramide, api, sachbearbeitung50):
    k = pyramide["k50"]
    antwort = api(sachbearbeitung50).patch(f"/api/v1/kennzahlen/{k.pk}/", {"zielwert": "1"}, format="json")
    assert antwort.status_code == 403
    assert "zielwert" in antwort.json()["detail"]
    k.refresh_from_db()
    assert k.zielwert == 1780


def test_veraltete_revision_wird_mit_hinweis_auf_die_andere_aenderung_abgelehnt(pyramide, api, steuerung):
    k = pyramide["k50"]
    client = api(steuerung)
    assert client.patch(f"/api/v1/kennzahlen/{k.pk}/", {"formel": "A", "revision": 0}, format="json").status_code == 200
    antwort = client.patch(f"/api/v1/kennzahlen/{k.pk}/", {"formel": "B", "revision": 0}, format="json")
    assert antwort.status_code == 400
    meldung = str(antwort.json())
    assert "inzwischen geändert" in meldung
    assert "formel" in meldung
    k.refresh_from_db()
    assert k.formel == "A"


def test_zielaenderung_nach_erstem_messwert_braucht_grund_und_erzeugt_version(pyramide, api, steuerung):
    k = pyramide["k50"]
    Messwert.objects.create(kennzahl=k, periode="2025-T1", periode_ende="2025-04-30", wert=1800)
    client = api(steuerung)
    ohne = client.patch(f"/api/v1/kennzahlen/{k.pk}/", {"zielwert": "1750"}, format="json")
    assert ohne.status_code == 400
    assert "braucht einen Grund" in ohne.json()["grund"][0]
    mit = client.patch(
        f"/api/v1/kennzahlen/{k.pk}/", {"zielwert": "1750", "grund": "Neue Pflegeplanung"}, format="json"
    )
    assert mit.status_code == 200
    assert mit.json()["version"] == 2
    version = Kennzahlversion.objects.get(kennzahl=k)
    assert (version.version, version.grund, version.gueltig_bis_periode) == (1, "Neue Pflegeplanung", "2025-T1")
    assert version.definition["zielwert"] == "1780.0000"


def test_sachbearbeitung_legt_massnahme_der_eigenen_einheit_an_aber_nicht_fremd(
    pyramide, api, sachbearbeitung50, einheiten
):
    daten = {
        "jahr": 2025,
        "code": "M NEU",
        "titel": "Pflegeberatung",
        "organisationseinheit": einheiten["50 21"].pk,
        "produktziel": pyramide["pz50"].pk,
    }
    client = api(sachbearbeitung50)
    assert client.post("/api/v1/massnahmen/", daten, format="json").status_code == 201
    fremd = client.post(
        "/api/v1/massnahmen/", {**daten, "code": "M X", "organisationseinheit": einheiten["51"].pk}, format="json"
    )
    assert fremd.status_code == 403
    assert not Massnahme.objects.filter(code="M X").exists()


@pytest.mark.parametrize("persona", ["sachbearbeitung50", "amtsleitung50", "dezernat", "kaemmerei"], indirect=True)
def test_nur_steuerung_legt_leitziele_an(pyramide, api, persona, einheiten):
    daten = {"jahr": 2025, "code": "LZ 9", "titel": "Neu", "organisationseinheit": einheiten["V"].pk}
    assert api(persona).post("/api/v1/leitziele/", daten, format="json").status_code == 403
    assert not Leitziel.objects.filter(code="LZ 9").exists()


def test_steuerung_legt_leitziel_an_doppelter_code_gibt_deutsche_meldung(pyramide, api, steuerung, einheiten):
    daten = {"jahr": 2025, "code": "LZ 9", "titel": "Neu", "organisationseinheit": einheiten["V"].pk}
    assert api(steuerung).post("/api/v1/leitziele/", daten, format="json").status_code == 201
    doppelt = api(steuerung).post("/api/v1/leitziele/", daten, format="json")
    assert doppelt.status_code == 400
    assert "bereits vergeben" in str(doppelt.json())


def test_amtsleitung_darf_massnahmen_nicht_aendern(pyramide, api, amtsleitung50):
    antwort = api(amtsleitung50).patch(f"/api/v1/massnahmen/{pyramide['m50'].pk}/", {"titel": "x"}, format="json")
    assert antwort.status_code == 403


def test_sachbearbeitung_aendert_fremde_massnahme_nicht_404(pyramide, api, sachbearbeitung50):
    antwort = api(sachbearbeitung50).patch(f"/api/v1/massnahmen/{pyramide['m51'].pk}/", {"titel": "x"}, format="json")
    assert antwort.status_code == 404


def test_ziel_mit_unterzielen_loeschen_gibt_400_statt_500(pyramide, api, steuerung):
    antwort = api(steuerung).delete(f"/api/v1/leitziele/{pyramide['lz'].pk}/")
    assert antwort.status_code == 400
    assert "untergeordnete" in str(antwort.json())


def test_zielmatrix_uebernehmen_per_api_nur_fuer_steuerung(pyramide, api, steuerung, dezernat):
    assert api(dezernat).post("/api/v1/zielpyramide/uebernehmen/", {"jahr": 2025}, format="json").status_code == 403
    antwort = api(steuerung).post("/api/v1/zielpyramide/uebernehmen/", {"jahr": 2025}, format="json")
    assert antwort.status_code == 201
    assert antwort.json()["angelegt"]["leitziel"] == 1


def test_schema_enthaelt_zielpyramide(api, steuerung):
    antwort = api(steuerung).get("/api/v1/schema/?format=json")
    assert antwort.status_code == 200
    assert "/api/v1/zielpyramide/" in antwort.json()["paths"]
