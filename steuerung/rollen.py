"""Model permissions of the Zielsteuerung per role (collected by organisation.services).

Row scope (own unit) and field limits (Sachbearbeitung edits only texts of Kennzahlen)
are enforced by selectors and services, not here.
"""

from organisation.rollen import Rolle

_ZIELMODELLE = ["leitziel", "produktgruppe", "produktgruppenziel", "produkt", "produktziel", "teilziel", "massnahme"]
_ALLE = [*_ZIELMODELLE, "kennzahl", "kennzahlversion", "sollwert", "messwert"]


def _rechte(aktionen: str, modelle: list[str]) -> list[str]:
    return [f"steuerung.{a}_{m}" for a in aktionen.split() for m in modelle]


RECHTE = {
    Rolle.DEZERNATSLEITUNG: _rechte("view", _ALLE),
    Rolle.STEUERUNG: _rechte("view add change delete", _ALLE),
    Rolle.AMTSLEITUNG: [*_rechte("view", _ALLE), *_rechte("add change", ["messwert"])],
    Rolle.SACHBEARBEITUNG: [
        *_rechte("view", _ALLE),
        *_rechte("add change", ["massnahme", "messwert"]),
        "steuerung.change_kennzahl",
    ],
    Rolle.KAEMMEREI: _rechte("view", _ALLE),
    Rolle.RAT: [],
    Rolle.ADMINISTRATION: _rechte("view", _ALLE),
}
