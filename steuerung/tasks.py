"""Celery tasks of the Zielsteuerung (thin: they call services)."""

from __future__ import annotations

from celery import shared_task
from django.utils import timezone

from steuerung.berichte.erinnerungen import erinnerungen_versenden


@shared_task(name="steuerung.tasks.erfassungserinnerungen_senden", soft_time_limit=9 * 60, time_limit=10 * 60)
def erfassungserinnerungen_senden() -> int:
    """Daily: reminder e-mails before and after the Erfassungsfrist (idempotent per tertial, kind and person)."""
    return erinnerungen_versenden(heute=timezone.localdate())
