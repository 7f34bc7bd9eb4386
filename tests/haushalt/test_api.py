"""Haushalt API per persona: allowed, forbidden, not found across units; strict input; the shapes."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from haushalt.models import Haushaltsimport, Haushaltsposition, Produktzuordnung, Zuwendung
from tests.haushalt.conftest import csv_datei
from tests.steuerung.factories import ProduktFactory

pytestmark = pytest.mark.django_db

ALLE = ["sachbearbeitung50", "sachbearbeitung51", "amtsleitung50", "dezernat", "steuerung", "kaemmerei", "ratsmitglied"]


def _status(api, user, methode, url, daten=None, **kwargs):
    return getattr(api(user), methode)(url, daten, **kwargs).status_code


# --- Haushaltspositionen ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "anzahl"),
    [
        ("sachbearbeitung50", 12),
        ("amtsleitung50", 12),
        ("sachbearbeitung51", 2),
        ("dezernat", 14),
        ("steuerung", 14),
        ("kaemmerei", 14),
    ],
    indirect=["persona"],
)
def test_haushaltspositionen_je_persona(haushalt_2026, api, persona, anzahl):
    antwort = api(persona).get("/api/v1/haushaltspositionen/")
    assert antwort.status_code == 200 and antwort.json()["count"] == anzahl


@pytest.mark.parametrize("persona", ["ratsmitglied", None], indirect=True)
def test_rat_und_anonyme_lesen_keine_haushaltspositionen(haushalt_2026, api, persona):
    assert api(persona).get("/api/v1/haushaltspositionen/").status_code == 403


def test_haushaltspositionen_filter_und_geldformat(haushalt_2026, api, kaemmerei):
    antwort = api(kaemmerei).get(
        "/api/v1/haushaltspositionen/",
        {"produkt": "1.31.01.02", "jahr": 2026, "art": "prognose", "zeile": "transferaufwendungen"},
    )
    assert antwort.json()["results"] == [
        {
            "id": antwort.json()["results"][0]["id"],
            "produkt": "1.31.01.02",
            "produktgruppe": "1.31.01",
            "produktbereich": "1.31",
            "jahr": 2026,
            "zeile": "transferaufwendungen",
            "zeile_nummer": 15,
            "art": "prognose",
            "stichtag": "2026-08-31",
            "betrag": "13110000.00",
            "herkunft": Haushaltsimport.objects.get().pk,
        }
    ]
    assert api(kaemmerei).get("/api/v1/haushaltspositionen/", {"produktgruppe": "1.31.06"}).json()["count"] == 2
    falsch = api(kaemmerei).get("/api/v1/haushaltspositionen/", {"jahr": "abc", "art": "soll"})
    assert falsch.status_code == 400
    assert set(falsch.json()) == {"jahr", "art"}


def test_haushaltsposition_eines_anderen_amts_ist_nicht_gefunden(haushalt_2026, api, sachbearbeitung51, amtsleitung50):
    pk = Haushaltsposition.objects.filter(produkt__nummer="1.31.01.02").first().pk
    assert _status(api, sachbearbeitung51, "get", f"/api/v1/haushaltspositionen/{pk}/") == 404
    assert _status(api, amtsleitung50, "get", f"/api/v1/haushaltspositionen/{pk}/") == 200


def test_haushaltspositionen_werden_nur_importiert_nicht_geschrieben(haushalt_2026, api, steuerung):
    pk = Haushaltsposition.objects.first().pk
    assert _status(api, steuerung, "post", "/api/v1/haushaltspositionen/", {}, format="json") == 405
    # Nobody holds change_haushaltsposition: refused before the method is looked at.
    assert _status(api, steuerung, "put", f"/api/v1/haushaltspositionen/{pk}/", {}, format="json") == 403


# --- Finanzdatenblatt ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "erwartet"),
    [
        (None, 403),
        ("sachbearbeitung50", 200),
        ("sachbearbeitung51", 404),
        ("amtsleitung50", 200),
        ("dezernat", 200),
        ("steuerung", 200),
        ("kaemmerei", 200),
        ("ratsmitglied", 403),
    ],
    indirect=["persona"],
)
@pytest.mark.parametrize(
    "url", ["finanzen/produkte/1.31.01.02/", "finanzen/produktgruppen/1.31.01/", "finanzen/produktbereiche/1.31/"]
)
def test_finanzdatenblatt_je_persona(haushalt_2026, api, persona, erwartet, url):
    assert api(persona).get(f"/api/v1/{url}?jahr=2026").status_code == erwartet


def test_finanzdatenblatt_form_und_geld_mit_zwei_nachkommastellen(haushalt_2026, api, kaemmerei):
    daten = api(kaemmerei).get("/api/v1/finanzen/produkte/1.31.01.02/", {"jahr": 2026, "vergleich": "ansatz"}).json()
    for schluessel in (
        "jahr",
        "zeilen",
        "zuschussbedarf",
        "fallzahl",
        "kosten_je_fall",
        "mengeneffekt",
        "preiseffekt",
        "abweichung",
    ):
        assert schluessel in daten
    assert daten["jahr"] == 2026 and daten["zustand_p"] == "ansatz" and daten["zustand_i"] == "prognose"
    assert daten["zuschussbedarf"]["werte"] == {
        "ansatz": "10000000.00",
        "fortgeschriebener_ansatz": None,
        "ist": "8740000.00",
        "prognose": "10510000.00",
        "ist_vorjahr": "9000000.00",
    }
    assert (daten["zuschussbedarf"]["p"], daten["zuschussbedarf"]["i"]) == ("10000000.00", "10510000.00")
    assert daten["zuschussbedarf"]["abweichung"] == "510000.00"
    assert daten["zuschussbedarf"]["abweichung_prozent"] == "5.1"
    assert [z["nummer"] for z in daten["zeilen"]] == [6, 11, 15]
    assert daten["fallkosten_grund"] == "Für dieses Produkt ist keine Fallzahl-Kennzahl hinterlegt."
    assert daten["fallzahl"] == {"p": None, "i": None} and daten["mengeneffekt"] is None
    assert daten["transferaufwand"] == {"p": "12000000.00", "i": "13110000.00"}
    assert [j["jahr"] for j in daten["verlauf"]] == [2025, 2026]


def test_finanzdatenblatt_ohne_jahr_nimmt_das_neueste_jahr(haushalt_2026, api, kaemmerei):
    assert api(kaemmerei).get("/api/v1/finanzen/produktbereiche/1.31/").json()["jahr"] == 2026


@pytest.mark.parametrize(
    ("abfrage", "feld"),
    [
        ({"vergleich": "plan"}, "vergleich"),
        ({"jahr": "1999"}, "jahr"),
        ({"jahr": "zwanzig"}, "jahr"),
        ({"stichtag": "31.02.2026"}, "stichtag"),
        ({"seite": "2"}, "seite"),
    ],
)
def test_finanzdatenblatt_lehnt_falsche_und_unbekannte_parameter_ab(haushalt_2026, api, kaemmerei, abfrage, feld):
    antwort = api(kaemmerei).get("/api/v1/finanzen/produkte/1.31.01.02/", abfrage)
    assert antwort.status_code == 400
    assert feld in antwort.json()


def test_unbekannter_parameter_mit_deutscher_meldung(haushalt_2026, api, kaemmerei):
    antwort = api(kaemmerei).get("/api/v1/finanzen/produkte/1.31.01.02/", {"format2": "x"})
    assert list(antwort.json()) == ["format2"]
    assert "Das Feld „format2“ gibt es hier nicht und wird nicht angenommen." in antwort.json()["format2"][0]


# --- Import ----------------------------------------------------------------------------------------


def _datei(*zeilen: str, name: str = "export.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, csv_datei(*zeilen), content_type="text/csv")


@pytest.mark.parametrize(
    ("persona", "erwartet"),
    [
        (None, 403),
        ("sachbearbeitung50", 403),
        ("sachbearbeitung51", 403),
        ("amtsleitung50", 403),
        ("dezernat", 403),
        ("steuerung", 201),
        ("kaemmerei", 201),
        ("ratsmitglied", 403),
    ],
    indirect=["persona"],
)
def test_import_nur_fuer_steuerung_und_kaemmerei(produkte, api, persona, erwartet):
    antwort = api(persona).post("/api/v1/haushalt/import/", {"datei": _datei("1.31.01.02;15;Ansatz;2026;;1,00")})
    assert antwort.status_code == erwartet
    assert Haushaltsposition.objects.exists() is (erwartet == 201)


def test_import_vorschau_schreibt_nichts_dann_uebernahme_dann_unveraendert(produkte, api, kaemmerei):
    zeilen = ("1.31.01.02;15;Ansatz;2026;;1.000,00", "1.31.01.02;6;Ansatz;2026;;250,00")
    vorschau = api(kaemmerei).post("/api/v1/haushalt/import/?vorschau=1", {"datei": _datei(*zeilen)})
    assert vorschau.status_code == 200
    assert vorschau.json()["status"] == "vorschau" and vorschau.json()["import_id"] is None
    assert vorschau.json()["summen"] == [
        {
            "produktbereich": "1.31",
            "jahr": 2026,
            "art": "ansatz",
            "stichtag": None,
            "zeilen": 2,
            "ertraege": "250.00",
            "aufwendungen": "1000.00",
            "zuschussbedarf": "750.00",
            "bisher": None,
        }
    ]
    assert not Haushaltsposition.objects.exists() and not Haushaltsimport.objects.exists()

    uebernommen = api(kaemmerei).post("/api/v1/haushalt/import/", {"datei": _datei(*zeilen)})
    assert uebernommen.status_code == 201 and uebernommen.json()["status"] == "uebernommen"
    assert Haushaltsposition.objects.count() == 2

    nochmal = api(kaemmerei).post("/api/v1/haushalt/import/?vorschau=0", {"datei": _datei(*zeilen)})
    assert nochmal.status_code == 200 and nochmal.json()["status"] == "unveraendert"
    assert Haushaltsimport.objects.count() == 2


def test_import_fehler_je_zeile_auf_deutsch(produkte, api, steuerung):
    antwort = api(steuerung).post(
        "/api/v1/haushalt/import/", {"datei": _datei("1.31.01.02;15;Ansatz;2026;;1,00", "4.44;99;Ansatz;2026;;1,00")}
    )
    assert antwort.status_code == 400
    assert antwort.json() == {
        "datei": ["Zeile 3: Produkt „4.44“ ist unbekannt; Zeile „99“ ist im Teilergebnisplan unbekannt."]
    }
    assert not Haushaltsposition.objects.exists()


@pytest.mark.parametrize(
    ("url", "daten", "feld"),
    [
        ("/api/v1/haushalt/import/", {}, "datei"),
        ("/api/v1/haushalt/import/?vorschau=vielleicht", None, "vorschau"),
        ("/api/v1/haushalt/import/", "mit_extra", "jahr"),
    ],
)
def test_import_strenge_eingabe(produkte, api, steuerung, url, daten, feld):
    if daten is None:
        daten = {"datei": _datei("1.31.01.02;15;Ansatz;2026;;1,00")}
    elif daten == "mit_extra":
        daten = {"datei": _datei("1.31.01.02;15;Ansatz;2026;;1,00"), "jahr": "2026"}
    antwort = api(steuerung).post(url, daten)
    assert antwort.status_code == 400 and feld in antwort.json()
    assert not Haushaltsposition.objects.exists()


# --- Zuwendungen -----------------------------------------------------------------------------------


def _zuwendung(einheiten, **werte) -> dict:
    return {
        "jahr": 2026,
        "foerderbereich": "Seniorenarbeit",
        "traeger": "Seniorenbüro Mitte",
        "zweck": "Festkostenbeitrag",
        "organisationseinheit": einheiten["50 21"].pk,
        "geplant": "120000.00",
        "bewilligt": "100000.00",
        "ausgezahlt": "50000.00",
        "nachweis_faellig": "2027-06-30",
        **werte,
    }


@pytest.fixture
def zuwendung(einheiten):
    return Zuwendung.objects.create(
        jahr=2025,
        foerderbereich="Wohnungslosenhilfe",
        traeger="Beratungsstelle",
        zweck="Beratung",
        organisationseinheit=einheiten["50 2"],
        bewilligt=Decimal("147500.00"),
        ausgezahlt=Decimal("147500.00"),
        nachweis_faellig=date(2026, 6, 30),
    )


@pytest.mark.parametrize(
    ("persona", "liste", "detail", "anlegen", "aendern", "loeschen"),
    [
        (None, 403, 403, 403, 403, 403),
        ("sachbearbeitung50", 200, 200, 201, 200, 204),
        ("amtsleitung50", 200, 200, 201, 200, 204),
        ("sachbearbeitung51", 200, 404, 403, 404, 404),
        ("dezernat", 200, 200, 403, 403, 403),
        ("steuerung", 200, 200, 201, 200, 204),
        ("kaemmerei", 200, 200, 403, 403, 403),
        ("ratsmitglied", 403, 403, 403, 403, 403),
    ],
    indirect=["persona"],
)
def test_zuwendungen_je_persona(einheiten, zuwendung, api, persona, liste, detail, anlegen, aendern, loeschen):
    client = api(persona)
    url = f"/api/v1/zuwendungen/{zuwendung.pk}/"
    assert client.get("/api/v1/zuwendungen/").status_code == liste
    assert client.get(url).status_code == detail
    assert client.post("/api/v1/zuwendungen/", _zuwendung(einheiten), format="json").status_code == anlegen
    daten = _zuwendung(einheiten, organisationseinheit=einheiten["50 2"].pk, revision=0)
    assert client.put(url, daten, format="json").status_code == aendern
    assert client.delete(url).status_code == loeschen


def test_zuwendung_in_fremder_einheit_ist_verboten(einheiten, api, sachbearbeitung50):
    antwort = api(sachbearbeitung50).post(
        "/api/v1/zuwendungen/", _zuwendung(einheiten, organisationseinheit=einheiten["51"].pk), format="json"
    )
    assert antwort.status_code == 403
    assert antwort.json()["detail"] == "Sie dürfen nur Einträge Ihrer eigenen Organisationseinheit bearbeiten."
    assert not Zuwendung.objects.exists()


@pytest.mark.parametrize(
    ("werte", "feld", "meldung"),
    [
        ({"ausgezahlt": "150000.00"}, "ausgezahlt", "Es kann nicht mehr ausgezahlt werden als bewilligt."),
        ({"geplant": "-1.00"}, "geplant", None),
        ({"unbekannt": "x"}, "unbekannt", "gibt es hier nicht und wird nicht angenommen"),
        (
            {"nachweis_ueberfaellig": True},
            "nachweis_ueberfaellig",
            "ist schreibgeschützt und wird nicht angenommen",
        ),
        ({"jahr": 1999}, "jahr", None),
    ],
)
def test_zuwendung_strenge_eingabe(einheiten, api, steuerung, werte, feld, meldung):
    antwort = api(steuerung).post("/api/v1/zuwendungen/", _zuwendung(einheiten, **werte), format="json")
    assert antwort.status_code == 400
    if meldung:
        assert any(meldung in m for m in antwort.json()[feld]), antwort.json()
    else:
        assert feld in antwort.json()
    assert not Zuwendung.objects.exists()


def test_nachweis_pruefung_erst_nach_eingang(einheiten, api, steuerung):
    antwort = api(steuerung).post(
        "/api/v1/zuwendungen/", _zuwendung(einheiten, nachweis_geprueft="2026-07-01"), format="json"
    )
    assert antwort.status_code == 400
    assert "erst geprüft werden, wenn er eingegangen ist" in str(antwort.json())


def test_ueberfaellige_verwendungsnachweise_filtern(einheiten, zuwendung, api, kaemmerei):
    Zuwendung.objects.create(**{**_zuwendung(einheiten), "organisationseinheit": einheiten["50 21"]})
    ueberfaellig = api(kaemmerei).get("/api/v1/zuwendungen/", {"ueberfaellig": "true"}).json()["results"]
    assert [(z["traeger"], z["nachweis_ueberfaellig"]) for z in ueberfaellig] == [("Beratungsstelle", True)]
    assert api(kaemmerei).get("/api/v1/zuwendungen/", {"ueberfaellig": "false"}).json()["count"] == 1


def test_zuwendung_aendern_mit_veraltetem_stand_wird_abgelehnt(einheiten, zuwendung, api, sachbearbeitung50):
    daten = _zuwendung(einheiten, organisationseinheit=einheiten["50 2"].pk, revision=0)
    assert api(sachbearbeitung50).put(f"/api/v1/zuwendungen/{zuwendung.pk}/", daten, format="json").status_code == 200
    veraltet = api(sachbearbeitung50).put(f"/api/v1/zuwendungen/{zuwendung.pk}/", daten, format="json")
    assert veraltet.status_code == 400
    assert "inzwischen geändert" in str(veraltet.json())


# --- Produktzuordnungen --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "liste", "anlegen"),
    [
        ("sachbearbeitung50", 3, 403),
        ("sachbearbeitung51", 1, 403),
        ("dezernat", 4, 403),
        ("steuerung", 4, 201),
        ("kaemmerei", 4, 201),
        ("ratsmitglied", None, 403),
    ],
    indirect=["persona"],
)
def test_produktzuordnungen_je_persona(produkte, einheiten, api, persona, liste, anlegen):
    client = api(persona)
    antwort = client.get("/api/v1/produktzuordnungen/")
    assert antwort.status_code == (403 if liste is None else 200)
    if liste is not None:
        assert antwort.json()["count"] == liste
    neu = ProduktFactory(nummer="1.31.06.05", produktgruppe=produkte["obdach"].produktgruppe)
    daten = {"produkt": neu.pk, "organisationseinheit": einheiten["50"].pk, "transferzeile": "transferaufwendungen"}
    assert client.post("/api/v1/produktzuordnungen/", daten, format="json").status_code == anlegen


def test_produktzuordnung_strenge_regeln(produkte, einheiten, api, kaemmerei):
    vorhanden = {"produkt": produkte["hzp"].pk, "organisationseinheit": einheiten["50"].pk}
    antwort = api(kaemmerei).post("/api/v1/produktzuordnungen/", vorhanden, format="json")
    assert antwort.json() == {"produkt": ["Für dieses Produkt gibt es bereits Haushaltsangaben."]}
    zuordnung = Produktzuordnung.objects.get(produkt=produkte["hzp"])
    url = f"/api/v1/produktzuordnungen/{zuordnung.pk}/"
    ertrag = api(kaemmerei).patch(url, {"transferzeile": "kostenerstattungen_umlagen"}, format="json")
    assert ertrag.json() == {"transferzeile": ["Der Transferaufwand muss eine Aufwandszeile sein."]}
    wechsel = api(kaemmerei).patch(url, {"produkt": produkte["hlu"].pk}, format="json")
    assert wechsel.json() == {"produkt": ["Die Angaben gehören fest zu ihrem Produkt."]}
    gut = api(kaemmerei).patch(url, {"organisationseinheit": einheiten["50 2"].pk, "revision": 0}, format="json")
    assert gut.status_code == 200 and gut.json()["revision"] == 1
