"""The approval trail the council reads: role, unit and date of each step, no personal names."""

from __future__ import annotations

from django.utils import timezone

from organisation.rollen import Rolle
from organisation.selectors import rollen_von
from steuerung.berichte import oeffentlich
from steuerung.berichte.uebergaenge import UEBERGAENGE
from steuerung.models import Berichtsuebergang, Tertialbericht
from steuerung.models.berichte import Berichtsaktion

# Which of a user's roles names a step, when the user holds several that may take it.
_ROLLEN_VORRANG = [Rolle.AMTSLEITUNG, Rolle.DEZERNATSLEITUNG, Rolle.SACHBEARBEITUNG, Rolle.STEUERUNG]


def _rolle_im_schritt(u: Berichtsuebergang) -> str:
    """The role in which a user took a step: one the step allows and the user holds."""
    erlaubt = UEBERGAENGE[u.aktion].get(u.von_status, (None, frozenset()))[1]
    rollen = rollen_von(u.benutzer)
    for rolle in _ROLLEN_VORRANG:
        if rolle in erlaubt and rolle in rollen:
            return str(rolle.label)
    if u.benutzer.is_superuser:
        return str(Rolle.ADMINISTRATION.label)
    return next((str(Rolle(r).label) for r in sorted(rollen) if r in Rolle.values), "")


def _einheit_von(user) -> str:
    oe = getattr(user, "organisationseinheit", None)
    return oe.kuerzel if oe else ""


def freigabeverlauf(bericht: Tertialbericht) -> list[dict]:
    """The approval trail the council reads: role, unit and date of each step since the last return or
    reopening (those and their notes stay internal), no personal names."""
    uebergaenge = list(bericht.uebergaenge.select_related("benutzer__organisationseinheit").order_by("zeitpunkt", "id"))
    neubeginn = max(
        (
            i
            for i, u in enumerate(uebergaenge)
            if u.aktion in (Berichtsaktion.ZURUECKGEBEN, Berichtsaktion.WIEDER_OEFFNEN)
        ),
        default=-1,
    )
    schritte = []
    for u in uebergaenge[neubeginn + 1 :]:
        rolle, einheit = _rolle_im_schritt(u), _einheit_von(u.benutzer)
        datum = timezone.localtime(u.zeitpunkt).date()
        schritte.append(
            {
                "aktion": u.get_aktion_display(),
                "nach": u.get_nach_status_display(),
                "rolle": rolle,
                "einheit": einheit,
                "datum": datum.isoformat(),
                "text": oeffentlich.schritt_text(
                    rolle=rolle, einheit=einheit, schritt=u.get_aktion_display(), datum=datum
                ),
            }
        )
    return schritte
