"""Keyboard only: the Sachbearbeitung enters a tertial, the Amtsleitung approves the report,
the skip link works on every main page. No mouse: only Tab, Shift+Tab, Enter and typing;
the focus indicator is checked at every step."""

from __future__ import annotations

from decimal import Decimal

from core import periods
from organisation.models import Organisationseinheit
from steuerung.models import Kennzahl, Messwert
from steuerung.models.berichte import Berichtsstatus, Tertialbericht
from tests.e2e.barrierefreiheit.tastatur import INTERAKTIV, anmelden, enter, fokus, pruefe_fokus_sichtbar, tab_bis

PERIODE = "2026-T3"  # the running tertial of the demo (today is 2026-11-21)


def _wert_von(page, selector: str) -> str:
    return page.locator(selector).input_value()


def test_sachbearbeitung_erfasst_ein_tertial_nur_mit_der_tastatur(seite):
    page = seite.page
    oe = Organisationseinheit.objects.get(kuerzel="50 21")
    anmelden(seite, "sachbearbeitung50")
    seite.pruefe_barrierefreiheit()

    # Start page -> "Werte erfassen" -> the direct link of the running tertial for 50 21.
    tab_bis(page, lambda f: f["tag"] == "a" and f["text"].startswith("Werte erfassen"))
    enter(page)
    assert page.url.endswith("/erfassung/")
    tab_bis(page, lambda f: f["href"] == f"/erfassung/{oe.pk}/{PERIODE}/")
    enter(page)
    assert page.url.endswith(f"/erfassung/{oe.pk}/{PERIODE}/")
    seite.pruefe_barrierefreiheit()

    ids = page.locator("fieldset.erfassung__zeile").evaluate_all("els => els.map(e => e.id.slice(3))")
    assert len(ids) >= 2
    # K 1 (a Bestand) at its Soll needs no explanation; K 3 (a tertial sum, judged on the year to
    # date) far below its Soll turns red and needs one. K 1 comes first in the form.
    gruen, rot = (Kennzahl.objects.get(pk=int(i)) for i in ids[:2])
    assert (gruen.code, gruen.messart, rot.code, rot.messart) == ("K 1", "bestand", "K 3", "summe")
    soll_gruen = page.locator(f"#kontext-{gruen.pk} strong").first.inner_text()
    falsch = "0" if rot.richtung == "steigend" else "999.999"
    tab_bis(page, lambda f: f["name"] == f"k{gruen.pk}-wert")
    page.keyboard.type(soll_gruen)
    tab_bis(page, lambda f: f["name"] == f"k{rot.pk}-wert")
    page.keyboard.type(falsch)
    enter(page)  # Enter in a text field submits the form ("Speichern")

    assert "Nichts gespeichert" in page.locator(".meldungen").inner_text()
    assert "Pflichtangabe" in page.locator(f"#kz-{rot.pk}").inner_text()
    # Entered values are kept, the first field with an error has the (visible) focus.
    assert _wert_von(page, f"[name='k{rot.pk}-wert']") == falsch
    assert _wert_von(page, f"[name='k{gruen.pk}-wert']") == soll_gruen
    erster = pruefe_fokus_sichtbar(page)
    assert erster["name"].startswith(f"k{rot.pk}-"), erster
    seite.pruefe_barrierefreiheit()

    tab_bis(page, lambda f: f["name"] == f"k{rot.pk}-begruendung")
    page.keyboard.type("Zwei Pflegedienste haben ihre Plätze abgebaut.")
    tab_bis(page, lambda f: f["name"] == f"k{rot.pk}-gegensteuerung_was")
    page.keyboard.type("Gespräche mit neuen Anbietern")
    tab_bis(page, lambda f: f["name"] == f"k{rot.pk}-gegensteuerung_wer")
    page.keyboard.type("Sachgebietsleitung 50 21")
    tab_bis(page, lambda f: f["name"] == f"k{rot.pk}-gegensteuerung_bis")
    # Dates are typed as TT.MM.JJJJ, whatever the browser's locale (a text field, not <input type=date>).
    page.keyboard.type("15.12.2026")
    assert _wert_von(page, f"[name='k{rot.pk}-gegensteuerung_bis']") == "15.12.2026"
    tab_bis(page, lambda f: f["tag"] == "button" and f["text"] == "Speichern")
    enter(page)

    assert "Gespeichert" in page.locator(".meldungen").inner_text()
    m = Messwert.objects.get(kennzahl=rot, periode=PERIODE)
    assert (m.gegensteuerung_wer, m.gegensteuerung_bis.isoformat()) == ("Sachgebietsleitung 50 21", "2026-12-15")
    assert Messwert.objects.get(kennzahl=gruen, periode=PERIODE).wert == Decimal(
        soll_gruen.replace(".", "").replace(",", ".")
    )


def _rest_des_berichts_begruenden(amt: Organisationseinheit, user) -> None:
    """The rest of Amt 50's tertial as a Fachamt completes it before submitting: a reason for each
    value still missing, Begründung and Gegensteuerung for each finance deviation (not the subject here)."""
    from haushalt import services as haushalt_services
    from haushalt.berichtsabschnitt import erlaeuterung_fehlt, zeilen_und_erlaeuterungen
    from steuerung.berichte.inhalt import kennzahlzeilen
    from steuerung.erfassung import messwert_speichern

    for z in kennzahlzeilen(organisationseinheit=amt, periode=PERIODE):
        if z.wert_fehlt_unbegruendet:
            vorhanden = Messwert.objects.filter(pk=z.messwert_id).first()
            messwert_speichern(
                kennzahl=Kennzahl.objects.get(pk=z.kennzahl_id),
                periode=z.periode,
                user=user,
                revision=vorhanden.revision if vorhanden else None,
                fehlt_begruendung="Die Statistik liegt erst im Januar vor.",
            )
    zeilen, vorhanden = zeilen_und_erlaeuterungen(organisationseinheit=amt, periode=periods.periode(PERIODE))
    for z in zeilen:
        e = vorhanden.get(z.produktgruppe.pk)
        if erlaeuterung_fehlt(z, e):
            haushalt_services.finanzerlaeuterung_speichern(
                produktgruppe=z.produktgruppe,
                periode=PERIODE,
                daten={"begruendung": "Mehr Fälle als geplant.", "gegensteuerung": "Fallsteuerung im Amt 50."},
                user=user,
                revision=e.revision if e else 0,
            )


def test_amtsleitung_gibt_den_eingereichten_bericht_mit_der_tastatur_frei(seite):
    """Runs after the entry above (same module, same data): the Sachbearbeitung submits, the Amtsleitung approves."""
    from organisation.models import Benutzer

    amt = Organisationseinheit.objects.get(kuerzel="50")
    _rest_des_berichts_begruenden(amt, Benutzer.objects.get(username="sachbearbeitung50"))
    page = seite.page
    anmelden(seite, "sachbearbeitung50")
    seite.besuchen(f"/berichte/{amt.pk}/{PERIODE}/")
    tab_bis(page, lambda f: f["tag"] == "button" and f["text"] == "Bericht einreichen")
    enter(page)
    bericht = Tertialbericht.objects.get(organisationseinheit=amt, periode=PERIODE)
    assert bericht.status == Berichtsstatus.EINGEREICHT, page.locator(".meldungen").inner_text()

    page.context.clear_cookies()
    anmelden(seite, "amtsleitung50")
    tab_bis(page, lambda f: f["tag"] == "a" and f["text"] == "Tertialberichte")
    enter(page)
    seite.pruefe_barrierefreiheit()
    tab_bis(page, lambda f: f["href"] == f"/berichte/{amt.pk}/{PERIODE}/")
    enter(page)
    seite.pruefe_barrierefreiheit()
    tab_bis(page, lambda f: f["tag"] == "button" and f["text"] == "Bericht freigeben")
    enter(page)
    bericht.refresh_from_db()
    assert bericht.status == Berichtsstatus.AMTSLEITUNG_FREIGEGEBEN
    assert "freigegeben" in page.locator("main").inner_text()


def _pruefe_skiplink(seite, pfad: str) -> None:
    page = seite.page
    seite.besuchen(pfad, barrierefrei=False)
    page.keyboard.press("Tab")
    f = pruefe_fokus_sichtbar(page)
    assert f["text"] == "Zum Inhalt springen", f"{pfad}: erstes Tab-Ziel ist {f}"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "inhalt", pfad
    page.keyboard.press("Tab")
    pruefe_fokus_sichtbar(page)
    assert page.evaluate("!!document.activeElement.closest('main')"), f"{pfad}: Tab nach dem Sprung verlässt main"


def test_skiplink_funktioniert_auf_jeder_hauptseite(seite):
    geprueft = set()
    for username in ("steuerung", "amtsleitung50", "rat"):
        seite.page.context.clear_cookies()
        anmelden(seite, username)
        pfade = seite.page.locator("nav.hauptnavigation a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
        for pfad in pfade:
            if pfad not in geprueft:
                _pruefe_skiplink(seite, pfad)
                geprueft.add(pfad)
    assert len(geprueft) >= 10


def test_jedes_tab_ziel_auf_diagrammseiten_ist_sichtbar(seite):
    """Plotly's toolbar is faded in on hover only; with the keyboard every stop must be visible too."""
    from controlling.models import HSKMassnahme

    anmelden(seite, "kaemmerei")
    page = seite.page
    for pfad in (f"/hsk/{HSKMassnahme.objects.order_by('pk').first().pk}/", "/sozialraum/vergleich/"):
        seite.besuchen(pfad, barrierefrei=False)
        page.wait_for_selector(".main-svg")
        ziele = 0
        for _ in range(200):
            page.keyboard.press("Tab")
            f = fokus(page)
            if f is None:
                break
            assert f["sichtbar"] or f["tag"] not in INTERAKTIV, f"{pfad}: Fokus unsichtbar auf {f}"
            ziele += 1
        assert ziele > 10, pfad
