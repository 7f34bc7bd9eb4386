"""Writes into a frozen (submitted, under review) or locked (approved, published) period: form,
Excel upload and API answer in German, name the report's state and who can return it, and
change nothing; never a 500."""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import load_workbook

from steuerung.berichte.workflow import (
    tertialbericht_einreichen,
    tertialbericht_freigeben,
    tertialbericht_veroeffentlichen,
    tertialbericht_zurueckgeben,
)
from steuerung.models import Messwert

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    c = Client(raise_request_exception=False)
    c.force_login(user)
    return c


def _erfassung(kennzahl) -> str:
    return f"/erfassung/{kennzahl.organisationseinheit_id}/2026-T2/"


def _zustand(kennzahl) -> tuple:
    m = Messwert.objects.get(kennzahl=kennzahl, periode="2026-T2")
    return (m.wert, m.kommentar, m.revision, m.history.count())


def _formular_post(client, kennzahl, wert: str):
    """The unit's entry form as the browser sends it (every row with its stored values), one value changed."""
    daten = {}
    for m in Messwert.objects.filter(kennzahl__organisationseinheit=kennzahl.organisationseinheit, periode="2026-T2"):
        p = f"k{m.kennzahl_id}-"
        daten.update({p + "wert": str(m.wert).replace(".", ","), p + "revision": str(m.revision)})
        for feld in ("kommentar", "begruendung", "gegensteuerung_was", "gegensteuerung_wer"):
            daten[p + feld] = getattr(m, feld)
        daten[p + "gegensteuerung_bis"] = m.gegensteuerung_bis.isoformat() if m.gegensteuerung_bis else ""
    daten[f"k{kennzahl.pk}-wert"] = wert
    return client.post(_erfassung(kennzahl), daten)


def _einreichen(berichtsdaten, sachbearbeitung50):
    tertialbericht_einreichen(bericht=berichtsdaten["bericht"], user=sachbearbeitung50)


def _freigeben(berichtsdaten, sachbearbeitung50, amtsleitung50):
    _einreichen(berichtsdaten, sachbearbeitung50)
    tertialbericht_freigeben(bericht=berichtsdaten["bericht"], user=amtsleitung50)


def test_speichern_in_freigegebene_periode_antwortet_deutsch_statt_500(berichtsdaten, sachbearbeitung50, amtsleitung50):
    """The reported 500: AttributeError 'ValidationError' object has no attribute 'error_dict'."""
    _freigeben(berichtsdaten, sachbearbeitung50, amtsleitung50)
    k = berichtsdaten["gruen"]
    vorher = _zustand(k)
    antwort = _formular_post(_client(sachbearbeitung50), k, "50")
    assert antwort.status_code == 200
    text = antwort.content.decode()
    assert "von der Amtsleitung freigegeben" in text
    assert "Dezernatsleitung" in text
    assert _zustand(k) == vorher


def _excel_mit_wert(client, kennzahl, wert: str) -> SimpleUploadedFile:
    vorlage = client.get(f"{_erfassung(kennzahl)}vorlage.xlsx")
    wb = load_workbook(BytesIO(vorlage.content))
    ws = wb["Werte"]
    zeile = next(r for r in range(2, ws.max_row + 1) if ws.cell(row=r, column=1).value == kennzahl.pk)
    ws.cell(row=zeile, column=8).value = wert
    puffer = BytesIO()
    wb.save(puffer)
    return SimpleUploadedFile("werte.xlsx", puffer.getvalue())


def _api_schreiben(api, user, kennzahl, wert: str):
    m = Messwert.objects.get(kennzahl=kennzahl, periode="2026-T2")
    client = api(user)
    return [
        client.patch(f"/api/v1/messwerte/{m.pk}/", {"wert": wert, "revision": m.revision}, format="json"),
        client.put(
            f"/api/v1/messwerte/{m.pk}/",
            {"kennzahl": kennzahl.pk, "periode": "2026-T2", "wert": wert, "revision": m.revision},
            format="json",
        ),
        client.post("/api/v1/messwerte/", {"kennzahl": kennzahl.pk, "periode": "2026-T2", "wert": wert}, format="json"),
    ]


ZUSTAENDE = {
    # state: (how to get there, words the message must contain)
    "eingereicht": ("eingereicht", ["„eingereicht“", "Zurückgeben können ihn", "Amtsleitung", "Dezernatsleitung"]),
    "freigegeben": (
        "amtsleitung_freigegeben",
        ["„von der Amtsleitung freigegeben“", "wieder öffnen können ihn", "Dezernatsleitung"],
    ),
    "veroeffentlicht": ("veroeffentlicht", ["„veröffentlicht“", "Mit Begründung wieder öffnen", "Dezernatsleitung"]),
}


def _in_zustand(zustand, berichtsdaten, sachbearbeitung50, amtsleitung50, dezernat):
    bericht = berichtsdaten["bericht"]
    tertialbericht_einreichen(bericht=bericht, user=sachbearbeitung50)
    if zustand in ("amtsleitung_freigegeben", "veroeffentlicht"):
        tertialbericht_freigeben(bericht=bericht, user=amtsleitung50)
    if zustand == "veroeffentlicht":
        tertialbericht_freigeben(bericht=bericht, user=dezernat)
        tertialbericht_veroeffentlichen(bericht=bericht, user=dezernat)
    bericht.refresh_from_db()
    assert bericht.status == zustand


@pytest.mark.parametrize("zustand", list(ZUSTAENDE))
def test_schreiben_in_eingefrorene_oder_gesperrte_periode_aendert_nichts(
    zustand, berichtsdaten, sachbearbeitung50, amtsleitung50, dezernat, api
):
    status, woerter = ZUSTAENDE[zustand]
    k = berichtsdaten["gruen"]
    client = _client(sachbearbeitung50)
    datei = _excel_mit_wert(client, k, "50")  # the template as downloaded before the report left the unit
    _in_zustand(status, berichtsdaten, sachbearbeitung50, amtsleitung50, dezernat)
    vorher = _zustand(k)

    formular = _formular_post(client, k, "50")
    excel = client.post(f"{_erfassung(k)}hochladen/", {"datei": datei})
    antworten_api = _api_schreiben(api, sachbearbeitung50, k, "50")

    assert _zustand(k) == vorher
    assert Messwert.objects.filter(kennzahl=k).count() == 1
    for antwort in (formular, excel):
        assert antwort.status_code == 200
        text = antwort.content.decode()
        assert "Nichts gespeichert" in text
        for wort in woerter:
            assert wort in text
    for antwort in antworten_api:
        assert antwort.status_code == 409, antwort.content
        for wort in woerter:
            assert wort in antwort.json()["detail"]


def test_eingefrorene_werte_werden_nur_lesbar_gezeigt(berichtsdaten, sachbearbeitung50):
    _einreichen(berichtsdaten, sachbearbeitung50)
    k = berichtsdaten["rot"]
    antwort = _client(sachbearbeitung50).get(_erfassung(k))
    text = antwort.content.decode()
    assert antwort.status_code == 200
    assert "Schreibgeschützt:" in text and "„eingereicht“" in text
    assert "<input" not in text.split("<main", 1)[1].split("</main>", 1)[0]
    assert "<textarea" not in text and "Speichern</button>" not in text
    assert "40,00" in text and "Fallkonferenzen mit den Kliniken" in text
    hochladen = _client(sachbearbeitung50).get(f"{_erfassung(k)}hochladen/").content.decode()
    assert "Schreibgeschützt:" in hochladen and 'type="file"' not in hochladen


def test_rueckgabe_hebt_die_sperre_auf(berichtsdaten, sachbearbeitung50, amtsleitung50):
    _einreichen(berichtsdaten, sachbearbeitung50)
    tertialbericht_zurueckgeben(bericht=berichtsdaten["bericht"], user=amtsleitung50, notiz="Bitte K 1 prüfen.")
    k = berichtsdaten["gruen"]
    antwort = _formular_post(_client(sachbearbeitung50), k, "48")
    assert antwort.status_code == 302
    assert Messwert.objects.get(kennzahl=k, periode="2026-T2").wert == Decimal("48")


def test_andere_einheit_bleibt_beschreibbar(berichtsdaten, sachbearbeitung50, api, steuerung):
    _einreichen(berichtsdaten, sachbearbeitung50)
    k51 = berichtsdaten["k51"]
    m = Messwert.objects.get(kennzahl=k51, periode="2026-T2")
    antwort = api(steuerung).patch(f"/api/v1/messwerte/{m.pk}/", {"wert": "48", "revision": m.revision}, format="json")
    assert antwort.status_code == 200, antwort.content
