"""What happened, set beside the ex-ante assumption of a measure: pure functions over Decimal.

Ex ante: Fälle × erwartete Erfolgsquote × vermiedene Kosten je Fall und Jahr (DOMAIN.md §5).
Realised, from the documented cases:
- Erfolgsquote = erfolgreich / (erfolgreich + nicht erfolgreich + abgebrochen), closed cases only;
- vermiedene Kosten je erfolgreichem Fall und Jahr = mean over successful cases of
  (vermiedene − neue Kosten je Monat) × 12, the net effect the curve counts;
- Einsparung je Jahr = dokumentierte Fälle × realised Quote × realised Kosten, computed from
  the exact quotient and rounded once to cents.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, localcontext

from core.money import cent, runden


@dataclass(frozen=True)
class Fallzahlen:
    """Case counts per outcome and the sum of (vermiedene − neue) per month of the successful ones."""

    offen: int = 0
    erfolgreich: int = 0
    nicht_erfolgreich: int = 0
    abgebrochen: int = 0
    summe_erfolgreich_monat: Decimal = Decimal("0.00")

    @property
    def abgeschlossen(self) -> int:
        return self.erfolgreich + self.nicht_erfolgreich + self.abgebrochen

    @property
    def dokumentiert(self) -> int:
        return self.offen + self.abgeschlossen


@dataclass(frozen=True)
class Realisierung:
    faelle: int  # documented cases
    abgeschlossen: int
    erfolgreich: int
    erfolgsquote: Decimal | None  # 0..1, four decimals; None without closed cases
    kosten_je_fall_jahr: Decimal | None  # cents; None without successful cases
    einsparung_jahr: Decimal | None  # cents; None without closed cases


def realisierung(zahlen: Fallzahlen) -> Realisierung:
    """Realised rate, avoided cost per successful case and year, and their product (see module docstring)."""
    with localcontext() as ctx:
        ctx.prec = 50
        quote = Decimal(zahlen.erfolgreich) / zahlen.abgeschlossen if zahlen.abgeschlossen else None
        kosten = zahlen.summe_erfolgreich_monat * 12 / zahlen.erfolgreich if zahlen.erfolgreich else None
        # faelle × (e / closed) × (Σ × 12 / e) = faelle × Σ × 12 / closed: exact, one rounding.
        einsparung = (
            Decimal(zahlen.dokumentiert) * zahlen.summe_erfolgreich_monat * 12 / zahlen.abgeschlossen
            if zahlen.abgeschlossen
            else None
        )
        return Realisierung(
            faelle=zahlen.dokumentiert,
            abgeschlossen=zahlen.abgeschlossen,
            erfolgreich=zahlen.erfolgreich,
            erfolgsquote=None if quote is None else runden(quote, 4),
            kosten_je_fall_jahr=None if kosten is None else cent(kosten),
            einsparung_jahr=None if einsparung is None else cent(einsparung),
        )
