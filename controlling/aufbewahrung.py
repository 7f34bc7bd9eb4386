"""Retention of closed cases (Sozialdatenschutz): delete them, keep their curve contribution.

Called by the nightly task (controlling.tasks); the archive rows it writes are read back by
controlling.verlauf_speicher, so the stored curve stays exactly as if the cases still existed.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from datetime import date
from decimal import Decimal

from django.db import models, transaction
from django.utils import timezone

from controlling import verlauf as kurve
from controlling.models import ArchivierterBeitrag, Einzelfall, Ergebnis, HSKMassnahme
from core.protokoll import protokollieren


def aufbewahrung_stichtag(*, heute: date, monate: int) -> date:
    """`heute` minus `monate` months (day clamped to the month's end): cases ended before it are due."""
    gesamt = heute.year * 12 + heute.month - 1 - monate
    jahr, monat = divmod(gesamt, 12)
    monat += 1
    return date(jahr, monat, min(heute.day, calendar.monthrange(jahr, monat)[1]))


def _faellige_faelle(massnahme: HSKMassnahme, heute: date) -> models.QuerySet[Einzelfall]:
    """Closed cases (ergebnis not offen, wirkungsende set) whose retention period has run out."""
    stichtag = aufbewahrung_stichtag(heute=heute, monate=massnahme.aufbewahrung_monate)
    return Einzelfall.objects.filter(
        hsk_massnahme=massnahme, wirkungsende__isnull=False, wirkungsende__lt=stichtag
    ).exclude(ergebnis=Ergebnis.OFFEN)


def _archivieren(massnahme: HSKMassnahme, beitraege: Mapping[str, tuple[Decimal, int]]) -> None:
    """Add the numerators to the measure's archive rows (created or increased, locked while writing)."""
    vorhanden = {
        a.monat: a
        for a in ArchivierterBeitrag.objects.select_for_update().filter(hsk_massnahme=massnahme, monat__in=beitraege)
    }
    neu = []
    for monat, (betrag, anzahl) in beitraege.items():
        if monat in vorhanden:
            vorhanden[monat].betrag_tage += betrag
            vorhanden[monat].faelle += anzahl
        else:
            neu.append(ArchivierterBeitrag(hsk_massnahme=massnahme, monat=monat, betrag_tage=betrag, faelle=anzahl))
    ArchivierterBeitrag.objects.bulk_update(vorhanden.values(), ["betrag_tage", "faelle"])
    ArchivierterBeitrag.objects.bulk_create(neu)


def _aufbewahrung_massnahme(massnahme: HSKMassnahme, heute: date) -> int:
    """Archive and delete one measure's due cases in one transaction; returns how many were deleted.

    Steps: lock the due cases (a concurrent edit cannot slip in between archiving and
    deleting); add their exact monthly numerators to the archive; delete the cases and
    then their change history (it holds the pseudonym and every old value, so keeping it
    would defeat the deletion); log the count, without pseudonyms, in the decision log.
    """
    with transaction.atomic():
        zeilen = list(
            _faellige_faelle(massnahme, heute)
            .select_for_update()
            .values_list("pk", "wirkungsbeginn", "wirkungsende", "vermiedene_kosten_monat", "neue_kosten_monat")
        )
        if not zeilen:
            return 0
        ids = [z[0] for z in zeilen]
        faelle = [kurve.Fall(wb, we, vk, nk) for _pk, wb, we, vk, nk in zeilen]
        _archivieren(massnahme, kurve.monatsbeitraege(beginn=massnahme.beginn, faelle=faelle))
        Einzelfall.objects.filter(pk__in=ids).delete()
        Einzelfall.history.filter(id__in=ids).delete()
        protokollieren(benutzer=None, aktion="einzelfaelle_geloescht", objekt=massnahme, daten={"anzahl": len(ids)})
    return len(ids)


def einzelfaelle_aufbewahrung_anwenden(*, heute: date | None = None) -> dict[int, int]:
    """Delete every closed case past its measure's retention period, keeping its curve contribution.

    Idempotent: a second run finds nothing due. One transaction per measure, so a failure
    in one measure leaves the others done. The stored curve stays valid as it is: the
    archive adds back exactly what the deleted cases contributed. Returns {measure id: deleted}.
    """
    heute = heute or timezone.localdate()
    ergebnis: dict[int, int] = {}
    for massnahme in HSKMassnahme.objects.order_by("pk"):
        anzahl = _aufbewahrung_massnahme(massnahme, heute)
        if anzahl:
            ergebnis[massnahme.pk] = anzahl
    return ergebnis
