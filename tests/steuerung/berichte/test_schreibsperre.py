"""Writes into a frozen (submitted, under review) or locked (approved, published) period: form,
Excel upload and API answer in German, name the report's state and who can return it, and
change nothing; never a 500."""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import load_workbook

from steuerung.berichte.workflow import (
    tertialbericht_einreichen,
    tertialbericht_freigeben,
    tertialbericht_veroeffentlichen,
    tertialbericht_zurueckgeben,
)
from steuerung.models import Messwert

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    c = Client(raise_request_exception=False)
    c.force_login(user)
    return c


def _erfassung(kennzahl) -> str:
    return f"/erfassung/{kennzahl.organisationseinheit_id}/2026-T2/"


def _zustand(kennzahl) -> tuple:
    m = Messwert.objects.get(kennzahl=kennzahl, periode="2026-T2")
    return (m.wert, m.kommentar, m.revision, m.history.count())


def _formular_post(client, kennzahl, wert: str):
    m = Messwert.objects.get(kennzahl=kennzahl, periode="2026-T2")
    return client.post(
        _erfassung(kennzahl), {f"k{kennzahl.pk}-wert": wert, f"k{kennzahl.pk}-revision": str(m.revision)}
    )


def _einreichen(berichtsdaten, sachbearbeitung50):
    tertialbericht_einreichen(bericht=berichtsdaten["bericht"], user=sachbearbeitung50)


def _freigeben(berichtsdaten, sachbearbeitung50, amtsleitung50):
    _einreichen(berichtsdaten, sachbearbeitung50)
    tertialbericht_freigeben(bericht=berichtsdaten["bericht"], user=amtsleitung50)


def test_speichern_in_freigegebene_periode_antwortet_deutsch_statt_500(
    berichtsdaten, sachbearbeitung50, amtsleitung50
):
    """The reported 500: AttributeError 'ValidationError' object has no attribute 'error_dict'."""
    _freigeben(berichtsdaten, sachbearbeitung50, amtsleitung50)
    k = berichtsdaten["gruen"]
    vorher = _zustand(k)
    antwort = _formular_post(_client(sachbearbeitung50), k, "50")
    assert antwort.status_code == 200
    text = antwort.content.decode()
    assert "von der Amtsleitung freigegeben" in text
    assert "Dezernatsleitung" in text
    assert _zustand(k) == vorher
