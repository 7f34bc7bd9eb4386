from django.urls import path
from rest_framework.routers import DefaultRouter

from organisation.api.views import OrganisationseinheitViewSet, TokenAnmeldung

app_name = "organisation-api"

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("organisationseinheiten", OrganisationseinheitViewSet, basename="organisationseinheit")

urlpatterns = [
    path("auth/token/", TokenAnmeldung.as_view(), name="token"),
    *router.urls,
]
