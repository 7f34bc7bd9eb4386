from django.urls import path

from core.api import Router
from organisation.api.benachrichtigungen import BenachrichtigungViewSet
from organisation.api.views import OrganisationseinheitViewSet, TokenAnmeldung

app_name = "organisation-api"

router = Router()
router.register("organisationseinheiten", OrganisationseinheitViewSet, basename="organisationseinheit")
router.register("benachrichtigungen", BenachrichtigungViewSet, basename="benachrichtigung")

urlpatterns = [
    path("auth/token/", TokenAnmeldung.as_view(), name="token"),
    *router.urls,
]
