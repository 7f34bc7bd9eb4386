"""The goal tree's parent rule, written once: under which goal a goal hangs (pure, no queries).

Leitziel ← Produktgruppenziel ← Produktziel ← Teilziel (nestable) ← Maßnahme. A Maßnahme hangs
under its Teilziel, else its Produktziel, else nowhere ("ohne Leitziel"); a nested Teilziel under
its parent Teilziel, else its Produktziel. The Zielpyramide (steuerung.selectors), the dashboard
(steuerung.dashboard) and the report's Leitziel column (steuerung.berichte.inhalt) all read it here.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

ZIELEBENEN = ("leitziel", "produktgruppenziel", "produktziel", "teilziel", "massnahme")
ZIELEBENE_TEXT = {
    "leitziel": _("Leitziel"),
    "produktgruppenziel": _("Produktgruppenziel"),
    "produktziel": _("Produktziel"),
    "teilziel": _("Teilziel"),
    "massnahme": _("Maßnahme"),
}

# Per level: (foreign key, level it points to), in precedence order; the first one set is the parent.
ELTERNFELDER: dict[str, tuple[tuple[str, str], ...]] = {
    "leitziel": (),
    "produktgruppenziel": (("leitziel", "leitziel"),),
    "produktziel": (("produktgruppenziel", "produktgruppenziel"),),
    "teilziel": (("eltern", "teilziel"), ("produktziel", "produktziel")),
    "massnahme": (("teilziel", "teilziel"), ("produktziel", "produktziel")),
}

Schluessel = tuple[str, int]


def eltern_von(ebene: str, ziel: Any) -> Schluessel | None:
    """(level, id) of the goal `ziel` of level `ebene` hangs under, or None for a root."""
    for feld, oben in ELTERNFELDER[ebene]:
        if wert := getattr(ziel, f"{feld}_id"):
            return (oben, wert)
    return None


def _wege_zum_leitziel(ebene: str) -> list[str]:
    """Lookup paths from a goal of `ebene` up to its Leitziel ("" for a Leitziel itself).

    The link to a parent of the same level (a nested Teilziel's `eltern`) is left out: every
    Teilziel names its Produktziel itself, so the way up never needs to walk nested Teilziele.
    """
    if ebene == "leitziel":
        return [""]
    wege = []
    for feld, oben in ELTERNFELDER[ebene]:
        if oben != ebene:
            wege += [f"{feld}__{rest}" if rest else feld for rest in _wege_zum_leitziel(oben)]
    return wege


# From a Kennzahl (one foreign key per level, exactly one set) to the Leitziel above its goal;
# usable in select_related and in `leitziel_von`.
LEITZIEL_PFADE = tuple(f"{e}__{weg}" if weg else e for e in ZIELEBENEN for weg in _wege_zum_leitziel(e))


def leitziel_von(kennzahl: Any) -> Any | None:
    """The Leitziel above a Kennzahl's goal (loaded with select_related(*LEITZIEL_PFADE)), or None."""
    for pfad in LEITZIEL_PFADE:
        obj = kennzahl
        for teil in pfad.split("__"):
            obj = getattr(obj, teil, None) if obj is not None else None
        if obj is not None:
            return obj
    return None
