"""Who may be named responsible ("verantwortlich", "Vertretung") for a goal or a Kennzahl.

A person of the responsible unit's line: the unit itself, the units below it and the units above
it (an Amtsleitung or Dezernatsleitung may own a goal of its Abteilung), in a role that works on
goals and Kennzahlen. Council members and the Kämmerei never own a Kennzahl; inactive users neither.
Used for the choices of every form and checked by the services, so page and API follow one rule.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from organisation.models import Benutzer, Organisationseinheit
from organisation.rollen import Rolle

ROLLEN_MIT_VERANTWORTUNG = (Rolle.DEZERNATSLEITUNG, Rolle.STEUERUNG, Rolle.AMTSLEITUNG, Rolle.SACHBEARBEITUNG)


def linien() -> dict[int, set[int]]:
    """For every unit its line: itself, everything below it and its parents up to the top (one query)."""
    eltern = dict(Organisationseinheit.objects.values_list("id", "eltern_id"))
    vorfahren: dict[int, list[int]] = {}
    for oe in eltern:
        kette, naechste = [], eltern[oe]
        while naechste is not None and naechste not in kette:
            kette.append(naechste)
            naechste = eltern.get(naechste)
        vorfahren[oe] = kette
    ergebnis: dict[int, set[int]] = {oe: {oe, *kette} for oe, kette in vorfahren.items()}
    for oe, kette in vorfahren.items():
        for oben in kette:
            ergebnis[oben].add(oe)  # oe lies below each of its ancestors
    return ergebnis


def linie_ids(einheit_id: int) -> set[int]:
    return linien().get(einheit_id, {einheit_id})


def verantwortliche(einheit_id: int | None = None) -> QuerySet[Benutzer]:
    """Active users who may own a goal or Kennzahl; of the unit's line when a unit is given."""
    personen = Benutzer.objects.filter(is_active=True, groups__name__in=[str(r) for r in ROLLEN_MIT_VERANTWORTUNG])
    if einheit_id is not None:
        personen = personen.filter(organisationseinheit_id__in=linie_ids(einheit_id))
    return personen.distinct().select_related("organisationseinheit").order_by("last_name", "first_name", "username")


def verantwortliche_pruefen(einheit_id: int | None, personen: dict[str, Benutzer | None]) -> None:
    """Raise a ValidationError naming each field whose person cannot own this unit's goal or Kennzahl."""
    gesetzt = {feld: p for feld, p in personen.items() if p is not None}
    if not gesetzt or einheit_id is None:
        return
    erlaubt = set(
        verantwortliche(einheit_id).filter(pk__in=[p.pk for p in gesetzt.values()]).values_list("pk", flat=True)
    )
    fehler = {
        feld: _(
            "%(person)s kann hier nicht verantwortlich sein: nur aktive Personen der verantwortlichen "
            "Organisationseinheit (oder darüber/darunter) in Sachbearbeitung, Amtsleitung, Dezernatsleitung "
            "oder Steuerungsunterstützung."
        )
        % {"person": person}
        for feld, person in gesetzt.items()
        if person.pk not in erlaubt
    }
    if fehler:
        raise ValidationError(fehler)
