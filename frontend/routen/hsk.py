"""Routes of the hsk pages."""

from django.urls import path

from frontend.views.hsk import pflege, seiten

urlpatterns: list = [
    path("hsk/", seiten.liste, name="hsk-liste"),
    path("hsk/portfolio/", seiten.portfolio, name="hsk-portfolio"),
    path("hsk/praeventionsbudget/", seiten.praevention, name="hsk-praevention"),
    path("hsk/neuberechnung/", seiten.alle_neu_berechnen, name="hsk-alle-berechnen"),
    path("hsk/neuberechnung/<int:pk>/", seiten.auftrag, name="hsk-auftrag"),
    path("hsk/neu/", pflege.neu, name="hsk-neu"),
    path("hsk/<int:pk>/", seiten.detail, name="hsk-detail"),
    path("hsk/<int:pk>/bearbeiten/", pflege.bearbeiten, name="hsk-bearbeiten"),
    path("hsk/<int:pk>/loeschen/", pflege.loeschen, name="hsk-loeschen"),
    path("hsk/<int:pk>/berechnen/", seiten.neu_berechnen, name="hsk-berechnen"),
    path("hsk/<int:pk>/einzelfaelle/", seiten.faelle, name="hsk-faelle"),
    path("hsk/<int:pk>/einzelfaelle/auskunft/", seiten.auskunft, name="hsk-auskunft"),
    path("hsk/<int:pk>/einzelfaelle/neu/", seiten.fall_neu, name="hsk-fall-neu"),
    path("hsk/einzelfaelle/<int:pk>/", seiten.fall_bearbeiten, name="hsk-fall"),
]
