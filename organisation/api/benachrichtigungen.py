"""API of the user's own notifications: list, read one, mark one or all read.

Every user (any role, the Rat included) reaches only their own notifications: the queryset is
organisation.benachrichtigungen.benachrichtigungen_fuer, so another user's id answers 404.
Marking read takes an empty body; any field in it is refused (strict input).
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from organisation.benachrichtigungen import (
    alle_als_gelesen_markieren,
    als_gelesen_markieren,
    benachrichtigungen_fuer,
)
from organisation.models import Benachrichtigung


class BenachrichtigungSerializer(serializers.ModelSerializer):
    gelesen = serializers.BooleanField(read_only=True)

    class Meta:
        model = Benachrichtigung
        fields = ["id", "betreff", "text", "link", "erstellt", "gelesen", "gelesen_am"]
        read_only_fields = fields


class LeereEingabeSerializer(serializers.Serializer):
    """No fields: marking read needs nothing but the URL."""


# drf-spectacular leaves out the body of a serializer without fields; documented explicitly so
# clients (and the strict-input tests) see that a body, if sent, must be empty.
LEERER_KOERPER = {
    "application/json": {
        "type": "object",
        "properties": {},
        "additionalProperties": False,
        "description": "Leer: die Aktion braucht keine Angaben.",
    }
}


class AlleGelesenSerializer(serializers.Serializer):
    anzahl = serializers.IntegerField(
        read_only=True, help_text="Wie viele Benachrichtigungen als gelesen markiert wurden."
    )


class BenachrichtigungViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The logged-in user's notifications, newest first."""

    serializer_class = BenachrichtigungSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        return benachrichtigungen_fuer(self.request.user)

    def _leere_eingabe(self, request) -> None:
        LeereEingabeSerializer(data=request.data).is_valid(raise_exception=True)

    @extend_schema(request=LEERER_KOERPER, responses=BenachrichtigungSerializer, summary="Als gelesen markieren")
    @action(detail=True, methods=["post"])
    def gelesen(self, request, pk=None):
        b = self.get_object()
        self._leere_eingabe(request)
        return Response(self.get_serializer(als_gelesen_markieren(benachrichtigung=b)).data)

    @extend_schema(request=LEERER_KOERPER, responses=AlleGelesenSerializer, summary="Alle als gelesen markieren")
    @action(detail=False, methods=["post"], url_path="alle_gelesen")
    def alle_gelesen(self, request):
        self._leere_eingabe(request)
        return Response({"anzahl": alle_als_gelesen_markieren(user=request.user)})
