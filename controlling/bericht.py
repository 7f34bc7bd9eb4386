"""HSK figures for the published tertial report (the council's view): aggregates only.

`hsk_bericht_zahlen` is the one selector the report's HSK section calls, with the report's
Stichtag (the last day of its tertial) and the report's unit scope. It returns per measure the
year's Soll, Soll bis Stichtag, Ist bis Stichtag (brutto, netto), Prognose of the year, phase,
amortisation and ex ante vs realised; the portfolio total; the Präventionsbudget of the year.
Case counts are returned as exact numbers: this selector is not what the council reads. The
report's section (controlling.berichtsabschnitt) applies `anzahl_fuer_rat` / `ist_kleinzahl`
while building its data, so the published snapshot itself never holds a small count.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Q

from controlling.models import HSKMassnahme, Praeventionsprojekt
from controlling.selectors import NULL, Bilanz, portfolio_aus, praevention_bilanz_aus
from organisation.selectors import kommune, unterbaum_ids


def kleinzahl_grenze() -> int:
    return kommune().kleinzahl_grenze


def ist_kleinzahl(anzahl: int) -> bool:
    """A count of cases the council must not read exactly (1 to threshold − 1; none is no person)."""
    return 0 < anzahl < kleinzahl_grenze()


def anzahl_fuer_rat(anzahl: int | None) -> str:
    """A case count as the council reads it: "< 5" below the threshold (DOMAIN.md §7), else the number.

    A rate over fewer closed cases than the threshold should be withheld the same way
    (`ist_kleinzahl(faelle_abgeschlossen)`): 1 of 2 cases is as telling as the count.
    """
    if anzahl is None:
        return "–"
    return f"< {kleinzahl_grenze()}" if ist_kleinzahl(anzahl) else str(anzahl)


@dataclass(frozen=True)
class BerichtMassnahme:
    """One measure of the report's HSK section."""

    bezeichnung: str
    organisationseinheit: str
    soll: Decimal
    soll_bis_stichtag: Decimal
    brutto_ist: Decimal
    netto_ist: Decimal
    brutto_prognose: Decimal
    netto_prognose: Decimal
    phase: str | None
    phase_seit: str | None
    rueckfall_seit: str | None
    amortisation: str | None
    amortisation_prognose: str | None
    erwartete_einsparung_jahr: Decimal
    annahme_erfolgsquote: Decimal
    realisierte_erfolgsquote: Decimal | None
    realisierte_einsparung_jahr: Decimal | None
    faelle: int  # documented cases: show through anzahl_fuer_rat
    faelle_abgeschlossen: int  # the base of the realised rate: show through anzahl_fuer_rat


@dataclass(frozen=True)
class HSKBerichtszahlen:
    jahr: int
    stichtag: date
    massnahmen: list[BerichtMassnahme] = field(default_factory=list)
    summe: dict[str, Decimal] = field(default_factory=dict)
    erwartete_einsparung_jahr: Decimal = NULL
    realisierte_einsparung_jahr: Decimal = NULL
    praevention: Bilanz | None = None

    def als_dict(self) -> dict[str, Any]:
        """JSON-ready form for a frozen report snapshot (money and rates as decimal strings)."""

        def wert(v: Any) -> Any:
            if isinstance(v, Decimal):
                return str(v)
            return v

        return {
            "jahr": self.jahr,
            "stichtag": self.stichtag.isoformat(),
            "massnahmen": [{k: wert(v) for k, v in m.__dict__.items()} for m in self.massnahmen],
            "summe": {k: str(v) for k, v in self.summe.items()},
            "erwartete_einsparung_jahr": str(self.erwartete_einsparung_jahr),
            "realisierte_einsparung_jahr": str(self.realisierte_einsparung_jahr),
            "praevention": None
            if self.praevention is None
            else {
                "kosten": str(self.praevention.kosten),
                "einsparung": str(self.praevention.einsparung),
                "netto": str(self.praevention.netto),
                "faktor": wert(self.praevention.faktor),
                "deckel": wert(self.praevention.obergrenze),
                "ausschoepfung": wert(self.praevention.ausschoepfung),
            },
        }


def hsk_bericht_zahlen(*, jahr: int, stichtag: date, oe_id: int | None) -> HSKBerichtszahlen:
    """The HSK section of a report: the measures of `oe_id`'s subtree (None: the whole city) at the Stichtag.

    The report is published for the council, so the scope is the report's unit, not a user.
    Only measures running in `jahr` (begun by its end, not ended before it) are listed: a
    report of 2025 does not name a measure that starts in 2026. Only cases taken in by the
    Stichtag are counted, with their outcome as documented when the section is built (a
    published report freezes it shortly after its tertial).
    Five queries: units, measures, curves, case counts, Präventionsbudget.
    """
    oe_ids = None if oe_id is None else unterbaum_ids([oe_id])
    massnahmen = (
        HSKMassnahme.objects.select_related("organisationseinheit")
        .filter(beginn__lte=date(jahr, 12, 31))
        .filter(Q(ende__isnull=True) | Q(ende__gte=date(jahr, 1, 1)))
        .order_by("bezeichnung", "pk")
    )
    projekte = Praeventionsprojekt.objects.all()
    if oe_ids is not None:
        massnahmen = massnahmen.filter(organisationseinheit__in=oe_ids)
        projekte = projekte.filter(organisationseinheit__in=oe_ids)
    daten = portfolio_aus(massnahmen, jahr=jahr, stichtag=stichtag, faelle_bis_stichtag=True)
    return HSKBerichtszahlen(
        jahr=jahr,
        stichtag=stichtag,
        massnahmen=[
            BerichtMassnahme(
                bezeichnung=z.massnahme.bezeichnung,
                organisationseinheit=str(z.massnahme.organisationseinheit),
                soll=z.soll,
                soll_bis_stichtag=z.soll_bis_stichtag,
                brutto_ist=z.brutto_ist,
                netto_ist=z.netto_ist,
                brutto_prognose=z.brutto_prognose,
                netto_prognose=z.netto_prognose,
                phase=z.aktuelle_phase,
                phase_seit=z.aktuelle_phase_seit,
                rueckfall_seit=z.rueckfall_seit,
                amortisation=z.amortisation,
                amortisation_prognose=z.amortisation_prognose,
                erwartete_einsparung_jahr=z.massnahme.erwartete_einsparung_jahr,
                annahme_erfolgsquote=z.massnahme.annahme_erfolgsquote,
                realisierte_erfolgsquote=z.realisierung.erfolgsquote,
                realisierte_einsparung_jahr=z.realisierung.einsparung_jahr,
                faelle=z.realisierung.faelle,
                faelle_abgeschlossen=z.realisierung.abgeschlossen,
            )
            for z in daten.zeilen
        ],
        summe=daten.summe,
        erwartete_einsparung_jahr=daten.erwartete_einsparung_jahr,
        realisierte_einsparung_jahr=daten.realisierte_einsparung_jahr,
        praevention=praevention_bilanz_aus(projekte, jahr=jahr),
    )
