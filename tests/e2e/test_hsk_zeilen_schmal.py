"""Browser: the HSK row tables at 375 px (stacked rows, "Zeile hinzufügen") and a Sollwert error in its cell."""

from __future__ import annotations

import pytest

from controlling.models import HSKMassnahme
from demo.daten import organisation as organisation_demo
from demo.daten import steuerung as steuerung_demo
from demo.daten.organisation import DEMO_PASSWORT
from steuerung.models import Kennzahl

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demodaten():
    organisation_demo.laden()
    steuerung_demo.laden()


def _box(locator) -> dict:
    box = locator.bounding_box()
    assert box is not None
    return box


def test_zeilen_auf_375_px_ohne_abgeschnittene_spalte_und_mit_zeile_hinzufuegen(seite, demodaten):
    seite.page.set_viewport_size({"width": 375, "height": 800})
    seite.anmelden("steuerung", DEMO_PASSWORT)
    seite.besuchen("/hsk/neu/")
    p = seite.page
    assert p.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    betrag = _box(p.locator("#id_soll-0-betrag"))
    assert betrag["x"] >= 0 and betrag["x"] + betrag["width"] <= 375
    assert p.get_by_label("Soll brutto (€) Zeile 1").is_visible()  # the label shows above its input
    p.get_by_role("button", name="Zeile hinzufügen: Soll je Jahr").click()
    assert p.locator("#id_soll-TOTAL_FORMS").input_value() == "4"
    assert p.locator("#id_soll-3-jahr").evaluate("e => e === document.activeElement")
    seite.pruefe_barrierefreiheit()
    seite.screenshot("hsk-massnahme-neu-375px")
    p.locator("#id_bezeichnung").fill("Vier Jahre Soll")
    p.locator("#id_massnahme").select_option(index=1)
    p.locator("#id_organisationseinheit").select_option(index=1)
    p.locator("#id_wirkungshypothese").fill("Frühe Beratung vermeidet Heimaufnahmen.")
    p.locator("#id_beginn").fill("2026-01-01")
    p.locator("#id_personalkosten_jahr").fill("10.000")
    for i, jahr in enumerate(range(2026, 2030)):
        p.locator(f"#id_soll-{i}-jahr").fill(str(jahr))
        p.locator(f"#id_soll-{i}-betrag").fill("1.000")
    p.get_by_role("button", name="Speichern").click()
    p.wait_for_load_state("networkidle")
    assert "wurde gespeichert" in p.locator("main").inner_text()
    m = HSKMassnahme.objects.get(bezeichnung="Vier Jahre Soll")
    assert sorted(m.soll_jahre.values_list("jahr", flat=True)) == [2026, 2027, 2028, 2029]


def test_sollwert_fehler_steht_unter_seinem_feld(seite, demodaten):
    seite.anmelden("steuerung", DEMO_PASSWORT)
    kennzahl = Kennzahl.objects.filter(jahr=2025, erhebungsrhythmus="tertial").order_by("pk").first()
    seite.besuchen(f"/kennzahlen/{kennzahl.pk}/")
    p = seite.page
    p.locator("#id_soll_2025-T1").fill("abc")
    p.get_by_role("button", name="Sollwerte speichern").click()
    p.wait_for_load_state("networkidle")
    feld, fehler = p.locator("#id_soll_2025-T1"), p.locator("#id_soll_2025-T1_fehler")
    zelle = p.locator("td:has(#id_soll_2025-T1)")
    periode = p.locator("tr:has(#id_soll_2025-T1) th")
    z, f, e, ph = _box(zelle), _box(feld), _box(fehler), _box(periode)
    assert ph["x"] + ph["width"] <= z["x"] + 1  # the Periode column ends where the cell begins
    assert z["x"] - 1 <= f["x"] and z["x"] - 1 <= e["x"]  # input and message inside their cell
    assert e["y"] >= f["y"] + f["height"] - 1  # the message sits under the input
    seite.pruefe_barrierefreiheit()
    p.locator("#soll-titel").scroll_into_view_if_needed()
    seite.screenshot("kennzahl-sollwert-fehler")
