"""Hardening: deploy checks, CSP, login throttling, session and password rules."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

WURZEL = Path(__file__).resolve().parents[2]


def test_produktionseinstellungen_bestehen_check_deploy_ohne_warnung():
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DJANGO_SECRET_KEY="k" * 20 + "Zufall-9#fT!q2@LmN8xR4vWz" + "p" * 20,
        DJANGO_ALLOWED_HOSTS="steuerung.kommune.example",
        DATABASE_URL="sqlite:///" + str(WURZEL / "var" / "deploy-check.sqlite3"),
    )
    ergebnis = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=WURZEL,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert ergebnis.returncode == 0, ergebnis.stdout + ergebnis.stderr
    assert "no issues" in ergebnis.stdout


@pytest.mark.django_db
def test_jede_seite_sendet_eine_csp_ohne_unsafe_inline_skripte():
    antwort = Client().get("/anmelden/")
    csp = antwort["Content-Security-Policy"]
    skript = next(teil for teil in csp.split(";") if teil.strip().startswith("script-src"))
    assert "'self'" in skript
    assert "unsafe-inline" not in skript
    assert "unsafe-eval" not in skript
    assert "frame-ancestors 'none'" in csp


@pytest.mark.django_db
def test_api_doku_kommt_ohne_inline_skript_aus(steuerung):
    client = Client()
    client.force_login(steuerung)
    html = client.get("/api/v1/docs/").content.decode()
    assert "<script>" not in html.replace(" ", "")


@pytest.mark.django_db
def test_nach_fuenf_fehlversuchen_ist_die_anmeldung_gesperrt(sachbearbeitung50, passwort):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        antwort = client.post("/anmelden/", {"username": "sb50", "password": "falsch"})
        assert antwort.status_code == 200
    assert client.post("/anmelden/", {"username": "sb50", "password": "falsch"}).status_code == 429
    gesperrt = client.post("/anmelden/", {"username": "sb50", "password": passwort})
    assert gesperrt.status_code == 429
    assert "vorübergehend gesperrt" in gesperrt.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_token_anmeldung_wird_ebenfalls_gesperrt(api, sachbearbeitung50, passwort):
    client = api()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/api/v1/auth/token/", {"username": "sb50", "password": "falsch"}, format="json")
    antwort = client.post("/api/v1/auth/token/", {"username": "sb50", "password": passwort}, format="json")
    assert antwort.status_code == 429
    assert "gesperrt" in antwort.json()["detail"]


@pytest.mark.django_db
def test_erfolgreiche_anmeldung_setzt_fehlversuche_zurueck(sachbearbeitung50, passwort):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        client.post("/anmelden/", {"username": "sb50", "password": "falsch"})
    assert client.post("/anmelden/", {"username": "sb50", "password": passwort}).status_code == 302
    client.logout()
    client.post("/anmelden/", {"username": "sb50", "password": "falsch"})
    assert client.post("/anmelden/", {"username": "sb50", "password": passwort}).status_code == 302


def test_sitzungen_laufen_ab_und_passwoerter_werden_geprueft():
    assert settings.SESSION_COOKIE_AGE <= 8 * 60 * 60
    namen = {v["NAME"].rsplit(".", 1)[-1] for v in settings.AUTH_PASSWORD_VALIDATORS}
    assert {"MinimumLengthValidator", "CommonPasswordValidator", "NumericPasswordValidator"} <= namen
