"""Notifications as such: who gets a mail, marking read, retries, lost mails caught up, the API."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest
from celery.exceptions import Retry
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone
from kombu.exceptions import OperationalError

from organisation import tasks
from organisation.benachrichtigungen import (
    alle_als_gelesen_markieren,
    als_gelesen_markieren,
    benachrichtigen,
    ohne_mail,
    ungelesene_anzahl,
)
from organisation.models import Benachrichtigung
from tests.factories import BenutzerFactory

pytestmark = pytest.mark.django_db
M = Benachrichtigung.Mailstatus


def _mit_mail(benutzer, *, schalter: bool = True):
    benutzer.email = f"{benutzer.username}@kommune.example"
    benutzer.email_benachrichtigungen = schalter
    benutzer.save()
    return benutzer


def _melden(*empfaenger, link: str = "/berichte/"):
    return benachrichtigen(empfaenger=empfaenger, betreff="Betreff", text="Text", link=link)


def test_mailstatus_je_adresse_und_schalter(sachbearbeitung50, sachbearbeitung51, amtsleitung50, dezernat):
    _mit_mail(sachbearbeitung50)
    _mit_mail(sachbearbeitung51, schalter=False)
    # amtsleitung50 has no address
    dezernat.is_active = False
    dezernat.save()
    zeilen = _melden(sachbearbeitung50, sachbearbeitung51, amtsleitung50, dezernat, sachbearbeitung50)
    status = dict(Benachrichtigung.objects.values_list("empfaenger__username", "mail_status"))
    assert status == {"sb50": M.AUSSTEHEND, "sb51": M.KEINE, "al50": M.KEINE}  # once each, nobody inactive
    assert len(zeilen) == 3


def test_ohne_mail_legt_nur_benachrichtigungen_an(sachbearbeitung50, django_capture_on_commit_callbacks):
    _mit_mail(sachbearbeitung50)
    with django_capture_on_commit_callbacks(execute=True) as rueckrufe, ohne_mail():
        _melden(sachbearbeitung50)
    assert rueckrufe == [] and mail.outbox == []
    assert Benachrichtigung.objects.get().mail_status == M.KEINE


@pytest.mark.parametrize("link", ["https://fremd.example/", "//fremd.example/x", "berichte/"])
def test_link_muss_ein_pfad_der_anwendung_sein(sachbearbeitung50, link):
    with pytest.raises(ValidationError, match="Pfad innerhalb der Anwendung"):
        _melden(sachbearbeitung50, link=link)
    assert not Benachrichtigung.objects.exists()


def test_gelesen_markieren_behaelt_den_ersten_zeitpunkt(sachbearbeitung50):
    (b,) = _melden(sachbearbeitung50)
    als_gelesen_markieren(benachrichtigung=b)
    erst = Benachrichtigung.objects.get().gelesen_am
    als_gelesen_markieren(benachrichtigung=Benachrichtigung.objects.get())
    assert erst is not None and Benachrichtigung.objects.get().gelesen_am == erst


def test_alle_gelesen_betrifft_nur_die_eigenen(sachbearbeitung50, sachbearbeitung51):
    _melden(sachbearbeitung50, sachbearbeitung51)
    _melden(sachbearbeitung50)
    assert (ungelesene_anzahl(sachbearbeitung50), ungelesene_anzahl(sachbearbeitung51)) == (2, 1)
    assert alle_als_gelesen_markieren(user=sachbearbeitung50) == 2
    assert (ungelesene_anzahl(sachbearbeitung50), ungelesene_anzahl(sachbearbeitung51)) == (0, 1)


@pytest.mark.parametrize(("versuch", "sekunden"), [(0, 30), (1, 60), (2, 120), (3, 240), (4, 480), (5, 900), (9, 900)])
def test_wartezeit_waechst_exponentiell_bis_zur_grenze(versuch, sekunden):
    assert tasks.wartezeit(versuch) == sekunden


def test_worker_plant_den_naechsten_versuch_mit_wartezeit(sachbearbeitung50, monkeypatch):
    """In a real worker a failed send is retried later, with the backoff as countdown."""
    _mit_mail(sachbearbeitung50)
    (b,) = _melden(sachbearbeitung50)

    def kaputt(self, nachrichten):
        raise OSError("Verbindung abgelehnt")

    geplant = {}

    def retry(exc=None, countdown=None, **kwargs):
        geplant.update(exc=exc, countdown=countdown)
        return Retry(exc=exc, when=countdown)

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", kaputt)
    monkeypatch.setattr(tasks.benachrichtigung_mailen, "retry", retry)
    tasks.benachrichtigung_mailen.push_request(retries=2, is_eager=False)
    try:
        with pytest.raises(Retry):
            tasks.benachrichtigung_mailen.run(b.pk)
    finally:
        tasks.benachrichtigung_mailen.pop_request()
    assert geplant["countdown"] == 120 and isinstance(geplant["exc"], OSError)
    b.refresh_from_db()
    assert b.mail_status == M.AUSSTEHEND  # still pending until the last attempt


def test_voruebergehender_fehler_wird_beim_zweiten_versuch_gesendet(sachbearbeitung50, monkeypatch, caplog):
    from django.core.mail.backends.locmem import EmailBackend

    _mit_mail(sachbearbeitung50)
    (b,) = _melden(sachbearbeitung50)
    original = EmailBackend.send_messages
    aufrufe = []

    def einmal_kaputt(self, nachrichten):
        aufrufe.append(1)
        if len(aufrufe) == 1:
            raise OSError("Zeitüberschreitung")
        return original(self, nachrichten)

    monkeypatch.setattr(EmailBackend, "send_messages", einmal_kaputt)
    with caplog.at_level(logging.WARNING, logger="organisation.tasks"):
        assert tasks.benachrichtigung_mailen.delay(b.pk).get() == M.GESENDET
    assert len(aufrufe) == 2 and len(mail.outbox) == 1
    assert "neuer Versuch folgt" in caplog.text
    # Delivered twice (at-least-once queues): mailed once.
    assert tasks.benachrichtigung_mailen.delay(b.pk).get() == M.GESENDET
    assert len(mail.outbox) == 1


def test_broker_ausfall_haelt_die_mail_vor_und_nachholen_sendet_sie(
    sachbearbeitung50, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    _mit_mail(sachbearbeitung50)

    def weg(*args, **kwargs):
        raise OperationalError("Broker nicht erreichbar")

    monkeypatch.setattr(tasks.benachrichtigung_mailen, "delay", weg)
    with (
        caplog.at_level(logging.ERROR, logger="organisation.tasks"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        (b,) = _melden(sachbearbeitung50)
    assert "nicht eingereiht" in caplog.text
    b.refresh_from_db()
    assert b.mail_status == M.AUSSTEHEND and mail.outbox == []
    monkeypatch.undo()
    assert tasks.ausstehende_mails_nachholen() == 0  # too young: its retries may still be running
    Benachrichtigung.objects.filter(pk=b.pk).update(erstellt=timezone.now() - timedelta(hours=1))
    assert tasks.ausstehende_mails_nachholen() == 1
    b.refresh_from_db()
    assert b.mail_status == M.GESENDET and len(mail.outbox) == 1


# --- API ----------------------------------------------------------------------------------------

URL = "/api/v1/benachrichtigungen/"


@pytest.fixture
def zwei(sachbearbeitung50, amtsleitung50):
    eigene = _melden(sachbearbeitung50)[0]
    fremde = _melden(amtsleitung50)[0]
    return eigene, fremde


def test_api_listet_nur_die_eigenen(api, sachbearbeitung50, zwei):
    daten = api(sachbearbeitung50).get(URL).json()
    assert [z["id"] for z in daten["results"]] == [zwei[0].pk]
    assert daten["results"][0]["gelesen"] is False and daten["results"][0]["link"] == "/berichte/"


def test_api_fremde_benachrichtigung_ist_nicht_gefunden(api, sachbearbeitung50, zwei):
    client = api(sachbearbeitung50)
    assert client.get(f"{URL}{zwei[1].pk}/").status_code == 404
    assert client.post(f"{URL}{zwei[1].pk}/gelesen/", {}, format="json").status_code == 404
    zwei[1].refresh_from_db()
    assert zwei[1].gelesen_am is None


def test_api_markiert_eine_und_alle_als_gelesen(api, sachbearbeitung50, amtsleitung50, zwei):
    client = api(sachbearbeitung50)
    antwort = client.post(f"{URL}{zwei[0].pk}/gelesen/", {}, format="json")
    assert antwort.status_code == 200 and antwort.json()["gelesen"] is True
    _melden(sachbearbeitung50)
    _melden(sachbearbeitung50)
    assert client.post(f"{URL}alle_gelesen/", {}, format="json").json() == {"anzahl": 2}
    assert ungelesene_anzahl(sachbearbeitung50) == 0 and ungelesene_anzahl(amtsleitung50) == 1


def test_api_nimmt_keine_felder_an(api, sachbearbeitung50, zwei):
    antwort = api(sachbearbeitung50).post(f"{URL}{zwei[0].pk}/gelesen/", {"gelesen_am": "2026-01-01"}, format="json")
    assert antwort.status_code == 400 and "gelesen_am" in antwort.json()
    zwei[0].refresh_from_db()
    assert zwei[0].gelesen_am is None


def test_api_ohne_anmeldung_verboten(api, zwei):
    assert api(None).get(URL).status_code == 403


def test_ratsmitglied_liest_seine_benachrichtigungen(api, ratsmitglied):
    _melden(ratsmitglied, link="/veroeffentlicht/")
    assert api(ratsmitglied).get(URL).json()["count"] == 1


def test_benutzer_ohne_rolle_liest_seine_benachrichtigungen(api, einheiten):
    person = BenutzerFactory(username="ohne_rolle")
    _melden(person)
    assert api(person).get(URL).json()["count"] == 1
