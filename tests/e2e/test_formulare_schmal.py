"""German date fields with a calendar (whatever the browser's locale) and narrow screens."""

from __future__ import annotations

import pytest

from controlling.models import HSKMassnahme
from demo.daten import controlling as controlling_demo
from demo.daten.organisation import DEMO_PASSWORT
from demo.daten.organisation import laden as organisation_laden
from tests.e2e.conftest import Seite

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo():
    organisation_laden()
    controlling_demo.laden()
    return {m.massnahme.code: m for m in HSKMassnahme.objects.select_related("massnahme")}


@pytest.fixture
def seite_mit(browser, live_server):
    kontexte = []

    def oeffnen(*, locale: str = "de-DE", breite: int = 1366) -> Seite:
        kontext = browser.new_context(
            locale=locale, timezone_id="Europe/Berlin", viewport={"width": breite, "height": 900}
        )
        kontexte.append(kontext)
        page = kontext.new_page()
        page.set_default_timeout(15_000)
        return Seite(page, live_server.url)

    yield oeffnen
    for kontext in kontexte:
        kontext.close()


def test_datum_aus_dem_kalender_in_englischem_browser_deutsch(seite_mit, demo):
    seite = seite_mit(locale="en-US")
    massnahme = demo["M HSK 1"]
    seite.anmelden("sachbearbeitung51", DEMO_PASSWORT)
    seite.besuchen(f"/hsk/{massnahme.pk}/einzelfaelle/neu/")
    feld = seite.page.get_by_label("Aufnahme")
    assert feld.get_attribute("type") == "text" and feld.get_attribute("placeholder") == "TT.MM.JJJJ"
    feld.fill("03.02.2026")
    seite.page.get_by_role("button", name="Kalender öffnen").first.click()
    kalender = seite.page.locator(".flatpickr-calendar.open")
    kalender.wait_for()
    assert "Februar" in kalender.inner_text()  # German month names in an en-US browser
    seite.screenshot("formular-datum-kalender")
    kalender.locator('.flatpickr-day[aria-label="17. Februar 2026"]').click()
    assert feld.input_value() == "17.02.2026"
    # With the keyboard: the focus moves into the calendar onto the chosen day; arrows and Enter pick.
    seite.page.get_by_role("button", name="Kalender öffnen").first.click()
    assert seite.page.evaluate("document.activeElement.getAttribute('aria-label')") == "17. Februar 2026"
    seite.page.keyboard.press("ArrowRight")
    seite.page.keyboard.press("Enter")
    assert feld.input_value() == "18.02.2026"
    seite.pruefe_barrierefreiheit()

    # A mistyped date is not silently changed by the calendar; the server names the format.
    seite.page.get_by_label("Pseudonym").fill("JA-HSK1-200")
    feld.fill("31.02.2026")
    seite.page.get_by_label("vermiedene Kosten je Monat (€)").fill("100,00")
    seite.page.get_by_role("button", name="Speichern").click()
    seite.page.wait_for_load_state("networkidle")
    assert "im Format TT.MM.JJJJ" in seite.page.locator("main").inner_text()
    assert seite.page.get_by_label("Aufnahme").input_value() == "31.02.2026"
    assert not massnahme.einzelfaelle.filter(pseudonym="JA-HSK1-200").exists()


def test_navigation_klappt_unter_768_pixel_hinter_einen_menueknopf(seite_mit, demo):
    seite = seite_mit(breite=375)
    seite.anmelden("steuerung", DEMO_PASSWORT)
    seite.besuchen("/")
    knopf = seite.page.get_by_role("button", name="Menü")
    link = seite.page.locator("nav.hauptnavigation").get_by_role("link", name="HSK-Controlling")
    assert knopf.is_visible() and not link.is_visible()
    assert knopf.get_attribute("aria-expanded") == "false"
    knopf.click()
    assert link.is_visible() and knopf.get_attribute("aria-expanded") == "true"
    seite.pruefe_barrierefreiheit()
    seite.screenshot("navigation-schmal-offen")

    breit = seite_mit(breite=1024)
    breit.anmelden("steuerung", DEMO_PASSWORT)
    breit.besuchen("/")
    assert not breit.page.get_by_role("button", name="Menü").is_visible()
    assert breit.page.locator("nav.hauptnavigation").get_by_role("link", name="HSK-Controlling").is_visible()


def _oben(seite: Seite, selektor: str) -> float:
    return seite.page.locator(selektor).bounding_box()["y"]


def test_unter_480_pixel_steht_die_datentabelle_vor_dem_diagramm(seite_mit, demo):
    pfad = f"/hsk/{demo['M HSK 1'].pk}/"
    breit = seite_mit(breite=1366)
    breit.anmelden("steuerung", DEMO_PASSWORT)
    breit.besuchen(pfad)
    assert _oben(breit, "figure.hsk-figur") < _oben(breit, "#hsk-monate")
    assert breit.page.locator("#hsk-monate").get_attribute("open") is None

    schmal = seite_mit(breite=400)
    schmal.anmelden("steuerung", DEMO_PASSWORT)
    schmal.besuchen(pfad)
    assert _oben(schmal, "#hsk-monate") < _oben(schmal, "figure.hsk-figur")
    assert schmal.page.locator("#hsk-monate").get_attribute("open") is not None
    schmal.screenshot("hsk-massnahme-schmal")


def test_diagramme_deutsch_und_ohne_cloud_knopf(seite_mit, demo):
    seite = seite_mit()
    seite.anmelden("steuerung", DEMO_PASSWORT)
    seite.besuchen(f"/hsk/{demo['M HSK 1'].pk}/")
    seite.page.wait_for_selector("#hsk-diagramm .modebar")
    titel = seite.page.eval_on_selector_all("#hsk-diagramm .modebar-btn", "els => els.map(e => e.dataset.title)")
    assert "Als PNG herunterladen" in titel and "Achsen zurücksetzen" in titel
    assert not [t for t in titel if any(w in t for w in ("Share", "Cloud", "Lasso", "Box Select", "Download plot"))]
    assert seite.page.locator("#hsk-diagramm [data-attr='sendDataToCloud']").count() == 0


def test_kalender_bietet_nur_zulaessige_tage(seite_mit, demo):
    """The deadline of 2. Tertial 2026 may lie from its end (31.08.2026) up to 366 days after it."""
    seite = seite_mit()
    seite.anmelden("steuerung", DEMO_PASSWORT)
    seite.besuchen("/perioden/2026-T2/frist/")
    seite.page.get_by_label("Abweichende Erfassungsfrist").fill("01.09.2027")
    seite.page.get_by_role("button", name="Kalender öffnen").click()
    kalender = seite.page.locator(".flatpickr-calendar.open")
    kalender.wait_for()
    assert "flatpickr-disabled" not in kalender.locator('[aria-label="1. September 2027"]').get_attribute("class")
    assert "flatpickr-disabled" in kalender.locator('[aria-label="2. September 2027"]').get_attribute("class")
