"""API of the tertial data entry and evaluation: messwerte/, kennzahlen/{id}/auswertung/, tertial-dashboard/.

Writes go through steuerung.erfassung (same rules as the form); reads through steuerung.auswertung.
Row scope: every Kennzahl and Messwert outside the user's units does not exist here (404).
"""

from __future__ import annotations

from typing import Any

import django_filters
from django.core.exceptions import ValidationError as DjangoValidationError
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers, status, viewsets
from rest_framework.exceptions import APIException, NotFound, ValidationError
from rest_framework.response import Response

from core.filters import GanzzahlFilter
from core.periods import Periode, Rhythmus, periode
from organisation.selectors import fuer_benutzer
from steuerung.api.seiten import SeitenweiseNachDatenstand
from steuerung.auswertung import kennzahl_auswertung
from steuerung.auswertung_json import auswertung_als_dict
from steuerung.berichte.sperre import Schreibsperre
from steuerung.erfassung import INHALTSFELDER, VEROEFFENTLICHTE_TEXTFELDER, messwert_speichern, periode_pruefen
from steuerung.lesestand.dashboard import DashboardAnsicht, KnotenUnbekannt, dashboard_ansicht
from steuerung.models import Kennzahl, Messwert


class MesswertFilterSet(django_filters.FilterSet):
    organisationseinheit = GanzzahlFilter(field_name="kennzahl__organisationseinheit")
    jahr = GanzzahlFilter(field_name="periode_ende__year", min_value=1900, max_value=2200)

    class Meta:
        model = Messwert
        fields = ["kennzahl", "periode", "organisationseinheit", "jahr", "sorgenampel"]


_VEROEFFENTLICHT = "Wird im Bericht veröffentlicht: keine Personennamen, sondern Rolle oder Einheit nennen."


class MesswertSerializer(serializers.ModelSerializer):
    kennzahl = serializers.IntegerField(source="kennzahl_id")
    revision = serializers.IntegerField(
        required=False, allow_null=True, help_text="Bearbeitungsstand, den Sie gelesen haben (bei Änderungen Pflicht)."
    )
    entwurf = serializers.BooleanField(
        write_only=True, default=False, help_text="Als Entwurf speichern: Erklärungspflicht wird noch nicht geprüft."
    )
    erfasst_von = serializers.StringRelatedField(read_only=True)

    class Meta:
        model = Messwert
        fields = [
            "id",
            "kennzahl",
            "periode",
            "periode_ende",
            *INHALTSFELDER,
            "revision",
            "entwurf",
            "erfasst_von",
            "erfasst_am",
        ]
        read_only_fields = ["periode_ende", "erfasst_am"]
        extra_kwargs = {
            "periode": {"validators": []},  # the service checks the period against the rhythm
            "kommentar": {"help_text": "Interne Notiz: wird nicht veröffentlicht."},
            **{f: {"help_text": _VEROEFFENTLICHT} for f in VEROEFFENTLICHTE_TEXTFELDER},
        }


def _speichern(request, *, kennzahl: Kennzahl, schluessel: str, revision: int | None, daten: dict[str, Any]):
    try:
        return messwert_speichern(kennzahl=kennzahl, periode=schluessel, user=request.user, revision=revision, **daten)
    except Schreibsperre as exc:
        raise _Gesperrt(exc.messages[0]) from exc
    except DjangoValidationError as exc:
        fehler = exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        if "revision" in fehler:
            raise _Konflikt(fehler) from exc
        raise ValidationError(fehler) from exc


def _neue_angabe_ersetzt_alte(daten: dict[str, Any], gesendet: dict[str, Any]) -> None:
    """In a partial change the value's new form replaces the stored one instead of contradicting it.

    New counts without a rate: the rate is computed anew. A reason why the value is missing,
    sent without a value: the stored value and counts go. A value sent without a reason: the
    stored reason goes.
    """
    if "wert" not in gesendet and ("zaehler" in gesendet or "nenner" in gesendet):
        daten["wert"] = None
    if gesendet.get("fehlt_begruendung") and "wert" not in gesendet:
        daten["wert"] = None
        for feld in ("zaehler", "nenner"):
            if feld not in gesendet:
                daten[feld] = None
    if gesendet.get("wert") is not None and "fehlt_begruendung" not in gesendet:
        daten["fehlt_begruendung"] = ""


class _Konflikt(ValidationError):
    status_code = status.HTTP_409_CONFLICT
    default_code = "konflikt"


class _Gesperrt(APIException):
    """The period is frozen (report under review) or locked (approved): 409 with the German reason."""

    status_code = status.HTTP_409_CONFLICT
    default_code = "gesperrt"


@extend_schema(tags=["Tertialberichte"])
class MesswertViewSet(viewsets.ModelViewSet):
    """Ist-Werte der eigenen Organisationseinheiten. Ändern nur mit dem gelesenen `revision` (sonst 409)."""

    serializer_class = MesswertSerializer
    filterset_class = MesswertFilterSet
    pagination_class = SeitenweiseNachDatenstand
    http_method_names = ["get", "post", "put", "patch", "head", "options"]
    # For the schema (core.schema): the Kennzahl named in the body may lie outside the user's
    # units (404); a stale `revision` is a conflict (409).
    fehlerantworten = {"create": (404, 409), "update": (409,), "partial_update": (409,)}

    def get_queryset(self):
        return fuer_benutzer(
            Messwert.objects.select_related("kennzahl", "erfasst_von"),
            self.request.user,
            oe_feld="kennzahl__organisationseinheit",
        )

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        v = serializer.validated_data
        kennzahl = get_object_or_404(fuer_benutzer(Kennzahl.objects.all(), request.user), pk=v["kennzahl_id"])
        daten = {f: v[f] for f in (*INHALTSFELDER, "entwurf") if f in v}
        messwert = _speichern(
            request, kennzahl=kennzahl, schluessel=v["periode"], revision=v.get("revision"), daten=daten
        )
        return Response(self.get_serializer(messwert).data, status=status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        messwert = self.get_object()
        serializer = self.get_serializer(messwert, data=request.data, partial=kwargs.get("partial", False))
        serializer.is_valid(raise_exception=True)
        v = serializer.validated_data
        if v.get("revision") is None:
            raise ValidationError({"revision": "Bitte den gelesenen Bearbeitungsstand (revision) mitsenden."})
        if v.get("kennzahl_id", messwert.kennzahl_id) != messwert.kennzahl_id or v.get("periode", messwert.periode) != (
            messwert.periode
        ):
            raise ValidationError({"periode": "Kennzahl und Periode eines Werts lassen sich nicht ändern."})
        daten = {f: v.get(f, getattr(messwert, f)) for f in INHALTSFELDER}
        _neue_angabe_ersetzt_alte(daten, v)
        daten["entwurf"] = v.get("entwurf", False)
        messwert = _speichern(
            request, kennzahl=messwert.kennzahl, schluessel=messwert.periode, revision=v["revision"], daten=daten
        )
        return Response(self.get_serializer(messwert).data)


class PrognoseSerializer(serializers.Serializer):
    wert = serializers.CharField()
    methode = serializers.CharField()
    methode_text = serializers.CharField()


class AuswertungSerializer(serializers.Serializer):
    """The evaluation of one Kennzahl and period; numbers as decimal strings."""

    kennzahl = serializers.IntegerField()
    periode = serializers.CharField()
    ist = serializers.CharField(allow_null=True)
    soll = serializers.CharField(allow_null=True)
    ist_kumuliert = serializers.CharField(
        allow_null=True,
        help_text="Summe der Werte des Haushaltsjahres bis zu dieser Periode (nur unterjährige Summen-Kennzahlen; "
        "leer, wenn ein Wert fehlt).",
    )
    soll_kumuliert = serializers.CharField(
        allow_null=True,
        help_text="Soll des Jahres bis zu dieser Periode (nur unterjährige Summen-Kennzahlen); "
        "an ihm werden Zielerreichungsgrad, Bewertung und Ampel gemessen.",
    )
    zielerreichungsgrad = serializers.CharField(allow_null=True)
    bewertung = serializers.CharField()
    ampel = serializers.CharField()
    fehlende_perioden = serializers.ListField(
        child=serializers.CharField(),
        help_text="Perioden des Jahres ohne Wert, derentwegen eine unterjährige Summe keine Bewertung hat.",
    )
    vorperiode_wert = serializers.CharField(allow_null=True)
    abweichung_vorperiode_absolut = serializers.CharField(allow_null=True)
    abweichung_vorperiode_prozent = serializers.CharField(allow_null=True)
    vorjahr_wert = serializers.CharField(allow_null=True)
    abweichung_vorjahr_absolut = serializers.CharField(allow_null=True)
    abweichung_vorjahr_prozent = serializers.CharField(allow_null=True)
    prognose_jahresende = serializers.CharField(allow_null=True)
    prognose_methode = serializers.CharField(allow_null=True)
    prognosen = PrognoseSerializer(many=True)
    prognose_zielerreichungsgrad = serializers.CharField(
        allow_null=True, help_text="Zielerreichungsgrad der Prognose am Soll zum 31.12. (leer ohne Prognose)."
    )
    prognose_bewertung = serializers.CharField(allow_null=True)
    prognose_ampel = serializers.CharField(allow_null=True, help_text="rot heißt: Jahresziel gefährdet.")
    sorgenampel = serializers.BooleanField()
    erklaerung_noetig = serializers.BooleanField()
    erfassungsstatus = serializers.CharField()
    fehlt_begruendung = serializers.CharField(help_text="Begründung, warum der Wert fehlt (leer, wenn keine).")
    fehlende_angaben = serializers.ListField(child=serializers.CharField())
    erfassungsfrist = serializers.DateField()
    ueberfaellig = serializers.BooleanField()


def _periode_param(request, *, nur_tertial: bool = False) -> Periode:
    schluessel = request.query_params.get("periode", "")
    if not schluessel:
        raise ValidationError({"periode": "Bitte eine Periode angeben, z. B. ?periode=2026-T2."})
    try:
        p = periode(schluessel)
    except ValueError as exc:
        raise ValidationError({"periode": str(exc)}) from exc
    if nur_tertial and p.rhythmus != Rhythmus.TERTIAL:
        raise ValidationError({"periode": "Das Dashboard gibt es je Tertial, z. B. ?periode=2026-T2."})
    return p


PERIODE_PARAM = OpenApiParameter("periode", str, required=True, description="z. B. 2022, 2026-T2 oder 2026-03")


@extend_schema(tags=["Tertialberichte"], parameters=[PERIODE_PARAM], responses=AuswertungSerializer)
class KennzahlAuswertungView(generics.GenericAPIView):
    """Soll, Zielerreichungsgrad, Bewertung, Ampel, Abweichungen und Prognose einer Kennzahl für eine Periode."""

    serializer_class = AuswertungSerializer

    def get_queryset(self):
        return fuer_benutzer(Kennzahl.objects.all(), self.request.user)

    def get(self, request, pk: int):
        kennzahl = self.get_object()
        p = _periode_param(request)
        try:
            periode_pruefen(kennzahl, p.schluessel)
        except DjangoValidationError as exc:
            raise ValidationError(exc.message_dict) from exc
        return Response(
            AuswertungSerializer(auswertung_als_dict(kennzahl_auswertung(kennzahl=kennzahl, periode=p))).data
        )


def dashboard_als_dict(d: DashboardAnsicht) -> dict[str, Any]:
    z = d.zusammenfassung
    return {
        "periode": d.periode,
        "stand": d.stand,
        "anzahl_je_bewertung": z["anzahl_je_bewertung"],
        "knoten": d.knoten,
        "pyramide": d.pyramide,
        "kennzahlen": d.kennzahlen,
        "kennzahlen_anzahl": d.kennzahlen_anzahl,
        "seite": d.seite,
        "seiten": d.seiten,
        "aufmerksamkeit": d.aufmerksamkeit,
        "aufmerksamkeit_anzahl": d.aufmerksamkeit_anzahl,
        "jahresziel_gefaehrdet_anzahl": z["jahresziel_gefaehrdet_anzahl"],
        "vollstaendigkeit": z["vollstaendigkeit"],
        "wirkungsanteile": z["wirkungsanteile"],
    }


class DashboardSerializer(serializers.Serializer):
    periode = serializers.CharField()
    stand = serializers.DateTimeField(help_text="Zeitpunkt, zu dem die Verdichtung berechnet wurde.")
    anzahl_je_bewertung = serializers.DictField(child=serializers.IntegerField())
    knoten = serializers.DictField(allow_null=True, help_text="Das aufgeklappte Ziel (nur mit ?knoten=).")
    pyramide = serializers.ListField(
        child=serializers.DictField(), help_text="Leitziele oder die direkten Unterziele von ?knoten=."
    )
    kennzahlen = AuswertungSerializer(many=True)
    kennzahlen_anzahl = serializers.IntegerField()
    seite = serializers.IntegerField()
    seiten = serializers.IntegerField()
    aufmerksamkeit = serializers.ListField(
        child=serializers.DictField(), help_text="Je Kennzahl mit Handlungsbedarf die Gründe (gruende)."
    )
    aufmerksamkeit_anzahl = serializers.IntegerField()
    jahresziel_gefaehrdet_anzahl = serializers.IntegerField(
        help_text="Kennzahlen, deren Prognose zum 31.12. rot ist (Jahresziel gefährdet)."
    )
    vollstaendigkeit = serializers.ListField(child=serializers.DictField())
    wirkungsanteile = serializers.ListField(child=serializers.DictField())


def _ja_nein_param(request, name: str) -> bool:
    wert = (request.query_params.get(name) or "").lower()
    if wert in ("", "false", "0", "nein"):
        return False
    if wert in ("true", "1", "ja"):
        return True
    raise ValidationError({name: ["Bitte true oder false angeben."]})


def _seite_param(request) -> int:
    wert = request.query_params.get("seite") or "1"
    if not wert.isdigit() or not 1 <= int(wert) <= 100_000:
        raise ValidationError({"seite": ["Bitte eine Seitenzahl ab 1 angeben."]})
    return int(wert)


@extend_schema(
    tags=["Tertialberichte"],
    parameters=[
        OpenApiParameter("periode", str, required=True, description="Tertial, z. B. 2026-T2"),
        OpenApiParameter("knoten", str, description="Ziel zum Aufklappen, z. B. produktziel-12"),
        OpenApiParameter("seite", int, description="Seite der Kennzahlenliste (je 100), ohne ?knoten="),
        OpenApiParameter(
            "jahresziel_gefaehrdet",
            bool,
            description="true: nur Kennzahlen, deren Prognose zum 31.12. rot ist (Liste und Handlungsbedarf)",
        ),
    ],
    responses=DashboardSerializer,
)
class TertialDashboardView(generics.GenericAPIView):
    """Dashboard eines Tertials: Pyramide mit Ampel-Verdichtung (ebenenweise), Zählung, Aufmerksamkeitsliste,
    Vollständigkeit. Ohne ?knoten= die Leitziele, mit ?knoten= die Unterziele und Kennzahlen dieses Ziels."""

    serializer_class = DashboardSerializer
    fehlerantworten = {"get": (404,)}  # ?knoten= outside the user's dashboard

    def get_queryset(self):
        # Read permission as for Messwerte (view_messwert); the dashboard scopes itself.
        return Messwert.objects.none()

    def get(self, request):
        p = _periode_param(request, nur_tertial=True)
        knoten = request.query_params.get("knoten") or None
        try:
            ansicht = dashboard_ansicht(
                periode=p,
                user=request.user,
                knoten=knoten,
                seite=_seite_param(request),
                jahresziel_gefaehrdet=_ja_nein_param(request, "jahresziel_gefaehrdet"),
            )
        except KnotenUnbekannt:
            raise NotFound("Dieses Ziel gibt es in Ihrem Dashboard nicht.") from None
        return Response(dashboard_als_dict(ansicht))
