"""Sozialraum API: querysets from sozialraum.selectors (council filters), index and benchmark from
sozialraum.raumvergleich and sozialraum.benchmark, writes via services."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from organisation.selectors import fuer_benutzer
from sozialraum import benchmark, filtersets, raumvergleich, selectors, services
from sozialraum.api import serializers as s
from sozialraum.models import Indikatorwert, Vergleichswert
from steuerung.models import Kennzahl, Massnahme


class _Basis(viewsets.ModelViewSet):
    def perform_destroy(self, instance):
        try:
            services.objekt_loeschen(instanz=instance, user=self.request.user)
        except DjangoValidationError as exc:
            raise ValidationError({"non_field_errors": exc.messages}) from exc


class RaumViewSet(_Basis):
    serializer_class = s.RaumSerializer
    filterset_class = filtersets.RaumFilterSet

    def get_queryset(self):
        return (
            selectors.raeume_fuer(user=self.request.user)
            .prefetch_related("einwohnerzahlen", "massnahmen", "kennzahlen")
            .order_by("ebene", "name")
        )

    def get_serializer_context(self):
        kontext = super().get_serializer_context()
        user = self.request.user
        kontext["sichtbare_massnahmen"] = set(fuer_benutzer(Massnahme.objects.all(), user).values_list("id", flat=True))
        kontext["sichtbare_kennzahlen"] = set(fuer_benutzer(Kennzahl.objects.all(), user).values_list("id", flat=True))
        return kontext


class IndikatorViewSet(_Basis):
    serializer_class = s.IndikatorSerializer
    filterset_class = filtersets.IndikatorFilterSet

    def get_queryset(self):
        return selectors.indikatoren_fuer(user=self.request.user)


class IndikatorwertViewSet(_Basis):
    serializer_class = s.IndikatorwertSerializer
    filterset_class = filtersets.IndikatorwertFilterSet

    def get_queryset(self):
        return selectors.indikatorwerte_fuer(user=self.request.user).order_by("indikator", "raum", "jahr")


class TraegerViewSet(_Basis):
    serializer_class = s.TraegerSerializer
    filterset_class = filtersets.TraegerFilterSet

    def get_queryset(self):
        return selectors.traeger_fuer(user=self.request.user).order_by("name")


class AngebotViewSet(_Basis):
    serializer_class = s.AngebotSerializer
    filterset_class = filtersets.AngebotFilterSet

    def get_queryset(self):
        return selectors.angebote_fuer(user=self.request.user).order_by("raum", "bezeichnung")


class VergleichswertViewSet(_Basis):
    serializer_class = s.VergleichswertSerializer
    filterset_class = filtersets.VergleichswertFilterSet

    def get_queryset(self):
        return selectors.vergleichswerte_fuer(user=self.request.user)


class SozialraumindexView(APIView):
    """Composite index per year and ebene (issue 7 contract); index as decimal with four places."""

    queryset = Indikatorwert.objects.none()  # model permission: sozialraum.view_indikatorwert

    @extend_schema(parameters=[s.IndexAnfrageSerializer], responses=s.IndexAntwortSerializer)
    def get(self, request):
        anfrage = s.IndexAnfrageSerializer(data=request.query_params)
        anfrage.is_valid(raise_exception=True)
        ansicht = raumvergleich.sozialraumindex_berechnen(user=request.user, **anfrage.validated_data)
        antwort = {
            "jahr": ansicht.jahr,
            "ebene": ansicht.ebene,
            "methode": ansicht.methode,
            "schwelle": ansicht.schwelle,
            "anzahl": ansicht.anzahl,
            "raeume": [z.__dict__ for z in ansicht.ergebnis.raeume],
            "ausgeschlossen": [a.__dict__ for a in ansicht.ergebnis.ausgeschlossen],
        }
        return Response(s.IndexAntwortSerializer(antwort).data)


class VergleichView(APIView):
    """Peers' distribution for a vergleichsschluessel and year, with the own Kennzahl's value."""

    queryset = Vergleichswert.objects.none()  # model permission: sozialraum.view_vergleichswert

    @extend_schema(parameters=[s.VergleichAnfrageSerializer], responses=s.VergleichAntwortSerializer)
    def get(self, request):
        anfrage = s.VergleichAnfrageSerializer(data=request.query_params)
        anfrage.is_valid(raise_exception=True)
        ansicht = benchmark.benchmark_berechnen(user=request.user, **anfrage.validated_data)
        e = ansicht.ergebnis
        v = e.verteilung
        antwort = {
            "schluessel": ansicht.schluessel,
            "bezeichnung": ansicht.bezeichnung,
            "jahr": ansicht.jahr,
            "je_1000": ansicht.je_1000,
            "n": v.n,
            "min": v.min,
            "q1": v.q1,
            "median": v.median,
            "q3": v.q3,
            "max": v.max,
            "eigener_wert": e.eigener_wert,
            "rang": e.rang,
            "rang_von": e.rang_von,
            "richtung": e.richtung,
            "kennzahl": ansicht.kennzahl.id if ansicht.kennzahl else None,
            "werte": [{"kommune": k, "wert": w} for k, w in e.werte],
            "ohne_einwohner": e.ohne_einwohner,
        }
        return Response(s.VergleichAntwortSerializer(antwort).data)
