"""Pure rules of the Finanzdatenblatt and the report's finance section (Decimal in, Decimal out)."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from core.money import cent

NULL = Decimal("0")


def zuschussbedarf(*, ertraege: Decimal | None, aufwendungen: Decimal | None) -> Decimal | None:
    """Σ Aufwendungen − Σ Erträge; None only when neither side has an amount."""
    if ertraege is None and aufwendungen is None:
        return None
    return (aufwendungen or NULL) - (ertraege or NULL)


def summe(werte: Iterable[Decimal | None]) -> Decimal | None:
    """Sum of the present values; None when none is present (no amount is not the amount 0)."""
    vorhanden = [w for w in werte if w is not None]
    return sum(vorhanden, NULL) if vorhanden else None


def je_einwohner(betrag: Decimal | None, einwohner: int | None) -> Decimal | None:
    if betrag is None or not einwohner or einwohner <= 0:
        return None
    return cent(betrag / Decimal(einwohner))


def erklaerung_noetig(
    *, ansatz: Decimal | None, prognose: Decimal | None, schwelle_prozent: Decimal, schwelle_betrag: Decimal
) -> bool:
    """Begründung and Gegensteuerung are required when |Prognose − Ansatz| exceeds either threshold.

    Compared unrounded (|Abweichung| · 100 > Prozent · |Ansatz|), so a deviation of 10,04 % is
    above 10 % although it is shown as "10,0 %"; exactly at a threshold is not above it. Without
    an Ansatz or a Prognose there is no deviation; with an Ansatz of 0 only the amount counts.
    """
    if ansatz is None or prognose is None:
        return False
    abweichung = abs(prognose - ansatz)
    if abweichung > schwelle_betrag:
        return True
    return ansatz != 0 and abweichung * 100 > schwelle_prozent * abs(ansatz)
