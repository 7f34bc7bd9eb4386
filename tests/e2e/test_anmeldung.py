"""Every demo role logs in through the browser and lands on its start page."""

from __future__ import annotations

import pytest

from demo.daten.organisation import DEMO_PASSWORT, laden

pytestmark = pytest.mark.django_db(transaction=True)

ROLLEN = [
    ("dezernat", "Dezernatsleitung", "Stand der Zielerreichung"),
    ("steuerung", "Steuerungsunterstützung", "pflegen das Zielsystem"),
    ("amtsleitung50", "Amtsleitung", "Tertialberichte Ihres Amtes"),
    ("sachbearbeitung50", "Sachbearbeitung", "erfassen Kennzahlwerte"),
    ("kaemmerei", "Kämmerei", "ohne Einzelfalldaten"),
    ("rat", "Rat", "veröffentlichten Tertialberichte"),
    ("admin", "Administration", "verwalten Benutzerinnen"),
]


@pytest.mark.parametrize(("username", "rolle", "text"), ROLLEN)
def test_demorolle_meldet_sich_an_und_sieht_ihre_startseite(seite, username, rolle, text):
    laden()
    seite.anmelden(username, DEMO_PASSWORT)
    seite.pruefe_barrierefreiheit()
    assert seite.page.get_by_role("heading", level=1).inner_text().startswith("Willkommen")
    assert text in seite.page.locator("main").inner_text()
    assert rolle in seite.page.locator("header").inner_text()
    assert "Demodaten" in seite.page.locator("footer").inner_text()
    seite.screenshot(f"start-{username}")


def test_falsches_passwort_zeigt_deutsche_meldung(seite):
    laden()
    seite.anmelden("dezernat", "falsch")
    assert "/anmelden/" in seite.page.url
    assert "Benutzername" in seite.page.locator("main").inner_text()
    assert "Groß-/Kleinschreibung" in seite.page.locator("main").inner_text()


def test_skiplink_fuehrt_per_tastatur_zum_inhalt(seite):
    seite.besuchen("/barrierefreiheit/")
    seite.page.keyboard.press("Tab")
    fokus = seite.page.evaluate("document.activeElement.textContent")
    assert fokus.strip() == "Zum Inhalt springen"
    seite.page.keyboard.press("Enter")
    assert seite.page.evaluate("document.activeElement.id") == "inhalt"


def test_ohne_anmeldung_fuehrt_jede_seite_zur_anmeldung(seite):
    seite.besuchen("/", barrierefrei=False)
    assert "/anmelden/" in seite.page.url


def test_erklaerung_zur_barrierefreiheit_ist_ohne_anmeldung_lesbar(seite):
    seite.besuchen("/barrierefreiheit/")
    assert "BITV 2.0" in seite.page.locator("main").inner_text()
