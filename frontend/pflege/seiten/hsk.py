"""HSK und Prävention: Präventionsprojekte and the yearly ceiling of the Präventionsbudget (controlling API)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from controlling.api.views import PraeventionsbudgetViewSet, PraeventionsprojektViewSet
from core.money import format_de
from frontend.pflege.konfig import Pflegeseite, registrieren
from frontend.pflege.registry import HSK
from organisation.selectors import organisationseinheiten_fuer

registrieren(
    Pflegeseite(
        slug="praeventionsprojekte",
        viewset=PraeventionsprojektViewSet,
        gruppe=HSK,
        felder=["bezeichnung", "jahr", "organisationseinheit", "kosten", "geschaetzte_einsparung", "begruendung"],
        spalten=["bezeichnung", "jahr", "organisationseinheit", "kosten", "geschaetzte_einsparung"],
        beschreibung=_("Projekte des Experimentiertopfs mit Kosten und geschätzter Einsparung"),
        auswahl={"organisationseinheit": organisationseinheiten_fuer},
        verweiskontext=lambda projekt, user: str(projekt.jahr),
    ),
    Pflegeseite(
        slug="praeventionsbudgets",
        viewset=PraeventionsbudgetViewSet,
        gruppe=HSK,
        felder=["jahr", "obergrenze"],
        spalten=["jahr", "obergrenze"],
        beschreibung=_("Budgetobergrenze des Präventionsbudgets je Haushaltsjahr"),
        bezeichnung=lambda budget, user: f"{budget.jahr}: {format_de(budget.obergrenze, 2, '€')}",
    ),
)
