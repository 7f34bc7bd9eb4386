"""Routes of the Haushalt pages (Finanzdatenblatt, import, settings, Zuwendungen)."""

from django.urls import path, re_path

from frontend.views.haushalt import erlaeuterungen, hochladen, seiten, zuwendungen

NUMMER = r"(?P<nummer>[0-9]+(?:\.[0-9]+)*)"

urlpatterns: list = [
    path("finanzen/", seiten.uebersicht, name="finanzen"),
    re_path(rf"^finanzen/produkte/{NUMMER}/$", seiten.produkt, name="finanzen-produkt"),
    re_path(rf"^finanzen/produkte/{NUMMER}/zuordnung/$", seiten.zuordnung, name="finanzen-zuordnung"),
    re_path(rf"^finanzen/produktgruppen/{NUMMER}/$", seiten.produktgruppe, name="finanzen-produktgruppe"),
    re_path(rf"^finanzen/produktbereiche/{NUMMER}/$", seiten.produktbereich, name="finanzen-produktbereich"),
    path("finanzen/import/", hochladen.importieren, name="finanzen-import"),
    path("finanzen/import/<int:pk>/", hochladen.vorschau, name="finanzen-import-vorschau"),
    path("finanzen/einstellungen/", hochladen.einstellungen, name="finanzen-einstellungen"),
    path(
        "finanzen/erlaeuterungen/<int:oe>/<str:periode>/",
        erlaeuterungen.erlaeuterungen,
        name="finanzen-erlaeuterungen",
    ),
    path("zuwendungen/", zuwendungen.liste, name="zuwendungen"),
    path("zuwendungen/neu/", zuwendungen.neu, name="zuwendung-neu"),
    path("zuwendungen/<int:pk>/", zuwendungen.bearbeiten, name="zuwendung"),
]
