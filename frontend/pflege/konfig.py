"""One maintenance screen = one `Pflegeseite`: the API viewset it reuses plus what the page shows.

The viewset supplies the rules (scoped queryset, FilterSet, serializer, perform_* with their
services); the configuration supplies only presentation: form fields, list columns, group.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Model, QuerySet
from rest_framework.request import Request

from frontend.pflege import registry

SEITEN: dict[str, Pflegeseite] = {}


@dataclass(frozen=True)
class Pflegeseite:
    slug: str  # URL part, e.g. "raeume"
    viewset: type  # the app's ModelViewSet
    gruppe: str  # a group of registry.GRUPPEN
    felder: list[str]  # form fields (model fields or fields declared on `formular`)
    spalten: list[str]  # list columns; the first links to the object
    beschreibung: str = ""
    formular: type | None = None  # a PflegeFormular subclass with extra fields (None = the plain one)
    widgets: dict[str, Any] = field(default_factory=dict)
    # Text of a column or detail value that must not be shown raw (e.g. small counts for the Rat).
    anzeige: dict[str, Callable[[Model, Any], str]] = field(default_factory=dict)
    # Column titles of values that are not model fields (annotations, properties).
    beschriftung: dict[str, str] = field(default_factory=dict)
    # Choices of a related field outside the registered screens: name -> f(user) -> queryset.
    auswahl: dict[str, Callable[[Any], QuerySet]] = field(default_factory=dict)
    # The object's name in headings, titles and messages: f(obj, user) -> text (None = str(obj)).
    # Needed where str() shows raw numbers or values a role must not see (small counts for the Rat).
    bezeichnung: Callable[[Model, Any], str] | None = None
    # Extra words of a list row's link for screen readers, so that rows with the same first
    # column (e.g. the Indikator of 50 values) get distinct links: f(obj, user) -> text.
    verweiskontext: Callable[[Model, Any], str] | None = None
    # Further pages of this screen (e.g. the Excel import), on the list page and the hub tile.
    links: tuple[registry.Zusatzlink, ...] = ()

    @property
    def modell(self) -> type[Model]:
        return self.viewset.serializer_class.Meta.model

    @property
    def titel(self) -> str:
        return self.modell._meta.verbose_name_plural

    @property
    def titel_einzahl(self) -> str:
        return self.modell._meta.verbose_name

    def name(self, obj: Model, user) -> str:
        """What the object is called on the page (headings, <title>, success messages)."""
        return self.bezeichnung(obj, user) if self.bezeichnung else str(obj)

    def links_fuer(self, user) -> list[dict[str, str]]:
        return registry.sichtbare_links(self.links, user)

    def recht(self, aktion: str) -> str:
        """The model permission of an action (view/add/change/delete), as core.permissions.RollenRechte asks it."""
        meta = self.modell._meta
        return f"{meta.app_label}.{aktion}_{meta.model_name}"

    def url_name(self, art: str = "") -> str:
        return f"frontend:stammdaten-{self.slug}{'-' + art if art else ''}"

    def api(self, request, aktion: str, **kwargs):
        """The API viewset as DRF would build it for this request (user, action, URL kwargs)."""
        drf_request = Request(request)
        drf_request.user = request.user
        return self.viewset(request=drf_request, args=(), kwargs=kwargs, format_kwarg=None, action=aktion)

    def queryset(self, request) -> QuerySet:
        return self.api(request, "list").get_queryset()


def registrieren(*seiten: Pflegeseite) -> None:
    """Make screens known to the URLs, the choice limits and the Stammdaten hub."""
    for seite in seiten:
        SEITEN[seite.slug] = seite
        registry.eintragen(
            registry.Stammdatum(
                gruppe=seite.gruppe,
                titel=seite.titel,
                url_name=seite.url_name(),
                recht=seite.recht("view"),
                beschreibung=seite.beschreibung,
                rechte_pflegen=(seite.recht("add"), seite.recht("change")),
                links=seite.links,
            )
        )


def seite_fuer_modell(modell: type[Model]) -> Pflegeseite | None:
    return next((s for s in SEITEN.values() if s.modell is modell), None)
