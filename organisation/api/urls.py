from django.urls import path

from core.api import Router
from organisation.api.views import OrganisationseinheitViewSet, TokenAnmeldung

app_name = "organisation-api"

router = Router()
router.register("organisationseinheiten", OrganisationseinheitViewSet, basename="organisationseinheit")

urlpatterns = [
    path("auth/token/", TokenAnmeldung.as_view(), name="token"),
    *router.urls,
]
