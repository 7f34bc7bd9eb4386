from django.utils.translation import gettext_lazy as _
from rest_framework import status, viewsets
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from organisation.api.serializers import OrganisationseinheitSerializer
from organisation.filtersets import OrganisationseinheitFilterSet
from organisation.selectors import organisationseinheiten_fuer


class OrganisationseinheitViewSet(viewsets.ModelViewSet):
    """Units visible to the user; writes need the Administration role's permissions."""

    serializer_class = OrganisationseinheitSerializer
    filterset_class = OrganisationseinheitFilterSet

    def get_queryset(self):
        return organisationseinheiten_fuer(self.request.user)


class TokenAnmeldung(ObtainAuthToken):
    """`POST auth/token/` → `{"token": ...}`; answers 429 while django-axes locks the login."""

    fehlerantworten = {"post": (429,)}  # documented by core.schema

    def post(self, request, *args, **kwargs):
        try:
            return super().post(request, *args, **kwargs)
        except ValidationError:
            if getattr(request, "axes_locked_out", False):
                return Response(
                    {"detail": _("Anmeldung nach mehreren Fehlversuchen vorübergehend gesperrt (15 Minuten).")},
                    status=status.HTTP_429_TOO_MANY_REQUESTS,
                )
            raise
