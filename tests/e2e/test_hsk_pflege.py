"""Browser: the Steuerungsunterstützung creates an HSK-Maßnahme and enters Sollwerte (axe-checked)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from controlling.models import HSKMassnahme
from demo.daten import organisation as organisation_demo
from demo.daten import steuerung as steuerung_demo
from demo.daten.organisation import DEMO_PASSWORT
from steuerung.models import Kennzahl, Sollwert

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demodaten():
    organisation_demo.laden()
    steuerung_demo.laden()


def test_steuerung_legt_hsk_massnahme_an_und_pflegt_sollwerte(seite, demodaten):
    seite.anmelden("steuerung", DEMO_PASSWORT)
    seite.besuchen("/hsk/")
    seite.page.get_by_role("link", name="Neue HSK-Maßnahme").click()
    seite.page.wait_for_load_state("networkidle")
    seite.pruefe_barrierefreiheit()
    p = seite.page
    p.locator("#id_bezeichnung").fill("Pflegelotsen im Quartier")
    p.locator("#id_massnahme").select_option(index=1)
    p.locator("#id_organisationseinheit").select_option(index=1)
    p.locator("#id_wirkungshypothese").fill("Zwei Lotsinnen vermeiden Heimaufnahmen durch frühe Beratung.")
    p.locator("#id_beginn").fill("2026-02-01")
    p.locator("#id_annahme_faelle").fill("30")
    p.locator("#id_annahme_erfolgsquote").fill("0,35")
    p.locator("#id_soll-0-jahr").fill("2026")
    p.locator("#id_soll-0-betrag").fill("40.000,00")
    p.locator("#id_soll-1-jahr").fill("2027")
    p.locator("#id_soll-1-betrag").fill("95.500,50")
    p.locator("#id_stellen-0-bezeichnung").fill("Pflegelotsin 1")
    p.locator("#id_stellen-0-vzae").fill("1")
    p.locator("#id_stellen-0-jahreskosten").fill("68.000,00")
    p.locator("#id_stellen-1-bezeichnung").fill("Pflegelotsin 2")
    p.locator("#id_stellen-1-vzae").fill("0,5")
    p.locator("#id_stellen-1-jahreskosten").fill("34.000,00")
    p.locator("#id_stellen-1-beginn").fill("2026-07-01")
    p.locator("#id_ablauf-0-bezeichnung").fill("Erstberatung")
    p.locator("#id_ablauf-1-bezeichnung").fill("Begleitung")
    seite.screenshot("hsk-massnahme-neu-steuerung")
    p.get_by_role("button", name="Speichern").click()
    p.wait_for_load_state("networkidle")
    haupt = p.locator("main").inner_text()
    assert "Die HSK-Maßnahme „Pflegelotsen im Quartier“ wurde gespeichert." in haupt, haupt[:2000]
    m = HSKMassnahme.objects.get(bezeichnung="Pflegelotsen im Quartier")
    assert m.stellen.count() == 2 and m.personalkosten_jahr == Decimal("102000.00")
    assert sorted(m.soll_jahre.values_list("jahr", "betrag")) == [
        (2026, Decimal("40000.00")),
        (2027, Decimal("95500.50")),
    ]
    assert "Pflegelotsin 2" in haupt and "01.07.2026" in haupt
    seite.pruefe_barrierefreiheit()
    seite.screenshot("hsk-massnahme-angelegt-steuerung")

    kennzahl = Kennzahl.objects.filter(jahr=2025, erhebungsrhythmus="tertial").order_by("pk").first()
    seite.besuchen(f"/kennzahlen/{kennzahl.pk}/")
    p.locator("#id_soll_2025-T1").fill("1.234,5")
    p.locator("#id_soll_2025").fill("1.300")
    p.get_by_role("button", name="Sollwerte speichern").click()
    p.wait_for_load_state("networkidle")
    assert "Die Sollwerte 2025 wurden gespeichert." in p.locator("main").inner_text()
    assert p.locator("#id_soll_2025-T1").input_value() == "1.234,5"
    assert Sollwert.objects.get(kennzahl=kennzahl, periode="2025-T1").wert == Decimal("1234.5")
    seite.pruefe_barrierefreiheit()
    p.locator("#soll-titel").scroll_into_view_if_needed()
    seite.screenshot("kennzahl-sollwerte-steuerung")
