"""Reminder e-mails before and after the Erfassungsfrist (locmem mail backend)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core import mail

from steuerung.berichte.erinnerungen import erinnerungen_versenden, faellige_erinnerung
from steuerung.models import Erinnerung
from steuerung.tasks import erfassungserinnerungen_senden
from tests.steuerung.factories_berichte import BKennzahlFactory, BMesswertFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("heute", "erwartet"),
    [
        (date(2026, 9, 9), None),  # T2 ends 31.08., deadline 15.09.: too early
        (date(2026, 9, 10), ("2026-T2", "vor_frist")),
        (date(2026, 9, 15), ("2026-T2", "vor_frist")),
        (date(2026, 9, 16), ("2026-T2", "nach_frist")),
        (date(2026, 10, 15), ("2026-T2", "nach_frist")),
        (date(2026, 10, 16), None),
        (date(2027, 1, 12), ("2026-T3", "vor_frist")),
    ],
)
def test_faellige_erinnerung_je_tag(heute, erwartet, settings):
    settings.ERFASSUNGSFRIST_TAGE = 15
    ergebnis = faellige_erinnerung(heute)
    assert (None if ergebnis is None else (ergebnis[0].schluessel, str(ergebnis[1]))) == erwartet


@pytest.fixture
def luecke(einheiten, sachbearbeitung50, sachbearbeitung51, steuerung):
    sachbearbeitung50.email = "sb50@kommune.example"
    sachbearbeitung50.save()
    sachbearbeitung51.email = "sb51@kommune.example"
    sachbearbeitung51.save()
    gemeinsam = {"verantwortlich": sachbearbeitung50, "vertretung": steuerung}
    fehlt = BKennzahlFactory(
        code="K 7", bezeichnung="Hausbesuche", organisationseinheit=einheiten["50 21"], **gemeinsam
    )
    da = BKennzahlFactory(code="K 8", bezeichnung="Beratungen", organisationseinheit=einheiten["51"], **gemeinsam)
    BMesswertFactory(kennzahl=da, periode="2026-T2", wert=Decimal("5"))
    return fehlt


def test_erinnerung_vor_der_frist_verlinkt_das_erfassungsformular(luecke, einheiten, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.BASIS_URL = "https://steuerung.kommune.example"
    assert erinnerungen_versenden(heute=date(2026, 9, 12)) == 1
    assert len(mail.outbox) == 1
    nachricht = mail.outbox[0]
    assert nachricht.to == ["sb50@kommune.example"]
    assert "bis 15.09.2026" in nachricht.subject
    assert f"https://steuerung.kommune.example/erfassung/{einheiten['50 21'].pk}/2026-T2/" in nachricht.body
    assert "K 7 Hausbesuche" in nachricht.body and "K 8" not in nachricht.body


def test_zweiter_lauf_am_selben_tag_sendet_nichts(luecke, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    erinnerungen_versenden(heute=date(2026, 9, 12))
    assert erinnerungen_versenden(heute=date(2026, 9, 13)) == 0
    assert len(mail.outbox) == 1 and Erinnerung.objects.count() == 1


def test_nach_der_frist_folgt_eine_ueberfaellig_meldung(luecke, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    erinnerungen_versenden(heute=date(2026, 9, 12))
    assert erinnerungen_versenden(heute=date(2026, 9, 20)) == 1
    assert mail.outbox[-1].subject.startswith("Überfällig")
    assert "abgelaufen" in mail.outbox[-1].body


def test_ohne_luecken_keine_erinnerung(luecke, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    BMesswertFactory(kennzahl=luecke, periode="2026-T2", wert=Decimal("3"))
    assert erinnerungen_versenden(heute=date(2026, 9, 12)) == 0
    assert mail.outbox == []


def test_celery_task_ruft_den_dienst_auf(luecke, settings, monkeypatch):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    monkeypatch.setattr("django.utils.timezone.localdate", lambda: date(2026, 9, 14))
    assert erfassungserinnerungen_senden.delay().get() == 1
    assert len(mail.outbox) == 1
