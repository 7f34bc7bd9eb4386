"""Model permissions of the Haushalt per role (collected by organisation.services after migrate).

Kämmerei reads all money; a Fachamt (Sachbearbeitung, Amtsleitung) the money of its own
Produkte (row scope by the Produkt's responsible unit, haushalt.selectors) and manages its
Zuwendungen and explains its Produktgruppen's deviations in the tertial report (Finanzerlaeuterung);
Steuerungsunterstützung and Dezernat read all they may see. The Rat reads money
only in published reports, never here. Importing finance files is a job of the Kämmerei and
the Steuerungsunterstützung (add_haushaltsposition); both may also set the Kommune's finance
settings, assign a Produkt's unit and Fallzahl, and read the upload log.
"""

from organisation.rollen import Rolle, rechte

_LESEN = ["haushaltsposition", "produktzuordnung", "haushalteinstellungen", "zuwendung", "finanzerlaeuterung"]
# The Fachamt explains its Produktgruppen's deviations in the tertial report (as it explains its Kennzahlen).
_ERLAEUTERN = ["finanzerlaeuterung"]


def _rechte(aktionen: str, modelle: list[str]) -> list[str]:
    return rechte("haushalt", aktionen, modelle)


_IMPORT = [
    *_rechte("view add", ["haushaltsposition", "haushaltsimport"]),
    *_rechte("view change", ["haushalteinstellungen"]),
    *_rechte("view add change", ["produktzuordnung"]),
]

RECHTE = {
    Rolle.STEUERUNG: [
        *_IMPORT,
        *_rechte("delete", ["produktzuordnung"]),
        *_rechte("view add change delete", ["zuwendung"]),
        *_rechte("view add change", _ERLAEUTERN),
    ],
    Rolle.KAEMMEREI: [*_IMPORT, *_rechte("view", ["zuwendung", *_ERLAEUTERN])],
    Rolle.DEZERNATSLEITUNG: _rechte("view", _LESEN),
    Rolle.AMTSLEITUNG: [
        *_rechte("view", _LESEN),
        *_rechte("add change delete", ["zuwendung"]),
        *_rechte("add change", _ERLAEUTERN),
    ],
    Rolle.SACHBEARBEITUNG: [
        *_rechte("view", _LESEN),
        *_rechte("add change delete", ["zuwendung"]),
        *_rechte("add change", _ERLAEUTERN),
    ],
    Rolle.RAT: [],
    Rolle.ADMINISTRATION: [
        *_rechte("view", [*_LESEN, "haushaltsimport"]),
        *_rechte("change", ["haushalteinstellungen"]),
    ],
}
