"""The Zielpyramide of a year as a stored view, read one level at a time.

The whole tree of a city (thousands of goals with their SMART check) is built once per year,
filter and visibility scope by steuerung.selectors.zielpyramide_baum and stored flat; a request
returns the Leitziele, or the direct children of one node, each with the number of its children.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from steuerung import selectors
from steuerung.lesestand.basis import KNOTEN, Eintrag, KnotenUnbekannt, eintraege, knoten_holen, sicht_von, stand_holen
from steuerung.models import Lesestandeintrag

__all__ = ["KnotenUnbekannt", "pyramide_ebene", "pyramide_seite", "smart_luecken_anzahl"]

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
        # The page's counts (goals below the Leitziele, without Maßnahmen lacking one), kept with the
        # view so a read needs no pass over the rows.
        knoten = [k for k, _pfad in selectors.baum_knoten(baum)]
        zusammenfassung = {
            "jahr": jahr,
            "anzahl": len(knoten),
            "anzahl_smart": sum(1 for k in knoten if k["smart"]["erfuellt"]),
        }
        return zusammenfassung, _flach(baum)

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


def _zaehlung(stand) -> tuple[int, int]:
    if "anzahl" in stand.daten:
        return stand.daten["anzahl"], stand.daten["anzahl_smart"]
    # A view stored before the counts were kept (rebuilt with them after the next change or day).
    qs = Lesestandeintrag.objects.filter(stand=stand, art=KNOTEN).exclude(eltern=OHNE_LEITZIEL)
    return qs.count(), qs.filter(daten__smart__erfuellt=True).count()


def pyramide_seite(
    *,
    jahr: int,
    user,
    grenze: int,
    organisationseinheit: int | None = None,
    leitziel: int | None = None,
    archivierte: bool = False,
) -> dict[str, Any]:
    """The page's read of the stored tree: {"jahr", "stand", "knoten", "ohne_leitziel", "anzahl",
    "anzahl_smart", "vollstaendig"}.

    Up to `grenze` goals the whole tree, nested as selectors.zielpyramide_baum builds it (one query
    for all rows); above, only the Leitziele and Maßnahmen without one, each with `kinder_anzahl`,
    so the page costs the same number of queries at every size and opens deeper levels on demand.
    """
    stand = _stand(
        jahr=jahr, user=user, organisationseinheit=organisationseinheit, leitziel=leitziel, archivierte=archivierte
    )
    anzahl, anzahl_smart = _zaehlung(stand)
    vollstaendig = anzahl <= grenze
    qs = Lesestandeintrag.objects.filter(stand=stand, art=KNOTEN)
    if not vollstaendig:
        qs = qs.filter(eltern__in=["", OHNE_LEITZIEL])
    ebenen: dict[str, list[Eintrag]] = defaultdict(list)
    for eltern, daten in qs.order_by("eltern", "position").values_list("eltern", "daten"):
        ebenen[eltern].append(daten)

    def einhaengen(knoten: list[Eintrag]) -> None:
        for k in knoten:
            k["kinder"] = ebenen.get(k["schluessel"], [])
            einhaengen(k["kinder"])

    if vollstaendig:
        einhaengen(ebenen[""])
    return {
        "jahr": jahr,
        "stand": stand.erzeugt_am,
        "knoten": ebenen[""],
        "ohne_leitziel": ebenen[OHNE_LEITZIEL],
        "anzahl": anzahl,
        "anzahl_smart": anzahl_smart,
        "vollstaendig": vollstaendig,
    }
