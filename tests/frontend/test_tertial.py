"""Tertial pages per persona: entry form, Excel template/upload, dashboard, Kennzahl evaluation."""

from __future__ import annotations

from decimal import Decimal as D
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from steuerung.models import Messwert
from tests.steuerung.factories_tertial import TKennzahlFactory, TMesswertFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def kennzahl50(einheiten):
    return TKennzahlFactory(organisationseinheit=einheiten["50 21"], bezeichnung="Fälle in Pflege")


def _url(k, periode="2026-T1"):
    return f"/erfassung/{k.organisationseinheit_id}/{periode}/"


def _post(client, k, **felder):
    daten = {f"k{k.pk}-{f}": v for f, v in felder.items()}
    daten.setdefault(f"k{k.pk}-revision", "")
    return client.post(_url(k), daten)


@pytest.mark.parametrize("persona", ["sachbearbeitung50", "amtsleitung50", "steuerung"], indirect=True)
def test_erfassende_rollen_sehen_das_formular_mit_soll_und_vorperiode(client, persona, kennzahl50):
    TMesswertFactory(kennzahl=kennzahl50, periode="2025-T3", wert=D("1234.5"))
    client.force_login(persona)
    antwort = client.get(_url(kennzahl50))
    text = antwort.content.decode()
    assert antwort.status_code == 200
    assert "Fälle in Pflege" in text and "46,66" in text and "1.234,50" in text


@pytest.mark.parametrize("persona", ["dezernat", "kaemmerei", "ratsmitglied"], indirect=True)
def test_lesende_rollen_duerfen_nicht_erfassen(client, persona, kennzahl50):
    client.force_login(persona)
    assert client.get(_url(kennzahl50)).status_code == 403
    assert client.get("/erfassung/").status_code == 403


def test_fremde_einheit_ist_nicht_gefunden(client, sachbearbeitung51, kennzahl50):
    client.force_login(sachbearbeitung51)
    assert client.get(_url(kennzahl50)).status_code == 404
    assert client.get(f"/erfassung/{kennzahl50.organisationseinheit_id}/2026-T1/vorlage.xlsx").status_code == 404
    assert client.get(f"/kennzahlen/{kennzahl50.pk}/auswertung/").status_code == 404


def test_deutsche_zahl_wird_gespeichert(client, sachbearbeitung50, kennzahl50):
    client.force_login(sachbearbeitung50)
    antwort = _post(client, kennzahl50, wert="1.234,5", kommentar="gut")
    assert antwort.status_code == 302
    assert Messwert.objects.get().wert == D("1234.5")


def test_falsche_eingabe_behaelt_die_werte_und_speichert_nichts(client, sachbearbeitung50, kennzahl50):
    client.force_login(sachbearbeitung50)
    antwort = _post(client, kennzahl50, wert="12x", kommentar="mein Text", nachweis="kein link")
    text = antwort.content.decode()
    assert antwort.status_code == 200
    assert "keine gültige Zahl" in text and "vollständigen Link" in text
    assert 'value="12x"' in text and "mein Text" in text
    assert not Messwert.objects.exists()


def test_roter_wert_verlangt_erklaerung_entwurf_nicht(client, sachbearbeitung50, kennzahl50):
    client.force_login(sachbearbeitung50)
    antwort = _post(client, kennzahl50, wert="45")
    assert antwort.status_code == 200 and "Pflichtangabe" in antwort.content.decode()
    assert not Messwert.objects.exists()
    daten = {f"k{kennzahl50.pk}-wert": "45", f"k{kennzahl50.pk}-revision": "", "entwurf": "1"}
    assert client.post(_url(kennzahl50), daten).status_code == 302
    assert "noch unvollständig" in client.get(_url(kennzahl50)).content.decode()


def test_konflikt_zeigt_die_andere_aenderung(client, sachbearbeitung50, kennzahl50):
    TMesswertFactory(kennzahl=kennzahl50, wert=D("47"), revision=2, kommentar="von Kollegin")
    client.force_login(sachbearbeitung50)
    antwort = client.post(_url(kennzahl50), {f"k{kennzahl50.pk}-wert": "48", f"k{kennzahl50.pk}-revision": "1"})
    text = antwort.content.decode()
    assert antwort.status_code == 200 and "inzwischen geändert" in text and "von Kollegin" in text
    assert Messwert.objects.get().wert == D("47")


def test_excel_vorlage_und_upload(client, sachbearbeitung50, kennzahl50):
    client.force_login(sachbearbeitung50)
    vorlage = client.get(f"{_url(kennzahl50)}vorlage.xlsx")
    assert vorlage.status_code == 200
    wb = load_workbook(BytesIO(vorlage.content))
    ws = wb["Werte"]
    assert ws["A2"].value == kennzahl50.pk
    ws["H2"] = "47,5"
    puffer = BytesIO()
    wb.save(puffer)
    datei = SimpleUploadedFile("werte.xlsx", puffer.getvalue())
    antwort = client.post(f"{_url(kennzahl50)}hochladen/", {"datei": datei})
    assert antwort.status_code == 302
    assert Messwert.objects.get().wert == D("47.5")


def test_kaputte_excel_datei_speichert_nichts_und_nennt_die_zeile(client, sachbearbeitung50, kennzahl50, einheiten):
    zweite = TKennzahlFactory(organisationseinheit=einheiten["50 21"])
    client.force_login(sachbearbeitung50)
    wb = load_workbook(BytesIO(client.get(f"{_url(kennzahl50)}vorlage.xlsx").content))
    ws = wb["Werte"]
    ws["H2"], ws["H3"] = "47", "viel"
    puffer = BytesIO()
    wb.save(puffer)
    antwort = client.post(f"{_url(kennzahl50)}hochladen/", {"datei": SimpleUploadedFile("w.xlsx", puffer.getvalue())})
    text = antwort.content.decode()
    assert antwort.status_code == 200 and "Zeile 3" in text and "keine gültige Zahl" in text
    assert not Messwert.objects.exists() and zweite.pk


@pytest.mark.parametrize(
    ("name", "inhalt", "meldung"),
    [
        ("werte.csv", b"a;b", "Format .xlsx"),
        ("werte.xlsx", b"PK\x03\x04kaputt", "beschädigt"),
        ("gross.xlsx", b"PK\x03\x04" + b"0" * (2 * 1024 * 1024 + 10), "größer als 2 MB"),
    ],
)
def test_falsche_datei_wird_abgelehnt(client, sachbearbeitung50, kennzahl50, name, inhalt, meldung):
    client.force_login(sachbearbeitung50)
    antwort = client.post(f"{_url(kennzahl50)}hochladen/", {"datei": SimpleUploadedFile(name, inhalt)})
    assert antwort.status_code == 200 and meldung in antwort.content.decode()
    assert not Messwert.objects.exists()


@pytest.mark.parametrize("persona", ["dezernat", "steuerung", "kaemmerei", "amtsleitung50"], indirect=True)
def test_dashboard_fuer_lesende_rollen(client, persona, kennzahl50):
    TMesswertFactory(kennzahl=kennzahl50, periode="2026-T2", wert=D("45"))
    client.force_login(persona)
    antwort = client.get("/tertial/dashboard/?periode=2026-T2")
    text = antwort.content.decode()
    assert antwort.status_code == 200 and "Fälle in Pflege" in text and "Ampel verursacht durch" in text


def test_ratsmitglied_sieht_kein_dashboard(client, ratsmitglied):
    client.force_login(ratsmitglied)
    assert client.get("/tertial/dashboard/").status_code == 403


def test_dashboard_mit_falscher_periode_404(client, dezernat):
    client.force_login(dezernat)
    assert client.get("/tertial/dashboard/?periode=2026").status_code == 404


@pytest.mark.parametrize("persona", ["dezernat", "kaemmerei", "sachbearbeitung50"], indirect=True)
def test_auswertungsseite_mit_diagramm_und_tabelle(client, persona, kennzahl50):
    TMesswertFactory(kennzahl=kennzahl50, periode="2026-T1", wert=D("45"))
    client.force_login(persona)
    antwort = client.get(f"/kennzahlen/{kennzahl50.pk}/auswertung/?periode=2026-T1")
    text = antwort.content.decode()
    assert antwort.status_code == 200
    assert 'id="kennzahl-figur"' in text and "46,66" in text and "nicht erreicht" in text


def test_auswertungsseite_rat_403(client, ratsmitglied, kennzahl50):
    client.force_login(ratsmitglied)
    assert client.get(f"/kennzahlen/{kennzahl50.pk}/auswertung/").status_code == 403
