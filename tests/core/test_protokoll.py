"""The decision log is hash-chained: tampering with any row is detected."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from core.models import Protokolleintrag
from core.protokoll import START_HASH, kette_pruefen, protokollieren

pytestmark = pytest.mark.django_db


@pytest.fixture
def eintraege(sachbearbeitung50, einheiten):
    return [
        protokollieren(benutzer=sachbearbeitung50, aktion=f"aktion-{i}", objekt=einheiten["50"], daten={"i": i})
        for i in range(3)
    ]


def test_eintraege_sind_verkettet(eintraege):
    assert eintraege[0].vorher_hash == START_HASH
    assert eintraege[1].vorher_hash == eintraege[0].hash
    assert eintraege[2].vorher_hash == eintraege[1].hash
    assert kette_pruefen().intakt
    call_command("protokoll_pruefen")


def test_veraenderter_eintrag_wird_erkannt(eintraege):
    Protokolleintrag.objects.filter(pk=eintraege[1].pk).update(aktion="gefälscht")
    ergebnis = kette_pruefen()
    assert not ergebnis.intakt
    assert ergebnis.fehler == [f"Eintrag {eintraege[1].pk}: Inhalt wurde nachträglich verändert."]
    with pytest.raises(CommandError, match="Protokoll beschädigt"):
        call_command("protokoll_pruefen")


def test_geloeschter_eintrag_wird_erkannt(eintraege):
    Protokolleintrag.objects.filter(pk=eintraege[1].pk).delete()
    ergebnis = kette_pruefen()
    assert ergebnis.fehler == [
        f"Eintrag {eintraege[2].pk}: Verkettung unterbrochen (Vorgänger fehlt oder wurde verändert)."
    ]
