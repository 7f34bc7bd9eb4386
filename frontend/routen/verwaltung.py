"""Administration: users, units, the Kommune's settings; the Erfassungsfristen of the Steuerungsunterstützung."""

from django.urls import path

from frontend.views.verwaltung import benutzer, einheiten, einstellungen

urlpatterns = [
    path("verwaltung/benutzer/", benutzer.liste, name="benutzer-liste"),
    path("verwaltung/benutzer/neu/", benutzer.neu, name="benutzer-neu"),
    path("verwaltung/benutzer/<int:pk>/", benutzer.bearbeiten, name="benutzer-bearbeiten"),
    path("verwaltung/benutzer/<int:pk>/deaktivieren/", benutzer.deaktivieren, name="benutzer-deaktivieren"),
    path("verwaltung/benutzer/<int:pk>/aktivieren/", benutzer.aktivieren, name="benutzer-aktivieren"),
    path("verwaltung/benutzer/<int:pk>/einladen/", benutzer.einladen, name="benutzer-einladen"),
    path("verwaltung/einheiten/", einheiten.liste, name="einheiten"),
    path("verwaltung/einheiten/neu/", einheiten.neu, name="einheit-neu"),
    path("verwaltung/einheiten/<int:pk>/", einheiten.bearbeiten, name="einheit-bearbeiten"),
    path("verwaltung/einheiten/<int:pk>/loeschen/", einheiten.loeschen, name="einheit-loeschen"),
    path("verwaltung/kommune/", einstellungen.kommune_einstellungen, name="kommune"),
    path("perioden/", einstellungen.perioden, name="perioden"),
    path("perioden/<str:periode>/frist/", einstellungen.periode_frist, name="periode-frist"),
]
