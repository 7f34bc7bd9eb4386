"""Models of the Zielsteuerung, one module per sub-domain (explicit re-exports)."""

from steuerung.models.berichte import Berichtsbesuch, Berichtsuebergang, Erinnerung, Tertialbericht, Veroeffentlichung
from steuerung.models.fristen import Erfassungsfrist
from steuerung.models.kennzahlen import Kennzahl, Kennzahlversion, Sollwert
from steuerung.models.lesestand import Datenstand, Lesestand, Lesestandeintrag
from steuerung.models.messwerte import Messwert
from steuerung.models.ziele import (
    Leitziel,
    Massnahme,
    Produkt,
    Produktgruppe,
    Produktgruppenziel,
    Produktziel,
    Teilziel,
)

__all__ = [
    "Berichtsbesuch",
    "Berichtsuebergang",
    "Datenstand",
    "Erfassungsfrist",
    "Erinnerung",
    "Kennzahl",
    "Kennzahlversion",
    "Leitziel",
    "Lesestand",
    "Lesestandeintrag",
    "Massnahme",
    "Messwert",
    "Produkt",
    "Produktgruppe",
    "Produktgruppenziel",
    "Produktziel",
    "Sollwert",
    "Teilziel",
    "Tertialbericht",
    "Veroeffentlichung",
]
