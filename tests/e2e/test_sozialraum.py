"""Sozialraum pages in the browser: table + map, ranking, Steckbrief, benchmark (axe-checked)."""

from __future__ import annotations

import pytest

from demo.daten import organisation as organisation_demo
from demo.daten import sozialraum as sozialraum_demo
from demo.daten.organisation import DEMO_PASSWORT
from sozialraum.models import Raum

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demodaten():
    organisation_demo.laden()
    sozialraum_demo.laden()


def test_tabelle_und_karte_des_index(seite, demodaten):
    seite.anmelden("dezernat", DEMO_PASSWORT)
    seite.besuchen("/sozialraum/?jahr=2025&ebene=stadtteil&merkmal=index")
    seite.page.wait_for_selector(".sr-karte .main-svg")
    seite.pruefe_barrierefreiheit()
    tabelle = seite.page.locator("table").first.inner_text()
    assert "Wattenscheid-Mitte" in tabelle and "Handlungsbedarf" in tabelle
    assert "Zechensiedlung Holland (Demo)" in tabelle
    seite.screenshot("sozialraum-karte-dezernat")


def test_rangliste_mit_handlungsbedarf(seite, demodaten):
    seite.anmelden("steuerung", DEMO_PASSWORT)
    seite.besuchen("/sozialraum/index/")
    text = seite.page.locator("main").inner_text()
    assert "Methode" in text and "z-Werte" in text
    assert seite.page.locator("tbody tr").first.inner_text().startswith("1")
    assert "Zechensiedlung Holland (Demo)" in text  # listed as not scored
    seite.page.get_by_label("Methode").select_option("abweichung")
    seite.page.get_by_role("button", name="Berechnen").click()
    seite.page.wait_for_load_state("networkidle")
    seite.pruefe_barrierefreiheit()
    assert "relative Abweichung" in seite.page.locator("main").inner_text()
    seite.screenshot("sozialraum-index-steuerung")


def test_steckbrief_eines_stadtteils(seite, demodaten):
    raum = Raum.objects.get(schluessel="BO-2-1")
    seite.anmelden("amtsleitung50", DEMO_PASSWORT)
    seite.besuchen(f"/sozialraum/raeume/{raum.id}/")
    text = seite.page.locator("main").inner_text()
    assert "Steckbrief Wattenscheid-Mitte" in text
    assert "SGB-II-Quote" in text and "Seniorenbegegnungsstätte Wattenscheid" in text
    assert seite.page.get_by_role("link", name="Steckbrief als PDF").is_visible()
    seite.screenshot("sozialraum-steckbrief-amtsleitung")


def test_vergleich_mit_anderen_staedten(seite, demodaten):
    seite.anmelden("kaemmerei", DEMO_PASSWORT)
    seite.besuchen("/sozialraum/vergleich/?schluessel=begegnungsstaetten-senioren&jahr=2023&je_1000=on")
    seite.page.wait_for_selector(".sr-boxplot .main-svg")
    seite.pruefe_barrierefreiheit()
    text = seite.page.locator("main").inner_text()
    assert "Median" in text and "Dortmund" in text
    seite.screenshot("sozialraum-vergleich-kaemmerei")


def test_ratsmitglied_sieht_keine_kleinen_raeume_und_zahlen(seite, demodaten):
    from sozialraum.models import Indikator

    wohnungslose = Indikator.objects.get(schluessel="wohnungslose")
    seite.anmelden("rat", DEMO_PASSWORT)
    seite.besuchen(f"/sozialraum/?jahr=2025&ebene=stadtteil&merkmal={wohnungslose.id}")
    text = seite.page.locator("main").inner_text()
    assert "Zechensiedlung" not in text
    assert "< 5" in text
    seite.screenshot("sozialraum-karte-rat")
