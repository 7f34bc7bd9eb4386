"""The goal tree's parent rule (steuerung.zielbaum), pure: no database."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from steuerung.zielbaum import LEITZIEL_PFADE, eltern_von, leitziel_von


def ziel(**ids):
    felder = ("leitziel", "produktgruppenziel", "produktziel", "teilziel", "eltern")
    return SimpleNamespace(**{f"{f}_id": ids.get(f) for f in felder})


@pytest.mark.parametrize(
    ("ebene", "z", "erwartet"),
    [
        ("leitziel", ziel(), None),
        ("produktgruppenziel", ziel(leitziel=1), ("leitziel", 1)),
        ("produktziel", ziel(produktgruppenziel=2), ("produktgruppenziel", 2)),
        ("teilziel", ziel(produktziel=3), ("produktziel", 3)),
        ("teilziel", ziel(produktziel=3, eltern=4), ("teilziel", 4)),  # nested: under its parent Teilziel
        ("massnahme", ziel(produktziel=3), ("produktziel", 3)),
        ("massnahme", ziel(teilziel=5), ("teilziel", 5)),
        ("massnahme", ziel(), None),  # a Maßnahme without a goal ("ohne Leitziel")
    ],
)
def test_eltern_von(ebene, z, erwartet):
    assert eltern_von(ebene, z) == erwartet


def test_leitziel_pfade_fuehren_von_jeder_ebene_zum_leitziel():
    assert set(LEITZIEL_PFADE) == {
        "leitziel",
        "produktgruppenziel__leitziel",
        "produktziel__produktgruppenziel__leitziel",
        "teilziel__produktziel__produktgruppenziel__leitziel",
        "massnahme__produktziel__produktgruppenziel__leitziel",
        "massnahme__teilziel__produktziel__produktgruppenziel__leitziel",
    }


def test_leitziel_von_folgt_dem_gesetzten_pfad():
    lz = SimpleNamespace(code="LZ 1")
    pz = SimpleNamespace(produktgruppenziel=SimpleNamespace(leitziel=lz))
    massnahme = SimpleNamespace(teilziel=None, produktziel=pz)
    kennzahl = SimpleNamespace(
        leitziel=None, produktgruppenziel=None, produktziel=None, teilziel=None, massnahme=massnahme
    )
    assert leitziel_von(kennzahl) is lz
    assert leitziel_von(SimpleNamespace()) is None
