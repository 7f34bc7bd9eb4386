from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from organisation import benutzerverwaltung, verwaltung
from organisation.api.serializers import (
    BenutzerSerializer,
    EinmalLinkSerializer,
    KommuneSerializer,
    OrganisationseinheitSerializer,
)
from organisation.filtersets import BenutzerFilterSet, OrganisationseinheitFilterSet
from organisation.models import Benutzer, Kommune
from organisation.selectors import kommune, organisationseinheiten_fuer


class _Konflikt(ValidationError):
    status_code = status.HTTP_409_CONFLICT
    default_code = "konflikt"


def _fehler(exc: DjangoValidationError) -> ValidationError:
    fehler = exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
    return _Konflikt(fehler) if "revision" in fehler else ValidationError(fehler)


class OrganisationseinheitViewSet(viewsets.ModelViewSet):
    """Units visible to the user; writes need the Administration role's permissions.

    A unit still in use (users, goals, Kennzahlen, sub-units …) is not deleted: 400 naming what uses it.
    """

    serializer_class = OrganisationseinheitSerializer
    filterset_class = OrganisationseinheitFilterSet

    def get_queryset(self):
        return organisationseinheiten_fuer(self.request.user)

    def perform_create(self, serializer):
        try:
            serializer.instance = verwaltung.organisationseinheit_anlegen(
                daten=serializer.validated_data, user=self.request.user
            )
        except DjangoValidationError as exc:
            raise _fehler(exc) from exc

    def perform_update(self, serializer):
        try:
            serializer.instance = verwaltung.organisationseinheit_aendern(
                einheit=serializer.instance, daten=serializer.validated_data, user=self.request.user
            )
        except DjangoValidationError as exc:
            raise _fehler(exc) from exc

    def perform_destroy(self, instance):
        try:
            verwaltung.organisationseinheit_loeschen(einheit=instance, user=self.request.user)
        except DjangoValidationError as exc:
            raise ValidationError({"detail": " ".join(exc.messages)}) from exc


class BenutzerViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """User accounts (Administration). Never deleted; `is_active` changes only through the pages.

    `einladen/` sends the invitation (no password yet) or a password reset as a one-time link.
    """

    serializer_class = BenutzerSerializer
    filterset_class = BenutzerFilterSet

    def get_queryset(self):
        return Benutzer.objects.select_related("organisationseinheit").prefetch_related("groups").order_by("username")

    def perform_create(self, serializer):
        daten = dict(serializer.validated_data)
        rollen = daten.pop("rollen", [])
        try:
            serializer.instance = benutzerverwaltung.benutzer_anlegen(
                daten=daten, rollen=rollen, user=self.request.user
            )
        except DjangoValidationError as exc:
            raise _fehler(exc) from exc

    def perform_update(self, serializer):
        daten = dict(serializer.validated_data)
        rollen = daten.pop("rollen", None)
        revision = daten.pop("revision", None)
        try:
            serializer.instance = benutzerverwaltung.benutzer_aendern(
                benutzer=serializer.instance, daten=daten, rollen=rollen, user=self.request.user, revision=revision
            )
        except DjangoValidationError as exc:
            raise _fehler(exc) from exc

    @extend_schema(request=None, responses={200: EinmalLinkSerializer})
    @action(detail=True, methods=["post"])
    def einladen(self, request, pk=None):
        try:
            ergebnis = benutzerverwaltung.einmal_link_anfordern(
                benutzer=self.get_object(), user=request.user, basis=request.build_absolute_uri("/")
            )
        except DjangoValidationError as exc:
            raise _fehler(exc) from exc
        return Response(EinmalLinkSerializer(ergebnis).data)


class KommuneView(APIView):
    """The Kommune's settings (GET: Administration; PUT with the read `revision`, else 409)."""

    queryset = Kommune.objects.none()  # model permissions: view_kommune / change_kommune
    fehlerantworten = {"put": (409,)}

    @extend_schema(responses=KommuneSerializer)
    def get(self, request):
        return Response(KommuneSerializer(kommune()).data)

    @extend_schema(request=KommuneSerializer, responses=KommuneSerializer)
    def put(self, request):
        serializer = KommuneSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        daten = dict(serializer.validated_data)
        revision = daten.pop("revision")
        try:
            gespeichert = verwaltung.kommune_speichern(daten=daten, user=request.user, revision=revision)
        except DjangoValidationError as exc:
            raise _fehler(exc) from exc
        return Response(KommuneSerializer(gespeichert).data)


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
