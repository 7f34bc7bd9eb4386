"""Acceptance test of issue 18: a whole steering year in the browser, from an empty database.

Only one Administration account is created directly; everything else happens through the pages:
units, accounts and invitations, Stammdaten, Zielpyramide with a Kennzahl and its Sollwerte, the
Erfassungsfrist, an HSK-Maßnahme, Sozialraum data with an Excel import, value entry, an HSK
Einzelfall, the report workflow up to publication and the Ratsmitglied reading the report.
The ORM is only read (assertions); the invitation mails come from the locmem outbox.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest

from core.periods import letztes_beendetes_tertial
from organisation.models import Organisationseinheit
from organisation.rollen import Rolle
from organisation.services import rollenrechte_synchronisieren
from tests.e2e.steuerungsjahr_schritte import (
    ADMIN_PASSWORT,
    HSK,
    KENNZAHL,
    _als,
    _haupt,
    _klick,
    _meldungen,
    _startseite_festhalten,
    administration_richtet_ein,
    steuerung_baut_das_jahr_auf,
)
from tests.factories import BenutzerFactory

pytestmark = pytest.mark.django_db(transaction=True)

# --- 3. Sachbearbeitung 50 ------------------------------------------------------------------


def sachbearbeitung_erfasst_und_reicht_ein(seite, tertial, frist: date) -> None:
    from controlling.models import Einzelfall
    from steuerung.models import Kennzahl, Messwert, Tertialbericht

    p = seite.page
    _als(seite, "s.sach")
    _startseite_festhalten(seite, "sachbearbeitung")
    aufgaben = p.locator("section.aufgaben")
    aufgabe = f"1 Wert für {tertial.bezeichnung} erfassen: 50 Amt für Soziales"
    eintrag = aufgaben.locator("li", has=p.get_by_role("link", name=aufgabe))
    assert f"Frist: {frist.strftime('%d.%m.%Y')}" in eintrag.inner_text()
    assert "überfällig" not in eintrag.inner_text()

    # The task link leads to the entry form of the unit and tertial.
    eintrag.get_by_role("link").click()
    p.wait_for_load_state("networkidle")
    seite.pruefe_barrierefreiheit()
    amt = Organisationseinheit.objects.get(kuerzel="50")
    assert p.url.endswith(f"/erfassung/{amt.pk}/{tertial.schluessel}/")
    k = Kennzahl.objects.get(code="K 1")
    zeile = p.locator(f"#kz-{k.pk}")
    zeile.get_by_label("Ist-Wert").fill("455")
    _klick(seite, "Speichern")
    if "Pflichtangabe" in p.locator(f"#kz-{k.pk}").inner_text():
        # Below the Soll: the form asks for the explanation of the deviation and the countermeasure.
        zeile = p.locator(f"#kz-{k.pk}")
        zeile.get_by_label("Begründung der Abweichung").fill("Zwei ambulante Dienste haben geschlossen.")
        zeile.get_by_label("Gegensteuerungsmaßnahme (was)").fill("Neue Dienste über die Pflegekonferenz gewinnen")
        zeile.get_by_label("verantwortlich (wer)").fill("Sachgebietsleitung")
        zeile.get_by_label("umgesetzt bis (wann)").fill(f"15.12.{tertial.jahr}")
        _klick(seite, "Speichern")
    assert "Gespeichert" in _meldungen(seite), _haupt(seite)[:3000]
    assert Messwert.objects.get(kennzahl=k, periode=tertial.schluessel).wert == Decimal("455")
    seite.screenshot("jahr-erfassung-sachbearbeitung")
    seite.besuchen("/")
    assert aufgabe not in p.locator("section.aufgaben").inner_text()

    # One Einzelfall of the HSK-Maßnahme.
    _klick(seite, "HSK-Controlling", rolle="link")
    _klick(seite, HSK, rolle="link")
    _klick(seite, "Einzelfälle ansehen", rolle="link")
    _klick(seite, "Einzelfall erfassen", rolle="link")
    seite.pruefe_barrierefreiheit()
    p.locator("#id_pseudonym").fill("HSK1-001")
    p.locator("#id_ablaufschritt").select_option(label="Erstberatung")
    p.locator("#id_aufnahme").fill(f"02.02.{tertial.jahr}")
    p.locator("#id_wirkungsbeginn").fill(f"01.03.{tertial.jahr}")
    p.locator("#id_vermiedene_kosten_monat").fill("1.250,00")
    _klick(seite, "Speichern")
    assert "HSK1-001" in _haupt(seite), _haupt(seite)[:3000]
    fall = Einzelfall.objects.get(pseudonym="HSK1-001")
    assert (fall.aufnahme, fall.vermiedene_kosten_monat) == (date(tertial.jahr, 2, 2), Decimal("1250.00"))

    # The report of Amt 50 for the tertial: open it from the list of reports and submit it.
    seite.besuchen("/")
    _klick(seite, "Tertialberichte", rolle="link")
    p.get_by_label("Organisationseinheit").first.select_option(label="50 Amt für Soziales")
    p.get_by_label("Tertial").first.select_option(tertial.schluessel)
    _klick(seite, "Bericht öffnen")
    seite.pruefe_barrierefreiheit()
    assert KENNZAHL in _haupt(seite)
    seite.screenshot("jahr-bericht-sachbearbeitung")
    _klick(seite, "Bericht einreichen")
    assert "eingereicht" in _meldungen(seite)
    assert Tertialbericht.objects.get(organisationseinheit=amt, periode=tertial.schluessel).status == "eingereicht"


# --- 4. Amtsleitung and Dezernatsleitung ----------------------------------------------------


def _der_glocke_folgen(seite, betreff: str) -> None:
    """Bell with one unread notification → list → the notification's link → the report."""
    p = seite.page
    glocke = p.get_by_role("link", name="Benachrichtigungen, 1 ungelesen")
    assert glocke.is_visible()
    glocke.click()
    p.wait_for_load_state("networkidle")
    seite.pruefe_barrierefreiheit()
    assert "Sie haben 1 ungelesene Benachrichtigung." in _haupt(seite)
    _klick(seite, betreff, rolle="link")
    assert "/berichte/" in p.url
    seite.pruefe_barrierefreiheit()
    assert p.get_by_role("link", name="Benachrichtigungen, keine ungelesen").is_visible()


def leitung_gibt_frei_und_veroeffentlicht(seite, tertial) -> None:
    from organisation.models import Benachrichtigung
    from steuerung.models import Tertialbericht

    amt = Organisationseinheit.objects.get(kuerzel="50")
    einheit = f"50 Amt für Soziales, {tertial.bezeichnung}"

    def status() -> str:
        return Tertialbericht.objects.get(organisationseinheit=amt, periode=tertial.schluessel).status

    _als(seite, "a.amt")
    _startseite_festhalten(seite, "amtsleitung")
    assert (
        f"Eingereichten Bericht prüfen und freigeben: {einheit}" in seite.page.locator("section.aufgaben").inner_text()
    )
    _der_glocke_folgen(seite, f"Tertialbericht zur Freigabe: {einheit}")
    assert KENNZAHL in _haupt(seite)
    _klick(seite, "Bericht freigeben")
    assert "von der Amtsleitung freigegeben" in _meldungen(seite)
    assert status() == "amtsleitung_freigegeben"
    assert Benachrichtigung.objects.filter(empfaenger__username="a.amt", gelesen_am__isnull=False).count() == 1

    _als(seite, "d.dez")
    _startseite_festhalten(seite, "dezernatsleitung")
    assert (
        f"Von der Amtsleitung freigegebenen Bericht freigeben: {einheit}"
        in seite.page.locator("section.aufgaben").inner_text()
    )
    _der_glocke_folgen(seite, f"Tertialbericht zur Freigabe durch das Dezernat: {einheit}")
    _klick(seite, "Bericht freigeben")
    assert status() == "dezernat_freigegeben"
    _klick(seite, "Bericht veröffentlichen")
    assert "veröffentlicht" in _meldungen(seite)
    assert status() == "veroeffentlicht"
    seite.pruefe_barrierefreiheit()
    seite.screenshot("jahr-bericht-dezernat")


# --- 5. Rat ---------------------------------------------------------------------------------


def rat_liest_den_bericht(seite, tertial) -> None:
    from steuerung.models import Veroeffentlichung

    p = seite.page
    _als(seite, "r.rat")
    _startseite_festhalten(seite, "rat")
    aufgaben = p.locator("section.aufgaben")
    assert f"50 Amt für Soziales, {tertial.bezeichnung}" in aufgaben.inner_text()
    _klick(seite, "1 veröffentlichten Bericht lesen", rolle="link")
    seite.pruefe_barrierefreiheit()
    v = Veroeffentlichung.objects.get()
    p.get_by_role("link", name=re.compile(f"{tertial.bezeichnung}")).first.click()
    p.wait_for_load_state("networkidle")
    seite.pruefe_barrierefreiheit()
    assert p.url.endswith(f"/veroeffentlicht/{v.pk}/")
    text = _haupt(seite)
    assert KENNZAHL in text and "455" in text
    seite.screenshot("jahr-bericht-rat")
    # The task is done: after reading, the start page no longer lists the report.
    seite.besuchen("/")
    assert "Keine offenen Aufgaben." in p.locator("section.aufgaben").inner_text()


# --- the year -------------------------------------------------------------------------------


def test_ein_steuerungsjahr_im_browser(seite, tmp_path):
    rollenrechte_synchronisieren()  # a transactional test starts from a flushed database
    BenutzerFactory(
        username="admin",
        first_name="Ada",
        last_name="Admin",
        rollen=[Rolle.ADMINISTRATION],
        password=ADMIN_PASSWORT,
    )
    seite.page.on("dialog", lambda d: d.accept())
    tertial = letztes_beendetes_tertial(date.today())

    administration_richtet_ein(seite)
    frist = steuerung_baut_das_jahr_auf(seite, tertial, tmp_path)
    sachbearbeitung_erfasst_und_reicht_ein(seite, tertial, frist)
    leitung_gibt_frei_und_veroeffentlicht(seite, tertial)
    rat_liest_den_bericht(seite, tertial)
