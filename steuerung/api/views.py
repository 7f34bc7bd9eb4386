"""Zielpyramide API: scoped querysets (selectors), writes through services."""

from __future__ import annotations

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from core.periods import Periode, Rhythmus, periode
from steuerung import archiv, selectors, services
from steuerung.api import serializers as s
from steuerung.filtersets import (
    KennzahlFilterSet,
    LeitzielFilterSet,
    MassnahmeFilterSet,
    ProduktFilterSet,
    ProduktgruppeFilterSet,
    ProduktgruppenzielFilterSet,
    ProduktzielFilterSet,
    TeilzielFilterSet,
)
from steuerung.lesestand.auswertungen import auswertungen_der_seite
from steuerung.lesestand.pyramide import KnotenUnbekannt, pyramide_ebene
from steuerung.models import Leitziel


class DarfArchivieren(permissions.BasePermission):
    """Archiving is the alternative to deleting: it needs the delete permission of the model."""

    message = _("Ihre Rolle darf dies nicht archivieren.")

    def has_permission(self, request, view) -> bool:
        return bool(request.user.is_authenticated and request.user.has_perm(f"steuerung.delete_{view.typ}"))


class _ArchivMixin:
    """POST …/archivieren/ {"archiviert": true|false}: archive or restore (with the subtree of a goal)."""

    @extend_schema(request=s.ArchivierenSerializer)
    @action(detail=True, methods=["post"], permission_classes=[DarfArchivieren])
    def archivieren(self, request, pk=None):
        obj = self.get_object()
        eingabe = s.ArchivierenSerializer(data=request.data)
        eingabe.is_valid(raise_exception=True)
        self._archivieren(obj, request.user, **eingabe.validated_data)
        obj.refresh_from_db()
        return Response(self.get_serializer(obj).data)


class _ZielViewSet(_ArchivMixin, viewsets.ModelViewSet):
    """Goals of one level the user may see; writes follow the roles of issue 3."""

    typ: str

    def _archivieren(self, ziel, user, **daten):
        archiv.ziel_archivieren(ziel=ziel, user=user, **daten)

    def get_queryset(self):
        return selectors.ziele_fuer(selectors.ZIELMODELLE[self.typ], self.request.user).order_by("jahr", "code")

    def perform_create(self, serializer):
        daten = dict(serializer.validated_data)
        daten.pop("revision", None)
        serializer.instance = services.ziel_anlegen(typ=self.typ, daten=daten, user=self.request.user)

    def perform_update(self, serializer):
        daten = dict(serializer.validated_data)
        revision = daten.pop("revision", None)
        serializer.instance = services.ziel_aendern(
            ziel=serializer.instance, daten=daten, user=self.request.user, revision=revision
        )

    def perform_destroy(self, instance):
        archiv.ziel_loeschen(ziel=instance, user=self.request.user)


class LeitzielViewSet(_ZielViewSet):
    typ = "leitziel"
    serializer_class = s.LeitzielSerializer
    filterset_class = LeitzielFilterSet


class ProduktgruppenzielViewSet(_ZielViewSet):
    typ = "produktgruppenziel"
    serializer_class = s.ProduktgruppenzielSerializer
    filterset_class = ProduktgruppenzielFilterSet


class ProduktzielViewSet(_ZielViewSet):
    typ = "produktziel"
    serializer_class = s.ProduktzielSerializer
    filterset_class = ProduktzielFilterSet


class TeilzielViewSet(_ZielViewSet):
    typ = "teilziel"
    serializer_class = s.TeilzielSerializer
    filterset_class = TeilzielFilterSet


class MassnahmeViewSet(_ZielViewSet):
    typ = "massnahme"
    serializer_class = s.MassnahmeSerializer
    filterset_class = MassnahmeFilterSet


class ProduktgruppeViewSet(viewsets.ModelViewSet):
    """NKF-Produktgruppen (budget structure, maintained by the Steuerungsunterstützung)."""

    serializer_class = s.ProduktgruppeSerializer
    filterset_class = ProduktgruppeFilterSet

    def get_queryset(self):
        return selectors.produktgruppen()


class ProduktViewSet(viewsets.ModelViewSet):
    serializer_class = s.ProduktSerializer
    filterset_class = ProduktFilterSet

    def get_queryset(self):
        return selectors.produkte()


class KennzahlViewSet(_ArchivMixin, viewsets.ModelViewSet):
    """Kennzahlen of the user's units; changes after the first value are versioned with a reason."""

    typ = "kennzahl"

    def _archivieren(self, kennzahl, user, **daten):
        archiv.kennzahl_archivieren(kennzahl=kennzahl, user=user, **daten)

    serializer_class = s.KennzahlSerializer
    filterset_class = KennzahlFilterSet

    def get_queryset(self):
        # The serializer writes only the ids of the responsible persons: no join for them.
        qs = selectors.kennzahlen_fuer(self.request.user).select_related(None).select_related("organisationseinheit")
        return qs.prefetch_related(
            Prefetch("sollwerte", to_attr="sollwerte_liste"), Prefetch("versionen", to_attr="versionen_liste")
        )

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "auswertungen": getattr(self, "_auswertungen", {})}

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "auswertung",
                OpenApiTypes.STR,
                description="Tertial, z. B. 2026-T2: jede Kennzahl der Seite mit ihrer Auswertung "
                "(Ampel, Soll, Prognose) für die Periode, die ihr Rhythmus in diesem Tertial meldet",
            )
        ]
    )
    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        seite = self.paginate_queryset(queryset)
        kennzahlen = list(seite if seite is not None else queryset)
        if schluessel := request.query_params.get("auswertung"):
            self._auswertungen = auswertungen_der_seite(kennzahlen, _tertial(schluessel), user=request.user)
        daten = self.get_serializer(kennzahlen, many=True).data
        return self.get_paginated_response(daten) if seite is not None else Response(daten)

    def perform_create(self, serializer):
        daten = dict(serializer.validated_data)
        sollwerte = daten.pop("sollwerte", None)
        for feld in ("revision", "grund"):
            daten.pop(feld, None)
        serializer.instance = services.kennzahl_anlegen(daten=daten, sollwerte=sollwerte, user=self.request.user)

    def perform_update(self, serializer):
        daten = dict(serializer.validated_data)
        sollwerte = daten.pop("sollwerte", None)
        revision = daten.pop("revision", None)
        grund = daten.pop("grund", "")
        serializer.instance = services.kennzahl_aendern(
            kennzahl=serializer.instance,
            daten=daten,
            user=self.request.user,
            revision=revision,
            grund=grund,
            sollwerte=sollwerte,
        )

    def perform_destroy(self, instance):
        archiv.kennzahl_loeschen(kennzahl=instance, user=self.request.user)


def _jahr(wert) -> int:
    try:
        jahr = int(wert)
    except (TypeError, ValueError):
        raise ValidationError({"jahr": [_("Bitte ein Haushaltsjahr angeben, z. B. ?jahr=2025.")]}) from None
    if not 2000 <= jahr <= 2100:
        raise ValidationError({"jahr": [_("Das Haushaltsjahr muss zwischen 2000 und 2100 liegen.")]})
    return jahr


def _tertial(schluessel: str) -> Periode:
    try:
        p = periode(schluessel)
    except ValueError:
        p = None
    if p is None or p.rhythmus != Rhythmus.TERTIAL:
        raise ValidationError({"auswertung": [_("Bitte ein Tertial angeben, z. B. ?auswertung=2026-T2.")]})
    return p


def _optional_id(request, name: str) -> int | None:
    wert = request.query_params.get(name)
    if not wert:
        return None
    try:
        return int(wert)
    except ValueError:
        raise ValidationError({name: [_("Bitte eine gültige Nummer angeben.")]}) from None


def _wahrheitswert(request, name: str) -> bool:
    wert = (request.query_params.get(name) or "").lower()
    if wert not in ("", "true", "false", "1", "0"):
        raise ValidationError({name: [_("Bitte „true“ oder „false“ angeben.")]})
    return wert in ("true", "1")


class ZielpyramideView(APIView):
    """The Zielpyramide of a year, one level per request (or the whole tree with ?tiefe=alle)."""

    queryset = Leitziel.objects.none()  # model permissions: view_leitziel
    fehlerantworten = {"get": (404,)}  # ?knoten= outside the user's Zielpyramide

    @extend_schema(
        parameters=[
            OpenApiParameter("jahr", OpenApiTypes.INT, required=True, description="Haushaltsjahr"),
            OpenApiParameter("organisationseinheit", OpenApiTypes.INT, description="nur dieser Unterbaum"),
            OpenApiParameter("leitziel", OpenApiTypes.INT, description="nur dieses Leitziel"),
            OpenApiParameter(
                "knoten", OpenApiTypes.STR, description="die direkten Unterziele dieses Ziels, z. B. produktziel-12"
            ),
            OpenApiParameter(
                "archivierte",
                OpenApiTypes.BOOL,
                description="true: archivierte Ziele und Kennzahlen mit anzeigen (Knoten tragen „archiviert“)",
            ),
            OpenApiParameter(
                "tiefe",
                OpenApiTypes.STR,
                enum=["ebene", "alle"],
                description="ebene (Vorgabe): eine Ebene mit kinder_anzahl; alle: der ganze Baum verschachtelt "
                "(wächst mit der Größe der Pyramide, für Exporte)",
            ),
        ],
        responses=s.ZielpyramideSerializer,
    )
    def get(self, request):
        argumente = {
            "jahr": _jahr(request.query_params.get("jahr")),
            "user": request.user,
            "organisationseinheit": _optional_id(request, "organisationseinheit"),
            "leitziel": _optional_id(request, "leitziel"),
            "archivierte": _wahrheitswert(request, "archivierte"),
        }
        tiefe = request.query_params.get("tiefe") or "ebene"
        if tiefe not in ("ebene", "alle"):
            raise ValidationError({"tiefe": [_("Bitte „ebene“ oder „alle“ angeben.")]})
        if tiefe == "alle":
            return Response(selectors.zielpyramide_baum(**argumente))
        try:
            return Response(pyramide_ebene(**argumente, knoten=request.query_params.get("knoten") or None))
        except KnotenUnbekannt:
            raise NotFound(_("Dieses Ziel gibt es in Ihrer Zielpyramide nicht.")) from None


class ZielmatrixUebernehmenView(APIView):
    """ "Zielmatrix {Jahr+1} aus {Jahr} übernehmen": one transaction, no duplicates."""

    queryset = Leitziel.objects.none()  # model permissions: add_leitziel for POST

    @extend_schema(
        request=s.ZielmatrixUebernehmenSerializer,
        responses={
            201: inline_serializer(
                "ZielmatrixUebernommen", {"angelegt": serializers.DictField(child=serializers.IntegerField())}
            )
        },
    )
    def post(self, request):
        eingabe = s.ZielmatrixUebernehmenSerializer(data=request.data)
        eingabe.is_valid(raise_exception=True)
        angelegt = services.zielmatrix_uebernehmen(von_jahr=eingabe.validated_data["jahr"], user=request.user)
        return Response({"angelegt": angelegt}, status=status.HTTP_201_CREATED)
