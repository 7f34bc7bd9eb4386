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
class Zusatzlink:
    """A further page of an entry (e.g. the Excel import), shown only with all of its permissions."""

    text: str
    url_name: str
    rechte: tuple[str, ...]
    abfrage: str = ""  # query string without "?", e.g. "art=vergleichswerte"

    def url(self, user) -> str | None:
        if not all(user.has_perm(r) for r in self.rechte):
            return None
        try:
            url = reverse(self.url_name)
        except NoReverseMatch:
            return None
        return f"{url}?{self.abfrage}" if self.abfrage else url


@dataclass(frozen=True)
class Stammdatum:
    gruppe: str
    titel: str
    url_name: str  # e.g. "frontend:stammdaten-raeume"
    recht: str  # a permission such as "sozialraum.view_raum"
    beschreibung: str = ""
    # Any of these lets the user change entries ("pflegen"); empty: `recht` itself is a maintaining permission.
    rechte_pflegen: tuple[str, ...] = ()
    links: tuple[Zusatzlink, ...] = ()

    def darf_pflegen(self, user) -> bool:
        return any(user.has_perm(r) for r in self.rechte_pflegen) if self.rechte_pflegen else True


STAMMDATEN: list[Stammdatum] = []


def eintragen(*eintraege: Stammdatum) -> None:
    for eintrag in eintraege:
        if eintrag not in STAMMDATEN:
            STAMMDATEN.append(eintrag)


def sichtbare_gruppen(user) -> list[dict]:
    """[{"titel": gruppe, "eintraege": [{"titel", "url", "beschreibung", "pflegen", "links"}]}] for the user.

    `pflegen` says whether the user may change entries there or only read them; `links` are the
    further pages the user may open ([{"text", "url"}]).
    """
    gruppen: dict[str, list[dict]] = {}
    for eintrag in STAMMDATEN:
        if not user.has_perm(eintrag.recht):
            continue
        try:
            url = reverse(eintrag.url_name)
        except NoReverseMatch:
            continue
        gruppen.setdefault(str(eintrag.gruppe), []).append(
            {
                "titel": eintrag.titel,
                "url": url,
                "beschreibung": eintrag.beschreibung,
                "pflegen": eintrag.darf_pflegen(user),
                "links": sichtbare_links(eintrag.links, user),
            }
        )
    reihenfolge = [str(g) for g in GRUPPEN]
    namen = sorted(gruppen, key=lambda g: (reihenfolge.index(g) if g in reihenfolge else len(reihenfolge), g))
    return [{"titel": g, "eintraege": gruppen[g]} for g in namen]


def sichtbare_links(links: tuple[Zusatzlink, ...], user) -> list[dict[str, str]]:
    """[{"text", "url"}] of the links the user may open."""
    ergebnis = [{"text": str(link.text), "url": link.url(user)} for link in links]
    return [link for link in ergebnis if link["url"]]


def darf_etwas_sehen(user) -> bool:
    return any(user.has_perm(e.recht) for e in STAMMDATEN)
