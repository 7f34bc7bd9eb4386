"""Reads about units and roles; the scope helper every view and endpoint relies on."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import TypeVar

from django.db.models import Model, QuerySet

from core.zwischenspeicher import gemerkt
from organisation.models import KOMMUNE_ID, Kommune, Organisationseinheit
from organisation.rollen import ROLLEN_MIT_GESAMTSICHT, Rolle

_CACHE_ATTR = "_steuerung_oe_scope"
M = TypeVar("M", bound=Model)


def rollen_von(user) -> frozenset[str]:
    """Role names of a user (cached on the user object for the request)."""
    if not user or not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_steuerung_rollen", None)
    if cached is None:
        cached = frozenset(user.groups.values_list("name", flat=True))
        user._steuerung_rollen = cached
    return cached


def hat_rolle(user, *rollen: Rolle) -> bool:
    return bool(rollen_von(user) & {str(r) for r in rollen})


def unterbaum_ids(wurzel_ids: Iterable[int]) -> set[int]:
    """Ids of the given units and all units below them, from one query over the small tree."""
    kinder: dict[int | None, list[int]] = defaultdict(list)
    for oe_id, eltern_id in Organisationseinheit.objects.values_list("id", "eltern_id"):
        kinder[eltern_id].append(oe_id)
    ergebnis: set[int] = set()
    offen = list(wurzel_ids)
    while offen:
        oe_id = offen.pop()
        if oe_id in ergebnis:
            continue
        ergebnis.add(oe_id)
        offen.extend(kinder.get(oe_id, []))
    return ergebnis


def vorfahren_ids(oe_id: int) -> set[int]:
    """The unit and every unit above it (whose subtree therefore contains it), from one query."""
    eltern = dict(Organisationseinheit.objects.values_list("id", "eltern_id"))
    ergebnis: set[int] = set()
    aktuell: int | None = oe_id
    while aktuell is not None and aktuell not in ergebnis:
        ergebnis.add(aktuell)
        aktuell = eltern.get(aktuell)
    return ergebnis


def sichtbare_oe_ids(user) -> set[int] | None:
    """Units whose data the user may see; None means all of them.

    Superusers and roles with Gesamtsicht see everything; the Dezernatsleitung sees its
    Dezernat's subtree; Fachamt roles see their unit's subtree; the Rat sees no unit data.
    """
    if not user or not user.is_authenticated:
        return set()
    if user.is_superuser or hat_rolle(user, *ROLLEN_MIT_GESAMTSICHT):
        return None
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    if user.organisationseinheit_id and hat_rolle(
        user, Rolle.DEZERNATSLEITUNG, Rolle.AMTSLEITUNG, Rolle.SACHBEARBEITUNG
    ):
        scope = unterbaum_ids([user.organisationseinheit_id])
    else:
        scope = set()
    setattr(user, _CACHE_ATTR, scope)
    return scope


def fuer_benutzer(queryset: QuerySet[M], user, *, oe_feld: str = "organisationseinheit") -> QuerySet[M]:
    """Restrict a queryset to the rows of units the user may see.

    `oe_feld` is the lookup path from the model to its Organisationseinheit
    (e.g. "massnahme__organisationseinheit"). Rows outside the scope simply do not exist
    for the user: detail views then answer 404, never 403, so ids leak nothing.
    """
    scope = sichtbare_oe_ids(user)
    if scope is None:
        return queryset
    if not scope:
        return queryset.none()
    return queryset.filter(**{f"{oe_feld}__in": scope})


def organisationseinheiten_fuer(user) -> QuerySet[Organisationseinheit]:
    return fuer_benutzer(Organisationseinheit.objects.select_related("eltern"), user, oe_feld="id")


KOMMUNE_SPEICHER = "organisation.kommune"


def kommune() -> Kommune:
    """The Kommune's settings; the settings module's defaults while none are saved yet.

    Read once per request (core.zwischenspeicher): callers may ask per row.
    """
    return gemerkt(KOMMUNE_SPEICHER, lambda: Kommune.objects.filter(pk=KOMMUNE_ID).first() or Kommune(pk=KOMMUNE_ID))
