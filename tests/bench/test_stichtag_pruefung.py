"""Benchmark "Stichtag": the check that compares the acknowledged saves with the database.

A save is acknowledged once (HTTP 2xx); the database must hold the last acknowledged value and
revision, and exactly one history row per acknowledged save.
"""

from __future__ import annotations

import json
from decimal import Decimal as D

import pytest

from bench.b7_stichtag import pruefen
from steuerung.erfassung import messwert_speichern
from tests.steuerung.factories_tertial import TKennzahlFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def zweimal_gespeichert(einheiten, sachbearbeitung50):
    k = TKennzahlFactory(organisationseinheit=einheiten["50 21"])
    m = messwert_speichern(
        kennzahl=k, periode="2026-T2", user=sachbearbeitung50, revision=None, wert=D("45"), entwurf=True
    )
    return messwert_speichern(
        kennzahl=k, periode="2026-T2", user=sachbearbeitung50, revision=m.revision, wert=D("46"), entwurf=True
    )


@pytest.mark.parametrize(
    ("wert", "revision", "bestaetigt", "erwartet"),
    [
        ("46", 2, 2, {"falsch": 0, "verloren": 0, "doppelt": 0}),
        ("46.0000", 2, 2, {"falsch": 0, "verloren": 0, "doppelt": 0}),
        ("45", 2, 2, {"falsch": 1, "verloren": 0, "doppelt": 0}),
        ("46", 1, 2, {"falsch": 1, "verloren": 0, "doppelt": 0}),
        ("46", 2, 3, {"falsch": 0, "verloren": 1, "doppelt": 0}),
        ("46", 2, 1, {"falsch": 0, "verloren": 0, "doppelt": 1}),
    ],
    ids=["stimmt", "stimmt-dezimal", "falscher-wert", "falscher-stand", "verloren", "doppelt"],
)
def test_pruefung_findet_falsche_verlorene_und_doppelte_speicherungen(
    zweimal_gespeichert, tmp_path, wert, revision, bestaetigt, erwartet
):
    datei = tmp_path / "erwartet.json"
    werte = {str(zweimal_gespeichert.pk): {"wert": wert, "revision": revision, "bestaetigt": bestaetigt}}
    datei.write_text(json.dumps({"werte": werte, "history_max": 0}))
    ergebnis = pruefen(str(datei))
    assert {k: ergebnis[k] for k in erwartet} == erwartet
    assert (ergebnis["messwerte"], ergebnis["mehrfache_zeilen"]) == (1, 0)
