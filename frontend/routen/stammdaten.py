"""Routes of the Stammdaten hub and of every registered maintenance screen (four pages each)."""

from django.urls import path

from frontend.pflege import seiten as _seiten  # noqa: F401  (registers the screens)
from frontend.pflege import views
from frontend.pflege.konfig import SEITEN

urlpatterns: list = [path("stammdaten/", views.hub, name="stammdaten")]
for _slug, _seite in SEITEN.items():
    _name = _seite.url_name().removeprefix("frontend:")
    urlpatterns += [
        path(f"stammdaten/{_slug}/", views.liste, {"seite": _seite}, name=_name),
        path(f"stammdaten/{_slug}/neu/", views.neu, {"seite": _seite}, name=f"{_name}-neu"),
        path(f"stammdaten/{_slug}/<int:pk>/", views.detail, {"seite": _seite}, name=f"{_name}-detail"),
        path(f"stammdaten/{_slug}/<int:pk>/loeschen/", views.loeschen, {"seite": _seite}, name=f"{_name}-loeschen"),
    ]
