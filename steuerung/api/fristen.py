"""Erfassungsfristen per period: the year's periods with their deadline, and setting a deviating one."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from steuerung import fristen
from steuerung.models import Erfassungsfrist


class PeriodenfristSerializer(serializers.Serializer):
    periode = serializers.CharField(help_text="Periodenschlüssel, z. B. 2026-T1, 2026-03 oder 2026")
    bezeichnung = serializers.CharField(read_only=True)
    beginn = serializers.DateField(read_only=True)
    ende = serializers.DateField(read_only=True)
    standardfrist = serializers.DateField(read_only=True, help_text="Periodenende + Tage der Kommune")
    abweichende_frist = serializers.DateField(
        allow_null=True, help_text="Abweichende Frist dieser Periode; null: Standard der Kommune"
    )
    frist = serializers.DateField(read_only=True, help_text="Die geltende Erfassungsfrist")
    revision = serializers.IntegerField(
        min_value=0, help_text="Gelesener Bearbeitungsstand (0: bisher keine abweichende Frist); veraltet: 409"
    )

    @staticmethod
    def daten(pf: fristen.Periodenfrist) -> dict:
        return {
            "periode": pf.periode.schluessel,
            "bezeichnung": pf.periode.bezeichnung,
            "beginn": pf.periode.beginn,
            "ende": pf.periode.ende,
            "standardfrist": pf.standardfrist,
            "abweichende_frist": pf.abweichende_frist,
            "frist": pf.frist,
            "revision": pf.revision,
        }


class _Konflikt(ValidationError):
    status_code = status.HTTP_409_CONFLICT
    default_code = "konflikt"


class ErfassungsfristenView(APIView):
    """GET: the periods of a Haushaltsjahr with their Erfassungsfrist. POST: set or drop a deviating one.

    Steuerungsunterstützung only (model permissions on Erfassungsfrist).
    """

    queryset = Erfassungsfrist.objects.none()
    fehlerantworten = {"post": (409,)}

    @extend_schema(
        parameters=[OpenApiParameter("jahr", OpenApiTypes.INT, description="Haushaltsjahr (Standard: laufendes)")],
        responses=PeriodenfristSerializer(many=True),
    )
    def get(self, request):
        roh = request.query_params.get("jahr") or str(timezone.localdate().year)
        if not roh.isdigit() or not 2000 <= int(roh) <= 2100:
            raise ValidationError({"jahr": ["Bitte ein Haushaltsjahr zwischen 2000 und 2100 angeben."]})
        zeilen = fristen.perioden_mit_fristen(jahr=int(roh))
        return Response(PeriodenfristSerializer([PeriodenfristSerializer.daten(z) for z in zeilen], many=True).data)

    @extend_schema(request=PeriodenfristSerializer, responses=PeriodenfristSerializer)
    def post(self, request):
        eingabe = PeriodenfristSerializer(data=request.data)
        eingabe.is_valid(raise_exception=True)
        v = eingabe.validated_data
        try:
            ergebnis = fristen.erfassungsfrist_setzen(
                periode=v["periode"], frist=v["abweichende_frist"], user=request.user, revision=v["revision"]
            )
        except DjangoValidationError as exc:
            fehler = exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
            if "frist" in fehler:
                fehler["abweichende_frist"] = fehler.pop("frist")
            raise (_Konflikt if "revision" in fehler else ValidationError)(fehler) from exc
        return Response(PeriodenfristSerializer(PeriodenfristSerializer.daten(ergebnis)).data)
