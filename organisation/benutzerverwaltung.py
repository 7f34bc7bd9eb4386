"""Writes about user accounts: create, change, (de)activate, and the one-time link by e-mail.

Accounts are never deleted (their name stays on every entry they made); deactivating ends
the login. Roles are the groups of organisation.rollen.Rolle, nothing else. A new account
has no usable password: the person sets one through the link of the invitation.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.bearbeitung import felder_setzen, revision_erhoehen, revision_pruefen
from organisation import tasks
from organisation.bearbeitung import recht_pruefen
from organisation.einladung import art_fuer
from organisation.models import Benutzer
from organisation.rollen import Rolle

BENUTZER_FELDER = ("username", "first_name", "last_name", "email", "organisationseinheit")


def _darf_konto_aendern(user, benutzer: Benutzer) -> None:
    # Superuser accounts stand above the roles: only a superuser changes them.
    if benutzer.is_superuser and not user.is_superuser:
        raise PermissionDenied(_("Dieses Konto kann nur ein Superuser ändern."))


def _rollen_setzen(benutzer: Benutzer, rollen: Iterable[str]) -> None:
    namen = {str(r) for r in rollen}
    unbekannt = namen - {str(r) for r in Rolle}
    if unbekannt:
        raise ValidationError({"rollen": _("Unbekannte Rolle: %(r)s.") % {"r": ", ".join(sorted(unbekannt))}})
    gruppen = [Group.objects.get_or_create(name=n)[0] for n in sorted(namen)]
    benutzer.groups.set(gruppen)


def _rollen_von(benutzer: Benutzer) -> set[str]:
    return set(benutzer.groups.values_list("name", flat=True))


def _administration_bleibt(benutzer: Benutzer, *, user, rollen: Iterable[str] | None, aktiv: bool) -> None:
    """Nobody locks the administration out: an administrator keeps the role on their own account,
    and the last active account with the role keeps it (and stays active)."""
    admin = str(Rolle.ADMINISTRATION)
    verliert = (rollen is not None and admin not in {str(r) for r in rollen}) or not aktiv
    if not verliert or admin not in _rollen_von(benutzer):
        return
    if benutzer.pk == user.pk:
        raise ValidationError(
            {
                "rollen": _(
                    "Sie können sich die Rolle Administration nicht selbst entziehen; das macht eine andere Administratorin."
                )
            }
        )
    andere = Benutzer.objects.filter(is_active=True, groups__name=admin).exclude(pk=benutzer.pk)
    if not andere.exists():
        raise ValidationError(
            {"rollen": _("Das ist das letzte aktive Konto mit der Rolle Administration; es bleibt bestehen.")}
        )


def _pruefen_und_speichern(benutzer: Benutzer, rollen: Iterable[str] | None) -> None:
    fehler: dict[str, list[str]] = {}
    try:
        benutzer.full_clean()
    except ValidationError as exc:
        fehler.update(exc.message_dict)
    if rollen is not None:
        unbekannt = {str(r) for r in rollen} - {str(r) for r in Rolle}
        if unbekannt:
            fehler["rollen"] = [_("Unbekannte Rolle: %(r)s.") % {"r": ", ".join(sorted(unbekannt))}]
    if fehler:
        raise ValidationError(fehler)
    benutzer.save()
    if rollen is not None:
        _rollen_setzen(benutzer, rollen)


@transaction.atomic
def benutzer_anlegen(*, daten: Mapping[str, Any], rollen: Iterable[str], user) -> Benutzer:
    """A new active account without a usable password (the invitation link sets one)."""
    recht_pruefen(user, "organisation", "add", "benutzer")
    benutzer = Benutzer(**{f: daten[f] for f in BENUTZER_FELDER if f in daten})
    benutzer.set_unusable_password()
    _pruefen_und_speichern(benutzer, list(rollen))
    return benutzer


@transaction.atomic
def benutzer_aendern(
    *,
    benutzer: Benutzer,
    daten: Mapping[str, Any],
    rollen: Iterable[str] | None,
    user,
    revision: int | None = None,
) -> Benutzer:
    """Change name, e-mail, unit and roles; the login name stays. Refuses an outdated `revision`."""
    recht_pruefen(user, "organisation", "change", "benutzer")
    benutzer = Benutzer.objects.select_for_update().get(pk=benutzer.pk)
    _darf_konto_aendern(user, benutzer)
    revision_pruefen(benutzer, revision)
    rollen = None if rollen is None else list(rollen)
    _administration_bleibt(benutzer, user=user, rollen=rollen, aktiv=True)
    if "username" in daten and daten["username"] != benutzer.username:
        raise ValidationError({"username": _("Die Kennung bleibt nach dem Anlegen unverändert.")})
    geaendert = felder_setzen(benutzer, daten, nie_aenderbar={"username"})
    if geaendert or (rollen is not None and {str(r) for r in rollen} != _rollen_von(benutzer)):
        revision_erhoehen(benutzer)
    _pruefen_und_speichern(benutzer, rollen)
    return benutzer


@transaction.atomic
def benutzer_aktiv_setzen(*, benutzer: Benutzer, aktiv: bool, user) -> Benutzer:
    """Deactivate (login ends at once, sessions included) or reactivate an account."""
    recht_pruefen(user, "organisation", "change", "benutzer")
    benutzer = Benutzer.objects.select_for_update().get(pk=benutzer.pk)
    _darf_konto_aendern(user, benutzer)
    if not aktiv and benutzer.pk == user.pk:
        raise ValidationError(_("Sie können Ihr eigenes Konto nicht deaktivieren."))
    _administration_bleibt(benutzer, user=user, rollen=None, aktiv=aktiv)
    if benutzer.is_active != aktiv:
        benutzer.is_active = aktiv
        revision_erhoehen(benutzer)
        benutzer.save(update_fields=["is_active", "revision"])
    return benutzer


def einmal_link_anfordern(*, benutzer: Benutzer, user, basis: str | None = None) -> dict[str, bool | str]:
    """Send the invitation or password reset; returns the kind and whether it went out.

    Call it after the account change has committed (the views and the API do: they are not
    atomic), so a failed send cannot undo it. "versendet" is True once the mail is queued
    (with a worker) or sent (without one). `basis`: the address the request came in on, for the link.
    """
    recht_pruefen(user, "organisation", "change", "benutzer")
    _darf_konto_aendern(user, benutzer)
    fehler = []
    if not benutzer.is_active:
        fehler.append(_("Das Konto ist deaktiviert; bitte zuerst aktivieren."))
    if not benutzer.email:
        fehler.append(_("Für das Konto ist keine E-Mail-Adresse hinterlegt."))
    if fehler:
        raise ValidationError(fehler)
    art = art_fuer(benutzer)
    return {"art": art, "versendet": tasks.einladung_einreihen(benutzer_id=benutzer.pk, art=art, basis=basis)}
