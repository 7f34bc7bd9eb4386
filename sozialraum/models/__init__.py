"""Models of the Sozialraum-Monitoring, one module per sub-domain (explicit re-exports)."""

from sozialraum.models.angebote import Angebot, Foerderung, Traeger
from sozialraum.models.auswahl import Angebotsart, Bereich, Ebene, Richtung
from sozialraum.models.indikatoren import Indikator, Indikatorwert
from sozialraum.models.raeume import Raum, RaumEinwohner
from sozialraum.models.vergleich import Vergleichswert

__all__ = [
    "Angebot",
    "Angebotsart",
    "Bereich",
    "Ebene",
    "Foerderung",
    "Indikator",
    "Indikatorwert",
    "Raum",
    "RaumEinwohner",
    "Richtung",
    "Traeger",
    "Vergleichswert",
]
