from controlling.api import views
from core.api import Router

app_name = "controlling-api"

router = Router()
router.register("hsk-massnahmen", views.HSKMassnahmeViewSet, basename="hsk-massnahme")
router.register("einzelfaelle", views.EinzelfallViewSet, basename="einzelfall")
router.register("praeventionsbudgets", views.PraeventionsbudgetViewSet, basename="praeventionsbudget")
router.register("praeventionsprojekte", views.PraeventionsprojektViewSet, basename="praeventionsprojekt")

urlpatterns = [*router.urls]
