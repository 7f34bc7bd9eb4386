"""The Stammdaten hub: a plain list of entries, grouped, each shown when the user has its permission.

To add a screen to the hub (from any helper or feature), append a `Stammdatum` to `STAMMDATEN`
or call `eintragen()`; the generic maintenance screens register themselves (pflege/seiten/).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

ZIELSYSTEM = _("Zielsystem")
HSK = _("HSK und Prävention")
SOZIALRAUM = _("Sozialraum")

# Order of the groups on the hub; a group missing here is shown after these.
GRUPPEN: list[str] = [ZIELSYSTEM, HSK, SOZIALRAUM]


@dataclass(frozen=True)
class Stammdatum:
    gruppe: str
    titel: str
    url_name: str  # e.g. "frontend:stammdaten-raeume"
    recht: str  # a permission such as "sozialraum.view_raum"
    beschreibung: str = ""


STAMMDATEN: list[Stammdatum] = []


def eintragen(*eintraege: Stammdatum) -> None:
    for eintrag in eintraege:
        if eintrag not in STAMMDATEN:
            STAMMDATEN.append(eintrag)


def sichtbare_gruppen(user) -> list[dict]:
    """[{"titel": gruppe, "eintraege": [{"titel", "url", "beschreibung"}]}] for the user's permissions."""
    gruppen: dict[str, list[dict]] = {}
    for eintrag in STAMMDATEN:
        if not user.has_perm(eintrag.recht):
            continue
        try:
            url = reverse(eintrag.url_name)
        except NoReverseMatch:
            continue
        gruppen.setdefault(str(eintrag.gruppe), []).append(
            {"titel": eintrag.titel, "url": url, "beschreibung": eintrag.beschreibung}
        )
    reihenfolge = [str(g) for g in GRUPPEN]
    namen = sorted(gruppen, key=lambda g: (reihenfolge.index(g) if g in reihenfolge else len(reihenfolge), g))
    return [{"titel": g, "eintraege": gruppen[g]} for g in namen]


def darf_etwas_sehen(user) -> bool:
    return any(user.has_perm(e.recht) for e in STAMMDATEN)
