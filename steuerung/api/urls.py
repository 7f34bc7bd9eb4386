from django.urls import path

from core.api import Router
from steuerung.api import berichte, fristen, messwerte, views

app_name = "steuerung-api"

router = Router()
router.register("leitziele", views.LeitzielViewSet, basename="leitziel")
router.register("produktgruppen", views.ProduktgruppeViewSet, basename="produktgruppe")
router.register("produktgruppenziele", views.ProduktgruppenzielViewSet, basename="produktgruppenziel")
router.register("produkte", views.ProduktViewSet, basename="produkt")
router.register("produktziele", views.ProduktzielViewSet, basename="produktziel")
router.register("teilziele", views.TeilzielViewSet, basename="teilziel")
router.register("massnahmen", views.MassnahmeViewSet, basename="massnahme")
router.register("kennzahlen", views.KennzahlViewSet, basename="kennzahl")
router.register("messwerte", messwerte.MesswertViewSet, basename="messwert")
# Tertialberichte II: workflow and published reports.
router.register("tertialberichte", berichte.TertialberichtViewSet, basename="tertialbericht")
router.register("berichte", berichte.VeroeffentlichungViewSet, basename="veroeffentlichung")

urlpatterns = [
    path("zielpyramide/", views.ZielpyramideView.as_view(), name="zielpyramide"),
    path("zielpyramide/uebernehmen/", views.ZielmatrixUebernehmenView.as_view(), name="zielmatrix-uebernehmen"),
    path("kennzahlen/<int:pk>/auswertung/", messwerte.KennzahlAuswertungView.as_view(), name="kennzahl-auswertung"),
    path("tertial-dashboard/", messwerte.TertialDashboardView.as_view(), name="tertial-dashboard"),
    path("erfassungsfristen/", fristen.ErfassungsfristenView.as_view(), name="erfassungsfristen"),
    *router.urls,
]
