"""Server-rendered pages: login required, German shell, role start page."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_startseite_ohne_anmeldung_leitet_zur_anmeldung():
    antwort = Client().get("/")
    assert antwort.status_code == 302
    assert antwort["Location"].startswith("/anmelden/")


def test_anmeldeseite_ist_deutsch_und_hat_sprunglink():
    antwort = Client().get("/anmelden/")
    inhalt = antwort.content.decode()
    assert antwort.status_code == 200
    assert '<html lang="de">' in inhalt
    assert "Zum Inhalt springen" in inhalt
    assert "Anmelden" in inhalt


@pytest.mark.parametrize(
    ("persona", "text"),
    [
        ("sachbearbeitung50", "erfassen Kennzahlwerte"),
        ("amtsleitung50", "Tertialberichte Ihres Amtes"),
        ("dezernat", "Haushaltskonsolidierung"),
        ("steuerung", "pflegen das Zielsystem"),
        ("kaemmerei", "ohne Einzelfalldaten"),
        ("ratsmitglied", "veröffentlichten Tertialberichte"),
    ],
    indirect=["persona"],
)
def test_jede_rolle_hat_eine_eigene_startseite(persona, text):
    client = Client()
    client.force_login(persona)
    antwort = client.get("/")
    assert antwort.status_code == 200
    assert text in antwort.content.decode()


def test_plotly_wird_lokal_ausgeliefert(sachbearbeitung50):
    client = Client()
    client.force_login(sachbearbeitung50)
    antwort = client.get("/static/vendor/plotly.min.js")
    assert antwort.status_code == 200
    assert b"plotly" in b"".join(antwort.streaming_content)[:2000].lower()


def test_abmelden_per_post(sachbearbeitung50):
    client = Client()
    client.force_login(sachbearbeitung50)
    assert client.post("/abmelden/").status_code == 302
    assert client.get("/").status_code == 302


def test_administration_findet_die_benutzerverwaltung_auf_der_startseite(administration):
    client = Client()
    client.force_login(administration)
    inhalt = client.get("/").content.decode()
    assert "Benutzerverwaltung" in inhalt
    assert client.get("/admin/").status_code == 200


def test_sachbearbeitung_sieht_keine_benutzerverwaltung(sachbearbeitung50):
    client = Client()
    client.force_login(sachbearbeitung50)
    assert "Benutzerverwaltung" not in client.get("/").content.decode()
