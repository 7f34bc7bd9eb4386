from django.urls import path

from core.api import Router
from organisation.api.benachrichtigungen import BenachrichtigungViewSet
from organisation.api.views import BenutzerViewSet, KommuneView, OrganisationseinheitViewSet, TokenAnmeldung

app_name = "organisation-api"

router = Router()
router.register("organisationseinheiten", OrganisationseinheitViewSet, basename="organisationseinheit")
router.register("benachrichtigungen", BenachrichtigungViewSet, basename="benachrichtigung")
router.register("benutzer", BenutzerViewSet, basename="benutzer")

urlpatterns = [
    path("auth/token/", TokenAnmeldung.as_view(), name="token"),
    path("kommune/", KommuneView.as_view(), name="kommune"),
    *router.urls,
]
