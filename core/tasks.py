"""Thin infrastructure tasks."""

from __future__ import annotations

import socket

from celery import shared_task

from core.services import auftrag_abschliessen


@shared_task(acks_late=True)
def verbindung_pruefen(auftrag_id: int) -> None:
    """Round trip through broker and worker: marks the job done with the worker's host name."""
    auftrag_abschliessen(auftrag_id=auftrag_id, meldung=f"Worker {socket.gethostname()} erreichbar")
