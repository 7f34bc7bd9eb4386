"""Backup and restore: a published report restored into a fresh database regenerates
byte-identically from its snapshot."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from core.protokoll import kette_pruefen
from steuerung.berichte.excel import excel_erzeugen
from steuerung.berichte.pdf import pdf_erzeugen
from steuerung.models.berichte import Veroeffentlichung

pytestmark = pytest.mark.django_db(transaction=True)


def test_wiederhergestellter_bericht_wird_byte_identisch_neu_erzeugt(tmp_path, veroeffentlicht):
    pdf_vorher = bytes(veroeffentlicht.pdf)
    excel_vorher = bytes(veroeffentlicht.excel)
    datei = tmp_path / "sicherung.json.gz"
    call_command("sicherung_erstellen", str(datei))

    call_command("flush", "--noinput")
    assert not Veroeffentlichung.objects.exists()
    call_command("sicherung_einspielen", str(datei))

    wieder = Veroeffentlichung.objects.get(pk=veroeffentlicht.pk)
    assert bytes(wieder.pdf) == pdf_vorher
    assert pdf_erzeugen(wieder.daten, inhalt_hash=wieder.inhalt_hash) == pdf_vorher
    assert excel_erzeugen(wieder.daten) == excel_vorher
    assert kette_pruefen().intakt
