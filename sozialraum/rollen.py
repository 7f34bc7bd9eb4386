"""Model permissions of the Sozialraum-Monitoring per role (collected by organisation.services).

The Rat may read, but sozialraum.selectors hides areas below the minimum population and
suppresses small counts for it; that is row/cell filtering, not a model permission.
"""

from organisation.rollen import Rolle, rechte

_MODELLE = ["raum", "raumeinwohner", "indikator", "indikatorwert", "traeger", "angebot", "foerderung", "vergleichswert"]


def _rechte(aktionen: str) -> list[str]:
    return rechte("sozialraum", aktionen, _MODELLE)


RECHTE = {
    Rolle.DEZERNATSLEITUNG: _rechte("view"),
    Rolle.STEUERUNG: _rechte("view add change delete"),
    Rolle.AMTSLEITUNG: _rechte("view"),
    Rolle.SACHBEARBEITUNG: _rechte("view"),
    Rolle.KAEMMEREI: _rechte("view"),
    Rolle.RAT: _rechte("view"),
    Rolle.ADMINISTRATION: _rechte("view"),
}
