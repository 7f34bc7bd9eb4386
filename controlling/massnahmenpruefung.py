"""The rules of an HSK-Maßnahme save, checked all at once before anything is written.

controlling.services runs `alles_pruefen` before writing a measure with its rows; the page
(frontend.views.hsk.pflege) also runs `hsk_zeilen_pruefen` when other input was refused, so the
errors of the rows show together with those of the fields.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import formats
from django.utils.translation import gettext as _

from controlling.models import HSKMassnahme, Stelle
from controlling.stellen import personalkosten_jahr_aus_stellen


def _fehler_sammeln(fehler: dict[str, list[str]], pruefung: Callable[[], object]) -> None:
    """Run one check and keep its errors by field, so a save reports every problem at once."""
    try:
        pruefung()
    except ValidationError as exc:
        for feld, meldungen in (exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}).items():
            fehler.setdefault(feld, []).extend(meldungen)


def soll_pruefen(soll: list[Mapping[str, Any]]) -> None:
    jahre = [int(e["jahr"]) for e in soll]
    if len(jahre) != len(set(jahre)):
        raise ValidationError({"soll": _("Jedes Haushaltsjahr darf nur einmal ein Soll haben.")})


def neue_stellen(massnahme: HSKMassnahme, stellen: Iterable[Mapping[str, Any]]) -> list[Stelle]:
    """Build (not save) the Stellen; every invalid one is reported at once, naming it."""
    neu, fehler = [], []
    for s in stellen:
        stelle = Stelle(
            hsk_massnahme=massnahme,
            bezeichnung=s["bezeichnung"],
            vzae=s["vzae"],
            jahreskosten=s["jahreskosten"],
            beginn=s.get("beginn"),
            ende=s.get("ende"),
        )
        try:
            # The measure may be unsaved yet (a new one): its dates are checked by Stelle.clean all the same.
            stelle.full_clean(exclude=None if massnahme.pk else ["hsk_massnahme"])
        except ValidationError as exc:
            # Reported under "stellen", naming the Stelle: the client sent a list.
            fehler += [f"{stelle.bezeichnung}: {meldung}" for meldung in exc.messages]
        neu.append(stelle)
    if fehler:
        raise ValidationError({"stellen": fehler})
    return neu


def ablaufschritte_pruefen(massnahme: HSKMassnahme, namen: list[str]) -> None:
    if len(namen) != len(set(namen)):
        raise ValidationError({"ablaufschritte": _("Jeder Ablaufschritt darf nur einmal vorkommen.")})
    if massnahme.pk is None:
        return
    entfallen = massnahme.ablaufschritte.exclude(bezeichnung__in=namen)
    belegt = entfallen.filter(einzelfaelle__isnull=False).values_list("bezeichnung", flat=True).distinct()
    if belegt:
        raise ValidationError(
            {
                "ablaufschritte": _("Der Ablaufschritt „%(name)s“ ist noch Einzelfällen zugeordnet.")
                % {"name": belegt[0]}
            }
        )


def namen_lesen(ablaufschritte: Iterable[str]) -> list[str]:
    return [n.strip() for n in ablaufschritte if n and n.strip()]


def hsk_zeilen_pruefen(
    *,
    massnahme: HSKMassnahme,
    soll: list[Mapping[str, Any]] | None,
    stellen: list[Mapping[str, Any]] | None,
    ablaufschritte: list[str] | None,
) -> dict[str, list[str]]:
    """The rules over the rows of a measure (Soll years unique, Stellen within the measure, steps
    unique and not in use), all at once, without writing; None skips a list. `massnahme` carries the
    dates to check against (it may be unsaved). The services run it before writing; the page also
    runs it when other input was refused, so row errors show together with field errors."""
    fehler: dict[str, list[str]] = {}
    if soll is not None:
        _fehler_sammeln(fehler, lambda: soll_pruefen(soll))
    if stellen is not None:
        _fehler_sammeln(fehler, lambda: neue_stellen(massnahme, stellen))
    if ablaufschritte is not None:
        _fehler_sammeln(fehler, lambda: ablaufschritte_pruefen(massnahme, namen_lesen(ablaufschritte)))
    return fehler


def _personalkosten_ableiten(
    massnahme: HSKMassnahme, *, stellen: list[Mapping[str, Any]] | None, gesendet: Decimal | None
) -> None:
    """Staff costs per year: with Stellen derived from them (Σ jahreskosten), else the value given.

    `stellen` None means: the measure keeps its stored Stellen. A value different from the derived
    one is refused (the API is strict; the page does not send the field when it has Stellen rows).
    When the last Stellen are removed, the derived figure goes with them: the measure then needs
    a value in the same change (0 if there are no staff costs), as a new measure without Stellen does.
    """
    hatte_stellen = massnahme.pk is not None and massnahme.stellen.exists()
    if stellen is None:
        stellen = list(massnahme.stellen.values("jahreskosten")) if hatte_stellen else []
    if not stellen:
        if hatte_stellen and gesendet is None:
            massnahme.personalkosten_jahr = None
            raise ValidationError(
                {
                    "personalkosten_jahr": _(
                        "Ohne Stellen ergeben sich die Personalkosten nicht mehr aus ihnen: bitte die "
                        "Personalkosten je Jahr angeben (0, wenn keine anfallen)."
                    )
                }
            )
        if massnahme.personalkosten_jahr is None:
            raise ValidationError(
                {"personalkosten_jahr": _("Bitte die Personalkosten je Jahr angeben oder Stellen erfassen.")}
            )
        return
    abgeleitet = personalkosten_jahr_aus_stellen(stellen)
    if gesendet is not None and Decimal(gesendet) != abgeleitet:
        raise ValidationError(
            {
                "personalkosten_jahr": _(
                    "Die Personalkosten je Jahr ergeben sich aus den Stellen (%(summe)s €) und können nicht "
                    "abweichend angegeben werden."
                )
                % {"summe": formats.number_format(abgeleitet, 2, force_grouping=True)}
            }
        )
    massnahme.personalkosten_jahr = abgeleitet


def alles_pruefen(
    massnahme: HSKMassnahme,
    *,
    gesendet: Decimal | None,
    soll: list[Mapping[str, Any]] | None,
    stellen: list[Mapping[str, Any]] | None,
    ablaufschritte: list[str] | None,
) -> None:
    """Steps of a save's check, before anything is written: staff costs (sets the derived value),
    the measure's own fields and constraints, the rows; every error of all of them at once."""
    fehler: dict[str, list[str]] = {}
    _fehler_sammeln(fehler, lambda: _personalkosten_ableiten(massnahme, stellen=stellen, gesendet=gesendet))
    _fehler_sammeln(fehler, lambda: massnahme.full_clean(exclude=list(fehler)))
    for feld, meldungen in hsk_zeilen_pruefen(
        massnahme=massnahme, soll=soll, stellen=stellen, ablaufschritte=ablaufschritte
    ).items():
        fehler.setdefault(feld, []).extend(meldungen)
    if fehler:
        raise ValidationError(fehler)
