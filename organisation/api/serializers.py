from rest_framework import serializers

from organisation.models import Organisationseinheit


class OrganisationseinheitSerializer(serializers.ModelSerializer):
    class Meta:
        model = Organisationseinheit
        fields = ["id", "kuerzel", "name", "ebene", "eltern"]
