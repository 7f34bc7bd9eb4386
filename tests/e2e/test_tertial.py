"""Tertial entry and dashboard in the browser: Sachbearbeitung enters a tertial (form and Excel),
the Dezernat drills down from a red Leitziel to the Kennzahl that caused it."""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO

import pytest
from openpyxl import load_workbook

from demo.daten.organisation import DEMO_PASSWORT
from steuerung.models import Kennzahl, Messwert

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo():
    from django.core.management import call_command

    call_command("demo_daten")


def _fehlende_kennzahl() -> Kennzahl:
    """The demo leaves one 2026-T2 value open (overdue)."""
    mit_wert = Messwert.objects.filter(periode="2026-T2").values_list("kennzahl_id", flat=True)
    return (
        Kennzahl.objects.filter(jahr=2026, erhebungsrhythmus="tertial")
        .exclude(pk__in=mit_wert)
        .select_related("organisationseinheit")
        .first()
    )


def test_sachbearbeitung_erfasst_ein_tertial_per_formular_und_excel(seite, demo, tmp_path):
    k = _fehlende_kennzahl()
    assert k is not None
    oe = k.organisationseinheit
    # The Sachbearbeitung of the Amt the Kennzahl belongs to (Amt 50 or Jugendamt 51).
    seite.anmelden("sachbearbeitung51" if oe.kuerzel.startswith("51") else "sachbearbeitung50", DEMO_PASSWORT)
    seite.page.get_by_role("link", name="Werte erfassen").first.click()
    seite.pruefe_barrierefreiheit()
    seite.page.get_by_label("Organisationseinheit").select_option(str(oe.pk))
    seite.page.get_by_label("Periode").select_option("2026-T2")
    seite.page.get_by_role("button", name="Zur Erfassung").click()
    assert f"/erfassung/{oe.pk}/2026-T2/" in seite.page.url
    seite.pruefe_barrierefreiheit()

    zeile = seite.page.locator(f"#kz-{k.pk}")
    # A value far below the Soll is red: Enter in the field submits, the explanation is demanded.
    zeile.get_by_label("Ist-Wert").fill("1,5")
    zeile.get_by_label("Ist-Wert").press("Enter")
    seite.page.wait_for_load_state("networkidle")
    assert "Pflichtangabe" in seite.page.locator(f"#kz-{k.pk}").inner_text()
    assert seite.page.locator(f"#kz-{k.pk}").get_by_label("Ist-Wert").input_value() == "1,5"
    seite.pruefe_barrierefreiheit()
    zeile = seite.page.locator(f"#kz-{k.pk}")
    zeile.get_by_label("Begründung der Abweichung").fill("Datenlieferung des Trägers unvollständig.")
    zeile.get_by_label("Gegensteuerungsmaßnahme (was)").fill("Nachlieferung anfordern")
    zeile.get_by_label("verantwortlich (wer)").fill("Sachgebietsleitung")
    zeile.get_by_label("umgesetzt bis (wann)").fill("15.12.2026")
    zeile.get_by_label("verantwortlich (wer)").press("Enter")
    seite.page.wait_for_load_state("networkidle")
    assert "Gespeichert" in seite.page.locator(".meldungen").inner_text()
    m = Messwert.objects.get(kennzahl=k, periode="2026-T2")
    assert (m.wert, m.gegensteuerung_wer) == (Decimal("1.5"), "Sachgebietsleitung")
    seite.screenshot("tertial-erfassung")

    # Excel: download the template of the running tertial, fill every Ist with its Soll, upload.
    seite.besuchen(f"/erfassung/{oe.pk}/2026-T3/")
    with seite.page.expect_download() as download:
        seite.page.get_by_role("link", name="Excel-Vorlage herunterladen").click()
    wb = load_workbook(BytesIO(download.value.path().read_bytes()))
    ws = wb["Werte"]
    for zeile_nr in range(2, ws.max_row + 1):
        ws.cell(row=zeile_nr, column=8).value = ws.cell(row=zeile_nr, column=6).value
    datei = tmp_path / "werte.xlsx"
    wb.save(datei)
    anzahl = ws.max_row - 1
    seite.page.get_by_role("link", name="Excel-Datei hochladen").click()
    seite.pruefe_barrierefreiheit()
    kaputt = tmp_path / "werte.txt"
    kaputt.write_text("kein Excel")
    seite.page.get_by_label("Ausgefüllte Vorlage").set_input_files(str(kaputt))
    seite.page.get_by_role("button", name="Hochladen und übernehmen").click()
    assert "Format .xlsx" in seite.page.locator("#zeilenfehler").inner_text()
    seite.page.get_by_label("Ausgefüllte Vorlage").set_input_files(str(datei))
    seite.page.get_by_role("button", name="Hochladen und übernehmen").click()
    seite.page.wait_for_load_state("networkidle")
    assert f"{anzahl} Zeilen übernommen" in seite.page.locator(".meldungen").inner_text()
    assert Messwert.objects.filter(periode="2026-T3", kennzahl__organisationseinheit=oe).count() == anzahl


def test_dezernat_geht_vom_roten_leitziel_zur_verursachenden_kennzahl(seite, demo):
    seite.anmelden("dezernat", DEMO_PASSWORT)
    seite.page.get_by_role("link", name="Dashboard").first.click()
    seite.page.wait_for_load_state("networkidle")
    seite.pruefe_barrierefreiheit()
    seite.screenshot("tertial-dashboard")
    knoten = seite.page.locator(".pyramide__liste > li").filter(has=seite.page.locator(":scope > .ampel--rot")).first
    ursache = knoten.locator(":scope > .pyramide__ursache a").inner_text()
    ebenen = 0
    # Open level by level the goal whose roll-up names the same causing Kennzahl.
    while knoten.count():
        knoten.locator(":scope > .pyramide__oeffnen").click()
        seite.page.wait_for_load_state("networkidle")
        ebenen += 1
        knoten = seite.page.locator(".pyramide__liste > li").filter(
            has=seite.page.locator(":scope > .pyramide__ursache a", has_text=ursache)
        )
        knoten = knoten.filter(has=seite.page.locator(":scope > .pyramide__oeffnen")).first
    assert ebenen >= 2
    assert seite.page.get_by_role("navigation", name="Pfad in der Zielpyramide").is_visible()
    seite.pruefe_barrierefreiheit()
    seite.screenshot("tertial-dashboard-aufgeklappt")
    seite.page.locator("section[aria-labelledby=h-pyramide] table").get_by_role("link", name=ursache).click()
    seite.page.wait_for_load_state("networkidle")
    seite.pruefe_barrierefreiheit()
    assert seite.page.get_by_role("heading", level=1).inner_text().endswith(ursache.split(" ", 2)[-1])
    assert "rot" in seite.page.locator(".auswertung__eckdaten").inner_text()
    assert seite.page.locator("#kennzahl-diagramm .main-svg").count() >= 1
    seite.screenshot("tertial-kennzahl-auswertung")


def test_dezernat_liest_den_grund_und_filtert_jahresziel_gefaehrdet(seite, demo):
    seite.anmelden("dezernat", DEMO_PASSWORT)
    seite.besuchen("/tertial/dashboard/?periode=2026-T2")
    tabelle = seite.page.locator("table.dashboard__aufmerksamkeit")
    gruende = [t.strip() for t in tabelle.locator("td.dashboard__grund").all_inner_texts()]
    # The reason names the rule that fired, never just the colour.
    assert gruende and "rot" not in gruende
    k1 = tabelle.locator("tr", has_text="Leistungsberechtigte der Hilfe zur Pflege in Einrichtungen")
    assert "Zielerreichung 62,89 % – teilweise erreicht" in k1.locator("td.dashboard__grund").inner_text()
    assert tabelle.locator("tr", has_text="Sorgenampel: Zwei Träger").count() == 1
    assert any(g.startswith("überfällig seit ") for g in gruende)

    seite.page.get_by_label("Nur Jahresziel gefährdet (Prognose zum 31.12. rot)").check()
    seite.page.get_by_role("button", name="Anzeigen").click()
    seite.page.wait_for_load_state("networkidle")
    assert "gefaehrdet=1" in seite.page.url
    seite.pruefe_barrierefreiheit()
    gefiltert = seite.page.locator("table.dashboard__aufmerksamkeit tbody tr")
    assert gefiltert.count() >= 1
    for zeile in gefiltert.all():
        assert "Jahresziel gefährdet: Prognose" in zeile.locator("td.dashboard__grund").inner_text()
    assert seite.page.locator("table.dashboard__aufmerksamkeit tr", has_text="Sorgenampel: Zwei Träger").count() == 0
    liste = seite.page.get_by_role("heading", name="Kennzahlen mit gefährdetem Jahresziel")
    assert liste.is_visible()
    seite.screenshot("tertial-dashboard-jahresziel-gefaehrdet")


def test_unterjaehrige_summe_zeigt_das_jahr_bis_dahin_neben_den_perioden(seite, demo):
    k = Kennzahl.objects.get(jahr=2026, bezeichnung="Beratene Haushalte mit Wohnproblemen")
    seite.anmelden("dezernat", DEMO_PASSWORT)
    seite.besuchen(f"/kennzahlen/{k.pk}/auswertung/?periode=2026-T3")
    eckdaten = seite.page.locator(".auswertung__eckdaten").inner_text()
    assert "86,80 %" in eckdaten and "1.736,00" in eckdaten and "2.000,00" in eckdaten
    diagramm = seite.page.locator("#kennzahl-diagramm")
    diagramm.locator(".main-svg").first.wait_for()
    text = diagramm.inner_text()
    assert "Je Periode" in text and "Im Jahr bis dahin (kumuliert)" in text
    for eintrag in ("Ist kumuliert", "Soll kumuliert", "Ist je Periode", "Prognose 31.12.2026"):
        assert eintrag in text
    # The baseline once, with the number the table shows; never pro-rated to a tertial.
    assert text.count("Ausgangswert 2021: 1.830,00") == 1 and "610" not in text
    kennwerte = seite.page.locator("#kennwerte-tabelle").inner_text()
    assert "Ausgangswert 2021" in kennwerte and "1.830,00" in kennwerte
    seite.screenshot("tertial-kennzahl-kumuliert")
