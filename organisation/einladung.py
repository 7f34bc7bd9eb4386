"""The one-time link by e-mail: an invitation for a new account, a password reset for others.

The link carries Django's password-reset token: it is bound to the account's current password
hash and last login, so it stops working as soon as the password is set (one use) and after
PASSWORD_RESET_TIMEOUT. The mail goes out through a Celery task (organisation.tasks) after the
transaction commits; a failed send is logged and reported, never undoing the account change.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from core.adressen import absolut
from organisation.models import Benutzer


class Art:
    EINLADUNG = "einladung"
    PASSWORT = "passwort"


def art_fuer(benutzer: Benutzer) -> str:
    """An account that never had a password is invited; any other gets a password reset."""
    return Art.PASSWORT if benutzer.has_usable_password() else Art.EINLADUNG


def einmal_link(benutzer: Benutzer, basis: str | None = None) -> str:
    uid = urlsafe_base64_encode(force_bytes(benutzer.pk))
    token = default_token_generator.make_token(benutzer)
    return absolut(reverse("frontend:passwort-setzen", kwargs={"uidb64": uid, "token": token}), basis)


def mail_senden(*, benutzer: Benutzer, art: str, basis: str | None = None) -> None:
    """Build and send the mail (raises when the mail server refuses; the task retries)."""
    stunden = settings.PASSWORD_RESET_TIMEOUT // 3600
    name = benutzer.get_full_name() or benutzer.get_username()
    if art == Art.EINLADUNG:
        betreff = _("Einladung zur Wirkungsorientierten Steuerung")
        einleitung = _("für Sie wurde ein Zugang angelegt (Kennung: %(kennung)s). Bitte legen Sie Ihr Passwort fest:")
    else:
        betreff = _("Passwort für die Wirkungsorientierte Steuerung neu festlegen")
        einleitung = _("bitte legen Sie über diesen Link ein neues Passwort fest (Kennung: %(kennung)s):")
    text = "\n".join(
        [
            _("Guten Tag %(name)s,") % {"name": name},
            "",
            einleitung % {"kennung": benutzer.get_username()},
            "",
            einmal_link(benutzer, basis),
            "",
            _("Der Link gilt einmal und höchstens %(stunden)s Stunden.") % {"stunden": stunden},
            _("Diese Nachricht wurde automatisch erzeugt."),
        ]
    )
    send_mail(betreff, text, None, [benutzer.email])
