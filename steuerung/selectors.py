"""Reads of the Zielpyramide: scoped querysets, the tree of a year, the SMART gap list.

Scope: a goal is visible when its own unit, the unit of one of its Kennzahlen, or the unit of
any goal below it is in the user's scope (organisation.selectors.fuer_benutzer). So a
Sachbearbeiterin sees the Leitziel her Maßnahme serves, but not the neighbouring Amt's branch.
The tree is built from one query per level, independent of its size.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import Model, Q, QuerySet

from organisation.selectors import fuer_benutzer, sichtbare_oe_ids, unterbaum_ids
from steuerung.models import (
    Kennzahl,
    Leitziel,
    Massnahme,
    Produkt,
    Produktgruppe,
    Produktgruppenziel,
    Produktziel,
    Teilziel,
)
from steuerung.smart import PLAUSIBILITAETSGRENZE, KennzahlDaten, SmartErgebnis, ZielDaten, pruefe_ziel
from steuerung.zielbaum import eltern_von

ZIELMODELLE: dict[str, type[Model]] = {
    "leitziel": Leitziel,
    "produktgruppenziel": Produktgruppenziel,
    "produktziel": Produktziel,
    "teilziel": Teilziel,
    "massnahme": Massnahme,
}
TYP_VON_MODELL = {m: t for t, m in ZIELMODELLE.items()}

# Reverse relations to the goals directly below; Teilziele of a Produktziel include nested ones.
_UNTERZIELE: dict[type[Model], tuple[str, ...]] = {
    Leitziel: ("produktgruppenziele",),
    Produktgruppenziel: ("produktziele",),
    Produktziel: ("teilziele", "massnahmen"),
    Teilziel: ("massnahmen", "kinder"),
    Massnahme: (),
}
_UNTERMODELL = {
    "produktgruppenziele": Produktgruppenziel,
    "produktziele": Produktziel,
    "teilziele": Teilziel,
    "massnahmen": Massnahme,
    "kinder": Teilziel,
}


_MIT = {"produktgruppenziel": ("produktgruppe",), "produktziel": ("produkt",)}


def plausibilitaetsgrenze() -> Decimal:
    return Decimal(str(getattr(settings, "STEUERUNG_PLAUSIBILITAETSGRENZE_PROZENT", PLAUSIBILITAETSGRENZE)))


def _pfade(model: type[Model], tiefe: int = 0) -> list[str]:
    """Lookup prefixes from a goal model to itself and every goal below it."""
    pfade = [""]
    if tiefe > 5:
        return pfade
    for relation in _UNTERZIELE[model]:
        pfade += [f"{relation}__{p}" for p in _pfade(_UNTERMODELL[relation], tiefe + 1)]
    return pfade


def ziele_fuer(model: type[Model], user) -> QuerySet:
    """Goals of one level the user may see (own unit, a Kennzahl's unit or a unit below)."""
    queryset = model.objects.all()
    if sichtbare_oe_ids(user) is None:
        return queryset
    bedingung = Q()
    for pfad in _pfade(model):
        for feld in (f"{pfad}organisationseinheit", f"{pfad}kennzahlen__organisationseinheit"):
            bedingung |= Q(pk__in=fuer_benutzer(model.objects.all(), user, oe_feld=feld).values("pk"))
    return queryset.filter(bedingung)


def ziele_bearbeitbar_fuer(model: type[Model], user) -> QuerySet:
    """Goals whose own unit is in the user's scope (write access is checked by role as well)."""
    return fuer_benutzer(model.objects.all(), user)


def kennzahlen_fuer(user) -> QuerySet[Kennzahl]:
    return fuer_benutzer(Kennzahl.objects.select_related("organisationseinheit", "verantwortlich", "vertretung"), user)


def produktgruppen() -> QuerySet[Produktgruppe]:
    """NKF-Produktgruppen are budget structure, not unit data: every reader sees them."""
    return Produktgruppe.objects.all()


def produkte() -> QuerySet[Produkt]:
    return Produkt.objects.select_related("produktgruppe")


def kennzahl_daten(k: Kennzahl) -> KennzahlDaten:
    return KennzahlDaten(
        bezeichnung=k.bezeichnung,
        einheit=k.einheit,
        datenquelle=k.datenquelle,
        richtung=k.richtung,
        ausgangswert=k.ausgangswert,
        ausgangsjahr=k.ausgangsjahr,
        zielwert=k.zielwert,
        zieljahr=k.zieljahr,
        wirkungsebene=k.wirkungsebene,
        verantwortlich=bool(k.verantwortlich_id),
        vertretung=bool(k.vertretung_id),
    )


def ziel_smart(ziel: Model, kennzahlen: list[Kennzahl] | None = None) -> SmartErgebnis:
    """SMART result of one goal; pass its Kennzahlen when they are already loaded."""
    typ = TYP_VON_MODELL[type(ziel)]
    if kennzahlen is None:
        kennzahlen = list(Kennzahl.objects.filter(**{typ: ziel}, archiviert=False))
    hat_leitziel = typ != "massnahme" or bool(ziel.produktziel_id or ziel.teilziel_id)
    return pruefe_ziel(
        ZielDaten(
            typ=typ,
            titel=ziel.titel,
            zielgruppe=ziel.zielgruppe,
            verantwortlich=bool(ziel.verantwortlich_id),
            begruendung_plausibilitaet=ziel.begruendung_plausibilitaet,
            kennzahlen=[kennzahl_daten(k) for k in kennzahlen],
            hat_leitziel=hat_leitziel,
        ),
        grenze=plausibilitaetsgrenze(),
    )


def _knoten(typ: str, ziel: Model, kennzahlen: list[Kennzahl], sichtbare_kennzahlen: set[int]) -> dict[str, Any]:
    ergebnis = ziel_smart(ziel, kennzahlen)
    knoten: dict[str, Any] = {
        "typ": typ,
        "id": ziel.pk,
        "code": ziel.code,
        "titel": ziel.titel,
        "zielgruppe": ziel.zielgruppe,
        "wirkungsebene": ziel.wirkungsebene,
        "organisationseinheit": ziel.organisationseinheit.kuerzel,
        "organisationseinheit_id": ziel.organisationseinheit_id,
        "archiviert": ziel.archiviert,
        "smart": {
            "erfuellt": ergebnis.erfuellt,
            "maengel": list(ergebnis.maengel),
            "warnungen": list(ergebnis.warnungen),
        },
        "kennzahlen": [k.pk for k in kennzahlen if k.pk in sichtbare_kennzahlen],
        "kinder": [],
    }
    if typ == "produktgruppenziel":
        knoten["produktgruppe"] = str(ziel.produktgruppe)
    elif typ == "produktziel":
        knoten["produkt"] = str(ziel.produkt)
    return knoten


def _behalten(knoten: dict[str, Any], passt) -> bool:
    """Prune the tree in place: keep nodes that match or have a matching descendant."""
    knoten["kinder"] = [k for k in knoten["kinder"] if _behalten(k, passt)]
    return passt(knoten) or bool(knoten["kinder"])


def zielpyramide_baum(
    *,
    jahr: int,
    user,
    organisationseinheit: int | None = None,
    leitziel: int | None = None,
    archivierte: bool = False,
) -> dict[str, Any]:
    """The Zielpyramide of a year as nested dicts, from a bounded number of queries.

    Steps: load each level once (scoped), load the year's Kennzahlen once, group children by
    parent id in memory, then apply the optional unit / Leitziel filters by pruning.
    Archived goals and Kennzahlen are left out unless `archivierte` (nodes carry `archiviert`).
    Returns {"jahr", "knoten": [Leitziel nodes], "ohne_leitziel": [Maßnahme nodes]}.
    """
    aktiv = {} if archivierte else {"archiviert": False}
    ebenen = {
        typ: list(
            ziele_fuer(model, user)
            .filter(jahr=jahr, **aktiv)
            .select_related("organisationseinheit", *_MIT.get(typ, ()))
            .order_by("code", "pk")
        )
        for typ, model in ZIELMODELLE.items()
    }
    kennzahlen_je_ziel: dict[tuple[str, int], list[Kennzahl]] = {}
    for k in Kennzahl.objects.filter(jahr=jahr, **aktiv).order_by("code", "pk"):
        for typ in ZIELMODELLE:
            if getattr(k, f"{typ}_id"):
                kennzahlen_je_ziel.setdefault((typ, getattr(k, f"{typ}_id")), []).append(k)
    sichtbare_kennzahlen = set(fuer_benutzer(Kennzahl.objects.filter(jahr=jahr), user).values_list("pk", flat=True))

    knoten: dict[tuple[str, int], dict[str, Any]] = {}
    for typ, ziele in ebenen.items():
        for ziel in ziele:
            knoten[(typ, ziel.pk)] = _knoten(
                typ, ziel, kennzahlen_je_ziel.get((typ, ziel.pk), []), sichtbare_kennzahlen
            )

    # A goal whose parent the user cannot see is left out; a Maßnahme without any parent is listed apart.
    ohne_leitziel = []
    for typ, ziele in ebenen.items():
        for ziel in ziele:
            eltern = eltern_von(typ, ziel)
            if eltern in knoten:
                knoten[eltern]["kinder"].append(knoten[(typ, ziel.pk)])
            elif eltern is None and typ == "massnahme":
                ohne_leitziel.append(knoten[(typ, ziel.pk)])
    wurzeln = [knoten[("leitziel", lz.pk)] for lz in ebenen["leitziel"]]

    if leitziel:
        wurzeln = [w for w in wurzeln if w["id"] == leitziel]
    if organisationseinheit:
        einheiten = unterbaum_ids([organisationseinheit])
        wurzeln = [w for w in wurzeln if _behalten(w, lambda k: k["organisationseinheit_id"] in einheiten)]
        ohne_leitziel = [m for m in ohne_leitziel if m["organisationseinheit_id"] in einheiten]
    return {"jahr": jahr, "knoten": wurzeln, "ohne_leitziel": ohne_leitziel}


def baum_knoten(baum: dict[str, Any]):
    """All nodes of a tree, depth first, with their chain of codes (for lists and exports)."""

    def gehen(knoten, kette):
        for k in knoten:
            pfad = [*kette, k["code"]]
            yield k, pfad
            yield from gehen(k["kinder"], pfad)

    yield from gehen(baum["knoten"], [])


def smart_luecken(*, jahr: int, user) -> dict[str, list[dict[str, Any]]]:
    """The Zielsystem-Check: goals with SMART gaps, Output-only warnings, untraced Maßnahmen."""
    baum = zielpyramide_baum(jahr=jahr, user=user)
    maengel, warnungen = [], []
    for knoten, pfad in baum_knoten(baum):
        eintrag = {**knoten, "pfad": " › ".join(pfad)}
        if knoten["smart"]["maengel"]:
            maengel.append(eintrag)
        if knoten["smart"]["warnungen"]:
            warnungen.append(eintrag)
    return {"maengel": maengel, "warnungen": warnungen, "ohne_leitziel": baum["ohne_leitziel"]}


def jahre_mit_zielen() -> list[int]:
    return sorted(set(Leitziel.objects.values_list("jahr", flat=True).distinct()))
