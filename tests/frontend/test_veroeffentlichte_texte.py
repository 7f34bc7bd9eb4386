"""What is published and what is internal in the tertial entry: the form says it per field, the
form and the Excel upload refuse personal names in published texts (nothing saved), and the
wording of the save message and the dashboard's forecast."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D
from html import unescape
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from steuerung.excel_messwerte import SPALTEN
from steuerung.models import Messwert
from tests.frontend.test_tertial_kennzahlen_zwei import _formulardaten
from tests.steuerung.factories_tertial import TKennzahlFactory, TMesswertFactory

pytestmark = pytest.mark.django_db

MELDUNG = (
    "Bitte keine Personennamen in veröffentlichten Texten (gefunden: „Frau Meier“). "
    "Nennen Sie Rolle oder Organisationseinheit."
)


def _url(k, periode="2026-T1"):
    return f"/erfassung/{k.organisationseinheit_id}/{periode}/"


def _zustand():
    return sorted(
        Messwert.objects.values_list(
            "kennzahl_id", "wert", "kommentar", "begruendung", "gegensteuerung_wer", "revision"
        )
    )


@pytest.fixture
def zwei(einheiten):
    """Two Kennzahlen of 50 21 with a stored value each (revision 1)."""
    a = TKennzahlFactory(organisationseinheit=einheiten["50 21"], bezeichnung="Erste")
    b = TKennzahlFactory(organisationseinheit=einheiten["50 21"], bezeichnung="Zweite")
    TMesswertFactory(kennzahl=a, wert=D("47"), revision=1)
    TMesswertFactory(kennzahl=b, wert=D("48"), revision=1)
    return a, b


def test_formular_sagt_was_veroeffentlicht_wird_und_was_intern_bleibt(client, sachbearbeitung50, zwei):
    client.force_login(sachbearbeitung50)
    seite = unescape(client.get(_url(zwei[0])).content.decode())
    k = zwei[0].pk
    for feld, hinweis in [
        ("kommentar", "intern – wird nicht veröffentlicht"),
        ("begruendung", "wird im Bericht veröffentlicht – bitte keine Personennamen"),
        ("gegensteuerung_was", "wird im Bericht veröffentlicht – bitte keine Personennamen"),
        ("gegensteuerung_wer", "als Rolle oder Organisationseinheit, z. B. „Abteilungsleitung 50 2“; wird im Bericht"),
        ("fehlt_begruendung", "Wird im Bericht veröffentlicht: bitte keine Personennamen."),
    ]:
        hilfe = seite.split(f'id="id_k{k}-{feld}_helptext"', 1)
        assert len(hilfe) == 2, feld
        assert hinweis in hilfe[1].split("</div>", 1)[0], feld


def test_formular_lehnt_namen_ab_und_speichert_keine_zeile(client, sachbearbeitung50, zwei):
    a, b = zwei
    client.force_login(sachbearbeitung50)
    daten = _formulardaten(client.get(_url(a)).content.decode())
    vorher = _zustand()
    daten[f"k{a.pk}-wert"] = "49"  # a valid change in the first row ...
    daten[f"k{b.pk}-begruendung"] = "Krankheit, verantwortlich: Frau Meier"  # ... and a name in the second
    antwort = client.post(_url(a), {**daten, "speichern": ""})
    text = unescape(antwort.content.decode())
    assert antwort.status_code == 200
    assert f"Begründung der Abweichung: {MELDUNG}" in text and "Nichts gespeichert" in text
    assert _zustand() == vorher
    # An internal Kommentar with a name is fine.
    daten[f"k{b.pk}-begruendung"] = ""
    daten[f"k{b.pk}-kommentar"] = "Rücksprache mit Frau Müller (Sachgebiet), Zahl vorläufig"
    antwort = client.post(_url(a), {**daten, "speichern": ""})
    assert antwort.status_code == 302
    assert Messwert.objects.get(kennzahl=b).kommentar.startswith("Rücksprache mit Frau Müller")


def _spalte(feld: str) -> int:
    return next(i for i, (_kopf, f) in enumerate(SPALTEN, start=1) if f == feld)


def test_excel_lehnt_namen_ab_nennt_zeile_und_feld_und_speichert_nichts(client, sachbearbeitung50, zwei):
    a, b = zwei
    client.force_login(sachbearbeitung50)
    wb = load_workbook(BytesIO(client.get(f"{_url(a)}vorlage.xlsx").content))
    hinweise = " ".join(str(c.value) for row in wb["Hinweise"].iter_rows() for c in row if c.value)
    assert "Der Kommentar ist intern und wird nicht veröffentlicht." in hinweise
    ws = wb["Werte"]
    zeilen = {ws.cell(row=r, column=1).value: r for r in range(2, ws.max_row + 1)}
    ws.cell(zeilen[a.pk], _spalte("kommentar")).value = "mit Frau Meier abgestimmt"  # internal: allowed
    ws.cell(zeilen[b.pk], _spalte("gegensteuerung_wer")).value = "Frau Meier"
    vorher = _zustand()
    puffer = BytesIO()
    wb.save(puffer)
    antwort = client.post(f"{_url(a)}hochladen/", {"datei": SimpleUploadedFile("werte.xlsx", puffer.getvalue())})
    text = unescape(antwort.content.decode())
    assert antwort.status_code == 200
    assert f"Zeile {zeilen[b.pk]}: verantwortlich für die Gegensteuerung: {MELDUNG}" in text
    assert _zustand() == vorher


@pytest.mark.parametrize(
    ("geaendert", "meldung"), [(1, "Gespeichert (1 Wert geändert)."), (2, "Gespeichert (2 Werte geändert).")]
)
def test_speichermeldung_in_einzahl_und_mehrzahl(client, sachbearbeitung50, zwei, geaendert, meldung):
    client.force_login(sachbearbeitung50)
    daten = _formulardaten(client.get(_url(zwei[0])).content.decode())
    for k in zwei[:geaendert]:
        daten[f"k{k.pk}-wert"] = "50"
    antwort = client.post(_url(zwei[0]), {**daten, "speichern": ""}, follow=True)
    assert meldung in unescape(antwort.content.decode())


def test_dashboard_prognose_ohne_doppelten_doppelpunkt(client, dezernat, einheiten):
    k = TKennzahlFactory(organisationseinheit=einheiten["50 21"], bezeichnung="Rote Kennzahl")
    TMesswertFactory(
        kennzahl=k,
        periode="2026-T2",
        wert=D("45"),
        begruendung="b",
        gegensteuerung_was="g",
        gegensteuerung_wer="Abteilung 50 21",
        gegensteuerung_bis=date(2026, 12, 31),
    )
    client.force_login(dezernat)
    text = unescape(client.get("/tertial/dashboard/?periode=2026-T2&gefaehrdet=1").content.decode())
    assert "(Zielerreichung 25,00 %)" in text
    assert ": 25,00 %" not in text
