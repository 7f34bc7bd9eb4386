"""Sozialraum master data in the browser UI (Stammdaten) and the Excel import of Indikator- and Vergleichswerte."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import Workbook, load_workbook

from sozialraum.models import Indikatorwert, Raum, RaumEinwohner, Vergleichswert

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _main(antwort) -> str:
    text = antwort.content.decode()
    return text[text.index("<main") : text.index("</main>")]


def _xlsx(zeilen: list[list]) -> bytes:
    mappe = Workbook()
    for zeile in zeilen:
        mappe.active.append(zeile)
    puffer = io.BytesIO()
    mappe.save(puffer)
    return puffer.getvalue()


def _hochladen(client, art: str, inhalt: bytes, name: str = "werte.xlsx"):
    return client.post("/sozialraum/import/", {"art": art, "datei": SimpleUploadedFile(name, inhalt)}, follow=True)


# --- Räume ---------------------------------------------------------------------------------


def test_raum_mit_einwohnern_je_jahr_anlegen(steuerung, sozialraumdaten):
    daten = {
        "schluessel": "S-4",
        "name": "Neubaugebiet",
        "ebene": "stadtteil",
        "eltern": str(sozialraumdaten["stadt"].pk),
        "einwohner_je_jahr": "2024: 1.950\n2025: 12.345",
    }
    assert _client(steuerung).post("/stammdaten/raeume/neu/", daten).status_code == 302
    raum = Raum.objects.get(schluessel="S-4")
    assert raum.eltern == sozialraumdaten["stadt"]
    assert dict(raum.einwohnerzahlen.values_list("jahr", "einwohner")) == {2024: 1950, 2025: 12345}
    text = _main(_client(steuerung).get(f"/stammdaten/raeume/{raum.pk}/"))
    assert "2024: 1950\n2025: 12.345" in text


def test_raumformular_zeigt_alle_fehler_und_aendert_nichts(steuerung, sozialraumdaten):
    altstadt = sozialraumdaten["altstadt"]
    daten = {
        "schluessel": "S-2",  # taken by Hafenviertel
        "name": "",
        "ebene": "stadtteil",
        "einwohner_je_jahr": "2025: 5.100\nviele",
        "revision": str(altstadt.revision),
    }
    text = _main(_client(steuerung).post(f"/stammdaten/raeume/{altstadt.pk}/", daten))
    assert "Schlüssel: Raum mit diesem Wert für das Feld Schlüssel existiert bereits." in text
    assert "Name: Dieses Feld ist zwingend erforderlich." in text
    assert "Einwohner je Jahr: Zeile 2: „viele“" in text
    altstadt.refresh_from_db()
    assert altstadt.schluessel == "S-1" and altstadt.name == "Altstadt"
    assert RaumEinwohner.objects.get(raum=altstadt, jahr=2025).einwohner == 5000


def test_raum_veralteter_stand_gibt_konflikt(steuerung, sozialraumdaten):
    hafen = sozialraumdaten["hafen"]
    client = _client(steuerung)
    daten = {"schluessel": "S-2", "name": "Hafen", "ebene": "stadtteil", "einwohner_je_jahr": "2025: 3000"}
    assert client.post(f"/stammdaten/raeume/{hafen.pk}/", {**daten, "revision": "0"}).status_code == 302
    text = _main(client.post(f"/stammdaten/raeume/{hafen.pk}/", {**daten, "name": "Alt", "revision": "0"}))
    assert "Dieser Eintrag wurde inzwischen geändert" in text
    hafen.refresh_from_db()
    assert hafen.name == "Hafen"


def test_raum_mit_indikatorwerten_wird_nicht_geloescht(steuerung, sozialraumdaten):
    hafen = sozialraumdaten["hafen"]
    text = _main(_client(steuerung).post(f"/stammdaten/raeume/{hafen.pk}/loeschen/"))
    assert "Raum hat Indikatorwerte – löschen nicht möglich." in text
    assert Raum.objects.filter(pk=hafen.pk).exists() and hafen.werte.count() == 2


def test_indikatorwert_wird_geloescht(steuerung, sozialraumdaten):
    wert = Indikatorwert.objects.filter(raum=sozialraumdaten["hafen"]).first()
    assert _client(steuerung).post(f"/stammdaten/indikatorwerte/{wert.pk}/loeschen/").status_code == 302
    assert not Indikatorwert.objects.filter(pk=wert.pk).exists()


def test_ratsmitglied_sieht_keine_kleinen_raeume_und_zahlen(ratsmitglied, sozialraumdaten):
    client = _client(ratsmitglied)
    assert client.get(f"/stammdaten/raeume/{sozialraumdaten['klein'].pk}/").status_code == 404
    liste = _main(client.get("/stammdaten/raeume/"))
    assert "Kleinsiedlung" not in liste and "Altstadt" in liste and "Neu anlegen" not in liste
    werte = _main(client.get(f"/stammdaten/indikatorwerte/?indikator={sozialraumdaten['faelle'].pk}"))
    assert "&lt; 5" in werte and "Kleinsiedlung" not in werte
    assert client.get("/stammdaten/raeume/neu/").status_code == 403


def test_filter_der_liste_kommen_aus_dem_filterset(steuerung, sozialraumdaten):
    text = _main(_client(steuerung).get(f"/stammdaten/indikatorwerte/?raum={sozialraumdaten['altstadt'].pk}&jahr=2025"))
    assert "Indikatorwerte: 2 Einträge" in text


# --- Import --------------------------------------------------------------------------------


VERGLEICH_KOPF = ["kommune", "vergleichsschluessel", "jahr", "wert", "einwohner", "bezeichnung"]


def test_vergleichswerte_import_uebernimmt_alle_zeilen(steuerung, sozialraumdaten):
    inhalt = _xlsx(
        [
            VERGLEICH_KOPF,
            ["A-Stadt", "treffs", 2025, 11, 100000, "Treffs"],  # updates an existing value
            ["D-Stadt", "treffs", 2025, "12,5", "250.000", "Treffs"],
        ]
    )
    text = _main(_hochladen(_client(steuerung), "vergleichswerte", inhalt))
    assert "1 Werte angelegt, 1 geändert" in text
    assert Vergleichswert.objects.get(kommune="D-Stadt").wert == Decimal("12.5")
    assert Vergleichswert.objects.get(kommune="D-Stadt").einwohner == 250000
    assert Vergleichswert.objects.get(kommune="A-Stadt").wert == Decimal("11")


def test_vergleichswerte_import_mit_einer_falschen_zeile_aendert_nichts(steuerung, sozialraumdaten):
    vorher = list(Vergleichswert.objects.order_by("pk").values_list("kommune", "wert"))
    inhalt = _xlsx(
        [VERGLEICH_KOPF, ["E-Stadt", "treffs", 2025, 3, 1000, ""], ["F-Stadt", "treffs", 2025, "viel", -5, ""]]
    )
    text = _main(_hochladen(_client(steuerung), "vergleichswerte", inhalt))
    assert "Import abgelehnt – nichts wurde geändert" in text
    assert "Zeile 3, Spalte „wert“: „viel“" in text
    assert "Zeile 3, Spalte „einwohner“" in text
    assert list(Vergleichswert.objects.order_by("pk").values_list("kommune", "wert")) == vorher


def test_indikatorwerte_import_nennt_zeile_und_spalte(steuerung, sozialraumdaten):
    inhalt = _xlsx([["indikator", "raum", "jahr", "wert"], ["quote", "S-2", 2023, 1], ["quote", "S-2", 1800, "x"]])
    vorher = Indikatorwert.objects.count()
    text = _main(_hochladen(_client(steuerung), "indikatorwerte", inhalt))
    assert "Zeile 3, Spalte „jahr“: „1800“ ist kein gültiges Jahr" in text
    assert "Zeile 3, Spalte „wert“" in text
    assert Indikatorwert.objects.count() == vorher


@pytest.mark.parametrize("art", ["indikatorwerte", "vergleichswerte"])
def test_vorlage_ist_importierbar(steuerung, sozialraumdaten, art):
    client = _client(steuerung)
    antwort = client.get(f"/sozialraum/import/vorlage-{art}.xlsx")
    assert antwort["Content-Type"].startswith("application/vnd.openxmlformats")
    mappe = load_workbook(io.BytesIO(antwort.content))
    kopf = [z.value for z in mappe.worksheets[0][1]]
    zeile = {
        "indikatorwerte": {"indikator": "quote", "raum": "S-3", "jahr": 2022, "wert": 4},
        "vergleichswerte": {"kommune": "G-Stadt", "vergleichsschluessel": "treffs", "jahr": 2022, "wert": 4},
    }[art]
    mappe.worksheets[0].append([zeile.get(k) for k in kopf])
    puffer = io.BytesIO()
    mappe.save(puffer)
    assert "1 Werte angelegt" in _main(_hochladen(client, art, puffer.getvalue()))


def test_vorlage_nur_fuer_importierende(sachbearbeitung50, sozialraumdaten):
    assert _client(sachbearbeitung50).get("/sozialraum/import/vorlage-indikatorwerte.xlsx").status_code == 403
