"""Browser: Zielpyramide, Steckbrief, form with a validation error, Zielsystem-Check (axe-checked)."""

from __future__ import annotations

import pytest

from demo.daten import organisation as organisation_demo
from demo.daten import steuerung as steuerung_demo
from demo.daten.organisation import DEMO_PASSWORT
from steuerung.models import Kennzahl, Produktziel

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demodaten():
    organisation_demo.laden()
    steuerung_demo.laden()


def test_dezernentin_sieht_die_zielpyramide_mit_smart_status(seite, demodaten):
    seite.anmelden("dezernat", DEMO_PASSWORT)
    seite.besuchen("/zielpyramide/?jahr=2025")
    inhalt = seite.page.locator("main").inner_text()
    assert "Zielpyramide 2025" in inhalt
    assert "LZ 1" in inhalt and "M HSK 2" in inhalt
    assert "Mängel" in inhalt
    seite.page.wait_for_selector("#zielpyramide-diagramm .main-svg")
    seite.page.get_by_text("Datentabelle zum Diagramm").click()
    assert seite.page.get_by_role("table").first.is_visible()
    seite.pruefe_barrierefreiheit()
    seite.screenshot("zielpyramide-dezernat")


def test_steckbriefe_von_ziel_und_kennzahl(seite, demodaten):
    seite.anmelden("amtsleitung50", DEMO_PASSWORT)
    pz = Produktziel.objects.get(jahr=2025, code="PZ 1")
    seite.besuchen(f"/zielpyramide/produktziel/{pz.pk}/")
    inhalt = seite.page.locator("main").inner_text()
    assert "Steigerung des Verbleibs in der eigenen Häuslichkeit" in inhalt
    assert "Leistungsberechtigte der Hilfe zur Pflege in Einrichtungen" in inhalt
    seite.screenshot("ziel-steckbrief")
    seite.page.get_by_role("link", name="Leistungsberechtigte der Hilfe zur Pflege in Einrichtungen").click()
    seite.page.wait_for_load_state("networkidle")
    seite.pruefe_barrierefreiheit()
    inhalt = seite.page.locator("main").inner_text()
    assert "Versionen der Definition" in inhalt
    assert "1.826,00" in inhalt
    seite.screenshot("kennzahl-steckbrief")


def test_formular_zeigt_deutsche_fehlermeldung(seite, demodaten):
    seite.anmelden("steuerung", DEMO_PASSWORT)
    seite.besuchen("/zielpyramide/leitziel/neu/?jahr=2025")
    seite.page.get_by_label("Code").fill("LZ 1")
    seite.page.get_by_label("Zieltext").fill("Doppelter Code")
    seite.page.get_by_label("verantwortliche Organisationseinheit").select_option(
        label="V Dezernat V – Jugend, Soziales, Arbeit und Gesundheit"
    )
    seite.page.get_by_role("button", name="Speichern").click()
    seite.page.wait_for_load_state("networkidle")
    assert "bereits vergeben" in seite.page.locator("main").inner_text()
    seite.pruefe_barrierefreiheit()
    seite.screenshot("zielformular-fehler")


def test_zielsystem_check_fuer_die_steuerung(seite, demodaten):
    seite.anmelden("steuerung", DEMO_PASSWORT)
    seite.besuchen("/zielpyramide/check/?jahr=2025")
    inhalt = seite.page.locator("main").inner_text()
    assert "Zielsystem-Check 2025" in inhalt
    assert "Keine Datenquelle angegeben (nicht messbar)" in inhalt
    assert "Alle Kennzahlen messen nur Output" in inhalt
    assert Kennzahl.objects.filter(jahr=2025).count() == 10
    seite.screenshot("zielsystem-check")


def test_grosse_pyramide_laedt_ebenen_beim_aufklappen(seite, demodaten, monkeypatch):
    """Above the size limit the page lists the Leitziele; opening one loads its level from the stored tree."""
    monkeypatch.setattr("frontend.views.zielpyramide.pyramide.GRENZE", 3)
    seite.anmelden("dezernat", DEMO_PASSWORT)
    seite.besuchen("/zielpyramide/?jahr=2025")
    main = seite.page.locator("main")
    assert "bis 3 Zielen gezeigt" in main.inner_text()
    assert seite.page.locator("#zielpyramide-diagramm").count() == 0
    erste = seite.page.locator("details.nachladen").first
    erste.locator("summary").click()
    erste.locator(".nachladen__inhalt li").first.wait_for()
    assert erste.get_attribute("aria-busy") is None
    # One level deeper, inside the loaded list.
    tiefer = erste.locator(".nachladen__inhalt details.nachladen").first
    tiefer.locator("summary").click()
    tiefer.locator(".nachladen__inhalt li").first.wait_for()
    seite.pruefe_barrierefreiheit()
    seite.screenshot("zielpyramide-ebenen")
