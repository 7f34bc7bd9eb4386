"""The bell in the page header, the notifications page and „Mein Konto“."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from organisation.benachrichtigungen import benachrichtigen
from organisation.models import KOMMUNE_ID, Benachrichtigung, Kommune

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _melden(user, betreff: str = "Tertialbericht zur Freigabe", link: str = "/berichte/", vor_minuten: int = 0):
    (b,) = benachrichtigen(empfaenger=[user], betreff=betreff, text="Bitte prüfen.", link=link)
    if vor_minuten:
        Benachrichtigung.objects.filter(pk=b.pk).update(erstellt=timezone.now() - timedelta(minutes=vor_minuten))
    return b


@pytest.mark.parametrize(
    ("anzahl", "label"),
    [
        (0, "Benachrichtigungen, keine ungelesen"),
        (1, "Benachrichtigungen, 1 ungelesen"),
        (3, "Benachrichtigungen, 3 ungelesen"),
    ],
)
def test_glocke_nennt_die_ungelesenen(amtsleitung50, sachbearbeitung50, anzahl, label):
    for _i in range(anzahl):
        _melden(amtsleitung50)
    _melden(sachbearbeitung50)  # someone else's does not count
    gelesen = _melden(amtsleitung50)
    Benachrichtigung.objects.filter(pk=gelesen.pk).update(gelesen_am=timezone.now())
    inhalt = _client(amtsleitung50).get("/").content.decode()
    assert f'aria-label="{label}"' in inhalt
    assert 'href="/benachrichtigungen/"' in inhalt
    if anzahl:
        assert f'<span class="glocke__zahl" aria-hidden="true">{anzahl}</span>' in inhalt
    else:
        assert "glocke__zahl" not in inhalt


def test_glocke_kostet_eine_abfrage(amtsleitung50):
    _melden(amtsleitung50)
    client = _client(amtsleitung50)
    client.get("/")
    with CaptureQueriesContext(connection) as abfragen:
        assert client.get("/barrierefreiheit/").status_code == 200
    glocke = [q["sql"] for q in abfragen.captured_queries if "organisation_benachrichtigung" in q["sql"]]
    assert len(glocke) == 1 and "COUNT" in glocke[0].upper()


def test_seite_listet_die_eigenen_neueste_zuerst(amtsleitung50, sachbearbeitung50):
    _melden(amtsleitung50, "Älter", vor_minuten=30)
    _melden(amtsleitung50, "Neuer")
    _melden(sachbearbeitung50, "Fremd")
    inhalt = _client(amtsleitung50).get("/benachrichtigungen/").content.decode()
    assert inhalt.index("Neuer") < inhalt.index("Älter")
    assert "Fremd" not in inhalt
    assert "Sie haben 2 ungelesene Benachrichtigungen." in inhalt
    assert "Alle als gelesen markieren" in inhalt


def test_oeffnen_markiert_gelesen_und_fuehrt_zum_ziel(amtsleitung50):
    b = _melden(amtsleitung50, link="/berichte/7/2026-T2/")
    antwort = _client(amtsleitung50).get(f"/benachrichtigungen/{b.pk}/")
    assert antwort.status_code == 302 and antwort["Location"] == "/berichte/7/2026-T2/"
    b.refresh_from_db()
    assert b.gelesen_am is not None


def test_fremde_benachrichtigung_ist_nicht_gefunden(amtsleitung50, sachbearbeitung50):
    fremd = _melden(sachbearbeitung50)
    client = _client(amtsleitung50)
    assert client.get(f"/benachrichtigungen/{fremd.pk}/").status_code == 404
    assert client.post(f"/benachrichtigungen/{fremd.pk}/gelesen/").status_code == 404
    fremd.refresh_from_db()
    assert fremd.gelesen_am is None


def test_eine_und_alle_als_gelesen_markieren(amtsleitung50, sachbearbeitung50):
    eine = _melden(amtsleitung50)
    _melden(amtsleitung50)
    _melden(amtsleitung50)
    fremd = _melden(sachbearbeitung50)
    client = _client(amtsleitung50)
    assert client.post(f"/benachrichtigungen/{eine.pk}/gelesen/").status_code == 302
    eine.refresh_from_db()
    assert eine.gelesen_am is not None
    antwort = client.post("/benachrichtigungen/alle-gelesen/", follow=True)
    assert "2 Benachrichtigungen als gelesen markiert." in antwort.content.decode()
    assert 'aria-label="Benachrichtigungen, keine ungelesen"' in antwort.content.decode()
    fremd.refresh_from_db()
    assert fremd.gelesen_am is None


def test_markieren_nur_per_post(amtsleitung50):
    b = _melden(amtsleitung50)
    client = _client(amtsleitung50)
    assert client.get(f"/benachrichtigungen/{b.pk}/gelesen/").status_code == 405
    assert client.get("/benachrichtigungen/alle-gelesen/").status_code == 405


def test_leere_seite_sagt_das(ratsmitglied):
    inhalt = _client(ratsmitglied).get("/benachrichtigungen/").content.decode()
    assert "Sie haben noch keine Benachrichtigungen." in inhalt


def test_mein_konto_schaltet_emails_ab_und_wieder_an(sachbearbeitung50):
    client = _client(sachbearbeitung50)
    inhalt = client.get("/konto/").content.decode()
    assert "Benachrichtigungen auch per E-Mail erhalten" in inhalt and "checked" in inhalt
    antwort = client.post("/konto/", {}, follow=True)
    assert "Ihre Einstellungen wurden gespeichert." in antwort.content.decode()
    sachbearbeitung50.refresh_from_db()
    assert sachbearbeitung50.email_benachrichtigungen is False
    client.post("/konto/", {"email_benachrichtigungen": "on"})
    sachbearbeitung50.refresh_from_db()
    assert sachbearbeitung50.email_benachrichtigungen is True


def test_mein_konto_aendert_nur_den_eigenen_schalter(sachbearbeitung50, amtsleitung50):
    _client(sachbearbeitung50).post("/konto/", {"email_benachrichtigungen": "", "username": "x", "is_staff": "on"})
    sachbearbeitung50.refresh_from_db()
    amtsleitung50.refresh_from_db()
    assert sachbearbeitung50.username == "sb50" and not sachbearbeitung50.is_staff
    assert sachbearbeitung50.email_benachrichtigungen is False and amtsleitung50.email_benachrichtigungen is True


def test_besuch_der_zielseite_auf_anderem_weg_markiert_gelesen(amtsleitung50, einheiten):
    """Reaching the report through a start-page task (not the bell) also settles the notification."""
    pfad = f"/berichte/{einheiten['50'].pk}/2026-T2/"
    passend = _melden(amtsleitung50, link=pfad)
    andere = _melden(amtsleitung50, link=f"/berichte/{einheiten['50'].pk}/2026-T1/")
    client = _client(amtsleitung50)
    seite = client.get(pfad)
    assert seite.status_code == 200
    assert "Benachrichtigungen, 1 ungelesen" in seite.content.decode()
    passend.refresh_from_db()
    andere.refresh_from_db()
    assert passend.gelesen_am is not None and andere.gelesen_am is None


def test_kopfzeile_nennt_die_kommune(amtsleitung50):
    assert "Demo" not in _client(amtsleitung50).get("/").content.decode().split("</header>")[0]
    Kommune.objects.update_or_create(pk=KOMMUNE_ID, defaults={"name": "Stadt Musterhausen"})
    kopf = _client(amtsleitung50).get("/").content.decode().split("</header>")[0]
    assert "Stadt Musterhausen · Sozialdezernat" in kopf
