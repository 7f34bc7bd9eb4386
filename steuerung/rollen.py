"""Model permissions of the Zielsteuerung per role (collected by organisation.services).

Row scope (own unit) and field limits (Sachbearbeitung edits only texts of Kennzahlen)
are enforced by selectors and services, not here.
"""

from organisation.rollen import Rolle, rechte

_ZIELMODELLE = ["leitziel", "produktgruppe", "produktgruppenziel", "produkt", "produktziel", "teilziel", "massnahme"]
_ALLE = [*_ZIELMODELLE, "kennzahl", "kennzahlversion", "sollwert", "messwert"]


def _rechte(aktionen: str, modelle: list[str]) -> list[str]:
    return rechte("steuerung", aktionen, modelle)


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


# Tertialberichte (issue "Tertialberichte II"): who may act is decided per state in steuerung.berichte.uebergaenge;
# these permissions only open the doors. The Rat sees published reports and nothing else.
_BERICHT_LESEN = _rechte("view", ["tertialbericht", "berichtsuebergang", "veroeffentlichung"])
for _rolle, _zusatz in {
    Rolle.DEZERNATSLEITUNG: [*_BERICHT_LESEN, "steuerung.change_tertialbericht"],
    Rolle.STEUERUNG: [*_BERICHT_LESEN, "steuerung.add_tertialbericht", "steuerung.change_tertialbericht"],
    Rolle.AMTSLEITUNG: [*_BERICHT_LESEN, "steuerung.add_tertialbericht", "steuerung.change_tertialbericht"],
    Rolle.SACHBEARBEITUNG: [*_BERICHT_LESEN, "steuerung.add_tertialbericht", "steuerung.change_tertialbericht"],
    Rolle.KAEMMEREI: _BERICHT_LESEN,
    Rolle.RAT: ["steuerung.view_veroeffentlichung"],
    Rolle.ADMINISTRATION: _BERICHT_LESEN,
}.items():
    RECHTE[_rolle] = [*RECHTE[_rolle], *_zusatz]

# Deadlines per period (Erfassungsfrist): the Steuerungsunterstützung sets them; everyone who
# enters or reads values sees them through the evaluations, not through this model.
RECHTE[Rolle.STEUERUNG] = [*RECHTE[Rolle.STEUERUNG], *_rechte("view add change delete", ["erfassungsfrist"])]
