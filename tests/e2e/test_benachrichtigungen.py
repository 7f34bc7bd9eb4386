"""Browser walk of a notification: the Sachbearbeitung submits a report, the Amtsleitung sees the
bell with its count, opens the notification and lands on the report it has to approve."""

from __future__ import annotations

import pytest
from django.core import mail

from organisation.models import Benachrichtigung
from tests.e2e.test_berichte import _als, _daten, _klick

pytestmark = pytest.mark.django_db(transaction=True)

BETREFF = "Tertialbericht zur Freigabe: 50 Amt für Soziales, 2. Tertial 2026"


def test_amtsleitung_folgt_der_glocke_zum_eingereichten_bericht(seite):
    pfad = _daten()

    _als(seite, "sachbearbeitung50")
    seite.besuchen(pfad)
    assert seite.page.get_by_role("link", name="Benachrichtigungen, keine ungelesen").is_visible()
    _klick(seite, "Bericht einreichen")
    assert "eingereicht" in seite.page.locator(".meldungen").inner_text()
    # After the commit: one notification and one e-mail, for the Amtsleitung only.
    assert list(Benachrichtigung.objects.values_list("empfaenger__username", "mail_status")) == [
        ("amtsleitung50", "gesendet")
    ]
    assert [m.to for m in mail.outbox] == [["amtsleitung50@demo-kommune.example"]]

    _als(seite, "amtsleitung50")
    glocke = seite.page.get_by_role("link", name="Benachrichtigungen, 1 ungelesen")
    assert glocke.is_visible()
    assert glocke.locator(".glocke__zahl").inner_text() == "1"
    glocke.click()
    seite.page.wait_for_load_state("networkidle")
    seite.pruefe_barrierefreiheit()
    main = seite.page.locator("main")
    assert "Sie haben 1 ungelesene Benachrichtigung." in main.inner_text()
    assert "Sabine Demo-Sachbearbeitung hat den Tertialbericht 2. Tertial 2026" in main.inner_text()
    seite.screenshot("benachrichtigungen-amtsleitung")

    seite.page.get_by_role("link", name=BETREFF).click()
    seite.page.wait_for_load_state("networkidle")
    assert seite.page.url.endswith(pfad)
    assert seite.page.get_by_role("button", name="Bericht freigeben").is_visible()
    assert seite.page.get_by_role("link", name="Benachrichtigungen, keine ungelesen").is_visible()
    assert Benachrichtigung.objects.get().gelesen_am is not None


def test_mein_konto_schaltet_emails_ab(seite):
    _daten()
    _als(seite, "amtsleitung50")
    seite.page.get_by_role("link", name="Mein Konto").click()
    seite.page.wait_for_load_state("networkidle")
    seite.pruefe_barrierefreiheit()
    schalter = seite.page.get_by_label("Benachrichtigungen auch per E-Mail erhalten")
    assert schalter.is_checked()
    schalter.uncheck()
    _klick(seite, "Speichern")
    assert "gespeichert" in seite.page.locator(".meldungen").inner_text()
    assert not seite.page.get_by_label("Benachrichtigungen auch per E-Mail erhalten").is_checked()
    seite.screenshot("mein-konto")
