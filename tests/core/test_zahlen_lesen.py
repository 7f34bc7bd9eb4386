"""core.money.parse_de, the one reader of German numbers (forms, Excel and CSV imports):
exact Decimals for the shapes it documents, a German refusal for every shape it would guess."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from core.money import parse_de


@pytest.mark.parametrize(
    ("text", "wert"),
    [
        ("1.234,5", D("1234.5")),
        ("1234,5", D("1234.5")),
        ("1234.5", D("1234.5")),
        ("1.234", D("1234")),
        ("1.234.567,89", D("1234567.89")),
        ("-12,50 €", D("-12.50")),
        ("45 %", D("45")),
        (",5", D("0.5")),
        ("0.5", D("0.5")),
        ("1\u00a0234,5", D("1234.5")),
    ],
)
def test_liest_deutsche_zahlen_exakt(text, wert):
    assert parse_de(text) == wert


@pytest.mark.parametrize("text", ["1,234.5", "1,000.0", "1.234.5", "0.125", "1e5", "1e400", "NaN", "Infinity", "abc"])
def test_mehrdeutige_formen_werden_abgelehnt_statt_geraten(text):
    with pytest.raises(ValueError) as fehler:
        parse_de(text)
    assert str(fehler.value) == f"„{text}“ ist keine gültige Zahl (Beispiel: 1.234,56)."


def test_leer_gibt_deutsche_meldung():
    with pytest.raises(ValueError, match="Bitte eine Zahl eingeben."):
        parse_de("  ")
