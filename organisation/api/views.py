from rest_framework import viewsets

from organisation.api.serializers import OrganisationseinheitSerializer
from organisation.filtersets import OrganisationseinheitFilterSet
from organisation.selectors import organisationseinheiten_fuer


class OrganisationseinheitViewSet(viewsets.ModelViewSet):
    """Units visible to the user; writes need the Administration role's permissions."""

    serializer_class = OrganisationseinheitSerializer
    filterset_class = OrganisationseinheitFilterSet

    def get_queryset(self):
        return organisationseinheiten_fuer(self.request.user)
