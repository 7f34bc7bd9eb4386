"""Browser walk of the Tertialbericht workflow: Sachbearbeitung submits, Amtsleitung approves,
Dezernat approves and publishes, a Ratsmitglied reads the report and downloads PDF and Excel."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from demo.daten.organisation import DEMO_PASSWORT, laden
from organisation.models import Benutzer, Organisationseinheit
from steuerung.models import Tertialbericht
from tests.steuerung.factories_berichte import BKennzahlFactory, BMesswertFactory, rote_kennzahl_mit_erklaerung

pytestmark = pytest.mark.django_db(transaction=True)


def _daten() -> str:
    laden()
    einheit = Organisationseinheit.objects.get(kuerzel="50 2")
    sb = Benutzer.objects.get(username="sachbearbeitung50")
    su = Benutzer.objects.get(username="steuerung")
    gruen = BKennzahlFactory(
        code="K 1",
        bezeichnung="Pflegebedürftige zu Hause versorgt",
        organisationseinheit=einheit,
        verantwortlich=sb,
        vertretung=su,
    )
    BMesswertFactory(kennzahl=gruen, periode="2026-T2", wert=Decimal("49"))
    rot = BKennzahlFactory(
        code="K 2",
        bezeichnung="Ambulante Pflegearrangements",
        organisationseinheit=einheit,
        verantwortlich=sb,
        vertretung=su,
    )
    rote_kennzahl_mit_erklaerung(kennzahl=rot)
    amt = Organisationseinheit.objects.get(kuerzel="50")
    return f"/berichte/{amt.pk}/2026-T2/"


def _als(seite, username: str) -> None:
    seite.page.context.clear_cookies()
    seite.anmelden(username, DEMO_PASSWORT)


def _klick(seite, name: str) -> None:
    seite.page.get_by_role("button", name=name).click()
    seite.page.wait_for_load_state("networkidle")


def test_bericht_vom_einreichen_bis_zum_rat(seite):
    pfad = _daten()
    seite.page.on("dialog", lambda dialog: dialog.accept())

    _als(seite, "sachbearbeitung50")
    seite.besuchen(pfad)
    main = seite.page.locator("main")
    assert "Zusammenfassung" in main.inner_text() and "Fallkonferenzen mit den Kliniken" in main.inner_text()
    seite.screenshot("bericht-sachbearbeitung")
    _klick(seite, "Bericht einreichen")
    assert "eingereicht" in seite.page.locator(".meldungen").inner_text()

    _als(seite, "amtsleitung50")
    seite.besuchen(pfad)
    assert seite.page.get_by_role("button", name="Bericht zurückgeben").is_visible()
    seite.screenshot("bericht-amtsleitung")
    _klick(seite, "Bericht freigeben")
    assert "von der Amtsleitung freigegeben" in seite.page.locator(".meldungen").inner_text()

    _als(seite, "dezernat")
    seite.besuchen("/berichte/")
    seite.page.get_by_role("link", name="2. Tertial 2026").click()
    seite.page.wait_for_load_state("networkidle")
    _klick(seite, "Bericht freigeben")
    seite.pruefe_barrierefreiheit()
    seite.screenshot("bericht-dezernat")
    _klick(seite, "Bericht veröffentlichen")
    assert "veröffentlicht" in seite.page.locator(".meldungen").inner_text()
    assert Tertialbericht.objects.get(periode="2026-T2").status == "veroeffentlicht"
    assert "gesperrt" in seite.page.locator("main").inner_text()

    _als(seite, "rat")
    seite.besuchen("/veroeffentlicht/")
    seite.screenshot("berichte-rat-liste")
    seite.page.get_by_role("link", name="Tertialbericht 2. Tertial 2026 (Fassung 1)").click()
    seite.page.wait_for_load_state("networkidle")
    seite.pruefe_barrierefreiheit()
    text = seite.page.locator("main").inner_text()
    assert text.index("Zusammenfassung") < text.index("Was im Plan liegt")
    assert "Fallkonferenzen mit den Kliniken" in text
    seite.page.wait_for_selector("#bericht-diagramm .main-svg")
    seite.screenshot("bericht-rat")
    with seite.page.expect_download() as pdf:
        seite.page.get_by_role("link", name="Als PDF herunterladen").click()
    assert pdf.value.suggested_filename.endswith(".pdf")
    assert Path(pdf.value.path()).read_bytes()[:5] == b"%PDF-"
    with seite.page.expect_download() as excel:
        seite.page.get_by_role("link", name="Als Excel herunterladen").click()
    assert excel.value.suggested_filename.endswith(".xlsx")
    assert Path(excel.value.path()).read_bytes()[:2] == b"PK"
    assert seite.besuchen(pfad, barrierefrei=False).status == 403
