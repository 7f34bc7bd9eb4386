from django.urls import path

from core.api import Router
from sozialraum.api import views

app_name = "sozialraum-api"

router = Router()
router.register("raeume", views.RaumViewSet, basename="raum")
router.register("indikatoren", views.IndikatorViewSet, basename="indikator")
router.register("indikatorwerte", views.IndikatorwertViewSet, basename="indikatorwert")
router.register("traeger", views.TraegerViewSet, basename="traeger")
router.register("angebote", views.AngebotViewSet, basename="angebot")
router.register("vergleichswerte", views.VergleichswertViewSet, basename="vergleichswert")

urlpatterns = [
    path("sozialraumindex/", views.SozialraumindexView.as_view(), name="sozialraumindex"),
    path("vergleich/", views.VergleichView.as_view(), name="vergleich"),
    *router.urls,
]
