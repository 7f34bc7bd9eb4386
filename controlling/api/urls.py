from rest_framework.routers import DefaultRouter

from controlling.api import views

app_name = "controlling-api"

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("hsk-massnahmen", views.HSKMassnahmeViewSet, basename="hsk-massnahme")
router.register("einzelfaelle", views.EinzelfallViewSet, basename="einzelfall")
router.register("praeventionsprojekte", views.PraeventionsprojektViewSet, basename="praeventionsprojekt")

urlpatterns = [*router.urls]
