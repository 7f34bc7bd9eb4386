"""Backup and restore: everything comes back into a fresh database."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from core.models import Protokolleintrag
from core.protokoll import kette_pruefen, protokollieren
from organisation.models import Benutzer, Organisationseinheit

pytestmark = pytest.mark.django_db(transaction=True)


def test_sicherung_und_wiederherstellung_in_leere_datenbank(tmp_path, sachbearbeitung50, einheiten, passwort):
    protokollieren(benutzer=sachbearbeitung50, aktion="freigeben", objekt=einheiten["50"], daten={"notiz": "ok"})
    datei = tmp_path / "sicherung.json.gz"
    call_command("sicherung_erstellen", str(datei))
    vorher_oe = sorted(Organisationseinheit.objects.values_list("kuerzel", "eltern__kuerzel"))

    call_command("flush", "--noinput")
    assert not Benutzer.objects.exists()

    call_command("sicherung_einspielen", str(datei))
    assert sorted(Organisationseinheit.objects.values_list("kuerzel", "eltern__kuerzel")) == vorher_oe
    wieder = Benutzer.objects.get(username="sb50")
    assert wieder.check_password(passwort)
    assert list(wieder.groups.values_list("name", flat=True)) == ["Sachbearbeitung"]
    assert Protokolleintrag.objects.count() == 1
    assert kette_pruefen().intakt


def test_einspielen_in_gefuellte_datenbank_wird_abgelehnt(tmp_path, sachbearbeitung50):
    datei = tmp_path / "sicherung.json.gz"
    call_command("sicherung_erstellen", str(datei))
    with pytest.raises(CommandError, match="nicht leer"):
        call_command("sicherung_einspielen", str(datei))
