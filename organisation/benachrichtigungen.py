"""Notifications in the app: create them (mail queued after commit), list a user's own, mark them read.

Who is notified and what the text says belongs to the feature raising it (e.g.
steuerung.berichte.benachrichtigungen); this module stores, lists and hands mails to
organisation.tasks. A user only ever sees their own notifications: every read goes through
`benachrichtigungen_fuer`, so someone else's id is simply not found (404).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from organisation import tasks
from organisation.models import Benachrichtigung, Benutzer

M = Benachrichtigung.Mailstatus

_ohne_mail: ContextVar[bool] = ContextVar("benachrichtigungen_ohne_mail", default=False)


@contextmanager
def ohne_mail() -> Iterator[None]:
    """Notifications created inside the block get no e-mail (loading demo data must not mail anyone)."""
    token = _ohne_mail.set(True)
    try:
        yield
    finally:
        _ohne_mail.reset(token)


def mail_gewuenscht(benutzer: Benutzer) -> bool:
    """Whether notifications to this user go out by e-mail too (address, own switch, not suppressed)."""
    return bool(benutzer.email) and benutzer.email_benachrichtigungen and not _ohne_mail.get()


def benachrichtigen(
    *, empfaenger: Iterable[Benutzer], betreff: str, text: str, link: str = "", mailen: bool = True
) -> list[Benachrichtigung]:
    """Create one notification per active recipient; their mails are queued only once the caller commits.

    `mailen=False` is for callers that send their own, richer e-mail (the deadline reminders).

    Steps: drop duplicates and inactive users; validate one row (the same link and text for all);
    insert all rows at once; after commit queue each pending mail (organisation.tasks, which never
    raises). Rolled back with the caller, a notification and its mail simply never happen.
    """
    personen = {b.pk: b for b in empfaenger if b.is_active}
    if not personen:
        return []
    jetzt = timezone.now()
    zeilen = [
        Benachrichtigung(
            empfaenger=b,
            betreff=betreff[:200],
            text=text,
            link=link,
            erstellt=jetzt,
            mail_status=M.AUSSTEHEND if mailen and mail_gewuenscht(b) else M.KEINE,
        )
        for b in personen.values()
    ]
    zeilen[0].full_clean()
    Benachrichtigung.objects.bulk_create(zeilen)
    ausstehend = [z.pk for z in zeilen if z.mail_status == M.AUSSTEHEND]
    if ausstehend:
        transaction.on_commit(lambda: [tasks.mail_einreihen(pk) for pk in ausstehend], robust=True)
    return zeilen


def benachrichtigungen_fuer(user) -> QuerySet[Benachrichtigung]:
    """The user's own notifications, newest first (nobody sees anyone else's)."""
    if not user or not user.is_authenticated:
        return Benachrichtigung.objects.none()
    return Benachrichtigung.objects.filter(empfaenger_id=user.pk).order_by("-erstellt", "-id")


def ungelesene_anzahl(user) -> int:
    """Unread notifications of the user (one COUNT query, served by the (empfaenger, gelesen_am) index)."""
    return benachrichtigungen_fuer(user).filter(gelesen_am__isnull=True).count()


def als_gelesen_markieren(*, benachrichtigung: Benachrichtigung) -> Benachrichtigung:
    """Mark read once; reading it again keeps the first time."""
    if benachrichtigung.gelesen_am is None:
        jetzt = timezone.now()
        Benachrichtigung.objects.filter(pk=benachrichtigung.pk, gelesen_am__isnull=True).update(gelesen_am=jetzt)
        benachrichtigung.gelesen_am = jetzt
    return benachrichtigung


def beim_besuch_gelesen(*, user, pfad: str) -> int:
    """The user opened the page a notification points to (by any way, e.g. a start-page task):
    it counts as read, so the bell does not keep asking for what is done. One UPDATE."""
    return benachrichtigungen_fuer(user).filter(gelesen_am__isnull=True, link=pfad).update(gelesen_am=timezone.now())


def erledigt_fuer_alle(*, link: str) -> int:
    """The step a notification asked for was taken (by its recipient or a colleague): every unread
    notification pointing to `link` is settled, so nobody keeps a task that is done. One UPDATE."""
    return Benachrichtigung.objects.filter(gelesen_am__isnull=True, link=link).update(gelesen_am=timezone.now())


def alle_als_gelesen_markieren(*, user) -> int:
    """Mark every unread notification of the user read; returns how many."""
    return benachrichtigungen_fuer(user).filter(gelesen_am__isnull=True).update(gelesen_am=timezone.now())


def email_einstellung_speichern(*, user: Benutzer, aktiv: bool) -> None:
    """The user's own switch for notification e-mails (only this field is written)."""
    user.email_benachrichtigungen = aktiv
    user.save(update_fields=["email_benachrichtigungen"])
