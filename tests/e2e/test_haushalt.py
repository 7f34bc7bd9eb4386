"""Finanzdatenblatt and Zuwendungen in the browser (axe-checked, screenshots, no overflow at 1366 px)."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from demo.daten.haushalt import laden as lade_haushalt_demo
from demo.daten.organisation import DEMO_PASSWORT

pytestmark = pytest.mark.django_db(transaction=True)

_RAHMEN_JS = """() => [...document.querySelectorAll(".tabellenrahmen")]
  .filter(r => r.scrollWidth > r.clientWidth + 1).map(r => r.getAttribute("aria-label"))"""


@pytest.fixture
def demo():
    call_command("demo_daten", verbosity=0)
    lade_haushalt_demo()


def test_kaemmerei_liest_das_finanzdatenblatt_mit_mengen_und_preiseffekt(seite, demo):
    seite.anmelden("kaemmerei", DEMO_PASSWORT)
    seite.besuchen("/finanzen/?jahr=2026")
    haupt = seite.page.locator("main")
    assert "Produktbereich 1.31 Soziale Hilfen" in haupt.inner_text()
    seite.page.get_by_role("link", name="1.31.01.02 Hilfe zur Pflege").click()
    seite.page.wait_for_selector("#hh-diagramm .main-svg")
    seite.pruefe_barrierefreiheit()
    text = haupt.inner_text()
    assert "Finanzdatenblatt Produkt 1.31.01.02 Hilfe zur Pflege" in text
    assert "Prognose vom 31.08.2026" in text
    assert "Mengeneffekt" in text and "375.022,00 €" in text
    assert "Preiseffekt" in text and "753.510,66 €" in text
    assert "Zuschussbedarf je Haushaltsjahr (in €)" in text
    # A real year axis: one tick per year without thousands separator, the years without data as gaps.
    striche = seite.page.locator("#hh-diagramm .xtick text").all_text_contents()
    assert striche == [str(j) for j in range(int(striche[0]), int(striche[-1]) + 1)], striche
    assert {"2022", "2023", "2024"} <= set(striche) and "Ohne Haushaltsdaten: 2022, 2023, 2024." in text
    seite.screenshot("finanzdatenblatt-produkt-kaemmerei")
    # The whole sheet fits a 1366 px screen: no page scrolling sideways, no table scrolling in its frame.
    assert seite.page.evaluate("document.documentElement.scrollWidth") <= 1366
    assert seite.page.evaluate(_RAHMEN_JS) == []

    seite.besuchen("/finanzen/produktbereiche/1.31/?jahr=2021&vergleich=vorjahr")
    seite.page.wait_for_selector("#hh-diagramm .main-svg")
    text = haupt.inner_text()
    assert "Abweichung: Ansatz gegen Ist des Vorjahres" in text
    assert "56.614.019,00" in text  # Plan 2021 of Produktgruppe 1.31.01 (Bochum, Zeile 29, sum of its Produkte)
    assert "175.891.515,00" in text  # Plan 2021 of Produktbereich 1.31
    assert seite.page.evaluate("document.documentElement.scrollWidth") <= 1366
    seite.screenshot("finanzdatenblatt-produktbereich-kaemmerei")


def test_fachamt_sieht_nur_eigene_produkte_und_ueberfaellige_nachweise(seite, demo):
    seite.anmelden("sachbearbeitung51", DEMO_PASSWORT)
    assert seite.besuchen("/finanzen/produkte/1.31.01.02/").status == 404
    seite.besuchen("/finanzen/")
    assert "1.36.03.02" in seite.page.locator("main").inner_text()
    assert "1.31.01.02" not in seite.page.locator("main").inner_text()

    seite.page.get_by_role("button", name="Abmelden").click()
    seite.anmelden("sachbearbeitung50", DEMO_PASSWORT)
    seite.besuchen("/zuwendungen/?jahr=2025")
    text = seite.page.locator("main").inner_text()
    assert "überfälliger Verwendungsnachweis" in text
    assert "überfällig seit 30.06.2026" in text
    seite.screenshot("zuwendungen-sachbearbeitung50")


def test_ratsmitglied_sieht_keine_finanzen(seite, demo):
    seite.anmelden("rat", DEMO_PASSWORT)
    assert "Finanzen" not in seite.page.locator("nav").first.inner_text()
    assert seite.besuchen("/finanzen/").status == 403


def test_zielpyramide_zeigt_zuschussbedarf_je_knoten(seite, demo):
    seite.anmelden("kaemmerei", DEMO_PASSWORT)
    seite.besuchen("/zielpyramide/?jahr=2026")
    assert seite.page.locator(".zielgeld").count() == 0
    seite.page.get_by_label("Zuschussbedarf anzeigen").check()
    seite.page.get_by_role("button", name="Anzeigen").click()
    seite.page.wait_for_load_state("networkidle")
    geld = seite.page.locator(".zielgeld")
    assert geld.count() >= 1
    assert geld.first.inner_text().startswith("Zuschussbedarf: Ansatz")
    assert "€" in geld.first.inner_text()
    seite.pruefe_barrierefreiheit()
    assert seite.page.evaluate("document.documentElement.scrollWidth") <= 1366
    seite.screenshot("zielpyramide-zuschussbedarf-kaemmerei")
