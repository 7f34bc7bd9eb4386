"""The roles of DOMAIN.md §2 and which model permissions each gets.

Every app may declare its own `RECHTE = {Rolle.X: ["app_label.codename", ...]}` in a module
`<app>/rollen.py`; `rollenrechte_synchronisieren` collects all of them, so no central list
has to know every model.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Rolle(models.TextChoices):
    DEZERNATSLEITUNG = "Dezernatsleitung", _("Dezernatsleitung")
    STEUERUNG = "Steuerungsunterstützung", _("Steuerungsunterstützung")
    AMTSLEITUNG = "Amtsleitung", _("Amtsleitung")
    SACHBEARBEITUNG = "Sachbearbeitung", _("Sachbearbeitung")
    KAEMMEREI = "Kämmerei", _("Kämmerei")
    RAT = "Rat", _("Rat / Ausschuss")
    ADMINISTRATION = "Administration", _("Administration")


def rechte(app_label: str, aktionen: str, modelle: list[str]) -> list[str]:
    """Permission codes for each action × model, e.g. rechte("steuerung", "view add", ["leitziel"])."""
    return [f"{app_label}.{a}_{m}" for a in aktionen.split() for m in modelle]


# Roles whose scope is the whole administration rather than their own unit's subtree.
ROLLEN_MIT_GESAMTSICHT = frozenset({Rolle.STEUERUNG, Rolle.KAEMMEREI, Rolle.ADMINISTRATION})

RECHTE: dict[Rolle, list[str]] = {
    Rolle.DEZERNATSLEITUNG: ["organisation.view_organisationseinheit"],
    Rolle.STEUERUNG: ["organisation.view_organisationseinheit"],
    Rolle.AMTSLEITUNG: ["organisation.view_organisationseinheit"],
    Rolle.SACHBEARBEITUNG: ["organisation.view_organisationseinheit"],
    Rolle.KAEMMEREI: ["organisation.view_organisationseinheit"],
    Rolle.RAT: [],
    Rolle.ADMINISTRATION: [
        "organisation.view_organisationseinheit",
        "organisation.add_organisationseinheit",
        "organisation.change_organisationseinheit",
        "organisation.delete_organisationseinheit",
        "organisation.view_benutzer",
        "organisation.add_benutzer",
        "organisation.change_benutzer",
        "organisation.view_kommune",
        "organisation.change_kommune",
    ],
}
