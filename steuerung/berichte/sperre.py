"""The period lock for Messwerte: which report freezes a period's values, why, and who can lift it.

From submission until return or publication a report freezes the values it is judged on, and
after approval it locks them; a report covers its own unit and every unit below it.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from core import periods
from organisation.models import Organisationseinheit
from organisation.rollen import Rolle
from steuerung.berichte.uebergaenge import UEBERGAENGE
from steuerung.models import Kennzahl, Tertialbericht
from steuerung.models.berichte import (
    GESPERRTE_STATUS,
    SCHREIBGESCHUETZTE_STATUS,
    Berichtsaktion,
    Berichtsstatus,
)

S = Berichtsstatus


def berichtstertial(periode: str) -> str:
    """The tertial in whose report a value of this period appears (a year's value: its 3rd tertial)."""
    p = periods.periode(periode)
    if p.rhythmus == periods.Rhythmus.JAHR:
        return periods.tertial(p.jahr, 3).schluessel
    return periods.tertial_von(p.beginn).schluessel


def _vorfahren(organisationseinheit_id: int, eltern: dict[int, int | None]) -> list[int]:
    kette, aktuell = [], organisationseinheit_id
    while aktuell is not None and aktuell not in kette:
        kette.append(aktuell)
        aktuell = eltern.get(aktuell)
    return kette


def _mit_vorfahren(organisationseinheit_id: int) -> list[int]:
    return _vorfahren(organisationseinheit_id, dict(Organisationseinheit.objects.values_list("id", "eltern_id")))


def periode_gesperrt(*, organisationseinheit: Organisationseinheit | int, periode: str) -> bool:
    """Whether an approved report covering this unit (its own or a parent's) locks the period's values."""
    oe_id = organisationseinheit if isinstance(organisationseinheit, int) else organisationseinheit.pk
    return Tertialbericht.objects.filter(
        organisationseinheit_id__in=_mit_vorfahren(oe_id), periode=berichtstertial(periode), status__in=GESPERRTE_STATUS
    ).exists()


def sperrende_berichte(
    *, organisationseinheiten: Iterable[int], periode: str, sperren: bool = False
) -> dict[int, Tertialbericht | None]:
    """`sperrender_bericht` for many units at once (two queries): unit id → report or None."""
    oe_ids = sorted(set(organisationseinheiten))
    if not oe_ids:
        return {}
    eltern = dict(Organisationseinheit.objects.values_list("id", "eltern_id"))
    ketten = {oe_id: _vorfahren(oe_id, eltern) for oe_id in oe_ids}
    qs = Tertialbericht.objects.filter(
        organisationseinheit_id__in=sorted({e for kette in ketten.values() for e in kette}),
        periode=berichtstertial(periode),
    ).order_by("id")
    if sperren:
        qs = qs.select_for_update()
    schreibgeschuetzt = [b for b in qs.select_related("organisationseinheit") if b.status in SCHREIBGESCHUETZTE_STATUS]
    return {
        oe_id: next((b for b in schreibgeschuetzt if b.organisationseinheit_id in kette), None)
        for oe_id, kette in ketten.items()
    }


def sperrender_bericht(
    *, organisationseinheit: Organisationseinheit | int, periode: str, sperren: bool = False
) -> Tertialbericht | None:
    """The report (the unit's own or a parent's) that makes the period's values read-only, or None.

    From submission until return or publication a report freezes the values it is judged on,
    and after approval it locks them (SCHREIBGESCHUETZTE_STATUS). With `sperren` the report rows
    are locked (select_for_update), so a submission cannot slip between this check and a save.
    """
    oe_id = organisationseinheit if isinstance(organisationseinheit, int) else organisationseinheit.pk
    return sperrende_berichte(organisationseinheiten=[oe_id], periode=periode, sperren=sperren)[oe_id]


_ROLLEN_REIHENFOLGE = [Rolle.SACHBEARBEITUNG, Rolle.AMTSLEITUNG, Rolle.DEZERNATSLEITUNG, Rolle.STEUERUNG]


def _rollen_text(rollen: Iterable[str]) -> str:
    """ "die Amtsleitung, die Dezernatsleitung oder die Steuerungsunterstützung"."""
    namen = [_("die %(rolle)s") % {"rolle": Rolle(r).label} for r in _ROLLEN_REIHENFOLGE if r in set(rollen)]
    if len(namen) < 2:
        return "".join(namen)
    return _("%(erste)s oder %(letzte)s") % {"erste": ", ".join(namen[:-1]), "letzte": namen[-1]}


def sperre_text(*, bericht: Tertialbericht, periode: str) -> str:
    """Why the values of `periode` cannot change now: the report's state and who can lift it."""
    werte = {
        "periode": periods.periode(periode).bezeichnung,
        "bericht": f"{bericht.organisationseinheit.kuerzel} {periods.periode(bericht.periode).bezeichnung}",
        "status": bericht.get_status_display(),
    }
    zurueck = UEBERGAENGE[Berichtsaktion.ZURUECKGEBEN].get(bericht.status, (None, frozenset()))[1]
    oeffnen = UEBERGAENGE[Berichtsaktion.WIEDER_OEFFNEN].get(bericht.status, (None, frozenset()))[1]
    if bericht.status == S.EINGEREICHT:
        text = _(
            "Die Werte für %(periode)s sind gesperrt: Der Tertialbericht %(bericht)s ist „%(status)s“ und wird "
            "geprüft. Bis er zurückgegeben wird, lassen sich seine Werte nicht ändern."
        )
    else:
        text = _(
            "Die Werte für %(periode)s sind gesperrt: Der Tertialbericht %(bericht)s ist „%(status)s“; "
            "seine Werte lassen sich nicht mehr ändern."
        )
    text = text % werte
    if zurueck and oeffnen:
        text += " " + _("Zurückgeben oder mit Begründung wieder öffnen können ihn %(rollen)s.") % {
            "rollen": _rollen_text(zurueck | oeffnen)
        }
    elif zurueck:
        text += " " + _("Zurückgeben können ihn %(rollen)s.") % {"rollen": _rollen_text(zurueck)}
    elif oeffnen:
        text += " " + _("Mit Begründung wieder öffnen können ihn %(rollen)s.") % {"rollen": _rollen_text(oeffnen)}
    return text


class Schreibsperre(ValidationError):
    """A write into a frozen or locked period; carries the report and a German message (no field)."""

    def __init__(self, *, bericht: Tertialbericht, periode: str):
        self.bericht = bericht
        super().__init__(sperre_text(bericht=bericht, periode=periode), code="gesperrt")


def messwert_aenderung_pruefen(*, kennzahl: Kennzahl, periode: str) -> None:
    """Refuse a value change in a frozen or locked period (called by the Messwert write services).

    Locks the covering report rows for the rest of the caller's transaction: a submission waits
    until the save is committed, and a save after a submission sees it.
    """
    bericht = sperrender_bericht(organisationseinheit=kennzahl.organisationseinheit_id, periode=periode, sperren=True)
    if bericht is not None:
        raise Schreibsperre(bericht=bericht, periode=periode)
