"""The e-mail of one Benachrichtigung: its text, sending it once, and finding the ones still pending.

Called by organisation.tasks (which owns retries); a notification's `mail_status` makes sending
idempotent: only a pending mail is sent, so a task delivered twice does not mail twice.
"""

from __future__ import annotations

from datetime import timedelta

from django.core.mail import send_mail
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.adressen import absolut
from organisation.models import Benachrichtigung

M = Benachrichtigung.Mailstatus


def mail_text(benachrichtigung: Benachrichtigung) -> str:
    """Greeting, the notification's own text, the link, and where to switch these mails off."""
    empfaenger = benachrichtigung.empfaenger
    zeilen = [
        _("Guten Tag %(name)s,") % {"name": empfaenger.get_full_name() or empfaenger.get_username()},
        "",
        benachrichtigung.text,
    ]
    if benachrichtigung.link:
        zeilen += ["", absolut(benachrichtigung.link)]
    zeilen += [
        "",
        _(
            "Sie erhalten diese E-Mail, weil E-Mail-Benachrichtigungen in Ihrem Konto eingeschaltet sind. Abschalten: %(url)s"
        )
        % {"url": absolut(reverse("frontend:konto"))},
        _("Diese Nachricht wurde automatisch erzeugt."),
    ]
    return "\n".join(zeilen)


def mail_senden(*, benachrichtigung_id: int) -> str:
    """Send the pending mail of one notification; returns the resulting mail status.

    A mail that is no longer pending (sent, failed, none) is skipped. A user who meanwhile
    switched mails off or has no address gets none. Errors of the mail backend propagate:
    the task decides about retrying.
    """
    b = Benachrichtigung.objects.select_related("empfaenger").filter(pk=benachrichtigung_id).first()
    if b is None:
        return "fehlt"
    if b.mail_status != M.AUSSTEHEND:
        return b.mail_status
    e = b.empfaenger
    if not (e.is_active and e.email and e.email_benachrichtigungen):
        Benachrichtigung.objects.filter(pk=b.pk).update(mail_status=M.KEINE)
        return M.KEINE
    send_mail(b.betreff, mail_text(b), None, [e.email])
    Benachrichtigung.objects.filter(pk=b.pk, mail_status=M.AUSSTEHEND).update(mail_status=M.GESENDET)
    return M.GESENDET


def mail_fehlgeschlagen(*, benachrichtigung_id: int) -> None:
    """Record that all attempts failed (the notification itself stays visible in the app)."""
    Benachrichtigung.objects.filter(pk=benachrichtigung_id, mail_status=M.AUSSTEHEND).update(
        mail_status=M.FEHLGESCHLAGEN
    )


def ausstehende_ids(*, aelter_als: timedelta) -> list[int]:
    """Pending mails older than the retry window: their queueing failed or their task was lost."""
    grenze = timezone.now() - aelter_als
    return list(
        Benachrichtigung.objects.filter(mail_status=M.AUSSTEHEND, erstellt__lt=grenze)
        .order_by("id")
        .values_list("id", flat=True)[:500]
    )
