"""HSK-Controlling in the browser: each demo role sees exactly its share (axe-checked, screenshots)."""

from __future__ import annotations

import pytest

from controlling.models import HSKMassnahme
from demo.daten import controlling as controlling_demo
from demo.daten.organisation import DEMO_PASSWORT
from demo.daten.organisation import laden as organisation_laden

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo():
    organisation_laden()
    controlling_demo.laden()
    return {m.massnahme.code: m for m in HSKMassnahme.objects.select_related("massnahme")}


def test_steuerung_sieht_liste_diagramm_portfolio_und_praeventionsbudget(seite, demo):
    seite.anmelden("steuerung", DEMO_PASSWORT)
    seite.besuchen("/hsk/")
    haupt = seite.page.locator("main")
    assert "Rückführung aus stationärer Unterbringung" in haupt.inner_text()
    assert "Pflegeberatung ambulant vor stationär" in haupt.inner_text()
    seite.screenshot("hsk-liste-steuerung")

    seite.page.get_by_role("link", name="Rückführung aus stationärer Unterbringung").click()
    seite.page.wait_for_selector("#hsk-diagramm .main-svg")
    seite.pruefe_barrierefreiheit()
    text = haupt.inner_text()
    assert "Plan- und Ist-Einsparungen (in 1.000 €)" in text
    assert "berechnet am" in text
    assert "Fallvorauswahl" in text and "Finanzbewertung" in text
    assert "Investphase" in text and "Überschussphase" in text
    seite.screenshot("hsk-massnahme-steuerung")

    seite.besuchen("/hsk/portfolio/?jahr=2026")
    assert "Summe" in haupt.inner_text()
    seite.screenshot("hsk-portfolio-steuerung")
    seite.besuchen("/hsk/praeventionsbudget/?jahr=2026")
    assert "1 : 3,08" in haupt.inner_text()
    seite.screenshot("hsk-praeventionsbudget-steuerung")


def test_sachbearbeitung_erfasst_einzelfall_mit_deutscher_fehlermeldung(seite, demo):
    massnahme = demo["M HSK 1"]
    seite.anmelden("sachbearbeitung51", DEMO_PASSWORT)
    seite.besuchen("/hsk/")
    assert "Pflegeberatung" not in seite.page.locator("main").inner_text()
    seite.besuchen(f"/hsk/{massnahme.pk}/einzelfaelle/?ergebnis=nicht_erfolgreich")
    zeilen = seite.page.locator("tbody tr")
    assert zeilen.count() == 5
    seite.screenshot("hsk-einzelfaelle-sachbearbeitung51")

    seite.besuchen(f"/hsk/{massnahme.pk}/einzelfaelle/neu/")
    assert "keine Namen, Anschriften oder Geburtsdaten" in seite.page.locator("main").inner_text()
    seite.page.get_by_label("Pseudonym").fill("Max Mustermann")
    seite.page.get_by_label("Aufnahme").fill("2026-10-01")
    seite.page.get_by_label("Wirkungsbeginn").fill("2026-11-01")
    seite.page.get_by_label("vermiedene Kosten je Monat (€)").fill("4.100,00")
    seite.page.get_by_role("button", name="Speichern").click()
    seite.page.wait_for_load_state("networkidle")
    seite.pruefe_barrierefreiheit()
    assert (
        "Namen, Anschriften und Geburtsdaten dürfen nicht gespeichert werden" in seite.page.locator("main").inner_text()
    )
    assert seite.page.evaluate("document.activeElement.name") == "pseudonym"
    seite.screenshot("hsk-einzelfall-fehler-sachbearbeitung51")

    seite.page.get_by_label("Pseudonym").fill("JA-HSK1-099")
    seite.page.get_by_role("button", name="Speichern").click()
    seite.page.wait_for_load_state("networkidle")
    assert "JA-HSK1-099" in seite.page.locator("main").inner_text()
    assert massnahme.einzelfaelle.filter(pseudonym="JA-HSK1-099").exists()


def test_dezernat_sieht_verlauf_aber_keine_einzelfaelle(seite, demo):
    massnahme = demo["M HSK 2"]
    seite.anmelden("dezernat", DEMO_PASSWORT)
    seite.besuchen(f"/hsk/{massnahme.pk}/")
    seite.page.wait_for_selector("#hsk-diagramm .main-svg")
    text = seite.page.locator("main").inner_text()
    assert "dokumentierte Fälle" in text
    assert "Einzelfälle ansehen" not in text
    assert "SO-HSK2-001" not in seite.page.content()
    seite.screenshot("hsk-massnahme-dezernat")
    antwort = seite.besuchen(f"/hsk/{massnahme.pk}/einzelfaelle/")
    assert antwort.status == 403


def test_kaemmerei_sieht_portfolio_ohne_einzelfaelle(seite, demo):
    seite.anmelden("kaemmerei", DEMO_PASSWORT)
    seite.besuchen("/hsk/portfolio/?jahr=2026")
    text = seite.page.locator("main").inner_text()
    assert "Rückführung aus stationärer Unterbringung" in text and "Pflegeberatung ambulant vor stationär" in text
    seite.screenshot("hsk-portfolio-kaemmerei")
    assert seite.besuchen(f"/hsk/{demo['M HSK 1'].pk}/einzelfaelle/").status == 403


def test_ratsmitglied_sieht_kein_hsk_controlling(seite, demo):
    seite.anmelden("rat", DEMO_PASSWORT)
    assert "HSK-Controlling" not in seite.page.locator("nav").first.inner_text()
    assert seite.besuchen("/hsk/").status == 403
    assert seite.besuchen(f"/hsk/{demo['M HSK 1'].pk}/einzelfaelle/").status == 403


def test_sachbearbeitung50_findet_die_massnahme_des_jugendamts_nicht(seite, demo):
    seite.anmelden("sachbearbeitung50", DEMO_PASSWORT)
    assert seite.besuchen(f"/hsk/{demo['M HSK 1'].pk}/").status == 404
    assert seite.besuchen(f"/hsk/{demo['M HSK 2'].pk}/einzelfaelle/").status == 200
