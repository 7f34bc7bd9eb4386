"""Haushalt API: scoped querysets (haushalt.selectors), writes through haushalt.services."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status, viewsets
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from haushalt import finanzen, importer, selectors, services
from haushalt.api import serializers as s
from haushalt.filtersets import FinanzerlaeuterungFilterSet, HaushaltspositionFilterSet, ZuwendungFilterSet
from haushalt.models import Haushaltsposition


class HaushaltspositionViewSet(viewsets.ReadOnlyModelViewSet):
    """Amounts per Produkt, year, line and state. Written only by the import (`haushalt/import/`)."""

    serializer_class = s.HaushaltspositionSerializer
    filterset_class = HaushaltspositionFilterSet

    def get_queryset(self):
        return (
            selectors.haushaltspositionen_fuer(user=self.request.user)
            .select_related("produkt__produktgruppe")
            .order_by("produkt__nummer", "jahr", "art", "stichtag", "zeile", "id")
        )


JA = {"1", "true", "ja"}
NEIN = {"0", "false", "nein", ""}


class ImportView(APIView):
    """Upload a finance export: all rows or none; `?vorschau=1` only checks and writes nothing."""

    queryset = Haushaltsposition.objects.none()  # POST needs haushalt.add_haushaltsposition
    # JSON only so that a request without a file gets a German 400, not a 415.
    parser_classes = [MultiPartParser, FormParser, JSONParser]

    @extend_schema(
        request={"multipart/form-data": s.ImportAnfrageSerializer},
        parameters=[
            OpenApiParameter(
                "vorschau", OpenApiTypes.STR, enum=["0", "1"], description="1: nur prüfen, nichts schreiben"
            )
        ],
        responses={
            200: OpenApiResponse(s.ImportAntwortSerializer, description="Vorschau oder unverändert"),
            201: OpenApiResponse(s.ImportAntwortSerializer, description="übernommen"),
        },
    )
    def post(self, request):
        vorschau = (request.query_params.get("vorschau") or "").strip().lower()
        if vorschau not in JA | NEIN:
            raise ValidationError({"vorschau": [_("Bitte 1 (nur Vorschau) oder 0 angeben.")]})
        anfrage = s.ImportAnfrageSerializer(data=request.data)
        anfrage.is_valid(raise_exception=True)
        datei = anfrage.validated_data["datei"]
        if datei.size > importer.MAX_GROESSE:
            raise ValidationError({"datei": [_("Die Datei ist zu groß (höchstens 20 MB).")]})
        try:
            ergebnis = services.haushalt_importieren(
                name=datei.name, inhalt=datei.read(), user=request.user, vorschau=vorschau in JA
            )
        except DjangoValidationError as exc:
            raise ValidationError({"datei": exc.messages}) from exc
        p = ergebnis.pruefung
        antwort = {
            "status": ergebnis.status,
            "import_id": ergebnis.protokoll.pk if ergebnis.protokoll else None,
            "dateiname": p.dateiname,
            "sha256": p.sha256,
            "zeilen": p.anzahl,
            "ersetzt": ergebnis.ersetzt,
            "gruppen": p.gruppen_json(),
            "summen": p.summen_json(),
        }
        code = status.HTTP_201_CREATED if ergebnis.status == "uebernommen" else status.HTTP_200_OK
        return Response(s.ImportAntwortSerializer(antwort).data, status=code)


class FinanzenView(APIView):
    """Finanzdatenblatt of a Produkt, Produktgruppe or Produktbereich for one Haushaltsjahr."""

    queryset = Haushaltsposition.objects.none()  # GET needs haushalt.view_haushaltsposition
    ebene = finanzen.Ebene.PRODUKT

    @extend_schema(parameters=[s.FinanzenAnfrageSerializer], responses=s.FinanzdatenblattSerializer)
    def get(self, request, nummer: str):
        anfrage = s.FinanzenAnfrageSerializer(data=request.query_params)
        anfrage.is_valid(raise_exception=True)
        daten = anfrage.validated_data
        jahr = daten.get("jahr") or _standardjahr(user=request.user)
        try:
            blatt = finanzen.finanzdatenblatt(
                user=request.user,
                ebene=self.ebene,
                nummer=nummer,
                jahr=jahr,
                vergleich=daten["vergleich"],
                bis=daten.get("stichtag"),
            )
        except finanzen.NichtGefunden as exc:
            raise NotFound(_("Nicht gefunden.")) from exc
        return Response(s.FinanzdatenblattSerializer(s.finanzdatenblatt_daten(blatt)).data)


def _standardjahr(*, user) -> int:
    """The latest Haushaltsjahr with amounts up to the current one, else the current year."""
    heute = timezone.localdate().year
    jahre = [j for j in selectors.jahre_mit_daten(produkte=selectors.produkte_fuer(user=user)) if j <= heute]
    return jahre[-1] if jahre else heute


class FinanzenProduktgruppeView(FinanzenView):
    ebene = finanzen.Ebene.PRODUKTGRUPPE


class FinanzenProduktbereichView(FinanzenView):
    ebene = finanzen.Ebene.PRODUKTBEREICH


class ProduktzuordnungViewSet(viewsets.ModelViewSet):
    """A Produkt's responsible unit, Fallzahl-Kennzahl and Transferaufwand line."""

    serializer_class = s.ProduktzuordnungSerializer

    def get_queryset(self):
        return selectors.produktzuordnungen_fuer(user=self.request.user).order_by("produkt__nummer")

    def perform_create(self, serializer):
        daten = dict(serializer.validated_data)
        daten.pop("revision", None)
        produkt = daten.pop("produkt")
        if hasattr(produkt, "haushaltszuordnung"):
            raise ValidationError({"produkt": [_("Für dieses Produkt gibt es bereits Haushaltsangaben.")]})
        serializer.instance = services.produktzuordnung_speichern(produkt=produkt, daten=daten, user=self.request.user)

    def perform_update(self, serializer):
        daten = dict(serializer.validated_data)
        revision = daten.pop("revision", None)
        produkt = daten.pop("produkt", None)
        if produkt is not None and produkt.pk != serializer.instance.produkt_id:
            raise ValidationError({"produkt": [_("Die Angaben gehören fest zu ihrem Produkt.")]})
        serializer.instance = services.produktzuordnung_speichern(
            produkt=serializer.instance.produkt, daten=daten, user=self.request.user, revision=revision
        )


class ZuwendungViewSet(viewsets.ModelViewSet):
    """Zuwendungen of the units the user may see; `ueberfaellig=true` lists overdue proofs of use."""

    serializer_class = s.ZuwendungSerializer
    filterset_class = ZuwendungFilterSet

    def get_queryset(self):
        return selectors.zuwendungen_fuer(user=self.request.user).order_by("jahr", "foerderbereich", "traeger", "id")

    def perform_create(self, serializer):
        daten = dict(serializer.validated_data)
        daten.pop("revision", None)
        serializer.instance = services.zuwendung_anlegen(daten=daten, user=self.request.user)

    def perform_update(self, serializer):
        daten = dict(serializer.validated_data)
        revision = daten.pop("revision", None)
        serializer.instance = services.zuwendung_aendern(
            zuwendung=serializer.instance, daten=daten, user=self.request.user, revision=revision
        )

    def perform_destroy(self, instance):
        services.zuwendung_loeschen(zuwendung=instance, user=self.request.user)


class FinanzerlaeuterungViewSet(viewsets.ModelViewSet):
    """Begründung and Gegensteuerung of the finance deviations in the tertial report, per Produktgruppe and tertial.

    Written by the Fachamt of the Produktgruppe; refused while a covering report is submitted or
    approved. Not deletable: an emptied explanation is an explanation that is missing.
    """

    serializer_class = s.FinanzerlaeuterungSerializer
    filterset_class = FinanzerlaeuterungFilterSet
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def get_queryset(self):
        return selectors.finanzerlaeuterungen_fuer(user=self.request.user).order_by(
            "periode", "produktgruppe__nummer", "id"
        )

    def perform_create(self, serializer):
        daten = dict(serializer.validated_data)
        produktgruppe, periode = daten.pop("produktgruppe"), daten.pop("periode")
        revision = daten.pop("revision", None)
        if (
            selectors.finanzerlaeuterungen_fuer(user=self.request.user)
            .filter(produktgruppe=produktgruppe, periode=periode)
            .exists()
        ):
            raise ValidationError(
                {"periode": [_("Für diese Produktgruppe und dieses Tertial gibt es schon eine Erläuterung.")]}
            )
        serializer.instance = services.finanzerlaeuterung_speichern(
            produktgruppe=produktgruppe, periode=periode, daten=daten, user=self.request.user, revision=revision
        )

    def perform_update(self, serializer):
        daten = dict(serializer.validated_data)
        revision = daten.pop("revision", None)
        e = serializer.instance
        if (
            daten.pop("produktgruppe", e.produktgruppe) != e.produktgruppe
            or daten.pop("periode", e.periode) != e.periode
        ):
            raise ValidationError({"produktgruppe": [_("Eine Erläuterung gehört fest zu Produktgruppe und Tertial.")]})
        serializer.instance = services.finanzerlaeuterung_speichern(
            produktgruppe=e.produktgruppe, periode=e.periode, daten=daten, user=self.request.user, revision=revision
        )
