"""Fallverlauf: recording step changes of a case, and the time cases spend in each step.

`schrittwechsel_vermerken` is called by the case services inside their transaction;
`verweildauern` and `median_tage` are pure; `schritt_zahlen` reads one measure's aggregates
(visible to every role that sees the measure: counts and medians, no case data).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count
from django.utils import timezone

from controlling.models import Einzelfall, Ergebnis, Fallschritt, HSKMassnahme
from core.money import runden


def schrittwechsel_vermerken(*, fall: Einzelfall, vorher_id: int | None, user, datum: date | None = None) -> bool:
    """Keep the case's new Ablaufschritt with date and author if it changed; True if a row was written.

    A new case passes `vorher_id=None`: it is recorded only if it starts in a step.
    """
    if fall.ablaufschritt_id == vorher_id:
        return False
    Fallschritt.objects.create(
        einzelfall=fall,
        ablaufschritt_id=fall.ablaufschritt_id,
        bezeichnung=fall.ablaufschritt.bezeichnung if fall.ablaufschritt_id else "",
        datum=datum or timezone.localdate(),
        benutzer=user if getattr(user, "pk", None) else None,
    )
    return True


def fallverlauf(*, fall: Einzelfall) -> list[Fallschritt]:
    """The case's steps, oldest first (the caller has checked that the user may see the case)."""
    return list(fall.fallverlauf.select_related("benutzer").order_by("datum", "erfasst", "id"))


def verweildauern(
    eintraege: Iterable[tuple[int, int | None, date]], *, offene_faelle: set[int], heute: date
) -> dict[int, list[int]]:
    """Days per stay, grouped by step: step id -> [days, ...].

    `eintraege` are (case id, step id or None, since) rows. A stay ends at the case's next
    row; the last stay of an open case runs until `heute`; the last stay of a closed case has
    no end and is not counted (it would grow forever). Stays in no step are not counted.
    """
    je_fall: dict[int, list[tuple[date, int | None]]] = defaultdict(list)
    for fall_id, schritt_id, datum in eintraege:
        je_fall[fall_id].append((datum, schritt_id))
    dauern: dict[int, list[int]] = defaultdict(list)
    for fall_id, zeilen in je_fall.items():
        zeilen.sort(key=lambda z: z[0])
        for i, (datum, schritt_id) in enumerate(zeilen):
            if i + 1 < len(zeilen):
                ende = zeilen[i + 1][0]
            elif fall_id in offene_faelle:
                ende = heute
            else:
                continue
            if schritt_id is not None:
                dauern[schritt_id].append(max(0, (ende - datum).days))
    return dict(dauern)


def median_tage(werte: list[int]) -> Decimal | None:
    """Median of whole days to one decimal (the mean of the two middle values for an even count)."""
    if not werte:
        return None
    sortiert = sorted(werte)
    mitte = len(sortiert) // 2
    if len(sortiert) % 2:
        return runden(Decimal(sortiert[mitte]), 1)
    return runden((Decimal(sortiert[mitte - 1]) + Decimal(sortiert[mitte])) / 2, 1)


@dataclass(frozen=True)
class SchrittZahl:
    """One Ablaufschritt: cases currently in it and the median days of the stays in it."""

    schritt_id: int
    bezeichnung: str
    faelle: int
    median_tage: Decimal | None
    aufenthalte: int


def schritt_zahlen(*, massnahme: HSKMassnahme, heute: date | None = None) -> list[SchrittZahl]:
    """Per step of the measure's workflow: current cases and median days spent there (two queries)."""
    heute = heute or timezone.localdate()
    aktuell = dict(
        Einzelfall.objects.filter(hsk_massnahme=massnahme, ablaufschritt__isnull=False)
        .values_list("ablaufschritt")
        .annotate(n=Count("id"))
        .order_by()
    )
    zeilen = list(
        Fallschritt.objects.filter(einzelfall__hsk_massnahme=massnahme).values_list(
            "einzelfall_id", "ablaufschritt_id", "datum", "einzelfall__ergebnis"
        )
    )
    offen = {fall_id for fall_id, _s, _d, ergebnis in zeilen if ergebnis == Ergebnis.OFFEN}
    dauern = verweildauern(((f, s, d) for f, s, d, _e in zeilen), offene_faelle=offen, heute=heute)
    return [
        SchrittZahl(
            schritt_id=schritt.pk,
            bezeichnung=schritt.bezeichnung,
            faelle=aktuell.get(schritt.pk, 0),
            median_tage=median_tage(dauern.get(schritt.pk, [])),
            aufenthalte=len(dauern.get(schritt.pk, [])),
        )
        for schritt in massnahme.ablaufschritte.all()
    ]
