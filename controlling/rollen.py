"""Model permissions of the HSK-Controlling per role (collected by organisation.services).

Case records (Einzelfall) are Sozialdaten: only the owning Fachamt (row scope by unit)
and the Steuerungsunterstützung may see them. Dezernat and Kämmerei read
measures and aggregates; the Rat reads only what published reports contain.
"""

from organisation.rollen import Rolle, rechte

_MASSNAHME = ["hskmassnahme", "stelle", "hsksoll", "ablaufschritt", "verlaufsmonat", "verlaufsstand"]
_PRAEVENTION = ["praeventionsbudget", "praeventionsprojekt"]
_FALL = ["einzelfall", "fallschritt"]
_ALLE = [*_MASSNAHME, *_FALL, *_PRAEVENTION]


def _rechte(aktionen: str, modelle: list[str]) -> list[str]:
    return rechte("controlling", aktionen, modelle)


RECHTE = {
    Rolle.STEUERUNG: _rechte("view add change delete", _ALLE),
    Rolle.SACHBEARBEITUNG: [
        *_rechte("view", [*_MASSNAHME, *_PRAEVENTION]),
        *_rechte("view add change delete", ["einzelfall"]),
        *_rechte("view", ["fallschritt"]),
    ],
    Rolle.AMTSLEITUNG: [
        *_rechte("view", [*_MASSNAHME, *_PRAEVENTION]),
        *_rechte("view add change delete", ["einzelfall"]),
        *_rechte("view", ["fallschritt"]),
    ],
    Rolle.DEZERNATSLEITUNG: _rechte("view", [*_MASSNAHME, *_PRAEVENTION]),
    Rolle.KAEMMEREI: _rechte("view", [*_MASSNAHME, *_PRAEVENTION]),
    Rolle.RAT: [],
    # Administration manages users and roles; case records stay with the Fachamt (DOMAIN.md §7).
    Rolle.ADMINISTRATION: _rechte("view", [*_MASSNAHME, *_PRAEVENTION]),
}
