"""The consolidation curve of an HSK-Maßnahme: a pure function over Decimal (no ORM).

This is the contract for charts, API and reports (issue "HSK-Controlling"):
months run from the month of `beginn` to `bis`; per month m with T(m) days and A(m) days of m
inside [beginn, ende]:

- personalkosten(m) = personalkosten_jahr / 12 × A(m) / T(m), rounded to cents; with Stellen,
  Σ over the Stellen of jahreskosten / 12 × (days of m in the Stelle's interval) / T(m), summed
  exactly, then rounded (controlling.stellen);
- soll(m) = the year's Soll spread over the year's months in proportion to A(m), in cents
  that add up exactly (largest remainder, ties to the earlier month);
- brutto(m) = Σ (vermiedene − neue Kosten) × D(case, m) / T(m), summed exactly, then rounded;
  cases deleted after their retention period enter through `archiv`: the exact numerator
  Σ (vermiedene − neue) × D per month (see `monatsbeitraege`), added before the division;
- netto(m) = brutto(m) − personalkosten(m); cumulative sums of the rounded monthly values;
- phase(m) and the amortisation month as defined below.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, localcontext

from controlling.stellen import Stellenzeitraum, kostenzeitraeume
from core.money import cent

NULL = Decimal("0.00")
MAX_MONATE = 240

INVESTPHASE = "investphase"
ANNAEHERUNGSPHASE = "annaeherungsphase"
UEBERSCHUSSPHASE = "ueberschussphase"


@dataclass(frozen=True)
class Fall:
    """What the curve needs of one Einzelfall."""

    wirkungsbeginn: date | None
    wirkungsende: date | None
    vermiedene_kosten_monat: Decimal
    neue_kosten_monat: Decimal = NULL


@dataclass(frozen=True)
class Monatswert:
    monat: str  # "2024-02"
    soll: Decimal
    brutto: Decimal
    personalkosten: Decimal
    netto: Decimal
    soll_kumuliert: Decimal
    brutto_kumuliert: Decimal
    netto_kumuliert: Decimal
    phase: str

    @property
    def jahr(self) -> int:
        return int(self.monat[:4])


@dataclass(frozen=True)
class Jahreswert:
    jahr: int
    soll: Decimal
    brutto: Decimal
    personalkosten: Decimal
    netto: Decimal


@dataclass(frozen=True)
class Verlauf:
    monate: list[Monatswert]
    jahre: list[Jahreswert]
    amortisation: str | None  # "2025-01" or None


def _teilen(zaehler: Decimal, nenner: int) -> Decimal:
    """zaehler / nenner rounded half up to cents; high precision so only the final rounding counts."""
    with localcontext() as ctx:
        ctx.prec = 60
        return cent(zaehler / nenner)


def _ueberlappung(monat_beginn: date, monat_ende: date, von: date | None, bis: date | None) -> int:
    """Days of [monat_beginn, monat_ende] inside [von, bis]; None as `von` means no interval at all."""
    if von is None:
        return 0
    start = max(monat_beginn, von)
    ende = monat_ende if bis is None else min(monat_ende, bis)
    return max(0, (ende - start).days + 1)


def _monatsgrenzen(jahr: int, monat: int) -> tuple[date, date, int]:
    tage = calendar.monthrange(jahr, monat)[1]
    return date(jahr, monat, 1), date(jahr, monat, tage), tage


def soll_verteilen(betrag: Decimal, gewichte: list[int]) -> list[Decimal]:
    """Spread `betrag` over the weights in cents that add up exactly.

    Largest remainder method: every share gets the floor of its exact quota in cents, the
    missing cents go to the largest remainders; ties go to the earlier position. All weights
    zero gives zeros (nothing to spread over).
    """
    summe = sum(gewichte)
    if summe == 0:
        return [NULL for _ in gewichte]
    cents = int(cent(betrag) * 100)
    anteile = [divmod(cents * g, summe) for g in gewichte]
    rest = cents - sum(q for q, _ in anteile)
    reihenfolge = sorted(range(len(gewichte)), key=lambda i: (-anteile[i][1], i))
    zuschlag = set(reihenfolge[:rest])
    return [Decimal(q + (1 if i in zuschlag else 0)) / 100 for i, (q, _) in enumerate(anteile)]


def horizont_ende(*, beginn: date, soll_jahre: Iterable[int], heute: date, bis: tuple[int, int] | None = None) -> date:
    """Last day of the horizon: `bis` if given, else December of the last Soll year (or of this year).

    Raises ValueError (German) if the horizon ends before the measure begins or exceeds 240 months.
    """
    if bis is not None:
        jahr, monat = bis
    else:
        jahre = list(soll_jahre)
        jahr, monat = (max(jahre) if jahre else heute.year), 12
    anzahl = (jahr - beginn.year) * 12 + monat - beginn.month + 1
    if anzahl < 1:
        raise ValueError("Das Ende des Betrachtungszeitraums liegt vor dem Beginn der Maßnahme.")
    if anzahl > MAX_MONATE:
        raise ValueError(f"Der Betrachtungszeitraum ist auf {MAX_MONATE} Monate begrenzt.")
    return _monatsgrenzen(jahr, monat)[1]


def phase_kandidat(*, soll: Decimal, brutto: Decimal, netto: Decimal) -> str:
    """The monthly phase rule; since "HSK-Controlling II" the candidate of the phase sequence."""
    if netto < 0:
        return INVESTPHASE
    if brutto >= soll:
        return UEBERSCHUSSPHASE
    return ANNAEHERUNGSPHASE


def verlauf_berechnen(
    *,
    beginn: date,
    ende: date | None,
    personalkosten_jahr: Decimal,
    soll: Mapping[int, Decimal],
    faelle: Iterable[Fall],
    heute: date,
    bis: tuple[int, int] | None = None,
    archiv: Mapping[str, Decimal] | None = None,
    stellen: Sequence[Stellenzeitraum] = (),
) -> Verlauf:
    """Compute the monthly curve, the yearly sums and the amortisation month.

    `archiv` maps "YYYY-MM" to the archived numerator Σ (vermiedene − neue) × D of deleted
    cases; it is added to the live cases' numerator before the one rounding, so the result
    is the same as if those cases still existed. With `stellen`, staff costs come from them
    (their intervals within the measure) instead of `personalkosten_jahr`.

    Raises ValueError with a German message for inconsistent input (ende before beginn, a case
    whose effect ends before it starts, a horizon that is empty or too long).
    """
    if ende is not None and ende < beginn:
        raise ValueError("Das Ende der Maßnahme darf nicht vor ihrem Beginn liegen.")
    faelle = list(faelle)
    for fall in faelle:
        if fall.wirkungsbeginn and fall.wirkungsende and fall.wirkungsende < fall.wirkungsbeginn:
            raise ValueError("Das Wirkungsende eines Falls darf nicht vor dem Wirkungsbeginn liegen.")
    horizont = horizont_ende(beginn=beginn, soll_jahre=soll.keys(), heute=heute, bis=bis)
    archiv = archiv or {}

    # Soll per month: spread each year over all its months (independent of the horizon).
    soll_monat: dict[tuple[int, int], Decimal] = {}
    for jahr in range(beginn.year, horizont.year + 1):
        gewichte = [_ueberlappung(*_monatsgrenzen(jahr, m)[:2], beginn, ende) for m in range(1, 13)]
        verteilt = soll_verteilen(soll.get(jahr, NULL), gewichte)
        soll_monat.update({(jahr, m): verteilt[m - 1] for m in range(1, 13)})

    # Each case's effect interval, clipped to the measure's beginn and the horizon.
    wirkungen = [
        (max(f.wirkungsbeginn, beginn), f.wirkungsende or horizont, f.vermiedene_kosten_monat - f.neue_kosten_monat)
        for f in faelle
        if f.wirkungsbeginn is not None
    ]

    # Staff cost intervals: each Stelle within the measure (or the measure itself without Stellen).
    kosten = kostenzeitraeume(beginn=beginn, ende=ende, personalkosten_jahr=personalkosten_jahr, stellen=stellen)

    monate: list[Monatswert] = []
    summen = {"soll": NULL, "brutto": NULL, "netto": NULL}
    jahr, monat = beginn.year, beginn.month
    while date(jahr, monat, 1) <= horizont:
        erster, letzter, tage = _monatsgrenzen(jahr, monat)
        personalkosten = _teilen(sum((k * _ueberlappung(erster, letzter, v, e) for v, e, k in kosten), NULL), 12 * tage)
        zaehler = sum((b * _ueberlappung(erster, letzter, v, e) for v, e, b in wirkungen), NULL)
        brutto = _teilen(zaehler + archiv.get(f"{jahr:04d}-{monat:02d}", NULL), tage)
        netto = brutto - personalkosten
        soll_m = soll_monat[(jahr, monat)]
        summen = {
            "soll": summen["soll"] + soll_m,
            "brutto": summen["brutto"] + brutto,
            "netto": summen["netto"] + netto,
        }
        monate.append(
            Monatswert(
                monat=f"{jahr:04d}-{monat:02d}",
                soll=soll_m,
                brutto=brutto,
                personalkosten=personalkosten,
                netto=netto,
                soll_kumuliert=summen["soll"],
                brutto_kumuliert=summen["brutto"],
                netto_kumuliert=summen["netto"],
                phase=phase_kandidat(soll=soll_m, brutto=brutto, netto=netto),
            )
        )
        jahr, monat = (jahr + 1, 1) if monat == 12 else (jahr, monat + 1)

    return Verlauf(monate=monate, jahre=jahressummen(monate), amortisation=amortisation(monate))


def monatsbeitraege(*, beginn: date, faelle: Iterable[Fall]) -> dict[str, tuple[Decimal, int]]:
    """Exact numerators of brutto(m) of closed cases: "YYYY-MM" -> (Σ (vermiedene − neue) × D, cases).

    Only cases with both wirkungsbeginn and wirkungsende contribute (an ongoing case has no
    fixed contribution, and only closed cases are ever deleted). D is clipped to the measure's
    beginn exactly as in `verlauf_berechnen`; months with no effect day are omitted.
    """
    summen: dict[str, tuple[Decimal, int]] = {}
    for fall in faelle:
        if fall.wirkungsbeginn is None or fall.wirkungsende is None:
            continue
        von = max(fall.wirkungsbeginn, beginn)
        if fall.wirkungsende < von:
            continue
        betrag = fall.vermiedene_kosten_monat - fall.neue_kosten_monat
        jahr, monat = von.year, von.month
        while date(jahr, monat, 1) <= fall.wirkungsende:
            erster, letzter, _tage = _monatsgrenzen(jahr, monat)
            tage = _ueberlappung(erster, letzter, von, fall.wirkungsende)
            schluessel = f"{jahr:04d}-{monat:02d}"
            alt, anzahl = summen.get(schluessel, (NULL, 0))
            summen[schluessel] = (alt + betrag * tage, anzahl + 1)
            jahr, monat = (jahr + 1, 1) if monat == 12 else (jahr, monat + 1)
    return summen


def jahressummen(monate: list[Monatswert]) -> list[Jahreswert]:
    """Per calendar year, the sums of the monthly soll, brutto, personalkosten and netto."""
    jahre: dict[int, list[Decimal]] = {}
    for m in monate:
        s = jahre.setdefault(m.jahr, [NULL, NULL, NULL, NULL])
        s[0] += m.soll
        s[1] += m.brutto
        s[2] += m.personalkosten
        s[3] += m.netto
    return [Jahreswert(jahr=j, soll=s[0], brutto=s[1], personalkosten=s[2], netto=s[3]) for j, s in jahre.items()]


def amortisation(monate: list[Monatswert]) -> str | None:
    """First month from which the cumulative netto stays ≥ 0 to the end; None if it ends negative."""
    erster: str | None = None
    for m in monate:
        if m.netto_kumuliert < 0:
            erster = None
        elif erster is None:
            erster = m.monat
    return erster
