"""Routes of the tertial pages: data entry, Excel, dashboard and the Kennzahl evaluation."""

from django.urls import path

from frontend.views import tertial

urlpatterns = [
    path("kennzahlen/<int:pk>/auswertung/", tertial.kennzahl_auswertung, name="kennzahl-auswertung"),
]
