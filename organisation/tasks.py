"""Celery tasks of the organisation app (thin: they load and call)."""

from __future__ import annotations

import logging
from smtplib import SMTPException

from celery import shared_task

from organisation.einladung import mail_senden
from organisation.models import Benutzer

logger = logging.getLogger(__name__)


@shared_task(
    acks_late=True,
    autoretry_for=(SMTPException, OSError),
    retry_backoff=True,
    max_retries=5,
    soft_time_limit=60,
    time_limit=90,
)
def einmal_link_senden(benutzer_id: int, art: str) -> bool:
    """Send the one-time link; retried while the mail server is unreachable. False: account gone or inactive."""
    benutzer = Benutzer.objects.filter(pk=benutzer_id, is_active=True).first()
    if benutzer is None or not benutzer.email:
        return False
    mail_senden(benutzer=benutzer, art=art)
    return True


def einladung_einreihen(*, benutzer_id: int, art: str) -> bool:
    """Hand the mail to the task queue; False (logged) when neither broker nor mail server took it."""
    try:
        einmal_link_senden.delay(benutzer_id=benutzer_id, art=art)
    except Exception as exc:  # broker down, or (without broker) the mail server after all retries
        logger.warning("Einmal-Link für Benutzer %s nicht versendet: %s", benutzer_id, exc)
        return False
    return True
