"""What a value means by its Messart: pure functions over Decimal (no ORM), issue "Kennzahlen II".

- `summe`: a count over the period; the year is the sum of its periods, units add up.
- `bestand`: a stock at the period's Stichtag; the year is its latest value, units add up.
- `quote`: Zähler / Nenner × Skalierung (1, 100 or 1.000). With counts, the rate is computed, never
  typed, and every aggregate over periods or units is Σ Zähler / Σ Nenner × Skalierung, never a
  mean of rates (a mean of rates weights a unit of 10 cases like one of 10.000).
- `mittelwert`: an average over the period (days of processing, cost per case); the aggregate is
  the mean weighted by each value's Fallzahl when every value has one, else the plain mean.

`messwert_eingabe` checks one entry of these fields and says in German what does not fit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _

from core.money import format_de, runden

SUMME = "summe"
BESTAND = "bestand"
QUOTE = "quote"
MITTELWERT = "mittelwert"

# A typed rate is accepted next to its counts when it agrees to two decimals (it is then replaced
# by the computed one): clients often send the rate they display along with the counts.
TOLERANZ_QUOTE = Decimal("0.005")
# The stored value has the precision of the model field; computations use the exact rate.
STELLEN_GESPEICHERT = 4


@dataclass(frozen=True)
class Periodenwert:
    """One period's entry as the rules need it: the Stichtag and the value with its counts.

    `wert` is the stored value (for a `quote` with counts, the rate rounded to the field's four
    decimals); `zaehler`/`nenner` are the counts of a rate; `fallzahl` weights an average.
    """

    ende: date
    wert: Decimal | None
    zaehler: Decimal | None = None
    nenner: Decimal | None = None
    fallzahl: Decimal | None = None

    @property
    def hat_zaehler_und_nenner(self) -> bool:
        return self.zaehler is not None and self.nenner is not None and self.nenner != 0


def quote_wert(*, zaehler: Decimal, nenner: Decimal, skalierung: Decimal) -> Decimal | None:
    """Zähler / Nenner × Skalierung at full precision; None for a Nenner of 0 (no rate exists)."""
    if nenner == 0:
        return None
    return zaehler / nenner * skalierung


def ist_wert(wert: Periodenwert, *, messart: str, skalierung: Decimal) -> Decimal | None:
    """The value the rules compute with: a rate from its counts (exact), otherwise the stored value."""
    if messart == QUOTE and wert.hat_zaehler_und_nenner:
        assert wert.zaehler is not None and wert.nenner is not None
        return quote_wert(zaehler=wert.zaehler, nenner=wert.nenner, skalierung=skalierung)
    return wert.wert


def quote_verdichtet(werte: Sequence[Periodenwert], *, skalierung: Decimal) -> Decimal | None:
    """Σ Zähler / Σ Nenner × Skalierung; None when a value lacks its counts or the Nenner sum is 0."""
    if not werte or not all(w.hat_zaehler_und_nenner for w in werte):
        return None
    zaehler = sum((w.zaehler for w in werte if w.zaehler is not None), Decimal(0))
    nenner = sum((w.nenner for w in werte if w.nenner is not None), Decimal(0))
    return quote_wert(zaehler=zaehler, nenner=nenner, skalierung=skalierung)


def mittelwert(werte: Sequence[Periodenwert]) -> Decimal | None:
    """Mean weighted by Fallzahl when every value has one (and they are not all 0), else the plain mean.

    Values without a number are left out; None when none is left.
    """
    paare = [(w.wert, w.fallzahl) for w in werte if w.wert is not None]
    if not paare:
        return None
    gewichte = [f for _w, f in paare if f is not None]
    if len(gewichte) == len(paare) and sum(gewichte, Decimal(0)) > 0:
        return sum((w * (f or 0) for w, f in paare), Decimal(0)) / sum(gewichte, Decimal(0))
    return sum((w for w, _f in paare), Decimal(0)) / Decimal(len(paare))


def ueber_perioden(werte: Sequence[Periodenwert], *, messart: str, skalierung: Decimal) -> Decimal | None:
    """The value of several periods of one unit (e.g. the year so far), by the Messart's rule.

    Periods without a value are left out of a rate or an average (they still describe the
    periods that have one), but a sum with a gap would understate the total. None when it cannot
    be formed honestly: a `summe` with a gap, a `quote` with a value that lacks its counts, no
    value at all.
    """
    if not werte:
        return None
    if messart == SUMME:
        if any(w.wert is None for w in werte):
            return None
        return sum((w.wert for w in werte if w.wert is not None), Decimal(0))
    if messart == QUOTE:
        mit_wert = [w for w in werte if w.wert is not None or w.hat_zaehler_und_nenner]
        return quote_verdichtet(mit_wert, skalierung=skalierung)
    if messart == MITTELWERT:
        return mittelwert(werte)
    letzte = [w for w in werte if w.wert is not None]
    return max(letzte, key=lambda w: w.ende).wert if letzte else None


def ueber_einheiten(werte: Sequence[Periodenwert], *, messart: str, skalierung: Decimal) -> Decimal | None:
    """The value of several units for the same period: counts and stocks add up, rates and averages do not.

    None when a unit has no value (a partial total would understate the whole) or, for a `quote`,
    lacks its counts.
    """
    if not werte:
        return None
    if messart == QUOTE:
        return quote_verdichtet(werte, skalierung=skalierung)
    if messart == MITTELWERT:
        return mittelwert(werte) if all(w.wert is not None for w in werte) else None
    if any(w.wert is None for w in werte):
        return None
    return sum((w.wert for w in werte if w.wert is not None), Decimal(0))


@dataclass(frozen=True)
class Eingabepruefung:
    """Result of checking one entry: the value to store, or German messages per field."""

    wert: Decimal | None
    fehler: dict[str, str] = field(default_factory=dict)


def _zahl(wert: Decimal) -> str:
    """de-DE with two decimals; whole counts without them ("25 / 200 × 100 = 12,50")."""
    return format_de(wert, 0 if wert == wert.to_integral_value() else 2)


def messwert_eingabe(
    *,
    messart: str,
    skalierung: Decimal,
    wert: Decimal | None,
    zaehler: Decimal | None,
    nenner: Decimal | None,
    fallzahl: Decimal | None,
    fehlt_begruendung: str,
    entwurf: bool,
    sorgenampel: bool,
) -> Eingabepruefung:
    """Check the value fields of one Messwert; return the value to store.

    Rules: Zähler and Nenner only for a `quote`, both or neither, Nenner above 0, Zähler not
    negative; the rate is computed from them (a typed rate must agree to two decimals); a
    Fallzahl only for a `mittelwert`, not negative; a value and a reason why it is missing
    exclude each other; a final save (no draft, no Sorgenampel) needs one of the two.
    """
    fehler: dict[str, str] = {}
    grund = (fehlt_begruendung or "").strip()
    if zaehler is not None or nenner is not None:
        if messart != QUOTE:
            fehler["zaehler"] = _("Zähler und Nenner gibt es nur bei einer Kennzahl der Messart Quote.")
        elif nenner is None:
            fehler["nenner"] = _("Zum Zähler fehlt der Nenner.")
        elif zaehler is None:
            fehler["zaehler"] = _("Zum Nenner fehlt der Zähler.")
        elif nenner <= 0:
            fehler["nenner"] = _("Der Nenner muss größer als 0 sein.")
        elif zaehler < 0:
            fehler["zaehler"] = _("Der Zähler darf nicht negativ sein.")
        else:
            berechnet = quote_wert(zaehler=zaehler, nenner=nenner, skalierung=skalierung)
            assert berechnet is not None
            if wert is None or abs(wert - berechnet) <= TOLERANZ_QUOTE:
                wert = runden(berechnet, STELLEN_GESPEICHERT)
            else:
                fehler["wert"] = _(
                    "Der Wert %(wert)s passt nicht zu Zähler und Nenner (%(z)s / %(n)s × %(s)s = %(b)s). "
                    "Lassen Sie den Wert leer, er wird berechnet."
                ) % {
                    "wert": format_de(wert, 2),
                    "z": _zahl(zaehler),
                    "n": _zahl(nenner),
                    "s": _zahl(skalierung),
                    "b": format_de(berechnet, 2),
                }
    if fallzahl is not None:
        if messart != MITTELWERT:
            fehler["fallzahl"] = _("Eine Fallzahl gibt es nur bei einer Kennzahl der Messart Mittelwert.")
        elif fallzahl < 0:
            fehler["fallzahl"] = _("Die Fallzahl darf nicht negativ sein.")
    if grund and wert is not None:
        fehler["fehlt_begruendung"] = _(
            "Ein Wert und eine Begründung, warum er fehlt, schließen sich aus. Bitte nur eines angeben."
        )
    if not grund and wert is None and not entwurf and not sorgenampel and not fehler:
        fehler["wert"] = _(
            "Bitte einen Wert eingeben oder begründen, warum er fehlt. Ohne beides können Sie nur als Entwurf speichern."
        )
    return Eingabepruefung(wert, fehler)
