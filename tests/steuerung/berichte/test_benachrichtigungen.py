"""Who a Tertialbericht step notifies (in the app and by e-mail), what they read, and that mail
trouble never blocks or undoes the step.

The tree: Dezernat V > Amt 50 > 50 2 > 50 21, Amt 51 under V; a second Dezernat IV with Amt 40.
The report is Amt 50's for 2026-T2; every role sits inside and outside the report's tree.
"""

from __future__ import annotations

import logging
from datetime import date
from smtplib import SMTPException

import pytest
from django.core import mail
from django.db import models

from organisation.models import Benachrichtigung, Organisationseinheit
from organisation.rollen import Rolle
from steuerung.berichte.erinnerungen import erinnerungen_versenden
from steuerung.berichte.workflow import (
    tertialbericht_einreichen,
    tertialbericht_freigeben,
    tertialbericht_veroeffentlichen,
    tertialbericht_wieder_oeffnen,
    tertialbericht_zurueckgeben,
)
from steuerung.models.berichte import Berichtsstatus as S
from tests.factories import BenutzerFactory, OrganisationseinheitFactory

pytestmark = pytest.mark.django_db

NOTIZ = "Bitte die Begründung zu K 2 um die Zahl der offenen Verfahren ergänzen."
M = Benachrichtigung.Mailstatus


@pytest.fixture
def leute(einheiten, sachbearbeitung50, sachbearbeitung51, amtsleitung50, dezernat, steuerung, kaemmerei):
    """Every role inside and outside Amt 50's tree, all with an e-mail address."""
    E = Organisationseinheit.Ebene
    dez4 = OrganisationseinheitFactory(kuerzel="IV", name="Dezernat IV", ebene=E.DEZERNAT)
    a40 = OrganisationseinheitFactory(kuerzel="40", name="Schulamt", ebene=E.AMT, eltern=dez4)
    weitere = {
        "sb5021": (einheiten["50 21"], Rolle.SACHBEARBEITUNG),
        "al502": (einheiten["50 2"], Rolle.AMTSLEITUNG),  # below the report's unit: not its approver
        "al51": (einheiten["51"], Rolle.AMTSLEITUNG),
        "dez2": (einheiten["V"], Rolle.DEZERNATSLEITUNG),
        "dez4": (dez4, Rolle.DEZERNATSLEITUNG),
        "al40": (a40, Rolle.AMTSLEITUNG),
        "rat1": (None, Rolle.RAT),
        "rat2": (None, Rolle.RAT),
        "adm": (None, Rolle.ADMINISTRATION),
    }
    personen = {
        "sb50": sachbearbeitung50,
        "sb51": sachbearbeitung51,
        "al50": amtsleitung50,
        "dez": dezernat,
        "su": steuerung,
        "kae": kaemmerei,
    }
    for name, (oe, rolle) in weitere.items():
        personen[name] = BenutzerFactory(username=name, organisationseinheit=oe, rollen=[rolle])
    BenutzerFactory(username="rat_alt", rollen=[Rolle.RAT], is_active=False)
    for p in personen.values():
        p.email = f"{p.username}@kommune.example"
        p.save()
    return personen


def _bis(bericht, leute, status: str) -> None:
    """Walk the report to `status` the usual way."""
    schritte = [
        (S.EINGEREICHT, lambda: tertialbericht_einreichen(bericht=bericht, user=leute["sb50"])),
        (S.AMTSLEITUNG_FREIGEGEBEN, lambda: tertialbericht_freigeben(bericht=bericht, user=leute["al50"])),
        (S.DEZERNAT_FREIGEGEBEN, lambda: tertialbericht_freigeben(bericht=bericht, user=leute["dez"])),
        (S.VEROEFFENTLICHT, lambda: tertialbericht_veroeffentlichen(bericht=bericht, user=leute["dez"])),
    ]
    if status == S.ENTWURF:
        return
    for ziel, schritt in schritte:
        schritt()
        if ziel == status:
            return


SCHRITTE = {
    "einreichen": (S.ENTWURF, lambda b, p: tertialbericht_einreichen(bericht=b, user=p["sb50"])),
    "freigeben_amtsleitung": (S.EINGEREICHT, lambda b, p: tertialbericht_freigeben(bericht=b, user=p["al50"])),
    "freigeben_dezernat": (S.AMTSLEITUNG_FREIGEGEBEN, lambda b, p: tertialbericht_freigeben(bericht=b, user=p["dez"])),
    "zurueckgeben_amtsleitung": (
        S.EINGEREICHT,
        lambda b, p: tertialbericht_zurueckgeben(bericht=b, user=p["al50"], notiz=NOTIZ),
    ),
    "zurueckgeben_dezernat": (
        S.AMTSLEITUNG_FREIGEGEBEN,
        lambda b, p: tertialbericht_zurueckgeben(bericht=b, user=p["dez"], notiz=NOTIZ),
    ),
    "veroeffentlichen": (
        S.DEZERNAT_FREIGEGEBEN,
        lambda b, p: tertialbericht_veroeffentlichen(bericht=b, user=p["dez"]),
    ),
    "wieder_oeffnen": (
        S.VEROEFFENTLICHT,
        lambda b, p: tertialbericht_wieder_oeffnen(bericht=b, user=p["dez"], begruendung="Wert K 1 korrigiert"),
    ),
}

# Step → exactly who is notified. Everybody else of `leute` (and the inactive Ratsmitglied) is not.
ERWARTET = {
    "einreichen": {"al50"},  # not al502 (below the unit), al51, al40
    "freigeben_amtsleitung": {"dez", "dez2"},  # not dez4 of another Dezernat
    "freigeben_dezernat": {"dez2"},  # the other Dezernatsleitung publishes; the actor is not told
    "zurueckgeben_amtsleitung": {"sb50"},  # the submitter
    "zurueckgeben_dezernat": {"sb50"},
    "veroeffentlichen": {"rat1", "rat2", "sb50", "sb5021", "al50", "al502"},  # the council and the unit's users
    "wieder_oeffnen": {"sb50", "sb5021"},  # the Sachbearbeitung of the unit and below
}


@pytest.mark.parametrize("schritt", sorted(SCHRITTE))
def test_jeder_schritt_benachrichtigt_genau_die_naechsten_im_baum(berichtsdaten, leute, schritt):
    bericht = berichtsdaten["bericht"]
    vorher, ausfuehren = SCHRITTE[schritt]
    _bis(bericht, leute, vorher)
    Benachrichtigung.objects.all().delete()
    ausfuehren(bericht, leute)
    empfaenger = set(Benachrichtigung.objects.values_list("empfaenger__username", flat=True))
    assert empfaenger == ERWARTET[schritt]
    ziel = f"/berichte/{berichtsdaten['bericht'].organisationseinheit_id}/2026-T2/"
    for b in Benachrichtigung.objects.all():
        assert b.link.startswith("/veroeffentlicht/") if schritt == "veroeffentlichen" else b.link == ziel
        assert "2. Tertial 2026" in b.text and "50 Amt für Soziales" in b.text
        assert b.gelesen_am is None and b.mail_status == M.AUSSTEHEND


def test_abgelehnter_schritt_benachrichtigt_niemanden(berichtsdaten, leute):
    with pytest.raises(Exception, match="nicht zu Ihrem Bereich"):
        tertialbericht_einreichen(bericht=berichtsdaten["bericht"], user=leute["sb51"])
    assert not Benachrichtigung.objects.exists()


def test_rueckgabe_nennt_die_notiz_und_wer_zurueckgab(berichtsdaten, leute):
    _bis(berichtsdaten["bericht"], leute, S.EINGEREICHT)
    tertialbericht_zurueckgeben(bericht=berichtsdaten["bericht"], user=leute["al50"], notiz=NOTIZ)
    b = Benachrichtigung.objects.get(empfaenger=leute["sb50"], betreff__startswith="Tertialbericht zurückgegeben")
    assert NOTIZ in b.text
    assert leute["al50"].get_full_name() in b.text


def test_veroeffentlicht_meldung_nennt_weder_notiz_noch_personen(berichtsdaten, leute):
    bericht = berichtsdaten["bericht"]
    _bis(bericht, leute, S.EINGEREICHT)
    tertialbericht_zurueckgeben(bericht=bericht, user=leute["al50"], notiz=NOTIZ)
    _bis(bericht, leute, S.VEROEFFENTLICHT)
    rat = Benachrichtigung.objects.filter(empfaenger__username__startswith="rat")
    assert rat.count() == 2
    namen = [p.get_full_name() for p in leute.values()] + [p.last_name for p in leute.values()]
    for b in rat:
        inhalt = f"{b.betreff} {b.text}"
        assert "veröffentlicht" in inhalt
        assert NOTIZ not in inhalt and "Notiz" not in inhalt and "Begründung" not in inhalt
        assert not [n for n in namen if n and n in inhalt], inhalt
    # The council only ever got the published one.
    assert set(Benachrichtigung.objects.filter(empfaenger__username="rat1").values_list("betreff", flat=True)) == {
        "Tertialbericht veröffentlicht: 50 Amt für Soziales, 2. Tertial 2026"
    }


def test_mail_geht_erst_nach_dem_commit_und_verlinkt_den_bericht(
    berichtsdaten, leute, settings, django_capture_on_commit_callbacks
):
    settings.BASIS_URL = "https://steuerung.kommune.example"
    with django_capture_on_commit_callbacks(execute=False) as rueckrufe:
        tertialbericht_einreichen(bericht=berichtsdaten["bericht"], user=leute["sb50"])
    assert mail.outbox == [] and len(rueckrufe) == 1  # nothing mailed inside the transaction
    rueckrufe[0]()
    assert [m.to for m in mail.outbox] == [["al50@kommune.example"]]
    nachricht = mail.outbox[0]
    assert nachricht.subject == "Tertialbericht zur Freigabe: 50 Amt für Soziales, 2. Tertial 2026"
    oe = berichtsdaten["bericht"].organisationseinheit_id
    assert f"https://steuerung.kommune.example/berichte/{oe}/2026-T2/" in nachricht.body
    assert "https://steuerung.kommune.example/konto/" in nachricht.body
    assert Benachrichtigung.objects.get(empfaenger=leute["al50"]).mail_status == M.GESENDET


def test_ohne_email_schalter_nur_in_der_anwendung(berichtsdaten, leute, django_capture_on_commit_callbacks):
    leute["al50"].email_benachrichtigungen = False
    leute["al50"].save()
    with django_capture_on_commit_callbacks(execute=True):
        tertialbericht_einreichen(bericht=berichtsdaten["bericht"], user=leute["sb50"])
    b = Benachrichtigung.objects.get(empfaenger=leute["al50"])
    assert b.mail_status == M.KEINE and b.gelesen_am is None
    assert mail.outbox == []


def test_schalter_nachtraeglich_aus_dann_keine_mail(berichtsdaten, leute, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as rueckrufe:
        tertialbericht_einreichen(bericht=berichtsdaten["bericht"], user=leute["sb50"])
    leute["al50"].email_benachrichtigungen = False
    leute["al50"].save()
    rueckrufe[0]()
    assert mail.outbox == []
    assert Benachrichtigung.objects.get(empfaenger=leute["al50"]).mail_status == M.KEINE


def test_mailfehler_blockiert_den_schritt_nicht(
    berichtsdaten, leute, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    versuche = []

    def kaputt(self, nachrichten):
        versuche.append(nachrichten)
        raise SMTPException("Mailserver antwortet nicht")

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", kaputt)
    bericht = berichtsdaten["bericht"]
    with (
        caplog.at_level(logging.WARNING, logger="organisation.tasks"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        ergebnis = tertialbericht_einreichen(bericht=bericht, user=leute["sb50"])
    bericht.refresh_from_db()
    assert ergebnis.status == S.EINGEREICHT and bericht.status == S.EINGEREICHT
    b = Benachrichtigung.objects.get(empfaenger=leute["al50"])
    assert b.gelesen_am is None and b.mail_status == M.FEHLGESCHLAGEN
    assert len(versuche) == 6  # the first attempt and five retries
    meldungen = [r.getMessage() for r in caplog.records if r.name == "organisation.tasks"]
    assert sum("neuer Versuch folgt" in m for m in meldungen) == 5
    assert any("nach 6 Versuchen nicht gesendet" in m for m in meldungen)
    # The next step works as usual.
    tertialbericht_freigeben(bericht=bericht, user=leute["al50"])
    bericht.refresh_from_db()
    assert bericht.status == S.AMTSLEITUNG_FREIGEGEBEN


def test_erinnerung_erscheint_auch_in_der_anwendung(einheiten, leute, settings):
    from decimal import Decimal

    from tests.steuerung.factories_berichte import BKennzahlFactory, BMesswertFactory

    gemeinsam = {"verantwortlich": leute["sb50"], "vertretung": leute["su"]}
    BKennzahlFactory(code="K 7", bezeichnung="Hausbesuche", organisationseinheit=einheiten["50 21"], **gemeinsam)
    da = BKennzahlFactory(code="K 8", bezeichnung="Beratungen", organisationseinheit=einheiten["51"], **gemeinsam)
    BMesswertFactory(kennzahl=da, periode="2026-T2", wert=Decimal("5"))
    leute["sb5021"].email_benachrichtigungen = False
    leute["sb5021"].save()
    assert erinnerungen_versenden(heute=date(2026, 9, 12)) == 1  # sb50 by mail, sb5021 switched mails off
    assert [m.to for m in mail.outbox] == [["sb50@kommune.example"]]
    meldungen = Benachrichtigung.objects.order_by("empfaenger__username")
    assert [b.empfaenger.username for b in meldungen] == ["sb50", "sb5021"]
    for b in meldungen:
        assert b.betreff.startswith("Erinnerung: Werte für das 2. Tertial 2026")
        assert "1 Werte" in b.text and "50 21 Hilfe zur Pflege" in b.text
        assert b.link == f"/erfassung/{einheiten['50 21'].pk}/2026-T2/"
        assert b.mail_status == M.KEINE  # the reminder mails itself, with the full list
    assert erinnerungen_versenden(heute=date(2026, 9, 13)) == 0
    assert Benachrichtigung.objects.count() == 2  # a second run adds nothing


def test_demodaten_benachrichtigen_in_der_anwendung_und_mailen_niemanden(django_capture_on_commit_callbacks):
    from django.core.management import call_command

    with django_capture_on_commit_callbacks(execute=True):
        call_command("demo_daten", verbosity=0)
    assert mail.outbox == []
    anzahl = dict(
        Benachrichtigung.objects.values_list("empfaenger__username").annotate(n=models.Count("id")).order_by()
    )
    # Five published reports of Amt 50; the Jugendamt's waiting and returned reports.
    assert anzahl["amtsleitung50"] == 5 + 5  # submitted, then published
    assert anzahl["rat"] == 5 and anzahl["sachbearbeitung51"] == 1  # the return, with its note
    assert set(Benachrichtigung.objects.values_list("mail_status", flat=True)) == {M.KEINE}


def test_der_naechste_schritt_erledigt_die_meldungen_des_vorigen(berichtsdaten, leute):
    """Amtsleitung approved: its „zur Freigabe“ notification is settled; the Dezernat's stays unread."""
    bericht = berichtsdaten["bericht"]
    _bis(bericht, leute, S.EINGEREICHT)
    zur_freigabe = Benachrichtigung.objects.get(empfaenger=leute["al50"])
    assert zur_freigabe.gelesen_am is None
    SCHRITTE["freigeben_amtsleitung"][1](bericht, leute)
    zur_freigabe.refresh_from_db()
    assert zur_freigabe.gelesen_am is not None
    assert Benachrichtigung.objects.filter(empfaenger=leute["dez"], gelesen_am__isnull=True).count() == 1
