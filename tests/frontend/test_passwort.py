"""The user's own password: change it on „Mein Konto“, or request a one-time link when forgotten."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client

from tests.factories import PASSWORT

pytestmark = pytest.mark.django_db

NEU = "Winter-Linde-2026!"


@pytest.fixture(autouse=True)
def _leerer_zaehler():
    cache.clear()


def _angemeldet(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def _anmelden(username: str, passwort: str) -> bool:
    c = Client()
    antwort = c.post("/anmelden/", {"username": username, "password": passwort})
    return antwort.status_code == 302 and "_auth_user_id" in c.session


def test_passwort_aendern_auf_mein_konto(sachbearbeitung50):
    client = _angemeldet(sachbearbeitung50)
    assert "/konto/passwort/" in client.get("/konto/").content.decode()
    falsch = client.post(
        "/konto/passwort/", {"old_password": "falsch", "new_password1": NEU, "new_password2": "anders"}
    ).content.decode()
    assert "Ihr altes Passwort war falsch" in falsch or "alte Passwort" in falsch
    assert _anmelden("sb50", PASSWORT)
    antwort = client.post("/konto/passwort/", {"old_password": PASSWORT, "new_password1": NEU, "new_password2": NEU})
    assert antwort.status_code == 302 and antwort["Location"] == "/konto/"
    assert _anmelden("sb50", NEU) and not _anmelden("sb50", PASSWORT)


def test_passwort_vergessen_schickt_einmal_link_an_die_adresse_des_kontos(sachbearbeitung50):
    sachbearbeitung50.email = "sb50@kommune.example"
    sachbearbeitung50.save()
    c = Client()
    assert "Passwort vergessen?" in c.get("/anmelden/").content.decode()
    antwort = c.post("/passwort-vergessen/", {"email": "SB50@kommune.example"}, follow=True)
    assert "Wenn zu dieser Adresse ein aktives Konto gehört" in antwort.content.decode()
    (nachricht,) = mail.outbox
    assert nachricht.to == ["sb50@kommune.example"]
    link = re.search(r"https?://\S+/passwort/\S+/", nachricht.body).group(0)
    assert link.startswith("http://testserver/")  # the address the request came in on
    pfad = "/" + link.split("/", 3)[3]
    seite = c.get(pfad, follow=True)
    setzen = seite.redirect_chain[-1][0] if seite.redirect_chain else pfad
    assert c.post(setzen, {"new_password1": NEU, "new_password2": NEU}).status_code == 302
    assert _anmelden("sb50", NEU)


def test_passwort_vergessen_verraet_nichts_und_begrenzt_die_anzahl(sachbearbeitung50):
    sachbearbeitung50.email = "sb50@kommune.example"
    sachbearbeitung50.save()
    c = Client()
    unbekannt = c.post("/passwort-vergessen/", {"email": "niemand@kommune.example"}, follow=True).content.decode()
    assert "Wenn zu dieser Adresse ein aktives Konto gehört" in unbekannt and not mail.outbox
    for _ in range(5):
        c.post("/passwort-vergessen/", {"email": "sb50@kommune.example"})
    assert len(mail.outbox) == 3
    fehler = c.post("/passwort-vergessen/", {"email": "kein-at-zeichen"}).content.decode()
    assert "Bitte eine gültige E-Mail-Adresse angeben." in fehler
