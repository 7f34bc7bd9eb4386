"""Token login, schema, docs and health check."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.test import Client

pytestmark = pytest.mark.django_db


def test_token_endpoint_liefert_token_fuer_gueltige_anmeldung(api, sachbearbeitung50, passwort):
    antwort = api().post("/api/v1/auth/token/", {"username": "sb50", "password": passwort}, format="json")
    assert antwort.status_code == 200
    token = antwort.json()["token"]
    client = api()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert client.get("/api/v1/organisationseinheiten/").status_code == 200


def test_token_endpoint_lehnt_falsches_passwort_auf_deutsch_ab(api, sachbearbeitung50):
    antwort = api().post("/api/v1/auth/token/", {"username": "sb50", "password": "falsch"}, format="json")
    assert antwort.status_code == 400
    assert "Anmeldung" in str(antwort.json()) or "Zugangsdaten" in str(antwort.json())


def test_api_ohne_anmeldung_antwortet_401_oder_403(api, einheiten):
    assert api().get("/api/v1/organisationseinheiten/").status_code in (401, 403)


def test_openapi_schema_und_doku_sind_erreichbar(api, steuerung):
    schema = api(steuerung).get("/api/v1/schema/")
    assert schema.status_code == 200
    assert b"organisationseinheiten" in schema.content
    client = Client()
    client.force_login(steuerung)
    doku = client.get("/api/v1/docs/")
    assert doku.status_code == 200
    assert b"swagger" in doku.content.lower()


def test_healthz_ohne_anmeldung_meldet_datenbank_und_broker():
    antwort = Client().get("/healthz")
    assert antwort.status_code == 200
    daten = antwort.json()
    assert daten["datenbank"] == "ok"
    assert daten["broker"] in {"ok", "eager"}


def test_createsuperuser_noinput_mit_umgebungsvariable(monkeypatch):
    from organisation.models import Benutzer

    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "Sehr-Geheim-2026")
    call_command("createsuperuser", "--noinput", "--username", "chefin", "--email", "chefin@example.org")
    benutzer = Benutzer.objects.get(username="chefin")
    assert benutzer.is_superuser
    assert benutzer.check_password("Sehr-Geheim-2026")
