"""Models of the HSK-Controlling, one module per sub-domain."""

from controlling.models.archiv import ArchivierterBeitrag
from controlling.models.einzelfaelle import EINZELFALL_FELDER, Einzelfall, Ergebnis
from controlling.models.fallverlauf import Fallschritt
from controlling.models.hsk import HSK_STECKBRIEF, Ablaufschritt, HSKMassnahme, HSKSoll, Stelle
from controlling.models.praevention import Praeventionsbudget, Praeventionsprojekt
from controlling.models.verlauf import Verlaufsmonat, Verlaufsstand

__all__ = [
    "EINZELFALL_FELDER",
    "HSK_STECKBRIEF",
    "Ablaufschritt",
    "ArchivierterBeitrag",
    "Einzelfall",
    "Ergebnis",
    "Fallschritt",
    "HSKMassnahme",
    "HSKSoll",
    "Praeventionsbudget",
    "Praeventionsprojekt",
    "Stelle",
    "Verlaufsmonat",
    "Verlaufsstand",
]
