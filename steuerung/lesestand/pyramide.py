"""The Zielpyramide of a year as a stored view, read one level at a time.

The whole tree of a city (thousands of goals with their SMART check) is built once per year,
filter and visibility scope by steuerung.selectors.zielpyramide_baum and stored flat; a request
returns the Leitziele, or the direct children of one node, each with the number of its children.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from steuerung import selectors
from steuerung.lesestand.basis import KNOTEN, Eintrag, KnotenUnbekannt, eintraege, knoten_holen, sicht_von, stand_holen
from steuerung.models import Lesestandeintrag

__all__ = ["KnotenUnbekannt", "pyramide_ebene", "smart_luecken_anzahl"]

OHNE_LEITZIEL = "ohne-leitziel"


def _flach(baum: dict[str, Any]) -> list[Eintrag]:
    zeilen: list[Eintrag] = []

    def gehen(knoten: list[dict[str, Any]], eltern: str) -> None:
        for i, k in enumerate(knoten):
            schluessel = f"{k['typ']}-{k['id']}"
            daten = {key: wert for key, wert in k.items() if key != "kinder"}
            daten.update(schluessel=schluessel, kinder=[], kinder_anzahl=len(k["kinder"]))
            zeilen.append({"art": KNOTEN, "eltern": eltern, "schluessel": schluessel, "position": i, "daten": daten})
            gehen(k["kinder"], schluessel)

    gehen(baum["knoten"], "")
    gehen(baum["ohne_leitziel"], OHNE_LEITZIEL)
    return zeilen


def _stand(
    *,
    jahr: int,
    user,
    organisationseinheit: int | None = None,
    leitziel: int | None = None,
    archivierte: bool = False,
):
    def bauen(_heute: date):
        baum = selectors.zielpyramide_baum(
            jahr=jahr,
            user=user,
            organisationseinheit=organisationseinheit,
            leitziel=leitziel,
            archivierte=archivierte,
        )
        return {"jahr": jahr}, _flach(baum)

    schluessel = f"{jahr}|oe={organisationseinheit or ''}|lz={leitziel or ''}" + ("|archiv" if archivierte else "")
    return stand_holen("zielpyramide", schluessel, sicht_von(user), bauen)


def smart_luecken_anzahl(*, jahr: int, user) -> tuple[int, int]:
    """(goals with SMART gaps, Maßnahmen without a Leitziel) of the year: the Zielsystem-Check's counts,
    read from the stored tree instead of checking every goal again."""
    stand = _stand(jahr=jahr, user=user)
    qs = Lesestandeintrag.objects.filter(stand=stand, art=KNOTEN)
    return (
        qs.exclude(eltern=OHNE_LEITZIEL).filter(daten__smart__erfuellt=False).count(),
        qs.filter(eltern=OHNE_LEITZIEL).count(),
    )


def pyramide_ebene(
    *,
    jahr: int,
    user,
    organisationseinheit: int | None = None,
    leitziel: int | None = None,
    knoten: str | None = None,
    archivierte: bool = False,
) -> dict[str, Any]:
    """{"jahr", "stand", "eltern", "knoten", "ohne_leitziel"}: one level of the stored tree.

    Without `knoten` the Leitziele (and Maßnahmen without a Leitziel); with it the direct
    children of that node. Raises KnotenUnbekannt for a node outside the user's tree.
    """

    stand = _stand(
        jahr=jahr, user=user, organisationseinheit=organisationseinheit, leitziel=leitziel, archivierte=archivierte
    )
    if knoten is None:
        return {
            "jahr": jahr,
            "stand": stand.erzeugt_am,
            "eltern": None,
            "knoten": eintraege(stand, KNOTEN),
            "ohne_leitziel": eintraege(stand, KNOTEN, eltern=OHNE_LEITZIEL),
        }
    return {
        "jahr": jahr,
        "stand": stand.erzeugt_am,
        "eltern": knoten_holen(stand, knoten),
        "knoten": eintraege(stand, KNOTEN, eltern=knoten),
        "ohne_leitziel": [],
    }
