from rest_framework import serializers

from organisation.models import Benutzer, Kommune, Organisationseinheit
from organisation.rollen import Rolle
from organisation.verwaltung import KOMMUNE_FELDER


class OrganisationseinheitSerializer(serializers.ModelSerializer):
    class Meta:
        model = Organisationseinheit
        fields = ["id", "kuerzel", "name", "ebene", "eltern"]
        # Uniqueness is checked by the service (full_clean), together with every other error.
        extra_kwargs = {"kuerzel": {"validators": []}}


class KommuneSerializer(serializers.ModelSerializer):
    revision = serializers.IntegerField(
        help_text="Der gelesene Bearbeitungsstand; ein veralteter wird mit 409 abgelehnt."
    )

    class Meta:
        model = Kommune
        fields = ["id", *KOMMUNE_FELDER, "revision"]


class BenutzerSerializer(serializers.ModelSerializer):
    rollen = serializers.ListField(
        child=serializers.ChoiceField(choices=[r.value for r in Rolle]), required=False, allow_empty=True
    )

    class Meta:
        model = Benutzer
        fields = [
            "id",
            "username",
            "first_name",
            "last_name",
            "email",
            "organisationseinheit",
            "rollen",
            "is_active",
            "last_login",
            "revision",
        ]
        read_only_fields = ["is_active", "last_login"]
        extra_kwargs = {
            "username": {"validators": [], "help_text": "Kennung; bleibt nach dem Anlegen unverändert."},
            "email": {"required": True, "allow_blank": False},
            "revision": {
                "required": False,
                "help_text": "Bearbeitungsstand beim Lesen; ein veralteter Stand wird mit 409 abgelehnt.",
            },
        }

    def to_representation(self, instance):
        daten = super().to_representation(instance)
        daten["rollen"] = sorted(instance.groups.values_list("name", flat=True))
        return daten


class EinmalLinkSerializer(serializers.Serializer):
    art = serializers.ChoiceField(choices=["einladung", "passwort"], read_only=True)
    versendet = serializers.BooleanField(read_only=True)
