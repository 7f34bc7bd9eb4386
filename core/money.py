"""Numbers: the one rounding helper (`runden`, ROUND_HALF_UP) and de-DE formatting and parsing; never float."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal


def runden(betrag: Decimal, stellen: int = 2) -> Decimal:
    """Round commercially (half up) to `stellen` decimal places."""
    return betrag.quantize(Decimal(1).scaleb(-stellen), rounding=ROUND_HALF_UP)


def cent(betrag: Decimal) -> Decimal:
    """Round a money amount to cents (half up)."""
    return runden(betrag, 2)


def format_de(betrag: Decimal | None, stellen: int = 2, einheit: str = "") -> str:
    """Format as de-DE: 1.234,56 (with an optional unit such as "€")."""
    if betrag is None:
        return "–"
    text = f"{runden(Decimal(betrag), stellen):,.{stellen}f}".replace(",", "\u0001").replace(".", ",")
    text = text.replace("\u0001", ".")
    return f"{text} {einheit}".strip() if einheit else text


# Plain digits with an optional decimal comma; dots as thousands separators in groups of three;
# or one decimal dot that cannot be a thousands separator ("1234.5").
_ZAHL_DE = re.compile(r"[+-]?(?:\d+(?:,\d+)?|,\d+|[1-9]\d{0,2}(?:\.\d{3})+(?:,\d+)?|\d+\.(?:\d{1,2}|\d{4,}))")


def parse_de(text: str) -> Decimal:
    """Parse a de-DE number ("1.234,5"); raises ValueError with a German message otherwise.

    A plain "1234.5" (one dot, no comma, not three digits after it) is accepted too, since
    values copied from other systems often look like that; "1.234" is read as 1234. Shapes that
    would have to be guessed ("1,234.5", "1.234.5", "0.125", "1e5") are refused, not misread.
    """
    roh = (text or "").strip().replace("\u00a0", "").replace(" ", "").replace("€", "").replace("%", "")
    if not roh:
        raise ValueError("Bitte eine Zahl eingeben.")
    if not _ZAHL_DE.fullmatch(roh):
        raise ValueError(f"„{text}“ ist keine gültige Zahl (Beispiel: 1.234,56).")
    if "," in roh:
        roh = roh.replace(".", "").replace(",", ".")
    elif roh.count(".") == 1 and len(roh.split(".")[1]) != 3:
        pass
    else:
        roh = roh.replace(".", "")
    try:
        wert = Decimal(roh)
    except ArithmeticError as exc:
        raise ValueError(f"„{text}“ ist keine gültige Zahl (Beispiel: 1.234,56).") from exc
    if not wert.is_finite():
        raise ValueError(f"„{text}“ ist keine gültige Zahl (Beispiel: 1.234,56).")
    return wert
