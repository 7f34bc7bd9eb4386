"""Writes for background job bookkeeping."""

from __future__ import annotations

from django.db import transaction

from core.models import Hintergrundauftrag


def auftrag_anlegen(*, art: str, gesamt: int = 0) -> Hintergrundauftrag:
    return Hintergrundauftrag.objects.create(art=art, gesamt=gesamt)


def auftrag_fortschritt(*, auftrag_id: int, erledigt: int, status: str = Hintergrundauftrag.Status.LAEUFT) -> None:
    Hintergrundauftrag.objects.filter(pk=auftrag_id).update(erledigt=erledigt, status=status)


@transaction.atomic
def auftrag_abschliessen(*, auftrag_id: int, meldung: str = "", fehler: bool = False) -> None:
    auftrag = Hintergrundauftrag.objects.select_for_update().get(pk=auftrag_id)
    auftrag.status = Hintergrundauftrag.Status.FEHLER if fehler else Hintergrundauftrag.Status.ERLEDIGT
    if not fehler:
        auftrag.erledigt = auftrag.gesamt
    auftrag.meldung = meldung
    auftrag.save()
