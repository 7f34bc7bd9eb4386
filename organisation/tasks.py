"""Celery tasks of the organisation app: notification mails (and the one place that queues them),
and the one-time link of an invitation or password reset.

Tasks are thin: they take ids and call organisation.benachrichtigungsmail; they own retries
(exponential backoff) and time limits. A mail that still fails after the last attempt is
marked failed and logged; the notification in the app is never touched, and nothing here
can fail the workflow step that raised it (queueing runs after commit and never raises).
"""

from __future__ import annotations

import logging
from datetime import timedelta
from smtplib import SMTPException

from celery import shared_task

from organisation import benachrichtigungsmail
from organisation.einladung import mail_senden
from organisation.models import Benutzer

logger = logging.getLogger(__name__)

WIEDERHOLUNGEN = 5
WARTEN_BASIS_SEKUNDEN = 30
WARTEN_HOECHSTENS_SEKUNDEN = 15 * 60
# Older than every retry (30 + 60 + … + 480 s ≈ 16 min) and still pending: the task was lost.
NACHHOLEN_AB = timedelta(minutes=30)


def wartezeit(versuch: int) -> int:
    """Seconds before retry number `versuch + 1`: 30, 60, 120, … capped at 15 minutes."""
    return min(WARTEN_HOECHSTENS_SEKUNDEN, WARTEN_BASIS_SEKUNDEN * 2**versuch)


@shared_task(
    bind=True,
    name="organisation.tasks.benachrichtigung_mailen",
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=WIEDERHOLUNGEN,
    soft_time_limit=60,
    time_limit=90,
)
def benachrichtigung_mailen(self, benachrichtigung_id: int) -> str:
    """Mail one notification; on a backend error retry with backoff, after the last attempt mark it failed.

    In-process (no broker, CELERY_TASK_ALWAYS_EAGER) a scheduled retry could never run, so the
    attempts follow each other at once instead.
    """
    versuch = self.request.retries
    while True:
        try:
            return benachrichtigungsmail.mail_senden(benachrichtigung_id=benachrichtigung_id)
        except Exception as exc:  # any mail backend error (SMTP, network, provider API) is worth a retry
            if versuch >= self.max_retries:
                benachrichtigungsmail.mail_fehlgeschlagen(benachrichtigung_id=benachrichtigung_id)
                logger.error(
                    "E-Mail zu Benachrichtigung %s nach %s Versuchen nicht gesendet: %s",
                    benachrichtigung_id,
                    versuch + 1,
                    exc,
                )
                return "fehlgeschlagen"
            logger.warning(
                "E-Mail zu Benachrichtigung %s nicht gesendet (Versuch %s), neuer Versuch folgt: %s",
                benachrichtigung_id,
                versuch + 1,
                exc,
            )
            if not self.request.is_eager:
                raise self.retry(exc=exc, countdown=wartezeit(versuch)) from exc
            versuch += 1


@shared_task(name="organisation.tasks.ausstehende_mails_nachholen", acks_late=True, soft_time_limit=120, time_limit=150)
def ausstehende_mails_nachholen() -> int:
    """Beat: queue mails still pending long after their notification (broker outage, lost task)."""
    return sum(mail_einreihen(i) for i in benachrichtigungsmail.ausstehende_ids(aelter_als=NACHHOLEN_AB))


def mail_einreihen(benachrichtigung_id: int) -> bool:
    """Queue one mail; never raises (runs after the workflow's commit, possibly in-process).

    Returns False and logs when queueing fails (broker down) or, with in-process tasks, when
    the task itself failed unexpectedly; the mail stays pending for `ausstehende_mails_nachholen`.
    """
    try:
        benachrichtigung_mailen.delay(benachrichtigung_id)
    except Exception:
        logger.exception("E-Mail zu Benachrichtigung %s nicht eingereiht; bleibt vorgemerkt", benachrichtigung_id)
        return False
    return True


@shared_task(
    acks_late=True,
    autoretry_for=(SMTPException, OSError),
    retry_backoff=True,
    max_retries=5,
    soft_time_limit=60,
    time_limit=90,
)
def einmal_link_senden(benutzer_id: int, art: str, basis: str | None = None) -> bool:
    """Send the one-time link; retried while the mail server is unreachable. False: account gone or inactive."""
    benutzer = Benutzer.objects.filter(pk=benutzer_id, is_active=True).first()
    if benutzer is None or not benutzer.email:
        return False
    mail_senden(benutzer=benutzer, art=art, basis=basis)
    return True


def einladung_einreihen(*, benutzer_id: int, art: str, basis: str | None = None) -> bool:
    """Hand the mail to the task queue; False (logged) when neither broker nor mail server took it."""
    try:
        einmal_link_senden.delay(benutzer_id=benutzer_id, art=art, basis=basis)
    except Exception as exc:  # broker down, or (without broker) the mail server after all retries
        logger.warning("Einmal-Link für Benutzer %s nicht versendet: %s", benutzer_id, exc)
        return False
    return True
