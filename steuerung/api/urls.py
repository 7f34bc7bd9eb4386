from django.urls import path
from rest_framework.routers import DefaultRouter

from steuerung.api import views

app_name = "steuerung-api"

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("leitziele", views.LeitzielViewSet, basename="leitziel")
router.register("produktgruppen", views.ProduktgruppeViewSet, basename="produktgruppe")
router.register("produktgruppenziele", views.ProduktgruppenzielViewSet, basename="produktgruppenziel")
router.register("produkte", views.ProduktViewSet, basename="produkt")
router.register("produktziele", views.ProduktzielViewSet, basename="produktziel")
router.register("teilziele", views.TeilzielViewSet, basename="teilziel")
router.register("massnahmen", views.MassnahmeViewSet, basename="massnahme")
router.register("kennzahlen", views.KennzahlViewSet, basename="kennzahl")
# Tertialberichte registers messwerte/ and kennzahlen/<id>/auswertung/ here.

urlpatterns = [
    path("zielpyramide/", views.ZielpyramideView.as_view(), name="zielpyramide"),
    path("zielpyramide/uebernehmen/", views.ZielmatrixUebernehmenView.as_view(), name="zielmatrix-uebernehmen"),
    *router.urls,
]
