"""Thin Celery tasks: take ids, call a service, own retries and time limits."""

from __future__ import annotations

from datetime import datetime

from celery import shared_task
from django.db import DatabaseError

from controlling import services


@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(DatabaseError,),
    retry_backoff=True,
    max_retries=5,
    soft_time_limit=300,
    time_limit=360,
)
def verlauf_berechnen(massnahme_id: int, angefordert: str | None = None) -> str:
    """Recompute one measure's curve; with `angefordert` it is the debounced run of that request."""
    token = datetime.fromisoformat(angefordert) if angefordert else None
    return services.verlauf_speichern(hsk_massnahme_id=massnahme_id, angefordert=token)


@shared_task(acks_late=True, soft_time_limit=120, time_limit=150)
def ausstehende_verlaeufe_nachholen() -> int:
    """Beat, every few minutes: queue computations still pending (e.g. after a broker outage)."""
    return services.ausstehende_verlaeufe_einreihen()


@shared_task(
    acks_late=True, reject_on_worker_lost=True, autoretry_for=(DatabaseError,), retry_backoff=True, max_retries=3
)
def alle_verlaeufe_berechnen(auftrag_id: int | None = None) -> int:
    """Nightly (beat) or on request: recompute all curves with progress."""
    return services.alle_verlaeufe_speichern(auftrag_id=auftrag_id)


@shared_task(
    acks_late=True, reject_on_worker_lost=True, autoretry_for=(DatabaseError,), retry_backoff=True, max_retries=3
)
def einzelfaelle_aufbewahrung_anwenden() -> dict[str, int]:
    """Nightly (beat): delete closed cases past their retention period; their curve contribution is archived."""
    return {str(k): v for k, v in services.einzelfaelle_aufbewahrung_anwenden().items()}
