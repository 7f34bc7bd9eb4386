"""Models of the Haushalt, one module per sub-domain (explicit re-exports)."""

from haushalt.models.auswahl import Art, Seite, Zeile
from haushalt.models.einstellungen import EINSTELLUNGEN_ID, HaushaltEinstellungen, Produktzuordnung
from haushalt.models.erlaeuterungen import Finanzerlaeuterung
from haushalt.models.positionen import Haushaltsimport, Haushaltsposition
from haushalt.models.zuwendungen import Zuwendung

__all__ = [
    "EINSTELLUNGEN_ID",
    "Art",
    "Finanzerlaeuterung",
    "HaushaltEinstellungen",
    "Haushaltsimport",
    "Haushaltsposition",
    "Produktzuordnung",
    "Seite",
    "Zeile",
    "Zuwendung",
]
