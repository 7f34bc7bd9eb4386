"""Amounts of a finance export: the fast path for de-DE amounts gives what the full parse gives."""

from __future__ import annotations

from decimal import Decimal

import pytest

from core.money import cent, parse_de
from haushalt.importdatei import zelle_betrag


@pytest.mark.parametrize(
    "text",
    ["0,00", "-0,00", "79,20", "1.234,56", "-1.234.567,89", "999.999.999.999,99", "1234567,01", "12,5", "7", "+3,00"],
)
def test_betrag_wie_volle_pruefung(text):
    erwartet = cent(parse_de(text))
    ergebnis = zelle_betrag(text)
    assert (ergebnis, ergebnis.as_tuple()) == (erwartet, erwartet.as_tuple())


@pytest.mark.parametrize(
    ("text", "meldung"),
    [
        ("1.000.000.000.000,00", "zu groß"),
        ("1,234", "mehr als zwei Nachkommastellen"),
        ("1.23,45", "keine gültige Zahl"),
    ],
)
def test_fehlerhafte_betraege_behalten_ihre_meldung(text, meldung):
    with pytest.raises(ValueError, match=meldung):
        zelle_betrag(text)


def test_betrag_aus_excel_zellen():
    assert zelle_betrag(12.5) == Decimal("12.50")
    assert zelle_betrag(3) == Decimal("3")
