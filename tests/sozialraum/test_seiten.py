"""Sozialraum pages per persona, the Rat's protected view, the Steckbrief PDF and the import."""

from __future__ import annotations

import re
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from sozialraum.models import Indikatorwert
from tests.sozialraum.factories import massnahme

pytestmark = pytest.mark.django_db

LESENDE = ["sachbearbeitung50", "sachbearbeitung51", "amtsleitung50", "dezernat", "steuerung", "kaemmerei"]


def _seiten(d):
    return [
        "/sozialraum/",
        f"/sozialraum/?jahr=2025&ebene=stadtteil&merkmal={d['faelle'].id}",
        "/sozialraum/index/?jahr=2025&ebene=stadtteil&methode=z&schwelle=1,0",
        f"/sozialraum/raeume/{d['altstadt'].id}/",
        "/sozialraum/vergleich/",
    ]


@pytest.mark.parametrize("persona", [*LESENDE, "ratsmitglied"], indirect=True)
def test_leserollen_sehen_die_sozialraumseiten(client, persona, sozialraumdaten):
    client.force_login(persona)
    for pfad in _seiten(sozialraumdaten):
        antwort = client.get(pfad)
        assert antwort.status_code == 200, pfad


@pytest.mark.parametrize("persona", LESENDE, indirect=True)
def test_andere_rollen_sehen_kleine_raeume_und_zahlen(client, persona, sozialraumdaten):
    client.force_login(persona)
    text = client.get(f"/sozialraum/?jahr=2025&ebene=stadtteil&merkmal={sozialraumdaten['faelle'].id}").content.decode()
    assert "Kleinsiedlung" in text
    assert "&lt; 5" not in text
    assert client.get(f"/sozialraum/raeume/{sozialraumdaten['klein'].id}/").status_code == 200


def test_ratsmitglied_sieht_auf_keiner_seite_kleine_raeume(client, ratsmitglied, sozialraumdaten):
    client.force_login(ratsmitglied)
    for pfad in _seiten(sozialraumdaten):
        assert "Kleinsiedlung" not in client.get(pfad).content.decode(), pfad
    assert client.get(f"/sozialraum/raeume/{sozialraumdaten['klein'].id}/").status_code == 404
    assert client.get(f"/sozialraum/raeume/{sozialraumdaten['klein'].id}/pdf/").status_code == 404


def test_ratsmitglied_sieht_kleine_fallzahlen_als_kleiner_fuenf(client, ratsmitglied, sozialraumdaten):
    client.force_login(ratsmitglied)
    text = client.get(f"/sozialraum/?jahr=2025&ebene=stadtteil&merkmal={sozialraumdaten['faelle'].id}").content.decode()
    zeile = re.search(r"Altstadt</a></th>(.*?)</tr>", text, re.S).group(1)
    assert "&lt; 5" in zeile and "3,0" not in zeile
    # The mean leaves the suppressed cell out (12 only), so it cannot reveal it.
    assert re.search(r"Mittelwert der Räume</th><td></td><td class=\"zahl\">12,00", text)
    steckbrief = client.get(f"/sozialraum/raeume/{sozialraumdaten['altstadt'].id}/").content.decode()
    assert "&lt; 5" in steckbrief


def test_steckbrief_zeigt_massnahmen_nur_im_eigenen_zustaendigkeitsbereich(
    client, sachbearbeitung50, sachbearbeitung51, ratsmitglied, sozialraumdaten
):
    sozialraumdaten["altstadt"].massnahmen.add(massnahme(kuerzel="50", titel="Quartiersarbeit Altstadt"))
    pfad = f"/sozialraum/raeume/{sozialraumdaten['altstadt'].id}/"
    client.force_login(sachbearbeitung50)
    assert "Quartiersarbeit Altstadt" in client.get(pfad).content.decode()
    for person in (sachbearbeitung51, ratsmitglied):
        client.force_login(person)
        assert "Quartiersarbeit Altstadt" not in client.get(pfad).content.decode()


def _pdf_text(inhalt: bytes) -> bytes:
    """Raw bytes plus every decompressed stream (title and XMP metadata live there)."""
    teile = [inhalt]
    for roh in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", inhalt, re.S):
        try:
            teile.append(zlib.decompress(roh))
        except zlib.error:
            continue
    return b"\n".join(teile)


def test_steckbrief_pdf_wird_erzeugt(client, steuerung, sozialraumdaten):
    client.force_login(steuerung)
    antwort = client.get(f"/sozialraum/raeume/{sozialraumdaten['hafen'].id}/pdf/")
    assert antwort.status_code == 200
    assert antwort["Content-Type"] == "application/pdf"
    assert antwort.content.startswith(b"%PDF")
    assert b"Hafenviertel" in _pdf_text(antwort.content)
    assert "steckbrief-hafenviertel.pdf" in antwort["Content-Disposition"]


def test_index_seite_nennt_methode_und_handlungsbedarf(client, dezernat, sozialraumdaten):
    client.force_login(dezernat)
    text = client.get("/sozialraum/index/?jahr=2025&ebene=stadtteil&methode=z&schwelle=1,0").content.decode()
    assert "z-Werte" in text
    assert "Handlungsbedarf ab einem Index von 1,00" in text
    assert re.search(r"Hafenviertel</a></th><td class=\"zahl\">1,0000</td><td><span class=\"ampel ampel--rot\">", text)
    assert "Kleinsiedlung" in text and "weniger Einwohner als die Mindestgröße" in text


def test_karte_hat_textalternative_und_tabelle(client, kaemmerei, sozialraumdaten):
    client.force_login(kaemmerei)
    text = client.get("/sozialraum/").content.decode()
    assert 'id="sr-karte-daten"' in text and "Choropleth" in text.replace("choropleth", "Choropleth")
    assert "<figcaption>" in text and "<caption>" in text


def test_falsche_auswahl_fuehrt_nicht_zu_fehler(client, steuerung, sozialraumdaten):
    client.force_login(steuerung)
    assert client.get("/sozialraum/?jahr=abc&ebene=mond&merkmal=x").status_code == 200
    assert client.get("/sozialraum/index/?jahr=2025&ebene=stadtteil&schwelle=viel").status_code == 200
    assert client.get("/sozialraum/vergleich/?schluessel=gibtsnicht&jahr=1").status_code == 200
    assert client.get("/sozialraum/raeume/999999/").status_code == 404


def test_ohne_leserecht_403(client, sozialraumdaten):
    from tests.factories import BenutzerFactory

    client.force_login(BenutzerFactory(username="ohne-rolle"))
    assert client.get("/sozialraum/").status_code == 403
    assert client.get("/sozialraum/vergleich/").status_code == 403


@pytest.mark.parametrize("persona", ["sachbearbeitung50", "dezernat", "kaemmerei", "ratsmitglied"], indirect=True)
def test_nur_steuerung_darf_importieren(client, persona, sozialraumdaten):
    client.force_login(persona)
    assert client.get("/sozialraum/import/").status_code == 403


def _hochladen(client, name, inhalt):
    return client.post("/sozialraum/import/", {"datei": SimpleUploadedFile(name, inhalt)}, follow=True)


def test_csv_import_legt_werte_an(client, steuerung, sozialraumdaten):
    client.force_login(steuerung)
    antwort = _hochladen(client, "werte.csv", b"indikator;raum;jahr;wert\nquote;S-2;2024;11,5\nquote;S-1;2025;8,5\n")
    assert "1 Werte angelegt, 1 geändert" in antwort.content.decode()
    assert Indikatorwert.objects.get(raum__schluessel="S-2", jahr=2024).wert == pytest.approx(11.5)


def test_csv_import_mit_fehlern_aendert_nichts(client, steuerung, sozialraumdaten):
    client.force_login(steuerung)
    vorher = Indikatorwert.objects.count()
    antwort = _hochladen(client, "werte.csv", b"indikator;raum;jahr;wert\nquote;S-2;2024;11,5\nquote;S-9;20x;abc\n")
    text = antwort.content.decode()
    assert "Zeile 3" in text and "Raum „S-9“ ist unbekannt" in text and "kein gültiges Jahr" in text
    assert Indikatorwert.objects.count() == vorher


def test_excel_import(client, steuerung, sozialraumdaten):
    import io

    from openpyxl import Workbook

    mappe = Workbook()
    blatt = mappe.active
    blatt.append(["Indikator", "Raum", "Jahr", "Wert"])
    blatt.append(["quote", "S-2", 2023, 12.345])
    puffer = io.BytesIO()
    mappe.save(puffer)
    client.force_login(steuerung)
    _hochladen(client, "werte.xlsx", puffer.getvalue())
    assert str(Indikatorwert.objects.get(raum__schluessel="S-2", jahr=2023).wert) == "12.3450"


@pytest.mark.parametrize(
    ("name", "inhalt", "meldung"),
    [
        ("werte.exe", b"MZ...", "CSV- oder Excel-Datei"),
        ("werte.xlsx", b"indikator;raum", "keine Excel-Datei"),
        ("werte.csv", b"PK\x03\x04abc", "keine Textdatei"),
        ("werte.csv", b"a;b\n1;2\n", "Es fehlen Spalten"),
    ],
)
def test_falscher_dateityp_wird_abgelehnt(client, steuerung, sozialraumdaten, name, inhalt, meldung):
    client.force_login(steuerung)
    assert meldung in _hochladen(client, name, inhalt).content.decode()


def test_zu_grosse_datei_wird_abgelehnt(client, steuerung, sozialraumdaten):
    client.force_login(steuerung)
    assert "zu groß" in _hochladen(client, "gross.csv", b"x" * (5 * 1024 * 1024 + 1)).content.decode()


def test_navigation_zeigt_sozialraum_fuer_leserollen(client, dezernat, sozialraumdaten):
    client.force_login(dezernat)
    text = client.get("/").content.decode()
    assert "Sozialraumindex" in text and "Interkommunaler Vergleich" in text
