"""Ease of use: from the reminder e-mail to the entry form, the entry form with 20 Kennzahlen by
keyboard (values kept on errors, drafts, last period's value and Soll beside each field), and
the print stylesheet of every report page."""

from __future__ import annotations

import re
from datetime import timedelta
from decimal import Decimal
from urllib.parse import urlsplit

import pytest
from django.core import mail

from controlling.models import HSKMassnahme
from core.periods import periode
from organisation.models import Benutzer, Organisationseinheit
from sozialraum.models import Raum
from steuerung.auswertung import erfassungsfrist
from steuerung.berichte.erinnerungen import erinnerungen_versenden
from steuerung.models import Kennzahl, Messwert
from steuerung.models.berichte import Berichtsstatus, Tertialbericht, Veroeffentlichung
from tests.e2e.barrierefreiheit.tastatur import anmelden, enter, pruefe_fokus_sichtbar, tab_bis
from tests.factories import OrganisationseinheitFactory
from tests.steuerung.factories_berichte import BKennzahlFactory, BMesswertFactory

ANZAHL = 20


def test_link_der_erinnerungsmail_fuehrt_nach_der_anmeldung_direkt_zur_erfassung(seite):
    tertial = periode("2026-T2")
    mail.outbox.clear()
    assert erinnerungen_versenden(heute=erfassungsfrist(tertial) + timedelta(days=1)) >= 1
    nachricht = mail.outbox[0]
    link = re.search(r"https?://\S+/erfassung/\d+/2026-T2/", nachricht.body).group(0)
    pfad = urlsplit(link).path
    empfaenger = Benutzer.objects.get(email=nachricht.to[0])

    seite.besuchen(pfad, barrierefrei=False)
    assert "/anmelden/?next=" in seite.page.url
    anmelden(seite, empfaenger.username, pfad="")
    assert seite.page.url == seite.basis_url + pfad
    assert seite.page.get_by_role("heading", level=1).inner_text().startswith("Werte 2. Tertial 2026")
    seite.pruefe_barrierefreiheit()


@pytest.fixture
def zwanzig_kennzahlen():
    """A Sachgebiet with 20 rising Kennzahlen, each with a value in the previous tertial."""
    oe = OrganisationseinheitFactory(
        kuerzel="50 29", name="Sachgebiet Testerfassung", eltern=Organisationseinheit.objects.get(kuerzel="50 2")
    )
    sb = Benutzer.objects.get(username="sachbearbeitung50")
    kennzahlen = []
    for i in range(ANZAHL):
        k = BKennzahlFactory(
            code=f"T {i + 1:02d}",
            bezeichnung=f"Testkennzahl {i + 1}",
            organisationseinheit=oe,
            verantwortlich=sb,
            vertretung=Benutzer.objects.get(username="steuerung"),
        )
        BMesswertFactory(kennzahl=k, periode="2026-T2", wert=Decimal("47"))
        kennzahlen.append(k)
    return oe, kennzahlen


def test_erfassung_von_20_kennzahlen_mit_tab_und_enter(seite, zwanzig_kennzahlen):
    oe, kennzahlen = zwanzig_kennzahlen
    page = seite.page
    anmelden(seite, "sachbearbeitung50")
    seite.besuchen(f"/erfassung/{oe.pk}/2026-T3/")
    zeilen = page.locator("fieldset.erfassung__zeile")
    assert zeilen.count() == ANZAHL
    # Beside every field: the Soll and last period's value.
    for k in kennzahlen:
        kontext = page.locator(f"#kontext-{k.pk}").inner_text()
        assert re.search(r"Soll: \d", kontext), kontext
        assert "Vorperiode (2. Tertial 2026): 47,00" in kontext, kontext

    # Skip link, then Tab from field to field and type every value; the fifth is not a number.
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    eingaben = {k.pk: "48" for k in kennzahlen}
    eingaben[kennzahlen[4].pk] = "4,8,0"
    for k in kennzahlen:
        tab_bis(page, lambda f, k=k: f["name"] == f"k{k.pk}-wert", max_schritte=10)
        page.keyboard.type(eingaben[k.pk])
    enter(page)
    assert "Nichts gespeichert" in page.locator(".meldungen").inner_text()
    assert Messwert.objects.filter(kennzahl__organisationseinheit=oe, periode="2026-T3").count() == 0
    for k in kennzahlen:
        assert page.locator(f"[name='k{k.pk}-wert']").input_value() == eingaben[k.pk]
    assert pruefe_fokus_sichtbar(page)["name"] == f"k{kennzahlen[4].pk}-wert"

    # Correct it to a red value and save as draft: allowed without Begründung, marked incomplete.
    page.keyboard.press("Control+A")
    page.keyboard.type("20")
    tab_bis(page, lambda f: f["tag"] == "button" and f["text"] == "Als Entwurf speichern", max_schritte=200)
    enter(page)
    assert "Entwurf gespeichert (20 Werte geändert)" in page.locator(".meldungen").inner_text()
    werte = dict(
        Messwert.objects.filter(kennzahl__organisationseinheit=oe, periode="2026-T3").values_list("kennzahl_id", "wert")
    )
    assert werte == {k.pk: Decimal("20" if k == kennzahlen[4] else "48") for k in kennzahlen}
    rot = page.locator(f"#kz-{kennzahlen[4].pk}").inner_text()
    assert "noch unvollständig" in rot
    seite.pruefe_barrierefreiheit()


def _berichtsseiten() -> list[tuple[str, str]]:
    b = Tertialbericht.objects.filter(status=Berichtsstatus.VEROEFFENTLICHT).order_by("-periode").first()
    k = Kennzahl.objects.filter(organisationseinheit__kuerzel="50 21").first()
    return [
        ("dezernat", "/tertial/dashboard/?periode=2026-T2"),
        ("dezernat", f"/berichte/{b.organisationseinheit_id}/{b.periode}/"),
        ("dezernat", f"/kennzahlen/{k.pk}/auswertung/?periode=2026-T2"),
        ("rat", "/veroeffentlicht/"),
        ("rat", f"/veroeffentlicht/{Veroeffentlichung.objects.order_by('-pk').first().pk}/"),
        ("kaemmerei", f"/hsk/{HSKMassnahme.objects.order_by('pk').first().pk}/"),
        ("kaemmerei", "/hsk/portfolio/"),
        ("kaemmerei", "/hsk/praeventionsbudget/"),
        ("steuerung", f"/sozialraum/raeume/{Raum.objects.order_by('-ebene', 'pk').first().pk}/"),
        ("steuerung", "/sozialraum/index/"),
        ("steuerung", "/zielpyramide/"),
    ]


# Shown elements that must not be printed, and hidden <details> content that must be.
_DRUCK_JS = """() => {
  const sichtbar = (e) => { const r = e.getBoundingClientRect(); return getComputedStyle(e).display !== "none"
    && getComputedStyle(e).visibility !== "hidden" && r.width > 0 && r.height > 0; };
  const stoerend = [...document.querySelectorAll(
      "header, nav, .skiplink, .knopf, button, .fusszeile__links, .filterleiste, select, input:not([type=hidden])")]
    .filter(sichtbar).map(e => e.tagName.toLowerCase() + "." + e.className + ":" + e.textContent.trim().slice(0, 30));
  const geschlossen = [...document.querySelectorAll("main details:not([open])")].length;
  return {stoerend, geschlossen, h1: sichtbar(document.querySelector("main h1")),
          tabellen: [...document.querySelectorAll("main table")].filter(sichtbar).length};
}"""


def test_druckansicht_jeder_berichtsseite_zeigt_nur_den_inhalt(seite):
    angemeldet = None
    for nr, (username, pfad) in enumerate(_berichtsseiten()):
        seite.page.emulate_media(media="screen")
        if username != angemeldet:
            seite.page.context.clear_cookies()
            anmelden(seite, username)
            angemeldet = username
        seite.besuchen(pfad, barrierefrei=False)
        seite.page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
        seite.page.emulate_media(media="print")
        ergebnis = seite.page.evaluate(_DRUCK_JS)
        assert ergebnis["h1"], f"{pfad}: Überschrift fehlt im Druck"
        assert not ergebnis["stoerend"], f"{pfad}: im Druck sichtbar: {ergebnis['stoerend']}"
        assert ergebnis["geschlossen"] == 0, f"{pfad}: zugeklappte Inhalte fehlen im Druck"
        if nr in (1, 5):
            seite.screenshot(f"druck-{'bericht' if nr == 1 else 'hsk-massnahme'}")
    seite.page.emulate_media(media="screen")
