"""Start page per role and static information pages."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from frontend.aufgaben import aufgaben_fuer
from frontend.navigation import eintraege_fuer
from organisation.rollen import Rolle
from organisation.selectors import rollen_von

ROLLENTEXTE = {
    Rolle.DEZERNATSLEITUNG: _(
        "Sie sehen den Stand der Zielerreichung und der Haushaltskonsolidierung Ihres Dezernats und geben Tertialberichte frei."
    ),
    Rolle.STEUERUNG: _("Sie pflegen das Zielsystem, die Kennzahlen, die Berichtsperioden und die HSK-Maßnahmen."),
    Rolle.AMTSLEITUNG: _("Sie prüfen die Tertialberichte Ihres Amtes und geben sie an die Dezernatsleitung weiter."),
    Rolle.SACHBEARBEITUNG: _(
        "Sie erfassen Kennzahlwerte, Begründungen, Gegensteuerungsmaßnahmen und Einzelfälle Ihrer Organisationseinheit."
    ),
    Rolle.KAEMMEREI: _("Sie sehen Finanz- und HSK-Kennzahlen aller Bereiche, ohne Einzelfalldaten."),
    Rolle.RAT: _("Sie lesen die veröffentlichten Tertialberichte des Sozialdezernats."),
    Rolle.ADMINISTRATION: _("Sie verwalten Benutzerinnen und Benutzer, Rollen und Einstellungen."),
}


def start(request):
    rollen = rollen_von(request.user)
    texte = [str(text) for rolle, text in ROLLENTEXTE.items() if str(rolle) in rollen]
    kacheln = [e for e in eintraege_fuer(request.user) if e["url"] != request.path]
    aufgaben = aufgaben_fuer(request.user, heute=timezone.localdate())
    return render(
        request,
        "frontend/start.html",
        {"rollentext": " ".join(texte), "kacheln": kacheln, "aufgaben": aufgaben},
    )


@login_not_required
def barrierefreiheit(request):
    return render(request, "frontend/barrierefreiheit.html")
