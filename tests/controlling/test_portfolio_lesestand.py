"""The stored HSK-Portfolio: totals of all measures, one page of rows, rebuilt after committed changes
(also after a curve is written in bulk), and the same query count at every size."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from controlling import verlauf_speicher
from controlling.models import HSKMassnahme
from steuerung.models import Lesestand
from tests.controlling.conftest import beispielmassnahme

pytestmark = pytest.mark.django_db
URL = "/hsk/portfolio/?jahr=2024&stichtag=31.12.2024"


def _client(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def _berechnen(*massnahmen):
    for m in massnahmen:
        verlauf_speicher.verlauf_speichern(hsk_massnahme_id=m.pk)


def test_seiten_mit_summen_aller_massnahmen(kaemmerei, hsk50, hsk51, monkeypatch):
    monkeypatch.setattr("controlling.lesestand.JE_SEITE", 1)
    _berechnen(hsk50, hsk51)
    client = _client(kaemmerei)
    erste = client.get(URL).content.decode()
    zweite = client.get(URL + "&seite=2").content.decode()
    assert (hsk50.bezeichnung in erste) != (hsk50.bezeichnung in zweite)
    assert (hsk51.bezeichnung in erste) != (hsk51.bezeichnung in zweite)
    for inhalt in (erste, zweite):
        assert "105.480,00 €" in inhalt  # Ist brutto of both measures on every page
        assert "2 Maßnahmen, Seite" in inhalt
    assert 'href="?jahr=2024&amp;stichtag=31.12.2024&amp;seite=2"' in erste
    assert client.get(URL + "&seite=99").status_code == 200  # clamped to the last page
    assert client.get(URL + "&seite=x").status_code == 200


def test_neuer_verlauf_erscheint_beim_naechsten_abruf(kaemmerei, hsk50, django_capture_on_commit_callbacks):
    client = _client(kaemmerei)
    assert "52.740,00 €" not in client.get(URL).content.decode()  # no curve yet
    with django_capture_on_commit_callbacks(execute=True):
        _berechnen(hsk50)  # bulk upsert of the months: no signals, an explicit version raise
    assert "52.740,00 €" in client.get(URL).content.decode()


def test_geaenderte_bezeichnung_erscheint_beim_naechsten_abruf(kaemmerei, hsk50, django_capture_on_commit_callbacks):
    client = _client(kaemmerei)
    client.get(URL)
    with django_capture_on_commit_callbacks(execute=True):
        m = HSKMassnahme.objects.get(pk=hsk50.pk)
        m.bezeichnung = "Umbenannte Maßnahme"
        m.save()
    assert "Umbenannte Maßnahme" in client.get(URL).content.decode()


def test_sachbearbeitung_51_sieht_nur_die_eigene_massnahme(sachbearbeitung51, hsk50, hsk51):
    inhalt = _client(sachbearbeitung51).get(URL).content.decode()
    assert hsk51.bezeichnung in inhalt and hsk50.bezeichnung not in inhalt


def _abfragen_warm(client) -> int:
    client.get(URL)  # builds the stored view
    with CaptureQueriesContext(connection) as abfragen:
        assert client.get(URL).status_code == 200
    return len(abfragen)


def test_gleiche_abfragezahl_bei_jeder_groesse(dezernat, einheiten, hsk50, monkeypatch):
    monkeypatch.setattr("controlling.lesestand.JE_SEITE", 3)
    klein = _abfragen_warm(_client(dezernat))
    Lesestand.objects.all().delete()
    for i in range(6):
        beispielmassnahme(einheiten["50"], f"Weitere Maßnahme {i}")
    assert _abfragen_warm(_client(dezernat)) == klein
