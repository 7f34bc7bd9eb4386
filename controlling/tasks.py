"""Celery tasks of the HSK-Controlling, and the one place that queues them.

Tasks are thin: they take ids, call controlling.verlauf_speicher or controlling.aufbewahrung,
and own retries and time limits. Services queue through the `*_einreihen` helpers below
(after commit); a broker outage never fails the caller's save.
"""

from __future__ import annotations

import logging
from datetime import datetime

from celery import shared_task
from django.conf import settings
from django.db import DatabaseError
from django.utils.translation import gettext as _
from kombu.exceptions import OperationalError as KombuOperationalError

from controlling import aufbewahrung, verlauf_speicher
from core.services import auftrag_abschliessen

logger = logging.getLogger(__name__)

# Seconds a change waits before its computation runs: a burst of changes coalesces into one run.
VERZOEGERUNG_SEKUNDEN = getattr(settings, "HSK_VERLAUF_VERZOEGERUNG", 3)


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
    return verlauf_speicher.verlauf_speichern(hsk_massnahme_id=massnahme_id, angefordert=token)


@shared_task(acks_late=True, soft_time_limit=120, time_limit=150)
def ausstehende_verlaeufe_nachholen() -> int:
    """Beat, every few minutes: queue computations still pending (e.g. after a broker outage)."""
    return ausstehende_verlaeufe_einreihen()


@shared_task(
    acks_late=True, reject_on_worker_lost=True, autoretry_for=(DatabaseError,), retry_backoff=True, max_retries=3
)
def alle_verlaeufe_berechnen(auftrag_id: int | None = None) -> int:
    """Nightly (beat) or on request: recompute all curves with progress."""
    return verlauf_speicher.alle_verlaeufe_speichern(auftrag_id=auftrag_id)


@shared_task(
    acks_late=True, reject_on_worker_lost=True, autoretry_for=(DatabaseError,), retry_backoff=True, max_retries=3
)
def einzelfaelle_aufbewahrung_anwenden() -> dict[str, int]:
    """Nightly (beat): delete closed cases past their retention period; their curve contribution is archived."""
    return {str(k): v for k, v in aufbewahrung.einzelfaelle_aufbewahrung_anwenden().items()}


# --- queueing --------------------------------------------------------------------------------


def verlauf_einreihen(*, hsk_massnahme_id: int, angefordert: str) -> bool:
    """Queue one debounced computation; returns False (and logs) when the broker is unreachable.

    The pending marker is already committed, so `ausstehende_verlaeufe_nachholen` (beat,
    every few minutes) queues it again once the broker answers: nothing is lost.
    """
    try:
        verlauf_berechnen.apply_async(
            args=[hsk_massnahme_id], kwargs={"angefordert": angefordert}, countdown=VERZOEGERUNG_SEKUNDEN
        )
    except (KombuOperationalError, OSError) as exc:
        logger.warning("Broker nicht erreichbar, Neuberechnung %s bleibt vorgemerkt: %s", hsk_massnahme_id, exc)
        return False
    return True


def ausstehende_verlaeufe_einreihen(*, aelter_als_sekunden: int = 60) -> int:
    """Queue every pending computation whose request is older than the debounce window.

    Covers requests whose queueing failed (broker down) or whose task was lost; a task for a
    request that was meanwhile computed simply skips (token check in `verlauf_speichern`).
    """
    offen = verlauf_speicher.ausstehende_anforderungen(aelter_als_sekunden=aelter_als_sekunden)
    return sum(verlauf_einreihen(hsk_massnahme_id=i, angefordert=token.isoformat()) for i, token in offen)


def alle_verlaeufe_einreihen(*, auftrag_id: int) -> None:
    """Queue the full recomputation of `auftrag_id`; without a broker the job is closed as failed."""
    try:
        alle_verlaeufe_berechnen.delay(auftrag_id=auftrag_id)
    except (KombuOperationalError, OSError):
        auftrag_abschliessen(
            auftrag_id=auftrag_id,
            fehler=True,
            meldung=_("Die Warteschlange ist nicht erreichbar. Die nächtliche Neuberechnung holt das nach."),
        )
