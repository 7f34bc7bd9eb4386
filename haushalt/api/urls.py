from django.urls import path, re_path

from core.api import Router
from haushalt.api import views

app_name = "haushalt-api"

router = Router()
router.register("haushaltspositionen", views.HaushaltspositionViewSet, basename="haushaltsposition")
router.register("produktzuordnungen", views.ProduktzuordnungViewSet, basename="produktzuordnung")
router.register("finanzerlaeuterungen", views.FinanzerlaeuterungViewSet, basename="finanzerlaeuterung")
router.register("zuwendungen", views.ZuwendungViewSet, basename="zuwendung")

NUMMER = r"(?P<nummer>[0-9]+(?:\.[0-9]+)*)"

urlpatterns = [
    path("haushalt/import/", views.ImportView.as_view(), name="haushalt-import"),
    re_path(rf"^finanzen/produkte/{NUMMER}/$", views.FinanzenView.as_view(), name="finanzen-produkt"),
    re_path(
        rf"^finanzen/produktgruppen/{NUMMER}/$",
        views.FinanzenProduktgruppeView.as_view(),
        name="finanzen-produktgruppe",
    ),
    re_path(
        rf"^finanzen/produktbereiche/{NUMMER}/$",
        views.FinanzenProduktbereichView.as_view(),
        name="finanzen-produktbereich",
    ),
    *router.urls,
]
