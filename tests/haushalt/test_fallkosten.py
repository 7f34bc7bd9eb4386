"""Mengen- und Preiseffekt: table tests with exact Decimal values (no database)."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from haushalt.fallkosten import Aufteilung, KeineAufteilung, Zustand, mengen_preis_aufteilung


def _plan(f, a):
    return Zustand("den Ansatz 2026", None if f is None else D(f), None if a is None else D(a))


def _ist(f, a):
    return Zustand("das Ist 2026", None if f is None else D(f), None if a is None else D(a))


def test_beispiel_aus_dem_issue():
    """Ansatz 12.000.000,00 € for 1.000 Fälle; Ist 13.110.000,00 € for 1.050 Fälle."""
    ergebnis = mengen_preis_aufteilung(plan=_plan("1000", "12000000.00"), ist=_ist("1050", "13110000.00"))
    assert ergebnis == Aufteilung(
        kosten_je_fall_p=D("12000.00"),
        kosten_je_fall_i=D("12485.71"),
        mengeneffekt=D("600000.00"),
        preiseffekt=D("510000.00"),
        abweichung=D("1110000.00"),
        rundungsdifferenz=D("0.00"),
    )


# (F_P, A_P, F_I, A_I) -> (K_P, K_I, Mengeneffekt, Preiseffekt, Abweichung, Rundungsdifferenz)
FAELLE = [
    # more cases, dearer cases
    (
        ("1000", "12000000.00", "1050", "13110000.00"),
        ("12000.00", "12485.71", "600000.00", "510000.00", "1110000.00", "0.00"),
    ),
    # negative deviation: fewer and cheaper cases
    (
        ("1826", "24289763.00", "1790", "22429603.00"),
        ("13302.17", "12530.50", "-478878.13", "-1381281.87", "-1860160.00", "0.00"),
    ),
    # fewer cases but dearer: effects with opposite signs
    (
        ("500", "6000000.00", "450", "6075000.00"),
        ("12000.00", "13500.00", "-600000.00", "675000.00", "75000.00", "0.00"),
    ),
    # no deviation at all
    (("100", "1000.00", "100", "1000.00"), ("10.00", "10.00", "0.00", "0.00", "0.00", "0.00")),
    # Aufwand 0 in plan: cost per case 0, everything is Preiseffekt
    (("10", "0.00", "12", "120.00"), ("0.00", "10.00", "0.00", "120.00", "120.00", "0.00")),
    # rounding rule: cent(Menge) 3,89 + cent(Preis) 88,36 = 92,25 ≠ 92,24 → the cent goes to the Preiseffekt
    (("2", "7.77", "3", "100.01"), ("3.89", "33.34", "3.89", "88.35", "92.24", "-0.01")),
    # rounding rule, the other direction
    (("2", "7.77", "1", "1.00"), ("3.89", "1.00", "-3.89", "-2.88", "-6.77", "0.01")),
    # fractional Fallzahl (a Kennzahl value with decimals)
    (
        ("1789.20", "23800000.00", "1801.5", "24300000.00"),
        ("13302.03", "13488.76", "163615.02", "336384.98", "500000.00", "0.00"),
    ),
]


@pytest.mark.parametrize(("eingabe", "erwartet"), FAELLE)
def test_aufteilung_tabelle(eingabe, erwartet):
    f_p, a_p, f_i, a_i = eingabe
    ergebnis = mengen_preis_aufteilung(plan=_plan(f_p, a_p), ist=_ist(f_i, a_i))
    assert isinstance(ergebnis, Aufteilung)
    assert (
        ergebnis.kosten_je_fall_p,
        ergebnis.kosten_je_fall_i,
        ergebnis.mengeneffekt,
        ergebnis.preiseffekt,
        ergebnis.abweichung,
        ergebnis.rundungsdifferenz,
    ) == tuple(D(w) for w in erwartet)
    # The two effects always add up to the deviation, to the cent.
    assert ergebnis.mengeneffekt + ergebnis.preiseffekt == D(a_i) - D(a_p)


KEINE = [
    ((None, "100.00", "10", "100.00"), "Für den Ansatz 2026 liegt keine Fallzahl vor."),
    (("10", "100.00", None, "100.00"), "Für das Ist 2026 liegt keine Fallzahl vor."),
    (("0", "100.00", "10", "100.00"), "Die Fallzahl für den Ansatz 2026 ist 0; Kosten je Fall sind nicht bestimmbar."),
    (("10", "100.00", "0", "0.00"), "Die Fallzahl für das Ist 2026 ist 0; Kosten je Fall sind nicht bestimmbar."),
    (("-5", "100.00", "10", "100.00"), "Die Fallzahl für den Ansatz 2026 ist negativ."),
    (("10", None, "10", "100.00"), "Für den Ansatz 2026 liegt kein Transferaufwand vor."),
    (("10", "100.00", "10", None), "Für das Ist 2026 liegt kein Transferaufwand vor."),
]


@pytest.mark.parametrize(("eingabe", "grund"), KEINE)
def test_keine_aufteilung_ohne_fallzahl_oder_aufwand_mit_deutschem_grund(eingabe, grund):
    f_p, a_p, f_i, a_i = eingabe
    assert mengen_preis_aufteilung(plan=_plan(f_p, a_p), ist=_ist(f_i, a_i)) == KeineAufteilung(grund)
