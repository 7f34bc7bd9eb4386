"""The stored Konsolidierungsverlauf: load a measure's data, compute the curve, store its months.

Sits between the Celery tasks (controlling.tasks), which call it, and the pure computation
(controlling.verlauf); it never queues anything itself. Every function is idempotent:
running it twice leaves the same rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from decimal import Decimal

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from controlling import verlauf as kurve
from controlling.lesestand import BEREICH
from controlling.models import (
    ArchivierterBeitrag,
    Einzelfall,
    HSKMassnahme,
    HSKSoll,
    Stelle,
    Verlaufsmonat,
    Verlaufsstand,
)
from controlling.stellen import Stellenzeitraum
from core.services import auftrag_abschliessen, auftrag_anlegen, auftrag_fortschritt
from steuerung.lesestand.basis import datenstand_erhoehen

# The stored columns of a month besides its key (measure, month).
_MONATSFELDER = [
    "jahr",
    "soll",
    "brutto",
    "personalkosten",
    "netto",
    "soll_kumuliert",
    "brutto_kumuliert",
    "netto_kumuliert",
    "phase",
]


def _faelle(massnahme_id: int) -> list[kurve.Fall]:
    """All cases of a measure from one values_list query (never one query per case)."""
    return [
        kurve.Fall(wb, we, vk, nk)
        for wb, we, vk, nk in Einzelfall.objects.filter(hsk_massnahme_id=massnahme_id).values_list(
            "wirkungsbeginn", "wirkungsende", "vermiedene_kosten_monat", "neue_kosten_monat"
        )
    ]


def _archiv(massnahme_id: int) -> dict[str, Decimal]:
    """Archived exact numerators of deleted cases per month, from one query."""
    return dict(ArchivierterBeitrag.objects.filter(hsk_massnahme_id=massnahme_id).values_list("monat", "betrag_tage"))


def _stellen(massnahme_id: int) -> list[Stellenzeitraum]:
    """The measure's Stellen with their intervals, from one query."""
    return [
        Stellenzeitraum(jahreskosten=k, beginn=b, ende=e)
        for k, b, e in Stelle.objects.filter(hsk_massnahme_id=massnahme_id)
        .order_by("pk")
        .values_list("jahreskosten", "beginn", "ende")
    ]


def verlauf_aus_daten(*, massnahme: HSKMassnahme, bis: tuple[int, int] | None = None) -> kurve.Verlauf:
    """Compute the curve of a measure from the current data (five queries)."""
    soll = dict(HSKSoll.objects.filter(hsk_massnahme=massnahme).values_list("jahr", "betrag"))
    return kurve.verlauf_berechnen(
        beginn=massnahme.beginn,
        ende=massnahme.ende,
        personalkosten_jahr=massnahme.personalkosten_jahr,
        soll=soll,
        faelle=_faelle(massnahme.pk),
        heute=timezone.localdate(),
        bis=bis,
        archiv=_archiv(massnahme.pk),
        stellen=_stellen(massnahme.pk),
    )


def _monate_schreiben(zeilen: Sequence[Verlaufsmonat]) -> None:
    """Upsert the month rows: stable ids, identical values on a rerun."""
    Verlaufsmonat.objects.bulk_create(
        zeilen, update_conflicts=True, unique_fields=["hsk_massnahme", "monat"], update_fields=_MONATSFELDER
    )


def _monate_ausserhalb_entfernen(*, hsk_massnahme_id: int, monate: Sequence[str]) -> None:
    """Delete stored months outside the new horizon (it may have become shorter)."""
    Verlaufsmonat.objects.filter(hsk_massnahme_id=hsk_massnahme_id).exclude(monat__in=monate).delete()


def verlauf_speichern(*, hsk_massnahme_id: int, angefordert: datetime | None = None) -> str:
    """Compute and store a measure's curve; returns what happened ("berechnet", "uebersprungen", ...).

    Steps:
    1. With a token (`angefordert`): skip unless it is still the newest pending request.
    2. Read the pending marker, then the data, compute in Python.
    3. In one transaction: upsert the month rows, delete months outside the horizon, update
       the state and clear the marker only if no newer request came in meanwhile. A run
       killed before commit leaves the old rows intact.
    """
    stand = Verlaufsstand.objects.filter(hsk_massnahme_id=hsk_massnahme_id).first()
    massnahme = HSKMassnahme.objects.filter(pk=hsk_massnahme_id).first()
    if massnahme is None:
        return "geloescht"
    if stand is None:
        stand = Verlaufsstand.objects.create(hsk_massnahme=massnahme)
    if angefordert is not None and stand.angefordert != angefordert:
        return "uebersprungen"
    marker = stand.angefordert
    try:
        ergebnis = verlauf_aus_daten(massnahme=massnahme)
    except ValueError as exc:
        Verlaufsstand.objects.filter(pk=stand.pk).update(fehler=str(exc))
        return "fehler"
    zeilen = [
        Verlaufsmonat(hsk_massnahme_id=hsk_massnahme_id, monat=m.monat, **{f: getattr(m, f) for f in _MONATSFELDER})
        for m in ergebnis.monate
    ]
    with transaction.atomic():
        # Bulk upserts and updates send no signals: the stored portfolio must still see the new curve.
        datenstand_erhoehen(BEREICH)
        _monate_schreiben(zeilen)
        _monate_ausserhalb_entfernen(hsk_massnahme_id=hsk_massnahme_id, monate=[z.monat for z in zeilen])
        Verlaufsstand.objects.filter(pk=stand.pk).update(
            berechnet=timezone.now(),
            amortisation=ergebnis.amortisation or "",
            fehler="",
            berechnungen=models.F("berechnungen") + 1,
        )
        if marker is not None:
            Verlaufsstand.objects.filter(pk=stand.pk, angefordert=marker).update(angefordert=None)
    return "berechnet"


def ausstehende_anforderungen(*, aelter_als_sekunden: int) -> list[tuple[int, datetime]]:
    """(measure id, request marker) of every pending computation older than the debounce window."""
    grenze = timezone.now() - timedelta(seconds=aelter_als_sekunden)
    offen = Verlaufsstand.objects.filter(angefordert__isnull=False, angefordert__lte=grenze)
    return list(offen.values_list("hsk_massnahme_id", "angefordert"))


def alle_verlaeufe_speichern(*, auftrag_id: int | None = None) -> int:
    """Recompute every measure's curve, reporting progress; returns the number of measures."""
    ids = list(HSKMassnahme.objects.order_by("pk").values_list("pk", flat=True))
    if auftrag_id is None:
        auftrag_id = auftrag_anlegen(art="hsk_verlaeufe", gesamt=len(ids)).pk
    auftrag_fortschritt(auftrag_id=auftrag_id, erledigt=0)
    fehler = 0
    for nummer, massnahme_id in enumerate(ids, start=1):
        fehler += verlauf_speichern(hsk_massnahme_id=massnahme_id) == "fehler"
        auftrag_fortschritt(auftrag_id=auftrag_id, erledigt=nummer)
    meldung = _("%(n)s Verläufe neu berechnet.") % {"n": len(ids)}
    if fehler:
        meldung += " " + _("%(f)s Verläufe mit Fehler.") % {"f": fehler}
    auftrag_abschliessen(auftrag_id=auftrag_id, meldung=meldung)
    return len(ids)
