"""API of the Tertialberichte: workflow actions and published reports (readable by the Rat).

Scope: every queryset goes through organisation.selectors.fuer_benutzer (other units: 404),
except that the Rat sees every published report and nothing else. Actions call
steuerung.berichte.workflow; a role that may not act gets 403, a state that does not allow it 400.
"""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.response import Response

from core.permissions import RollenRechte
from organisation.models import Organisationseinheit
from organisation.selectors import fuer_benutzer, organisationseinheiten_fuer
from steuerung.berichte import workflow
from steuerung.berichte.dateien import MEDIENTYP, datei_antwort
from steuerung.berichte.filtersets import TertialberichtFilterSet, VeroeffentlichungFilterSet
from steuerung.berichte.inhalt import veroeffentlichungen_fuer
from steuerung.berichte.oeffentlich import fuer_rat
from steuerung.models import Berichtsuebergang, Tertialbericht, Veroeffentlichung


class AktionsRechte(RollenRechte):
    """Workflow actions change a report: POST needs change_tertialbericht (not add)."""

    perms_map = {**RollenRechte.perms_map, "POST": ["%(app_label)s.change_%(model_name)s"]}


class BerichtsuebergangSerializer(serializers.ModelSerializer):
    benutzer = serializers.SerializerMethodField()
    von_status_text = serializers.CharField(source="get_von_status_display", read_only=True)
    nach_status_text = serializers.CharField(source="get_nach_status_display", read_only=True)

    class Meta:
        model = Berichtsuebergang
        fields = [
            "aktion",
            "von_status",
            "von_status_text",
            "nach_status",
            "nach_status_text",
            "benutzer",
            "zeitpunkt",
            "notiz",
        ]

    def get_benutzer(self, obj) -> str:
        return obj.benutzer.get_full_name() or obj.benutzer.get_username()


class TertialberichtSerializer(serializers.ModelSerializer):
    organisationseinheit = serializers.PrimaryKeyRelatedField(queryset=Organisationseinheit.objects.all())
    organisationseinheit_kuerzel = serializers.CharField(source="organisationseinheit.kuerzel", read_only=True)
    status_text = serializers.CharField(source="get_status_display", read_only=True)
    uebergaenge = BerichtsuebergangSerializer(many=True, read_only=True)
    aktionen = serializers.SerializerMethodField()

    class Meta:
        model = Tertialbericht
        fields = [
            "id",
            "organisationseinheit",
            "organisationseinheit_kuerzel",
            "periode",
            "status",
            "status_text",
            "notiz",
            "uebergaenge",
            "aktionen",
        ]
        read_only_fields = ["status", "notiz"]
        validators = []  # creation is idempotent (get or create), see perform_create

    def get_aktionen(self, obj) -> list[str]:
        return workflow.moegliche_aktionen(bericht=obj, user=self.context["request"].user)

    def validate_organisationseinheit(self, wert):
        if not organisationseinheiten_fuer(self.context["request"].user).filter(pk=wert.pk).exists():
            raise serializers.ValidationError("Diese Organisationseinheit gehört nicht zu Ihrem Bereich.")
        return wert


class AktionSerializer(serializers.Serializer):
    erwarteter_status = serializers.CharField(
        required=False, allow_blank=True, help_text="Status, den die Oberfläche zeigte (Schutz vor Doppelklick)."
    )


class RueckgabeSerializer(AktionSerializer):
    notiz = serializers.CharField(allow_blank=True, help_text="Was geändert werden soll (Pflicht).")


class WiederoeffnungSerializer(AktionSerializer):
    begruendung = serializers.CharField(allow_blank=True, help_text="Warum der Bericht wieder geöffnet wird (Pflicht).")


def _ausfuehren(aufruf):
    try:
        return aufruf()
    except workflow.Rechtefehler as exc:
        raise PermissionDenied(exc.meldung) from exc


class TertialberichtViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    """Reports per Organisationseinheit and tertial, with the workflow actions."""

    serializer_class = TertialberichtSerializer
    filterset_class = TertialberichtFilterSet

    def get_queryset(self):
        return fuer_benutzer(
            Tertialbericht.objects.select_related("organisationseinheit").prefetch_related("uebergaenge__benutzer"),
            self.request.user,
        ).order_by("-periode", "organisationseinheit__kuerzel")

    def get_permissions(self):
        if self.action in ("einreichen", "freigeben", "zurueckgeben", "veroeffentlichen", "wieder_oeffnen"):
            return [AktionsRechte()]
        return super().get_permissions()

    def perform_create(self, serializer):
        d = serializer.validated_data
        serializer.instance = workflow.tertialbericht_holen_oder_anlegen(
            organisationseinheit=d["organisationseinheit"], periode=d["periode"]
        )

    def _antwort(self, bericht) -> Response:
        bericht = self.get_queryset().get(pk=bericht.pk)
        return Response(self.get_serializer(bericht).data)

    def _aktion(self, request, service, serializer_class=AktionSerializer, **felder):
        bericht = self.get_object()
        eingabe = serializer_class(data=request.data)
        eingabe.is_valid(raise_exception=True)
        extra = {f: eingabe.validated_data.get(f, "") for f in felder}
        _ausfuehren(
            lambda: service(
                bericht=bericht,
                user=request.user,
                erwarteter_status=eingabe.validated_data.get("erwarteter_status") or None,
                **extra,
            )
        )
        return self._antwort(bericht)

    @extend_schema(request=AktionSerializer, responses=TertialberichtSerializer, summary="Bericht einreichen")
    @action(detail=True, methods=["post"])
    def einreichen(self, request, pk=None):
        return self._aktion(request, workflow.tertialbericht_einreichen)

    @extend_schema(request=AktionSerializer, responses=TertialberichtSerializer, summary="Bericht freigeben")
    @action(detail=True, methods=["post"])
    def freigeben(self, request, pk=None):
        return self._aktion(request, workflow.tertialbericht_freigeben)

    @extend_schema(request=RueckgabeSerializer, responses=TertialberichtSerializer, summary="Bericht zurückgeben")
    @action(detail=True, methods=["post"])
    def zurueckgeben(self, request, pk=None):
        return self._aktion(request, workflow.tertialbericht_zurueckgeben, RueckgabeSerializer, notiz=True)

    @extend_schema(request=AktionSerializer, responses=TertialberichtSerializer, summary="Bericht veröffentlichen")
    @action(detail=True, methods=["post"])
    def veroeffentlichen(self, request, pk=None):
        return self._aktion(request, workflow.tertialbericht_veroeffentlichen)

    @extend_schema(
        request=WiederoeffnungSerializer, responses=TertialberichtSerializer, summary="Bericht wieder öffnen"
    )
    @action(detail=True, methods=["post"], url_path="wieder_oeffnen")
    def wieder_oeffnen(self, request, pk=None):
        return self._aktion(request, workflow.tertialbericht_wieder_oeffnen, WiederoeffnungSerializer, begruendung=True)


class VeroeffentlichungSerializer(serializers.ModelSerializer):
    organisationseinheit_kuerzel = serializers.CharField(source="organisationseinheit.kuerzel", read_only=True)
    organisationseinheit_name = serializers.CharField(source="organisationseinheit.name", read_only=True)
    veroeffentlicht_von = serializers.SerializerMethodField()

    class Meta:
        model = Veroeffentlichung
        fields = [
            "id",
            "organisationseinheit",
            "organisationseinheit_kuerzel",
            "organisationseinheit_name",
            "periode",
            "fassung",
            "veroeffentlicht_am",
            "veroeffentlicht_von",
            "inhalt_hash",
        ]

    def get_veroeffentlicht_von(self, obj) -> str:
        """Role and unit of the publisher ("Dezernatsleitung V"), never a personal name; "" for early snapshots."""
        return fuer_rat(obj.daten)["bericht"].get("veroeffentlicht_von", "")


class VeroeffentlichungDetailSerializer(VeroeffentlichungSerializer):
    inhalt = serializers.SerializerMethodField()

    class Meta(VeroeffentlichungSerializer.Meta):
        fields = [*VeroeffentlichungSerializer.Meta.fields, "inhalt"]

    def get_inhalt(self, obj) -> dict:
        """The snapshot as published (its hash matches); earlier snapshots without personal names and notes."""
        return fuer_rat(obj.daten)


class _DateiRenderer(BaseRenderer):
    charset = None
    render_style = "binary"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return data


class PdfRenderer(_DateiRenderer):
    media_type = MEDIENTYP["pdf"]
    format = "pdf"


class XlsxRenderer(_DateiRenderer):
    media_type = MEDIENTYP["xlsx"]
    format = "xlsx"


class VeroeffentlichungViewSet(viewsets.ReadOnlyModelViewSet):
    """Published, immutable reports with their PDF and Excel files."""

    filterset_class = VeroeffentlichungFilterSet

    def get_queryset(self):
        return veroeffentlichungen_fuer(self.request.user).order_by(
            "-periode", "organisationseinheit__kuerzel", "-fassung"
        )

    def get_serializer_class(self):
        return VeroeffentlichungDetailSerializer if self.action == "retrieve" else VeroeffentlichungSerializer

    def _datei(self, pk, art: str) -> HttpResponse:
        v = get_object_or_404(
            Veroeffentlichung.objects.select_related("organisationseinheit").filter(
                pk__in=self.get_queryset().values("pk")
            ),
            pk=pk,
        )
        return datei_antwort(v, art)

    @extend_schema(responses={(200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY)}, summary="PDF")
    @action(detail=True, methods=["get"], renderer_classes=[JSONRenderer, PdfRenderer])
    def pdf(self, request, pk=None):
        return self._datei(pk, "pdf")

    @extend_schema(responses={(200, XlsxRenderer.media_type): OpenApiResponse(OpenApiTypes.BINARY)}, summary="Excel")
    @action(detail=True, methods=["get"], renderer_classes=[JSONRenderer, XlsxRenderer])
    def excel(self, request, pk=None):
        return self._datei(pk, "xlsx")
