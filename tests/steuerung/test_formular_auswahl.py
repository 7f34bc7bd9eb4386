"""Scoped choices in goal and Kennzahl forms: year, Produktgruppe and responsible people."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from steuerung.models import Kennzahl, Produktziel
from tests.steuerung.factories import LeitzielFactory, ProduktFactory

pytestmark = pytest.mark.django_db


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _optionen(html: str, name: str) -> dict[str, str]:
    """value -> the option's tag, of the select called `name`."""
    auswahl = re.search(rf'<select name="{name}".*?</select>', html, re.S).group(0)
    return {m.group(1): m.group(0) for m in re.finditer(r'<option value="(\d+)"[^>]*>[^<]*', auswahl)}


def test_kennzahlformular_bietet_nur_verantwortliche_rollen_mit_ihrer_einheit(
    pyramide, steuerung, sachbearbeitung50, amtsleitung50, dezernat, kaemmerei, ratsmitglied, einheiten
):
    html = _client(steuerung).get(f"/zielpyramide/produktziel/{pyramide['pz50'].pk}/kennzahl-neu/").content.decode()
    personen = _optionen(html, "verantwortlich")
    for person in (sachbearbeitung50, amtsleitung50, dezernat, steuerung):
        assert str(person.pk) in personen
    assert str(kaemmerei.pk) not in personen and str(ratsmitglied.pk) not in personen
    assert f'data-gehoert="{einheiten["50"].pk}"' in personen[str(sachbearbeitung50.pk)]
    assert 'data-abhaengig-von="id_organisationseinheit"' in html
    einheit_50 = _optionen(html, "organisationseinheit")[str(einheiten["50"].pk)]
    schluessel = set(re.search(r'data-schluessel="([^"]*)"', einheit_50).group(1).split())
    assert schluessel == {str(einheiten[k].pk) for k in ("V", "50", "50 2", "50 21")}


def test_kennzahl_mit_person_ausserhalb_der_linie_zeigt_alle_fehler_und_speichert_nichts(
    pyramide, steuerung, sachbearbeitung50, einheiten
):
    antwort = _client(steuerung).post(
        f"/zielpyramide/produktziel/{pyramide['pz50'].pk}/kennzahl-neu/",
        {
            "bezeichnung": "Beratungen",
            "messart": "summe",
            "richtung": "steigend",
            "erhebungsrhythmus": "tertial",
            "schwelle_ueberplanmaessig": "110",
            "schwelle_zur_gaenze": "100",
            "schwelle_ueberwiegend": "80",
            "schwelle_teilweise": "50",
            "schwelle_abweichung_prozent": "20",
            "gewicht": "-1",
            "wirkungsebene": "output",
            "organisationseinheit": einheiten["51"].pk,
            "verantwortlich": sachbearbeitung50.pk,
            "vertretung": sachbearbeitung50.pk,
            "revision": 0,
        },
    )
    html = antwort.content.decode()
    assert antwort.status_code == 200
    # verantwortlich and vertretung at once, each in the error summary and at its field
    assert html.count("kann hier nicht verantwortlich sein") == 4
    assert "Das Gewicht darf nicht negativ sein." in html
    assert not Kennzahl.objects.filter(bezeichnung="Beratungen").exists()


def test_zielauswahl_zeigt_das_haushaltsjahr_und_verweigert_ein_anderes(pyramide, steuerung, einheiten):
    lz_2026 = LeitzielFactory(code="LZ 9", jahr=2026, organisationseinheit=einheiten["V"])
    client = _client(steuerung)
    html = client.get("/zielpyramide/produktgruppenziel/neu/").content.decode()
    leitziele = _optionen(html, "leitziel")
    assert "2025 · LZ 1" in leitziele[str(pyramide["lz"].pk)]
    assert 'data-gehoert="2026"' in leitziele[str(lz_2026.pk)]
    assert 'data-abhaengig-von="id_jahr"' in html

    antwort = client.post(
        "/zielpyramide/produktgruppenziel/neu/",
        {
            "jahr": 2025,
            "code": "PGZ 9",
            "titel": "Ziel",
            "zielart": "wirkungsziel",
            "wirkungsebene": "outcome",
            "organisationseinheit": einheiten["50"].pk,
            "produktgruppe": pyramide["pgz50"].produktgruppe.pk,
            "leitziel": lz_2026.pk,
            "revision": 0,
        },
    )
    assert antwort.status_code == 200
    assert "„LZ 9“ gehört zum Haushaltsjahr 2026, dieses Ziel zu 2025." in antwort.content.decode()


def test_bearbeiten_bietet_nur_ziele_des_eigenen_jahres(pyramide, steuerung, einheiten):
    lz_2026 = LeitzielFactory(code="LZ 9", jahr=2026, organisationseinheit=einheiten["V"])
    html = (
        _client(steuerung).get(f"/zielpyramide/produktgruppenziel/{pyramide['pgz50'].pk}/bearbeiten/").content.decode()
    )
    leitziele = _optionen(html, "leitziel")
    assert str(pyramide["lz"].pk) in leitziele and str(lz_2026.pk) not in leitziele


def test_produkt_muss_zur_produktgruppe_des_produktgruppenziels_gehoeren(
    pyramide, steuerung, sachbearbeitung50, einheiten
):
    fremdes = ProduktFactory(nummer="1.36.01.01", bezeichnung="Jugendarbeit")
    eigenes = ProduktFactory(nummer="1.31.01.07", produktgruppe=pyramide["pgz50"].produktgruppe)
    client = _client(steuerung)
    html = client.get("/zielpyramide/produktziel/neu/").content.decode()
    assert f'data-gehoert="{eigenes.produktgruppe_id}"' in _optionen(html, "produkt")[str(eigenes.pk)]
    assert (
        f'data-schluessel="{eigenes.produktgruppe_id}"'
        in _optionen(html, "produktgruppenziel")[str(pyramide["pgz50"].pk)]
    )
    daten = {
        "jahr": 2025,
        "code": "PZ 9",
        "titel": "Ziel",
        "zielart": "wirkungsziel",
        "wirkungsebene": "outcome",
        "organisationseinheit": einheiten["50"].pk,
        "verantwortlich": sachbearbeitung50.pk,
        "produktgruppenziel": pyramide["pgz50"].pk,
        "produkt": fremdes.pk,
        "revision": 0,
    }
    antwort = client.post("/zielpyramide/produktziel/neu/", daten)
    assert "Das Produkt gehört nicht zur Produktgruppe des Produktgruppenziels" in antwort.content.decode()
    assert not Produktziel.objects.filter(code="PZ 9").exists()
    assert client.post("/zielpyramide/produktziel/neu/", {**daten, "produkt": eigenes.pk}).status_code == 302
