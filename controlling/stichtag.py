"""Reading a stored curve at a Stichtag: Ist and Prognose, year sums, phases as a sequence.

Pure functions over Decimal (no ORM). The monthly rows the worker stores do not depend on the
date (controlling.verlauf); everything that does is derived here when reading (issue
"HSK-Controlling II"), at most 240 months per measure:

- a month whose last day is on or before the Stichtag is `ist`, every later month `prognose`;
- per year: `soll`, `soll_bis_stichtag` (Σ soll of its ist months), `*_ist` (Σ over its ist
  months) and `*_prognose` (Σ over all its months, ist and prognose);
- `amortisation`: first month from which the cumulative netto stays ≥ 0 through the last ist
  month; `amortisation_prognose`: the same over the whole horizon;
- phases: each month's candidate is the old monthly rule (`verlauf.phase_kandidat`); the phase
  changes only when three consecutive candidates all lie above (then the lowest of them) or
  all below (then the highest, a Rückfall) the previous phase. Only ist months get a phase.

A requested Stichtag may not lie after the default one (`stichtag_pruefen`): pages and API
reject it, so a forecast month is never shown as Ist.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Protocol

from django.utils.translation import gettext as _

from controlling.verlauf import ANNAEHERUNGSPHASE, INVESTPHASE, UEBERSCHUSSPHASE, amortisation, phase_kandidat
from core.periods import letzter_tag, standard_stichtag

IST = "ist"
PROGNOSE = "prognose"
NULL = Decimal("0.00")

# Order of the phases: a change "up" needs three candidates above, "down" three below.
RANG = {INVESTPHASE: 0, ANNAEHERUNGSPHASE: 1, UEBERSCHUSSPHASE: 2}
_DATUM = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


class Monat(Protocol):
    """What reading needs of a month: a stored Verlaufsmonat or a computed Monatswert."""

    monat: str
    soll: Decimal
    brutto: Decimal
    personalkosten: Decimal
    netto: Decimal
    soll_kumuliert: Decimal
    brutto_kumuliert: Decimal
    netto_kumuliert: Decimal


@dataclass(frozen=True)
class Lesemonat:
    monat: str  # "2024-02"
    soll: Decimal
    brutto: Decimal
    personalkosten: Decimal
    netto: Decimal
    soll_kumuliert: Decimal
    brutto_kumuliert: Decimal
    netto_kumuliert: Decimal
    art: str  # IST or PROGNOSE
    phase_kandidat: str
    phase: str | None  # None for prognose months
    rueckfall: bool

    @property
    def jahr(self) -> int:
        return int(self.monat[:4])

    @property
    def ist(self) -> bool:
        return self.art == IST


@dataclass(frozen=True)
class Lesejahr:
    jahr: int
    soll: Decimal
    soll_bis_stichtag: Decimal
    brutto_ist: Decimal
    personalkosten_ist: Decimal
    netto_ist: Decimal
    brutto_prognose: Decimal
    personalkosten_prognose: Decimal
    netto_prognose: Decimal


@dataclass(frozen=True)
class VerlaufAmStichtag:
    stichtag: date
    monate: list[Lesemonat]
    jahre: list[Lesejahr]
    aktuelle_phase: str | None  # phase of the last ist month
    aktuelle_phase_seit: str | None  # first month of the current phase
    rueckfall_seit: str | None  # the month the current phase was entered by a Rückfall, else None
    amortisation: str | None
    amortisation_prognose: str | None

    @property
    def ist_monate(self) -> list[Lesemonat]:
        return [m for m in self.monate if m.ist]

    def jahr(self, jahr: int) -> Lesejahr | None:
        return next((j for j in self.jahre if j.jahr == jahr), None)


def stichtag_pruefen(stichtag: date, *, heute: date) -> date:
    """The Stichtag if it is not after the default one (core.periods.standard_stichtag).

    A later Stichtag would present forecast months as "Ist"; raises ValueError with a German message.
    """
    grenze = standard_stichtag(heute=heute)
    if stichtag > grenze:
        raise ValueError(
            _("Der Stichtag darf nicht nach dem %(grenze)s liegen: spätere Monate sind noch Prognose.")
            % {"grenze": f"{grenze:%d.%m.%Y}"}
        )
    return stichtag


def stichtag_lesen(text: str) -> date:
    """Parse "YYYY-MM-DD" (2000–2100); raises ValueError with a German message otherwise."""
    treffer = _DATUM.fullmatch((text or "").strip())
    meldung = "Bitte einen Stichtag als Datum wie 2026-10-31 angeben."
    if not treffer:
        raise ValueError(meldung)
    try:
        tag = date(int(treffer[1]), int(treffer[2]), int(treffer[3]))
    except ValueError as exc:
        raise ValueError(meldung) from exc
    if not 2000 <= tag.year <= 2100:
        raise ValueError("Der Stichtag muss zwischen 2000 und 2100 liegen.")
    return tag


def monat_art(monat: str, *, stichtag: date) -> str:
    """IST if the month's last day is on or before the Stichtag, else PROGNOSE."""
    return IST if letzter_tag(int(monat[:4]), int(monat[5:7])) <= stichtag else PROGNOSE


def phasenfolge(kandidaten: Sequence[str]) -> list[tuple[str, bool]]:
    """(phase, rueckfall) per month from the monthly candidates (see module docstring).

    The phase before the first month is the Investphase; the first two months cannot change
    it, because a change needs three existing months.
    """
    folge: list[tuple[str, bool]] = []
    vorher = INVESTPHASE
    for i in range(len(kandidaten)):
        phase, rueckfall = vorher, False
        if i >= 2:
            drei = kandidaten[i - 2 : i + 1]
            raenge = [RANG[k] for k in drei]
            if min(raenge) > RANG[vorher]:
                phase = min(drei, key=RANG.__getitem__)
            elif max(raenge) < RANG[vorher]:
                phase, rueckfall = max(drei, key=RANG.__getitem__), True
        folge.append((phase, rueckfall))
        vorher = phase
    return folge


def _jahressummen(monate: Sequence[Lesemonat]) -> list[Lesejahr]:
    felder = (
        "soll",
        "soll_bis_stichtag",
        "brutto_ist",
        "personalkosten_ist",
        "netto_ist",
        "brutto_prognose",
        "personalkosten_prognose",
        "netto_prognose",
    )
    summen: dict[int, dict[str, Decimal]] = {}
    for m in monate:
        s = summen.setdefault(m.jahr, dict.fromkeys(felder, NULL))
        s["soll"] += m.soll
        s["brutto_prognose"] += m.brutto
        s["personalkosten_prognose"] += m.personalkosten
        s["netto_prognose"] += m.netto
        if m.ist:
            s["soll_bis_stichtag"] += m.soll
            s["brutto_ist"] += m.brutto
            s["personalkosten_ist"] += m.personalkosten
            s["netto_ist"] += m.netto
    return [Lesejahr(jahr=j, **s) for j, s in summen.items()]


def am_stichtag(monate: Sequence[Monat], *, stichtag: date) -> VerlaufAmStichtag:
    """Split a curve (ordered by month) at the Stichtag and derive year sums, phases, amortisation."""
    arten = [monat_art(m.monat, stichtag=stichtag) for m in monate]
    kandidaten = [phase_kandidat(soll=m.soll, brutto=m.brutto, netto=m.netto) for m in monate]
    anzahl_ist = arten.count(IST)  # ist months come first: months are ordered, the split is one cut
    folge = phasenfolge(kandidaten[:anzahl_ist])
    gelesen = [
        Lesemonat(
            monat=m.monat,
            soll=m.soll,
            brutto=m.brutto,
            personalkosten=m.personalkosten,
            netto=m.netto,
            soll_kumuliert=m.soll_kumuliert,
            brutto_kumuliert=m.brutto_kumuliert,
            netto_kumuliert=m.netto_kumuliert,
            art=art,
            phase_kandidat=kandidat,
            phase=folge[i][0] if i < anzahl_ist else None,
            rueckfall=folge[i][1] if i < anzahl_ist else False,
        )
        for i, (m, art, kandidat) in enumerate(zip(monate, arten, kandidaten, strict=True))
    ]
    ist = gelesen[:anzahl_ist]
    aktuelle = ist[-1].phase if ist else None
    seit: Lesemonat | None = None
    for m in reversed(ist):
        if m.phase != aktuelle:
            break
        seit = m
    return VerlaufAmStichtag(
        stichtag=stichtag,
        monate=gelesen,
        jahre=_jahressummen(gelesen),
        aktuelle_phase=aktuelle,
        aktuelle_phase_seit=seit.monat if seit else None,
        rueckfall_seit=seit.monat if seit and seit.rueckfall else None,
        amortisation=amortisation(ist),
        amortisation_prognose=amortisation(gelesen),
    )
