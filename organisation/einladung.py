"""The one-time link by e-mail: an invitation for a new account, a password reset for others.

The link carries Django's password-reset token: it is bound to the account's current password
hash and last login, so it stops working as soon as the password is set (one use) and after
PASSWORD_RESET_TIMEOUT. The mail goes out through a Celery task after the transaction commits;
a failed send is logged and reported, but never undoes the account change it belongs to.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from organisation.bearbeitung import recht_pruefen
from organisation.models import Benutzer

logger = logging.getLogger(__name__)


class Art:
    EINLADUNG = "einladung"
    PASSWORT = "passwort"


def art_fuer(benutzer: Benutzer) -> str:
    """An account that never had a password is invited; any other gets a password reset."""
    return Art.PASSWORT if benutzer.has_usable_password() else Art.EINLADUNG


def einmal_link(benutzer: Benutzer) -> str:
    basis = getattr(settings, "BASIS_URL", "http://localhost:8000").rstrip("/")
    uid = urlsafe_base64_encode(force_bytes(benutzer.pk))
    token = default_token_generator.make_token(benutzer)
    return basis + reverse("frontend:passwort-setzen", kwargs={"uidb64": uid, "token": token})


def mail_senden(*, benutzer: Benutzer, art: str) -> None:
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
            einmal_link(benutzer),
            "",
            _("Der Link gilt einmal und höchstens %(stunden)s Stunden.") % {"stunden": stunden},
            _("Diese Nachricht wurde automatisch erzeugt."),
        ]
    )
    send_mail(betreff, text, None, [benutzer.email])


def einladung_einreihen(*, benutzer_id: int, art: str) -> bool:
    """Hand the mail to the task queue; False (logged) when neither broker nor mail server took it."""
    from organisation.tasks import einmal_link_senden

    try:
        einmal_link_senden.delay(benutzer_id=benutzer_id, art=art)
    except Exception as exc:  # broker down, or (without broker) the mail server after all retries
        logger.warning("Einmal-Link für Benutzer %s nicht versendet: %s", benutzer_id, exc)
        return False
    return True


def einmal_link_anfordern(*, benutzer: Benutzer, user) -> dict[str, bool | str]:
    """Send the invitation or password reset after commit; returns the kind and whether it went out.

    "versendet" is True once the mail is queued (with a worker) or sent (without one).
    """
    recht_pruefen(user, "organisation", "change", "benutzer")
    if benutzer.is_superuser and not user.is_superuser:
        raise PermissionDenied(_("Dieses Konto kann nur ein Superuser ändern."))
    fehler = []
    if not benutzer.is_active:
        fehler.append(_("Das Konto ist deaktiviert; bitte zuerst aktivieren."))
    if not benutzer.email:
        fehler.append(_("Für das Konto ist keine E-Mail-Adresse hinterlegt."))
    if fehler:
        raise ValidationError(fehler)
    art = art_fuer(benutzer)
    ergebnis: dict[str, bool | str] = {"art": art, "versendet": False}

    def einreihen() -> None:
        ergebnis["versendet"] = einladung_einreihen(benutzer_id=benutzer.pk, art=art)

    transaction.on_commit(einreihen)
    return ergebnis
