"""The tertial evaluations of a page of Kennzahlen, read from the stored dashboard view.

The stored dashboard of a tertial and visibility scope already holds auswertung_als_dict() of
every current Kennzahl of that year in the scope (steuerung.lesestand.dashboard). A list of 100
Kennzahlen reads their rows in one query instead of loading their series and evaluating each.
Kennzahlen the view does not hold (archived ones, other years) are evaluated live, as before.

Only a current view is read: when data changed since it was built, the page is evaluated live
(about a second for 100 Kennzahlen in the big city) instead of rebuilding the whole dashboard
(several seconds, and under a stream of writes again on every request). The dashboard's next
read rebuilds it.
"""

from __future__ import annotations

from typing import Any

from core.periods import Periode
from steuerung.auswertung import auswertungen_im_tertial
from steuerung.auswertung_json import AUSWERTUNG_FELDER, auswertung_als_dict
from steuerung.lesestand.basis import KENNZAHL, eintraege_nach_schluessel
from steuerung.lesestand.dashboard import dashboard_stand_wenn_aktuell
from steuerung.models import Kennzahl


def auswertungen_der_seite(kennzahlen: list[Kennzahl], tertial: Periode, *, user) -> dict[int, dict[str, Any]]:
    """{Kennzahl pk: evaluation as in auswertung_als_dict} for the period each Kennzahl's rhythm
    reports in `tertial`. `kennzahlen` must be visible to `user` (the stored view is per scope).

    Dates arrive as ISO strings from the stored rows; the JSON of the response is the same.
    """
    gespeichert: dict[int, dict[str, Any]] = {}
    kandidaten = [k for k in kennzahlen if k.jahr == tertial.jahr and not k.archiviert]
    stand = dashboard_stand_wenn_aktuell(periode=tertial, user=user) if kandidaten else None
    if stand is not None:
        for daten in eintraege_nach_schluessel(stand, KENNZAHL, [f"kennzahl-{k.pk}" for k in kandidaten]):
            gespeichert[daten["kennzahl"]] = {f: daten[f] for f in AUSWERTUNG_FELDER}
    fehlend = [k for k in kennzahlen if k.pk not in gespeichert]
    live = (
        {pk: auswertung_als_dict(a) for pk, a in auswertungen_im_tertial(fehlend, tertial).items()} if fehlend else {}
    )
    return {k.pk: gespeichert.get(k.pk) or live[k.pk] for k in kennzahlen}
