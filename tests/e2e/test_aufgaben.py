"""Browser: a Sachbearbeiterin whose report was returned sees the task on her start page and follows it."""

from __future__ import annotations

from decimal import Decimal

import pytest

from demo.daten.organisation import DEMO_PASSWORT, laden
from organisation.models import Benutzer, Organisationseinheit
from steuerung.models import Berichtsuebergang, Tertialbericht
from steuerung.models.berichte import Berichtsaktion, Berichtsstatus
from tests.steuerung.factories_berichte import BKennzahlFactory, BMesswertFactory

pytestmark = pytest.mark.django_db(transaction=True)
NOTIZ = "Bitte die Begründung der Heimaufnahmen um die Zahl der Krankenhausentlassungen ergänzen."


def _zurueckgegeben() -> str:
    laden()
    amt = Organisationseinheit.objects.get(kuerzel="50")
    sb = Benutzer.objects.get(username="sachbearbeitung50")
    al = Benutzer.objects.get(username="amtsleitung50")
    k = BKennzahlFactory(
        code="K 1",
        bezeichnung="Pflegebedürftige zu Hause versorgt",
        organisationseinheit=Organisationseinheit.objects.get(kuerzel="50 2"),
        verantwortlich=sb,
        vertretung=Benutzer.objects.get(username="steuerung"),
    )
    BMesswertFactory(kennzahl=k, periode="2026-T2", wert=Decimal("49"))
    bericht = Tertialbericht.objects.create(
        organisationseinheit=amt, periode="2026-T2", status=Berichtsstatus.ZURUECKGEGEBEN, notiz=NOTIZ
    )
    Berichtsuebergang.objects.create(
        bericht=bericht,
        aktion=Berichtsaktion.ZURUECKGEBEN,
        von_status=Berichtsstatus.EINGEREICHT,
        nach_status=Berichtsstatus.ZURUECKGEGEBEN,
        benutzer=al,
        notiz=NOTIZ,
    )
    return f"/berichte/{amt.pk}/2026-T2/"


def test_sachbearbeitung_sieht_zurueckgegebenen_bericht_und_folgt_dem_link(seite):
    pfad = _zurueckgegeben()
    seite.anmelden("sachbearbeitung50", DEMO_PASSWORT)
    seite.besuchen("/")
    aufgaben = seite.page.locator("section.aufgaben")
    assert aufgaben.get_by_role("heading", name="Meine Aufgaben").is_visible()
    text = aufgaben.inner_text()
    assert "Hinweis der Rückgabe: " + NOTIZ in text
    assert "Frist: 15.09.2026" in text and "überfällig" in text
    seite.screenshot("startseite-sachbearbeitung-rueckgabe")
    link = aufgaben.get_by_role(
        "link", name="Zurückgegebenen Bericht überarbeiten und erneut einreichen: 50 Amt für Soziales, 2. Tertial 2026"
    )
    link.click()
    seite.page.wait_for_load_state("networkidle")
    assert seite.page.url.endswith(pfad)
    seite.pruefe_barrierefreiheit()
    assert seite.page.get_by_role("button", name="Bericht einreichen").is_visible()
