"""Routes of the tertial pages: data entry, Excel, dashboard and the Kennzahl evaluation."""

from django.urls import path

from frontend.views import tertial

urlpatterns = [
    path("kennzahlen/<int:pk>/auswertung/", tertial.kennzahl_auswertung, name="kennzahl-auswertung"),
    path("erfassung/", tertial.erfassung_uebersicht, name="tertial-erfassung-uebersicht"),
    path("erfassung/<int:oe>/<str:periode>/", tertial.erfassung, name="tertial-erfassung"),
    path("erfassung/<int:oe>/<str:periode>/vorlage.xlsx", tertial.excel_vorlage, name="tertial-excel-vorlage"),
    path("erfassung/<int:oe>/<str:periode>/hochladen/", tertial.excel_hochladen, name="tertial-excel-hochladen"),
    path("tertial/dashboard/", tertial.dashboard, name="tertial-dashboard"),
]
