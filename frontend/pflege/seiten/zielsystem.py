"""Zielsystem: NKF-Produktgruppen and Produkte (steuerung API)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from frontend.pflege.konfig import Pflegeseite, registrieren
from frontend.pflege.registry import ZIELSYSTEM
from steuerung.api.views import ProduktgruppeViewSet, ProduktViewSet

registrieren(
    Pflegeseite(
        slug="produktgruppen",
        viewset=ProduktgruppeViewSet,
        gruppe=ZIELSYSTEM,
        felder=["nummer", "bezeichnung"],
        spalten=["nummer", "bezeichnung"],
        beschreibung=_("NKF-Produktgruppen des Haushalts, z. B. 1.31.01"),
    ),
    Pflegeseite(
        slug="produkte",
        viewset=ProduktViewSet,
        gruppe=ZIELSYSTEM,
        felder=["nummer", "bezeichnung", "produktgruppe"],
        spalten=["nummer", "bezeichnung", "produktgruppe"],
        beschreibung=_("NKF-Produkte je Produktgruppe, z. B. 1.31.01.02 Hilfe zur Pflege"),
    ),
)
