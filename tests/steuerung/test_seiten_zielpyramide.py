"""Zielpyramide pages per persona: allowed, forbidden (403), invisible across units (404)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from steuerung.models import Kennzahl, Leitziel, Massnahme

pytestmark = pytest.mark.django_db

LESENDE = ["sachbearbeitung50", "amtsleitung50", "dezernat", "steuerung", "kaemmerei"]


def _client(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("persona", LESENDE, indirect=True)
def test_lesende_rollen_sehen_die_pyramide_mit_smart_status(pyramide, persona):
    antwort = _client(persona).get("/zielpyramide/?jahr=2025")
    inhalt = antwort.content.decode()
    assert antwort.status_code == 200
    assert "LZ 1" in inhalt
    assert "Mängel" in inhalt
    assert 'id="zielpyramide-figur"' in inhalt
    assert "Datentabelle zum Diagramm" in inhalt


def test_ratsmitglied_bekommt_403_auf_allen_seiten(pyramide, ratsmitglied):
    client = _client(ratsmitglied)
    for pfad in [
        "/zielpyramide/",
        f"/zielpyramide/leitziel/{pyramide['lz'].pk}/",
        f"/kennzahlen/{pyramide['k50'].pk}/",
        "/zielpyramide/check/",
        "/zielpyramide/excel/",
        "/zielpyramide/leitziel/neu/",
    ]:
        assert client.get(pfad).status_code == 403, pfad


def test_sachbearbeitung51_sieht_zweig_von_amt50_nicht(pyramide, sachbearbeitung51):
    client = _client(sachbearbeitung51)
    assert client.get(f"/zielpyramide/massnahme/{pyramide['m50'].pk}/").status_code == 404
    assert client.get(f"/kennzahlen/{pyramide['k50'].pk}/").status_code == 404
    assert client.get(f"/kennzahlen/{pyramide['k50'].pk}/bearbeiten/").status_code == 404
    inhalt = client.get("/zielpyramide/?jahr=2025").content.decode()
    assert "PGZ 2" in inhalt
    assert "PGZ 1" not in inhalt


def test_steckbrief_zeigt_kette_kennzahlen_und_verlauf(pyramide, dezernat):
    inhalt = _client(dezernat).get(f"/zielpyramide/produktziel/{pyramide['pz50'].pk}/").content.decode()
    assert "PGZ 1" in inhalt
    assert "Pflegebedürftige in Einrichtungen" in inhalt
    assert "Änderungsverlauf" in inhalt
    assert "Bearbeiten" not in inhalt


def test_kennzahl_steckbrief_verlinkt_die_auswertung(pyramide, amtsleitung50):
    inhalt = _client(amtsleitung50).get(f"/kennzahlen/{pyramide['k50'].pk}/").content.decode()
    assert f"/kennzahlen/{pyramide['k50'].pk}/auswertung/" in inhalt
    assert "Versionen der Definition" in inhalt


def test_steuerung_legt_leitziel_an_und_bekommt_deutsche_fehlermeldung(pyramide, steuerung, einheiten):
    client = _client(steuerung)
    daten = {
        "jahr": 2025,
        "code": "LZ 1",
        "titel": "Doppelt",
        "zielart": "wirkungsziel",
        "wirkungsebene": "impact",
        "organisationseinheit": einheiten["V"].pk,
        "revision": 0,
        "rollup": "schlechteste",
    }
    antwort = client.post("/zielpyramide/leitziel/neu/", daten)
    assert antwort.status_code == 200
    assert "bereits vergeben" in antwort.content.decode()
    antwort = client.post("/zielpyramide/leitziel/neu/", {**daten, "code": "LZ 8"})
    assert antwort.status_code == 302
    assert Leitziel.objects.filter(code="LZ 8").exists()


def test_sachbearbeitung_darf_keine_leitziele_anlegen(pyramide, sachbearbeitung50):
    assert _client(sachbearbeitung50).get("/zielpyramide/leitziel/neu/").status_code == 403


def test_sachbearbeitung_bearbeitet_eigene_massnahme(pyramide, sachbearbeitung50, einheiten):
    m = pyramide["m50"]
    client = _client(sachbearbeitung50)
    assert client.get(f"/zielpyramide/massnahme/{m.pk}/bearbeiten/").status_code == 200
    antwort = client.post(
        f"/zielpyramide/massnahme/{m.pk}/bearbeiten/",
        {
            "jahr": 2025,
            "code": "M 1",
            "titel": "Neuer Titel",
            "zielart": "wirkungsziel",
            "wirkungsebene": "output",
            "organisationseinheit": einheiten["50 21"].pk,
            "teilziel": pyramide["tz50"].pk,
            "revision": 0,
        },
    )
    assert antwort.status_code == 302
    m.refresh_from_db()
    assert m.titel == "Neuer Titel"


def test_veraltete_revision_im_formular_zeigt_konfliktmeldung(pyramide, steuerung, einheiten):
    m = pyramide["m50"]
    Massnahme.objects.filter(pk=m.pk).update(revision=3)
    antwort = _client(steuerung).post(
        f"/zielpyramide/massnahme/{m.pk}/bearbeiten/",
        {
            "jahr": 2025,
            "code": "M 1",
            "titel": "X",
            "zielart": "wirkungsziel",
            "wirkungsebene": "output",
            "organisationseinheit": einheiten["50 21"].pk,
            "teilziel": pyramide["tz50"].pk,
            "revision": 0,
        },
    )
    assert antwort.status_code == 200
    assert "inzwischen geändert" in antwort.content.decode()


def test_sachbearbeitung_sieht_kennzahlformular_nur_mit_textfeldern(pyramide, sachbearbeitung50):
    inhalt = _client(sachbearbeitung50).get(f"/kennzahlen/{pyramide['k50'].pk}/bearbeiten/").content.decode()
    assert "Ziel- und Schwellenwerte pflegt die Steuerungsunterstützung" in inhalt
    assert 'name="zielwert"' in inhalt and "disabled" in inhalt


def test_steuerung_legt_kennzahl_zu_einem_ziel_an(pyramide, steuerung, einheiten):
    antwort = _client(steuerung).post(
        f"/zielpyramide/leitziel/{pyramide['lz'].pk}/kennzahl-neu/",
        {
            "bezeichnung": "Lebenszufriedenheit",
            "messart": "quote",
            "richtung": "steigend",
            "erhebungsrhythmus": "jahr",
            "schwelle_ueberplanmaessig": "110",
            "schwelle_zur_gaenze": "100",
            "schwelle_ueberwiegend": "80",
            "schwelle_teilweise": "50",
            "schwelle_abweichung_prozent": "20",
            "gewicht": "1",
            "wirkungsebene": "impact",
            "organisationseinheit": einheiten["V"].pk,
            "verantwortlich": steuerung.pk,
            "vertretung": steuerung.pk,
            "revision": 0,
        },
    )
    assert antwort.status_code == 302
    assert Kennzahl.objects.get(bezeichnung="Lebenszufriedenheit").leitziel == pyramide["lz"]


@pytest.mark.parametrize("persona", ["sachbearbeitung50", "amtsleitung50", "dezernat", "kaemmerei"], indirect=True)
def test_zielsystem_check_und_import_nur_fuer_steuerung(pyramide, persona):
    client = _client(persona)
    assert client.get("/zielpyramide/check/").status_code == 403
    assert client.get("/zielpyramide/import/").status_code == 403
    assert client.post("/zielpyramide/uebernehmen/", {"jahr": 2025}).status_code == 403


def test_zielsystem_check_listet_luecken(pyramide, steuerung):
    inhalt = _client(steuerung).get("/zielpyramide/check/?jahr=2025").content.decode()
    assert "Keine Kennzahl zugeordnet (nicht messbar)" in inhalt
    assert "Zielmatrix 2026 aus 2025 übernehmen" in inhalt


def test_uebernahme_ueber_die_seite(pyramide, steuerung):
    antwort = _client(steuerung).post("/zielpyramide/uebernehmen/", {"jahr": 2025})
    assert antwort.status_code == 302
    assert Leitziel.objects.filter(jahr=2026).count() == 1


def test_excel_export_fuer_lesende_und_import_mit_fehlerbericht(pyramide, steuerung, kaemmerei):
    antwort = _client(kaemmerei).get("/zielpyramide/excel/?jahr=2025")
    assert antwort.status_code == 200
    assert antwort["Content-Type"].startswith("application/vnd.openxmlformats")
    datei = SimpleUploadedFile("x.xlsx", b"kaputt")
    inhalt = _client(steuerung).post("/zielpyramide/import/", {"jahr": 2025, "datei": datei}).content.decode()
    assert "keine gültige Excel-Datei" in inhalt
    assert "nichts wurde gespeichert" in inhalt


def test_unbekannte_ebene_gibt_404(pyramide, steuerung):
    assert _client(steuerung).get("/zielpyramide/planet/1/").status_code == 404


def test_leeres_jahr_ist_waehlbar_und_bekommt_sein_erstes_leitziel(steuerung):
    """An empty Zielsystem: the year of the last ended tertial and the next year can be chosen, and the
    „Leitziel anlegen“ link carries the chosen year (it used to carry „None“ for a year without goals)."""
    from datetime import date

    from core.periods import letztes_beendetes_tertial

    heute = date.today()
    client = _client(steuerung)
    for jahr in {letztes_beendetes_tertial(heute).jahr, heute.year, heute.year + 1}:
        inhalt = client.get(f"/zielpyramide/?jahr={jahr}").content.decode()
        assert f'<option value="{jahr}" selected>' in inhalt, jahr
        assert f"/zielpyramide/leitziel/neu/?jahr={jahr}" in inhalt
        assert "jahr=None" not in inhalt
    assert "?jahr=None" not in client.get("/zielpyramide/?jahr=1990").content.decode()
