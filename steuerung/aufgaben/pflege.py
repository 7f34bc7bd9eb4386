"""Tasks of the Steuerungsunterstützung in the goal system: SMART gaps, Kennzahlen without a Soll."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from organisation.selectors import fuer_benutzer
from steuerung.aufgaben.basis import Aufgabe, aufgabe, begrenzt
from steuerung.auswertung import steckbrief_von
from steuerung.lesestand.pyramide import smart_luecken_anzahl
from steuerung.models import Kennzahl, Leitziel, Sollwert
from steuerung.periodenbewertung import soll_jahr


def zielsystem_fehlt(*, user, heute: date) -> list[Aufgabe]:
    """A fresh system, or a new year without goals: the first thing to do is the Zielsystem."""
    jahr = heute.year
    if Leitziel.objects.filter(jahr=jahr, archiviert=False).exists():
        return []
    return [
        aufgabe(
            text=_(
                "Zielsystem %(jahr)s anlegen: noch kein Leitziel – Leitziele anlegen oder die Zielmatrix des "
                "Vorjahres übernehmen"
            )
            % {"jahr": jahr},
            url=reverse("frontend:zielpyramide") + f"?jahr={jahr}",
            heute=heute,
        )
    ]


def smart_luecken(*, user, heute: date) -> list[Aufgabe]:
    """One task for the year's Zielsystem-Check when goals have SMART gaps or Maßnahmen lack a Leitziel."""
    jahr = heute.year
    maengel, ohne_leitziel = smart_luecken_anzahl(jahr=jahr, user=user)
    if not (maengel or ohne_leitziel):
        return []
    teile = []
    if maengel:
        teile.append(ngettext("%(n)s Ziel mit SMART-Lücken", "%(n)s Ziele mit SMART-Lücken", maengel) % {"n": maengel})
    if ohne_leitziel:
        teile.append(
            ngettext("%(n)s Maßnahme ohne Leitziel", "%(n)s Maßnahmen ohne Leitziel", ohne_leitziel)
            % {"n": ohne_leitziel}
        )
    return [
        aufgabe(
            text=_("Zielsystem %(jahr)s prüfen: %(luecken)s") % {"jahr": jahr, "luecken": ", ".join(teile)},
            url=reverse("frontend:zielsystem-check") + f"?jahr={jahr}",
            heute=heute,
            anzahl=maengel + ohne_leitziel,
        )
    ]


def kennzahlen_ohne_soll(*, user, heute: date) -> list[Aufgabe]:
    """Kennzahlen of the current year without a Soll for the year (steuerung.periodenbewertung.soll_jahr).

    The database narrows to Kennzahlen without a complete target; the rule itself decides.
    """
    jahr = heute.year
    kandidaten = list(
        fuer_benutzer(Kennzahl.objects.filter(jahr=jahr), user)
        .filter(Q(zielwert__isnull=True) | Q(zieljahr__isnull=True))
        .select_related("organisationseinheit")
        .order_by("code", "pk")
    )
    sollwerte: dict[int, dict[str, Decimal]] = {}
    for kid, p, wert in Sollwert.objects.filter(kennzahl__in=kandidaten, periode=str(jahr)).values_list(
        "kennzahl_id", "periode", "wert"
    ):
        sollwerte.setdefault(kid, {})[p] = wert
    aufgaben = [
        aufgabe(
            text=_("Soll %(jahr)s festlegen: %(kennzahl)s (%(einheit)s)")
            % {"jahr": jahr, "kennzahl": k, "einheit": k.organisationseinheit.kuerzel},
            url=reverse("frontend:kennzahl-bearbeiten", kwargs={"pk": k.pk}),
            heute=heute,
        )
        for k in kandidaten
        if soll_jahr(steckbrief=steckbrief_von(k), jahr=jahr, sollwerte=sollwerte.get(k.pk, {})) is None
    ]
    return begrenzt(
        aufgaben,
        rest_text=_("%(n)s weitere Kennzahlen ohne Soll für das laufende Jahr"),
        rest_url=reverse("frontend:zielpyramide") + f"?jahr={jahr}",
    )
