"""Haushalt pages per persona (allowed, forbidden, not found across units) and their flows:
upload → preview → confirm, settings, a Produkt's finance data, Zuwendungen."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from haushalt.models import HaushaltEinstellungen, Haushaltsimport, Haushaltsposition, Produktzuordnung, Zuwendung
from tests.haushalt.conftest import csv_datei
from tests.steuerung.factories import KennzahlFactory

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def zuwendung(einheiten):
    return Zuwendung.objects.create(
        jahr=2025,
        foerderbereich="Wohnungslosenhilfe",
        traeger="Beratungsstelle Wohnungsnot",
        zweck="Beratung und Betreuung",
        organisationseinheit=einheiten["50 2"],
        geplant=Decimal("150000.00"),
        bewilligt=Decimal("147500.00"),
        ausgezahlt=Decimal("147500.00"),
        nachweis_faellig=date(2026, 6, 30),
    )


@pytest.fixture
def upload(haushalt_2026):
    return Haushaltsimport.objects.get()


SEITEN = {
    # url: anonym, sb50, sb51, al50, dez, su, kae, rat
    "/finanzen/": "302 200 200 200 200 200 200 403",
    "/finanzen/produkte/1.31.01.02/": "302 200 404 200 200 200 200 403",
    "/finanzen/produktgruppen/1.31.01/": "302 200 404 200 200 200 200 403",
    "/finanzen/produktbereiche/1.31/": "302 200 404 200 200 200 200 403",
    "/finanzen/produktbereiche/1.36/": "302 404 200 404 200 200 200 403",
    "/finanzen/produkte/1.31.01.02/zuordnung/": "302 403 403 403 403 200 200 403",
    "/finanzen/import/": "302 403 403 403 403 200 200 403",
    "/finanzen/import/{upload}/": "302 403 403 403 403 200 200 403",
    "/finanzen/einstellungen/": "302 403 403 403 403 200 200 403",
    "/zuwendungen/": "302 200 200 200 200 200 200 403",
    "/zuwendungen/neu/": "302 200 200 200 403 200 403 403",
    "/zuwendungen/{zuwendung}/": "302 200 404 200 403 200 403 403",
}
PERSONEN = [
    None,
    "sachbearbeitung50",
    "sachbearbeitung51",
    "amtsleitung50",
    "dezernat",
    "steuerung",
    "kaemmerei",
    "ratsmitglied",
]


@pytest.mark.parametrize("url", sorted(SEITEN))
def test_jede_seite_je_persona(request, upload, zuwendung, url):
    pfad = url.format(upload=upload.pk, zuwendung=zuwendung.pk)
    erhalten = []
    for persona in PERSONEN:
        user = request.getfixturevalue(persona) if persona else None
        erhalten.append(str(_client(user).get(pfad).status_code))
    assert " ".join(erhalten) == SEITEN[url], pfad


def test_unbekannte_nummer_ist_nicht_gefunden(haushalt_2026, kaemmerei):
    client = _client(kaemmerei)
    assert client.get("/finanzen/produkte/9.99.99.99/").status_code == 404
    assert client.get("/finanzen/produkte/abc/").status_code == 404


def test_finanzdatenblatt_zeigt_deutsche_zahlen_und_den_grund_ohne_aufteilung(haushalt_2026, kaemmerei):
    text = _client(kaemmerei).get("/finanzen/produkte/1.31.01.02/?jahr=2026").content.decode()
    assert "Finanzdatenblatt Produkt 1.31.01.02 Hilfe zur Pflege" in text
    assert "10.000.000,00 €" in text and "13.110.000,00" in text and "5,1 %" in text
    assert "Für dieses Produkt ist keine Fallzahl-Kennzahl hinterlegt." in text
    assert "Zuschussbedarf je Haushaltsjahr (in €)" in text and 'id="hh-figur"' in text


def test_ungueltige_auswahl_zeigt_den_standard_mit_hinweis(haushalt_2026, kaemmerei):
    antwort = _client(kaemmerei).get("/finanzen/produkte/1.31.01.02/?jahr=1850&vergleich=x")
    assert antwort.status_code == 200
    assert "Die Auswahl war ungültig; angezeigt wird der Standard." in antwort.content.decode()


def test_fachamt_sieht_in_der_uebersicht_nur_eigene_produkte(haushalt_2026, sachbearbeitung51):
    text = _client(sachbearbeitung51).get("/finanzen/?jahr=2026").content.decode()
    assert "1.36.03.02" in text and "1.31.01.02" not in text


# --- Import flow ------------------------------------------------------------------------------------


def test_hochladen_vorschau_und_uebernehmen(produkte, kaemmerei):
    client = _client(kaemmerei)
    datei = SimpleUploadedFile("plan.csv", csv_datei("1.31.01.02;15;Ansatz;2026;;1.234.567,89"), "text/csv")
    antwort = client.post("/finanzen/import/", {"datei": datei})
    upload = Haushaltsimport.objects.get()
    assert antwort.status_code == 302 and antwort.url == f"/finanzen/import/{upload.pk}/"
    assert not Haushaltsposition.objects.exists()
    vorschau = client.get(antwort.url).content.decode()
    assert "1.234.567,89" in vorschau and "Übernehmen" in vorschau

    antwort = client.post(f"/finanzen/import/{upload.pk}/", {"aktion": "uebernehmen"}, follow=True)
    assert "Import übernommen: 1 Zeilen geschrieben, 0 ersetzt." in antwort.content.decode()
    assert Haushaltsposition.objects.get().betrag == Decimal("1234567.89")
    assert "Übernehmen" not in antwort.content.decode()


def test_hochladen_mit_fehlern_zeigt_jede_zeile_und_speichert_nichts(produkte, steuerung):
    datei = SimpleUploadedFile(
        "plan.csv", csv_datei("1.31.01.02;15;Ansatz;2026;;1,00", "1.31.01.02;15;Ansatz;2026;;2,00"), "text/csv"
    )
    antwort = _client(steuerung).post("/finanzen/import/", {"datei": datei})
    text = antwort.content.decode()
    assert antwort.status_code == 200
    assert "Import abgelehnt – nichts wurde geändert" in text
    assert "Zeile 3: doppelt: dasselbe Produkt, Jahr, dieselbe Zeile, Art und derselbe Stichtag wie in Zeile 2." in text
    assert not Haushaltsimport.objects.exists() and not Haushaltsposition.objects.exists()


def test_upload_verwerfen_aendert_nichts(produkte, steuerung):
    client = _client(steuerung)
    datei = SimpleUploadedFile("plan.csv", csv_datei("1.31.01.02;15;Ansatz;2026;;1,00"), "text/csv")
    client.post("/finanzen/import/", {"datei": datei})
    upload = Haushaltsimport.objects.get()
    antwort = client.post(f"/finanzen/import/{upload.pk}/", {"aktion": "verwerfen"}, follow=True)
    assert "Der Upload wurde verworfen; es wurde nichts geändert." in antwort.content.decode()
    upload.refresh_from_db()
    assert upload.status == "verworfen" and not Haushaltsposition.objects.exists()


# --- Settings, Produkt data, Zuwendungen -------------------------------------------------------------


def _einstellungen(**werte) -> dict:
    return {
        "schwelle_prozent": "12,5",
        "schwelle_betrag": "250.000,00",
        "einwohnerzahl": "370146",
        "einwohner_stichtag": "2021-12-31",
        "produktbereiche": "1.31 = Soziale Hilfen\n1.36 = Kinder-, Jugend- und Familienhilfe",
        "ignorierte_spalten": "Produktbezeichnung; Kostenstelle",
        "spalte_produkt": "Produktnr",
        "revision": "0",
        **werte,
    }


def test_einstellungen_speichern(produkte, kaemmerei):
    antwort = _client(kaemmerei).post("/finanzen/einstellungen/", _einstellungen())
    assert antwort.status_code == 302
    e = HaushaltEinstellungen.objects.get()
    assert (e.schwelle_prozent, e.schwelle_betrag, e.einwohnerzahl) == (Decimal("12.50"), Decimal("250000.00"), 370146)
    assert e.produktbereiche == {"1.31": "Soziale Hilfen", "1.36": "Kinder-, Jugend- und Familienhilfe"}
    assert e.spalten == {"produkt": "Produktnr"} and e.ignorierte_spalten == ["Produktbezeichnung", "Kostenstelle"]
    assert e.history.first().history_user == kaemmerei


@pytest.mark.parametrize(
    ("werte", "meldung"),
    [
        ({"schwelle_prozent": "zehn"}, "„zehn“ ist keine gültige Zahl"),
        ({"schwelle_betrag": "-5,00"}, "Der Betrag darf nicht negativ sein."),
        ({"produktbereiche": "1.31 Soziale Hilfen"}, "bitte „Nummer = Bezeichnung“ angeben"),
        ({"einwohnerzahl": "0"}, "größer oder gleich 1"),
    ],
)
def test_einstellungen_mit_fehlern(produkte, kaemmerei, werte, meldung):
    antwort = _client(kaemmerei).post("/finanzen/einstellungen/", _einstellungen(**werte))
    assert antwort.status_code == 200 and meldung in antwort.content.decode()
    assert not HaushaltEinstellungen.objects.exists()


def test_fallzahl_kennzahl_zuordnen(produkte, einheiten, steuerung):
    kennzahl = KennzahlFactory(jahr=2026, code="K 1", organisationseinheit=einheiten["50 21"])
    antwort = _client(steuerung).post(
        "/finanzen/produkte/1.31.01.02/zuordnung/",
        {
            "organisationseinheit": einheiten["50 21"].pk,
            "fallzahl_kennzahl": kennzahl.pk,
            "transferzeile": "transferaufwendungen",
            "revision": "0",
        },
    )
    assert antwort.status_code == 302 and antwort.url == "/finanzen/produkte/1.31.01.02/"
    zuordnung = Produktzuordnung.objects.get(produkt=produkte["hzp"])
    assert zuordnung.fallzahl_kennzahl == kennzahl and zuordnung.revision == 1


def test_zuwendung_erfassen_mit_deutschen_betraegen_und_fehlern(einheiten, sachbearbeitung50):
    daten = {
        "jahr": "2026",
        "foerderbereich": "Seniorenarbeit",
        "traeger": "Seniorenbüro Mitte",
        "zweck": "Festkostenbeitrag",
        "organisationseinheit": einheiten["50 2"].pk,
        "geplant": "120.000,00",
        "bewilligt": "100.000,00",
        "ausgezahlt": "150.000,00",
    }
    client = _client(sachbearbeitung50)
    antwort = client.post("/zuwendungen/neu/", daten)
    assert antwort.status_code == 200
    assert "Es kann nicht mehr ausgezahlt werden als bewilligt." in antwort.content.decode()
    assert not Zuwendung.objects.exists()
    antwort = client.post("/zuwendungen/neu/", {**daten, "ausgezahlt": "50.000,00"})
    assert antwort.status_code == 302 and antwort.url == "/zuwendungen/?jahr=2026"
    z = Zuwendung.objects.get()
    assert (z.geplant, z.bewilligt, z.ausgezahlt, z.beantragt) == (
        Decimal("120000.00"),
        Decimal("100000.00"),
        Decimal("50000.00"),
        Decimal("0"),
    )
    assert z.history.get().history_user == sachbearbeitung50


def test_zuwendung_bearbeiten_und_ueberfaellig_markiert(zuwendung, sachbearbeitung50):
    client = _client(sachbearbeitung50)
    liste = client.get("/zuwendungen/?jahr=2025").content.decode()
    assert "1 überfälliger Verwendungsnachweis" in liste and "überfällig seit 30.06.2026" in liste
    assert "147.500,00" in liste
    antwort = client.post(
        f"/zuwendungen/{zuwendung.pk}/",
        {
            "jahr": "2025",
            "foerderbereich": "Wohnungslosenhilfe",
            "traeger": "Beratungsstelle Wohnungsnot",
            "zweck": "Beratung und Betreuung",
            "organisationseinheit": zuwendung.organisationseinheit_id,
            "geplant": "150.000,00",
            "bewilligt": "147.500,00",
            "ausgezahlt": "147.500,00",
            "nachweis_faellig": "2026-06-30",
            "nachweis_eingegangen": "2026-11-02",
            "revision": "0",
        },
    )
    assert antwort.status_code == 302
    zuwendung.refresh_from_db()
    assert zuwendung.nachweis_eingegangen == date(2026, 11, 2) and not zuwendung.nachweis_ueberfaellig()
    assert "überfällig seit" not in client.get("/zuwendungen/?jahr=2025").content.decode()
