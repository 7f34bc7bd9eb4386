"""The Zielpyramide of a year as a stored view, read one level at a time.

The whole tree of a city (thousands of goals with their SMART check) is built once per year,
filter and visibility scope by steuerung.selectors.zielpyramide_baum and stored flat; a request
returns the Leitziele, or the direct children of one node, each with the number of its children.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from steuerung import selectors
from steuerung.lesestand import Eintrag, eintraege, eintraege_nach_schluessel, sicht_von, stand_holen

KNOTEN_MUSTER = re.compile(r"^(leitziel|produktgruppenziel|produktziel|teilziel|massnahme)-\d{1,12}$")
OHNE_LEITZIEL = "ohne-leitziel"


class KnotenUnbekannt(LookupError):
    """The node is not part of the user's Zielpyramide (or not a node key at all)."""


def _flach(baum: dict[str, Any]) -> list[Eintrag]:
    zeilen: list[Eintrag] = []

    def gehen(knoten: list[dict[str, Any]], eltern: str) -> None:
        for i, k in enumerate(knoten):
            schluessel = f"{k['typ']}-{k['id']}"
            daten = {key: wert for key, wert in k.items() if key != "kinder"}
            daten.update(schluessel=schluessel, kinder=[], kinder_anzahl=len(k["kinder"]))
            zeilen.append({"art": "knoten", "eltern": eltern, "schluessel": schluessel, "position": i, "daten": daten})
            gehen(k["kinder"], schluessel)

    gehen(baum["knoten"], "")
    gehen(baum["ohne_leitziel"], OHNE_LEITZIEL)
    return zeilen


def pyramide_ebene(
    *, jahr: int, user, organisationseinheit: int | None = None, leitziel: int | None = None, knoten: str | None = None
) -> dict[str, Any]:
    """{"jahr", "stand", "eltern", "knoten", "ohne_leitziel"}: one level of the stored tree.

    Without `knoten` the Leitziele (and Maßnahmen without a Leitziel); with it the direct
    children of that node. Raises KnotenUnbekannt for a node outside the user's tree.
    """
    if knoten is not None and not KNOTEN_MUSTER.match(knoten):
        raise KnotenUnbekannt(knoten)

    def bauen(_heute: date):
        baum = selectors.zielpyramide_baum(
            jahr=jahr, user=user, organisationseinheit=organisationseinheit, leitziel=leitziel
        )
        return {"jahr": jahr}, _flach(baum)

    schluessel = f"{jahr}|oe={organisationseinheit or ''}|lz={leitziel or ''}"
    stand = stand_holen("zielpyramide", schluessel, sicht_von(user), bauen)
    if knoten is None:
        return {
            "jahr": jahr,
            "stand": stand.erzeugt_am,
            "eltern": None,
            "knoten": eintraege(stand, "knoten"),
            "ohne_leitziel": eintraege(stand, "knoten", eltern=OHNE_LEITZIEL),
        }
    gefunden = eintraege_nach_schluessel(stand, "knoten", [knoten])
    if not gefunden:
        raise KnotenUnbekannt(knoten)
    return {
        "jahr": jahr,
        "stand": stand.erzeugt_am,
        "eltern": gefunden[0],
        "knoten": eintraege(stand, "knoten", eltern=knoten),
        "ohne_leitziel": [],
    }
