"""The state machine of the Tertialbericht: which action leads from which state to which, and who may take it.

entwurf/zurueckgegeben → eingereicht (Sachbearbeitung) → amtsleitung_freigegeben (Amtsleitung)
→ dezernat_freigegeben (Dezernatsleitung) → veroeffentlicht (Dezernatsleitung); approvers return
with a note; the Dezernatsleitung reopens an approved or published report with a reason.
The Steuerungsunterstützung may act at every step but never skip one.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext_lazy

from organisation.rollen import Rolle
from organisation.selectors import hat_rolle
from steuerung.models.berichte import Berichtsaktion, Berichtsstatus

S = Berichtsstatus

# action -> {from state: (to state, roles allowed)}
UEBERGAENGE: dict[str, dict[str, tuple[str, frozenset[str]]]] = {
    Berichtsaktion.EINREICHEN: {
        S.ENTWURF: (S.EINGEREICHT, frozenset({Rolle.SACHBEARBEITUNG, Rolle.STEUERUNG})),
        S.ZURUECKGEGEBEN: (S.EINGEREICHT, frozenset({Rolle.SACHBEARBEITUNG, Rolle.STEUERUNG})),
    },
    Berichtsaktion.FREIGEBEN: {
        S.EINGEREICHT: (S.AMTSLEITUNG_FREIGEGEBEN, frozenset({Rolle.AMTSLEITUNG, Rolle.STEUERUNG})),
        S.AMTSLEITUNG_FREIGEGEBEN: (S.DEZERNAT_FREIGEGEBEN, frozenset({Rolle.DEZERNATSLEITUNG, Rolle.STEUERUNG})),
    },
    Berichtsaktion.ZURUECKGEBEN: {
        S.EINGEREICHT: (S.ZURUECKGEGEBEN, frozenset({Rolle.AMTSLEITUNG, Rolle.DEZERNATSLEITUNG, Rolle.STEUERUNG})),
        S.AMTSLEITUNG_FREIGEGEBEN: (S.ZURUECKGEGEBEN, frozenset({Rolle.DEZERNATSLEITUNG, Rolle.STEUERUNG})),
        S.DEZERNAT_FREIGEGEBEN: (S.ZURUECKGEGEBEN, frozenset({Rolle.DEZERNATSLEITUNG, Rolle.STEUERUNG})),
    },
    Berichtsaktion.VEROEFFENTLICHEN: {
        S.DEZERNAT_FREIGEGEBEN: (S.VEROEFFENTLICHT, frozenset({Rolle.DEZERNATSLEITUNG, Rolle.STEUERUNG})),
    },
    Berichtsaktion.WIEDER_OEFFNEN: {
        S.AMTSLEITUNG_FREIGEGEBEN: (S.ENTWURF, frozenset({Rolle.DEZERNATSLEITUNG, Rolle.STEUERUNG})),
        S.DEZERNAT_FREIGEGEBEN: (S.ENTWURF, frozenset({Rolle.DEZERNATSLEITUNG, Rolle.STEUERUNG})),
        S.VEROEFFENTLICHT: (S.ENTWURF, frozenset({Rolle.DEZERNATSLEITUNG, Rolle.STEUERUNG})),
    },
}

AKTION_TEXT = {
    Berichtsaktion.EINREICHEN: gettext_lazy("Einreichen"),
    Berichtsaktion.FREIGEBEN: gettext_lazy("Freigeben"),
    Berichtsaktion.ZURUECKGEBEN: gettext_lazy("Zurückgeben"),
    Berichtsaktion.VEROEFFENTLICHEN: gettext_lazy("Veröffentlichen"),
    Berichtsaktion.WIEDER_OEFFNEN: gettext_lazy("Wieder öffnen"),
}


def darf_rolle(user, rollen: Iterable[str]) -> bool:
    """Whether the user holds one of the roles a step allows (a superuser always does)."""
    return bool(user.is_superuser) or hat_rolle(user, *[Rolle(r) for r in rollen])
