"""HSK-Controlling in the browser: each demo role sees exactly its share (axe-checked, screenshots)."""

from __future__ import annotations

import pytest

from controlling.models import HSKMassnahme
from demo.daten import controlling as controlling_demo
from demo.daten.organisation import DEMO_PASSWORT
from demo.daten.organisation import laden as organisation_laden
from tests.e2e.conftest import SCREENSHOTS

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
    seite.page.get_by_label("Aufnahme").fill("01.10.2026")
    seite.page.get_by_label("Wirkungsbeginn").fill("01.11.2026")
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


# The drawn figure as Plotly holds it: traces, shapes (bands, lines) and annotations (labels).
_FIGUR_JS = """() => {
  const el = document.getElementById("hsk-diagramm");
  return {
    spuren: el.data.map(t => ({name: t.name, x: t.x, typ: t.type, muster: t.marker && t.marker.pattern
      ? t.marker.pattern.shape : null, deckkraft: t.marker ? t.marker.opacity : null, linie: t.opacity})),
    formen: el.layout.shapes.map(s => ({typ: s.type, x0: s.x0, x1: s.x1, farbe: s.fillcolor || null})),
    texte: el.layout.annotations.map(a => a.text),
  };
}"""


def _erwartete_baender(massnahme, stichtag):
    """Runs of the phase sequence over the ist months, as the server computes them."""
    from controlling import selectors
    from frontend.charts.hsk import PHASEN, _monatsanfang, _monatsende, _phasenbaender

    gelesen = selectors.verlauf_am_stichtag(massnahme=massnahme, stichtag=stichtag)
    return [
        (_monatsanfang(von), _monatsende(bis), PHASEN[phase][1])
        for phase, von, bis, _r in _phasenbaender(gelesen.monate)
    ], gelesen


def test_massnahmenseite_zeigt_stichtag_prognose_und_phasen_als_folge(seite, demo):
    from datetime import date

    from frontend.charts.hsk import PROGNOSEFARBE

    massnahme = demo["M HSK 1"]
    seite.anmelden("steuerung", DEMO_PASSWORT)
    seite.besuchen(f"/hsk/{massnahme.pk}/?stichtag=2026-06-30")
    seite.page.wait_for_selector("#hsk-diagramm .main-svg")
    figur = seite.page.evaluate(_FIGUR_JS)

    # The labelled Stichtag line sits at the border between June (Ist) and July (Prognose).
    assert "Stichtag 30.06.2026" in figur["texte"]
    assert {"typ": "line", "x0": "2026-07-01", "x1": "2026-07-01", "farbe": None} in figur["formen"]
    assert seite.page.locator("#hsk-diagramm text", has_text="Stichtag 30.06.2026").is_visible()

    # Forecast months are drawn differently: their own hatched, lighter bars and lighter lines.
    spuren = {s["name"]: s for s in figur["spuren"]}
    assert max(spuren["Ist brutto (Monat)"]["x"]) == "2026-06-15"
    assert min(spuren["Prognose brutto (Monat)"]["x"]) == "2026-07-15"
    for name in ("Prognose brutto (Monat)", "Prognose netto (Monat)"):
        assert (spuren[name]["muster"], spuren[name]["deckkraft"]) == ("/", 0.4)
    assert (spuren["Ist brutto (Monat)"]["muster"], spuren["Ist brutto (Monat)"]["deckkraft"]) == ("", 1)
    assert spuren["Prognose brutto kumuliert"]["linie"] < spuren["Ist brutto kumuliert"]["linie"]
    assert {"typ": "rect", "x0": "2026-07-01", "x1": "2028-01-01", "farbe": PROGNOSEFARBE} in figur["formen"]
    assert "Prognose" in figur["texte"]

    # Phase bands come from the sequence over the ist months only.
    baender, gelesen = _erwartete_baender(massnahme, date(2026, 6, 30))
    gezeichnet = [(f["x0"], f["x1"], f["farbe"]) for f in figur["formen"] if f["typ"] == "rect"]
    assert gezeichnet[:-1] == baender
    assert [b[2] for b in baender] == [
        "rgba(166, 27, 27, 0.10)",
        "rgba(154, 103, 0, 0.12)",
        "rgba(30, 107, 47, 0.12)",
        "rgba(154, 103, 0, 0.12)",
    ]  # Invest → Annäherung → Überschuss, then the demo's Rückfall (Soll 2026 raised) to Annäherung from 03/2026
    assert baender[-1][:2] == ("2026-03-01", "2026-07-01")  # no band reaches into the forecast
    assert "Annäherungsphase (Rückfall)" in figur["texte"]

    # The tables label the forecast months.
    seite.page.locator("details.hsk-monate summary").click()
    prognose = seite.page.locator("details.hsk-monate tbody tr.prognose")
    assert prognose.count() == sum(1 for m in gelesen.monate if not m.ist) == 18
    assert "Prognose" in prognose.first.inner_text()
    seite.pruefe_barrierefreiheit()
    seite.screenshot("hsk-massnahme-stichtag-steuerung")

    # The date field sets the Stichtag.
    seite.page.get_by_label("Stichtag (Datenstand)").fill("31.08.2025")
    seite.page.get_by_role("button", name="Anzeigen").click()
    seite.page.wait_for_selector("#hsk-diagramm .main-svg")
    assert "stichtag=31.08.2025" in seite.page.url
    figur = seite.page.evaluate(_FIGUR_JS)
    assert "Stichtag 31.08.2025" in figur["texte"]
    baender, _ = _erwartete_baender(massnahme, date(2025, 8, 31))
    assert [(f["x0"], f["x1"], f["farbe"]) for f in figur["formen"] if f["typ"] == "rect"][:-1] == baender
    assert "Annäherungsphase" in seite.page.locator("main .hsk-eckdaten").inner_text()


def test_portfolio_mit_stichtag(seite, demo):
    from datetime import date

    from controlling import selectors
    from core.money import format_de
    from organisation.models import Benutzer

    seite.anmelden("kaemmerei", DEMO_PASSWORT)
    seite.besuchen("/hsk/portfolio/?jahr=2026&stichtag=2026-10-31")
    haupt = seite.page.locator("main")
    assert "zum Stichtag 31.10.2026" in haupt.inner_text()
    assert seite.page.get_by_label("Stichtag (Datenstand)").input_value() == "31.10.2026"

    seite.page.get_by_label("Stichtag (Datenstand)").fill("30.06.2026")
    seite.page.get_by_role("button", name="Anzeigen").click()
    seite.page.wait_for_load_state("networkidle")
    seite.pruefe_barrierefreiheit()
    assert "stichtag=30.06.2026" in seite.page.url and "jahr=2026" in seite.page.url
    caption = seite.page.locator("#portfolio-tabelle caption").inner_text()
    assert "Haushaltsjahr 2026 zum Stichtag 30.06.2026" in caption
    erwartet = selectors.portfolio(
        user=Benutzer.objects.get(username="kaemmerei"), jahr=2026, stichtag=date(2026, 6, 30)
    ).summe
    summe = seite.page.locator("#portfolio-tabelle tfoot tr").inner_text()
    for feld in ("soll", "soll_bis_stichtag", "brutto_ist", "netto_ist", "brutto_prognose", "netto_prognose"):
        assert format_de(erwartet[feld], 2, "€") in summe, feld
    assert erwartet["brutto_ist"] < erwartet["brutto_prognose"]
    assert "Überschussphase" in haupt.inner_text()
    seite.screenshot("hsk-portfolio-stichtag-kaemmerei")
    assert seite.besuchen(f"/hsk/{demo['M HSK 1'].pk}/einzelfaelle/").status == 403


@pytest.fixture
def demo_mit_berichten(demo):
    """The demo with the Zielpyramide, its values and the published reports of Amt 50 (after the HSK data)."""
    from demo.daten import berichte, steuerung

    steuerung.laden()
    berichte.laden()
    return demo


_BREITE_JS = "() => document.documentElement.scrollWidth"


def test_rat_liest_den_hsk_abschnitt_im_veroeffentlichten_bericht(seite, demo_mit_berichten):
    import io
    from pathlib import Path

    from openpyxl import load_workbook
    from pypdf import PdfReader

    seite.anmelden("rat", DEMO_PASSWORT)
    seite.besuchen("/veroeffentlicht/")
    seite.page.get_by_role("link", name="Tertialbericht 2. Tertial 2026 (Fassung 1)").click()
    seite.page.wait_for_load_state("networkidle")
    seite.pruefe_barrierefreiheit()
    abschnitt = seite.page.locator("section", has=seite.page.locator("h2#abschnitt-hsk"))
    assert abschnitt.locator("h2").inner_text() == "HSK-Controlling: Konsolidierungsmaßnahmen"
    text = abschnitt.inner_text()
    assert "Haushaltsjahr 2026, Stand: Stichtag 31.08.2026." in text
    # Amt 50's measures at the end of the 2nd tertial: Pflegeberatung approaching, Wohnungssicherung investing.
    zeilen = abschnitt.locator("table").first.locator("tbody tr")
    assert zeilen.count() == 2
    assert "Annäherungsphase" in zeilen.nth(0).inner_text()
    assert "Investphase" in zeilen.nth(1).inner_text() and "seit 07/2026" in zeilen.nth(1).inner_text()
    assert "Rückführung aus stationärer Unterbringung" not in text  # the Jugendamt's measure is not Amt 50's
    wirkung = abschnitt.locator("table").nth(1).locator("tbody tr", has_text="Wohnungssicherung")
    assert wirkung.locator("td").nth(0).inner_text() == "< 5"
    assert "zu wenige Fälle" in wirkung.inner_text()
    assert "Präventionsbudget 2026" in text and "Präventionsfaktor 1 : 3,39" in text
    assert seite.page.evaluate(_BREITE_JS) <= 1366  # fits the screen without scrolling sideways
    seite.screenshot("bericht-hsk-rat")
    abschnitt.screenshot(path=str(SCREENSHOTS / "bericht-hsk-abschnitt-rat.png"))

    with seite.page.expect_download() as pdf:
        seite.page.get_by_role("link", name="Als PDF herunterladen").click()
    seiten = PdfReader(io.BytesIO(Path(pdf.value.path()).read_bytes())).pages
    pdf_text = " ".join(" ".join(s.extract_text() for s in seiten).split())
    assert "HSK-Controlling: Konsolidierungsmaßnahmen" in pdf_text and "Wohnungssicherung" in pdf_text
    with seite.page.expect_download() as excel:
        seite.page.get_by_role("link", name="Als Excel herunterladen").click()
    blatt = load_workbook(io.BytesIO(Path(excel.value.path()).read_bytes()))["HSK"]
    assert [blatt.cell(row=r, column=1).value for r in (2, 3, 4)] == [
        "Pflegeberatung ambulant vor stationär",
        "Wohnungssicherung",
        "Summe",
    ]
    assert blatt.cell(row=2, column=3).data_type == "n" and blatt.cell(row=3, column=12).value == "< 5"

    # The internal HSK pages and every case stay closed to the council.
    massnahme = demo_mit_berichten["M HSK 3"]
    assert seite.besuchen("/hsk/", barrierefrei=False).status == 403
    assert seite.besuchen(f"/hsk/{massnahme.pk}/", barrierefrei=False).status == 403
    assert seite.besuchen(f"/hsk/{massnahme.pk}/einzelfaelle/", barrierefrei=False).status == 403
    fall = massnahme.einzelfaelle.order_by("pk").first()
    assert seite.besuchen(f"/hsk/einzelfaelle/{fall.pk}/", barrierefrei=False).status == 403
    for api in ("einzelfaelle/", f"einzelfaelle/{fall.pk}/", f"hsk-massnahmen/{massnahme.pk}/verlauf/"):
        assert seite.page.request.get(f"{seite.basis_url}/api/v1/{api}").status == 403, api
