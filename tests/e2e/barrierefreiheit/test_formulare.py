"""Forms: every field has a label; after a failed submit the errors are announced (role=alert),
linked to their field (aria-describedby) and the first invalid field has the focus.

Checked on the tertial entry form, a goal form (new Leitziel) and the HSK Einzelfall form.
"""

from __future__ import annotations

from controlling.models import HSKMassnahme
from organisation.models import Organisationseinheit
from tests.e2e.barrierefreiheit.tastatur import anmelden, enter, tab_bis

# Visible form controls without an accessible label (label element, aria-label or aria-labelledby).
_OHNE_LABEL_JS = """() => [...document.querySelectorAll("main input, main select, main textarea")]
  .filter(e => e.type !== "hidden")
  .filter(e => !(e.labels && e.labels.length) && !e.getAttribute("aria-label") && !e.getAttribute("aria-labelledby"))
  .map(e => e.name || e.id)"""

# Every invalid field and the texts of the error lists its aria-describedby points to.
_FEHLERFELDER_JS = """() => [...document.querySelectorAll('[aria-invalid="true"]')].map(e => {
  const ids = (e.getAttribute("aria-describedby") || "").split(/\\s+/).filter(Boolean);
  return {name: e.name, texte: ids.map(i => document.getElementById(i))
    .filter(z => z && z.classList.contains("errorlist")).map(z => z.innerText.trim())};
})"""


def _pruefe_labels(page) -> None:
    assert page.locator("main input:not([type=hidden]), main select, main textarea").count() > 0
    ohne = page.evaluate(_OHNE_LABEL_JS)
    assert not ohne, f"Felder ohne Beschriftung: {ohne}"


def _pruefe_fehler(page, *, erwartete_felder: set[str]) -> None:
    alarm = page.locator("main [role=alert], main [aria-live=assertive], main [aria-live=polite], main [role=status]")
    assert alarm.count() > 0, "keine angekündigte Fehlerzusammenfassung"
    assert alarm.first.inner_text().strip()
    felder = page.evaluate(_FEHLERFELDER_JS)
    namen = {f["name"] for f in felder}
    assert erwartete_felder <= namen, f"erwartet ungültig: {erwartete_felder}, gefunden: {namen}"
    for f in felder:
        assert any(f["texte"]), f"Fehler von {f['name']} nicht per aria-describedby verknüpft"
    aktiv = page.evaluate("document.activeElement.name")
    assert aktiv == felder[0]["name"], f"Fokus auf {aktiv}, erstes fehlerhaftes Feld ist {felder[0]['name']}"


def test_erfassungsformular_beschriftet_kuendigt_fehler_an_und_fokussiert_das_erste_fehlerfeld(seite):
    oe = Organisationseinheit.objects.get(kuerzel="50 21")
    anmelden(seite, "sachbearbeitung50")
    seite.besuchen(f"/erfassung/{oe.pk}/2026-T3/")
    page = seite.page
    _pruefe_labels(page)
    erstes = page.locator("fieldset.erfassung__zeile input[name$='-wert']").first.get_attribute("name")
    zweites = page.locator("fieldset.erfassung__zeile input[name$='-nachweis']").nth(1).get_attribute("name")
    tab_bis(page, lambda f: f["name"] == erstes)
    page.keyboard.type("zwölf")
    tab_bis(page, lambda f: f["name"] == zweites)
    page.keyboard.type("kein link")
    enter(page)
    _pruefe_fehler(page, erwartete_felder={erstes, zweites})
    # The values stay as typed, so nothing has to be entered twice.
    assert page.locator(f"[name='{erstes}']").input_value() == "zwölf"
    assert page.locator(f"[name='{zweites}']").input_value() == "kein link"
    seite.pruefe_barrierefreiheit()


def test_zielformular_kuendigt_fehler_an_und_fokussiert_das_erste_fehlerfeld(seite):
    anmelden(seite, "steuerung")
    seite.besuchen("/zielpyramide/leitziel/neu/")
    page = seite.page
    _pruefe_labels(page)
    tab_bis(page, lambda f: f["tag"] == "button" and f["text"] == "Speichern")
    enter(page)
    _pruefe_fehler(page, erwartete_felder=set())
    assert page.locator("main [role=alert] a").count() >= 1, "Fehlerzusammenfassung ohne Links zu den Feldern"
    seite.pruefe_barrierefreiheit()


def test_einzelfallformular_kuendigt_fehler_an_und_fokussiert_das_erste_fehlerfeld(seite):
    massnahme = HSKMassnahme.objects.order_by("pk").first()
    anmelden(seite, "steuerung")
    seite.besuchen(f"/hsk/{massnahme.pk}/einzelfaelle/neu/")
    page = seite.page
    _pruefe_labels(page)
    tab_bis(page, lambda f: f["tag"] == "button" and f["text"] == "Speichern")
    enter(page)
    _pruefe_fehler(page, erwartete_felder=set())
    seite.pruefe_barrierefreiheit()
