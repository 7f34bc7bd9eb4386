"""Browser walk of the report's finance section: the Fachamt is refused submission while a
deviation lacks its Begründung, writes it, submits; Amtsleitung and Dezernat approve and publish;
a Ratsmitglied reads the section. And the money beside a Produktziel on its Steckbrief."""

from __future__ import annotations

import pytest

from demo.daten.organisation import DEMO_PASSWORT, laden
from haushalt import services
from haushalt.models import Produktzuordnung
from organisation.models import Benutzer, Organisationseinheit
from steuerung.models import Tertialbericht, Veroeffentlichung
from tests.haushalt.conftest import ZEILEN_2026, csv_datei
from tests.steuerung.factories import ProduktFactory, ProduktgruppeFactory, ProduktzielFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _daten() -> dict:
    laden()
    einheiten = {oe.kuerzel: oe for oe in Organisationseinheit.objects.all()}
    gruppe = ProduktgruppeFactory(nummer="1.31.01", bezeichnung="Leistungen nach dem SGB XII")
    hzp = ProduktFactory(nummer="1.31.01.02", bezeichnung="Hilfe zur Pflege", produktgruppe=gruppe)
    hlu = ProduktFactory(nummer="1.31.01.01", bezeichnung="Hilfe zum Lebensunterhalt", produktgruppe=gruppe)
    Produktzuordnung.objects.create(produkt=hzp, organisationseinheit=einheiten["50 21"])
    Produktzuordnung.objects.create(produkt=hlu, organisationseinheit=einheiten["50 2"])
    zeilen = [z for z in ZEILEN_2026 if z.startswith("1.31.01.")]
    services.haushalt_importieren(name="haushalt-2026.csv", inhalt=csv_datei(*zeilen), user=None)
    ziel = ProduktzielFactory(
        jahr=2026,
        organisationseinheit=einheiten["50 21"],
        produkt=hzp,
        verantwortlich=Benutzer.objects.get(username="sachbearbeitung50"),
    )
    return {"bericht": f"/berichte/{einheiten['50'].pk}/2026-T2/", "ziel": f"/zielpyramide/produktziel/{ziel.pk}/"}


def _als(seite, username: str) -> None:
    seite.page.context.clear_cookies()
    seite.anmelden(username, DEMO_PASSWORT)


def _klick(seite, name: str) -> None:
    seite.page.get_by_role("button", name=name).click()
    seite.page.wait_for_load_state("networkidle")


def _passt_auf_1366(seite) -> None:
    assert seite.page.evaluate("document.documentElement.scrollWidth") <= 1366


def test_finanzabschnitt_vom_fehlenden_grund_bis_zum_rat(seite):
    pfade = _daten()
    seite.page.on("dialog", lambda dialog: dialog.accept())

    _als(seite, "sachbearbeitung50")
    seite.besuchen(pfade["bericht"])
    main = seite.page.locator("main")
    assert "Finanzen: Zuschussbedarf je Produktgruppe" in main.inner_text()
    _klick(seite, "Bericht einreichen")
    meldung = seite.page.locator(".meldungen").inner_text()
    assert "Begründung und Gegensteuerung nötig" in meldung and "1.31.01 Leistungen nach dem SGB XII" in meldung
    assert Tertialbericht.objects.get(periode="2026-T2").status == "entwurf"
    seite.pruefe_barrierefreiheit()
    _passt_auf_1366(seite)
    seite.screenshot("finanzbericht-einreichen-abgelehnt")

    seite.page.get_by_role(
        "link", name="Erläuterungen zum Abschnitt „Finanzen: Zuschussbedarf je Produktgruppe“"
    ).click()
    seite.page.wait_for_load_state("networkidle")
    seite.pruefe_barrierefreiheit()
    assert "Erläuterung erforderlich: Begründung und Gegensteuerung fehlen noch." in main.inner_text()
    assert "Ist Stand 31.08.2026" in main.inner_text() and "Ist bis Stichtag" not in main.inner_text()
    seite.page.get_by_label("Begründung der Abweichung").fill(
        "Mehr Leistungsberechtigte in der Hilfe zur Pflege in Einrichtungen und höhere Pflegesätze."
    )
    seite.page.get_by_label("Gegensteuerung").fill(
        "Ambulant vor stationär bei jedem Neuantrag prüfen; Abteilungsleitung 50 2; bis 31.12.2026."
    )
    _klick(seite, "Erläuterung zu 1.31.01 speichern")
    assert "ist gespeichert" in seite.page.locator(".meldungen").inner_text()
    _passt_auf_1366(seite)
    seite.screenshot("finanzbericht-erlaeuterung")

    seite.page.get_by_role("link", name="Zurück zum Tertialbericht").click()
    seite.page.wait_for_load_state("networkidle")
    _klick(seite, "Bericht einreichen")
    assert "eingereicht" in seite.page.locator(".meldungen").inner_text()

    _als(seite, "amtsleitung50")
    seite.besuchen(pfade["bericht"])
    _klick(seite, "Bericht freigeben")
    _als(seite, "dezernat")
    seite.besuchen(pfade["bericht"])
    _klick(seite, "Bericht freigeben")
    _klick(seite, "Bericht veröffentlichen")
    assert Tertialbericht.objects.get(periode="2026-T2").status == "veroeffentlicht"

    _als(seite, "rat")
    v = Veroeffentlichung.objects.get()
    seite.besuchen(f"/veroeffentlicht/{v.pk}/")
    text = seite.page.locator("main").inner_text()
    assert "Finanzen: Zuschussbedarf je Produktgruppe" in text
    assert "17.000.000,00\xa0€" in text and "17.860.000,00\xa0€" in text and "860.000,00\xa0€" in text
    assert "Begründung: Mehr Leistungsberechtigte in der Hilfe zur Pflege" in text
    assert "Gegensteuerung: Ambulant vor stationär" in text
    assert "/finanzen/" not in seite.page.locator("main").inner_html()  # no internal links for the council
    _passt_auf_1366(seite)
    seite.page.locator("#abschnitt-finanzen").scroll_into_view_if_needed()
    seite.screenshot("finanzbericht-rat")


def test_steckbrief_zeigt_das_geld_neben_den_kennzahlen(seite):
    pfade = _daten()
    _als(seite, "kaemmerei")
    seite.besuchen(pfade["ziel"])
    text = seite.page.locator("main").inner_text()
    assert "Haushalt 2026" in text and "10.000.000,00 €" in text and "10.510.000,00 €" in text
    _passt_auf_1366(seite)
    seite.screenshot("steckbrief-produktziel-geld")
    seite.page.get_by_role("link", name="Finanzdatenblatt 1.31.01.02").click()
    seite.page.wait_for_load_state("networkidle")
    assert "Finanzdatenblatt Produkt 1.31.01.02 Hilfe zur Pflege" in seite.page.locator("main").inner_text()
