"""Stammdaten in the browser: the Steuerungsunterstützung creates a Raum with its population per
year and imports Indikatorwerte for it from an Excel file (axe-checked, screenshots)."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook

from demo.daten import organisation as organisation_demo
from demo.daten import sozialraum as sozialraum_demo
from demo.daten.organisation import DEMO_PASSWORT
from sozialraum.models import Indikator, Indikatorwert, Raum

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demodaten():
    organisation_demo.laden()
    sozialraum_demo.laden()


def test_raum_anlegen_und_indikatorwerte_aus_excel_importieren(seite, demodaten, tmp_path):
    page = seite.page
    seite.anmelden("steuerung", DEMO_PASSWORT)
    seite.besuchen("/stammdaten/")
    page.get_by_role("link", name="Räume Stadtbezirke").click()
    page.get_by_role("link", name="Neu anlegen").click()
    page.wait_for_load_state("networkidle")
    seite.pruefe_barrierefreiheit()
    eltern = Raum.objects.filter(ebene="stadtbezirk").order_by("name").first()
    page.get_by_label("Schlüssel").fill("BO-NEU-1")
    page.get_by_label("Name").fill("Neubaugebiet Ost")
    page.get_by_label("Ebene").select_option("stadtteil")
    page.get_by_label("Übergeordneter Raum").select_option(str(eltern.pk))
    page.get_by_label("Einwohner je Jahr").fill("2024: 1.180\n2025: 1.240")
    page.get_by_role("button", name="Speichern").click()
    page.wait_for_load_state("networkidle")
    assert "Raum „Neubaugebiet Ost“ wurde gespeichert." in page.locator("main").inner_text()
    raum = Raum.objects.get(schluessel="BO-NEU-1")
    assert dict(raum.einwohnerzahlen.values_list("jahr", "einwohner")) == {2024: 1180, 2025: 1240}

    indikator = Indikator.objects.order_by("schluessel").first()
    mappe = Workbook()
    mappe.active.append(["indikator", "raum", "jahr", "wert"])
    mappe.active.append([indikator.schluessel, "BO-NEU-1", 2024, 7.5])
    mappe.active.append([indikator.schluessel, "BO-NEU-1", 2025, "8,25"])
    datei = tmp_path / "indikatorwerte.xlsx"
    puffer = io.BytesIO()
    mappe.save(puffer)
    datei.write_bytes(puffer.getvalue())

    seite.besuchen("/sozialraum/import/")
    page.get_by_label("Indikatorwerte", exact=True).check()
    page.get_by_label("Datei (CSV oder Excel)").set_input_files(str(datei))
    page.get_by_role("button", name="Importieren").click()
    page.wait_for_load_state("networkidle")
    seite.pruefe_barrierefreiheit()
    assert "Import abgeschlossen (Indikatorwerte): 2 Werte angelegt, 0 geändert." in page.locator("main").inner_text()
    assert Indikatorwert.objects.filter(raum=raum).count() == 2
    seite.screenshot("stammdaten-import-steuerung")

    seite.besuchen(f"/stammdaten/indikatorwerte/?raum={raum.pk}")
    tabelle = page.locator("table").inner_text()
    assert "Neubaugebiet Ost" in tabelle and "8,25" in tabelle
    seite.besuchen("/stammdaten/raeume/?name=Neubaugebiet")
    assert "1240" in page.locator("table").inner_text()
    seite.screenshot("stammdaten-raeume-steuerung")
