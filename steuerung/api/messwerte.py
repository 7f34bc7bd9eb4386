"""API of the tertial data entry and evaluation: messwerte/, kennzahlen/{id}/auswertung/, tertial-dashboard/.

Writes go through steuerung.erfassung (same rules as the form); reads through steuerung.auswertung.
Row scope: every Kennzahl and Messwert outside the user's units does not exist here (404).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import django_filters
from django.core.exceptions import ValidationError as DjangoValidationError
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers, status, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from core.filters import GanzzahlFilter
from core.periods import Periode, Rhythmus, periode
from organisation.selectors import fuer_benutzer
from steuerung.auswertung import Auswertung, Dashboard, Knoten, kennzahl_auswertung, tertial_dashboard
from steuerung.erfassung import INHALTSFELDER, messwert_speichern, periode_pruefen
from steuerung.models import Kennzahl, Messwert


class MesswertFilterSet(django_filters.FilterSet):
    organisationseinheit = GanzzahlFilter(field_name="kennzahl__organisationseinheit")
    jahr = GanzzahlFilter(field_name="periode_ende__year", min_value=1900, max_value=2200)

    class Meta:
        model = Messwert
        fields = ["kennzahl", "periode", "organisationseinheit", "jahr", "sorgenampel"]


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
        extra_kwargs = {"periode": {"validators": []}}  # the service checks the period against the rhythm


def _speichern(request, *, kennzahl: Kennzahl, schluessel: str, revision: int | None, daten: dict[str, Any]):
    try:
        return messwert_speichern(kennzahl=kennzahl, periode=schluessel, user=request.user, revision=revision, **daten)
    except DjangoValidationError as exc:
        fehler = exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        if "revision" in fehler:
            raise _Konflikt(fehler) from exc
        raise ValidationError(fehler) from exc


class _Konflikt(ValidationError):
    status_code = status.HTTP_409_CONFLICT
    default_code = "konflikt"


@extend_schema(tags=["Tertialberichte"])
class MesswertViewSet(viewsets.ModelViewSet):
    """Ist-Werte der eigenen Organisationseinheiten. Ändern nur mit dem gelesenen `revision` (sonst 409)."""

    serializer_class = MesswertSerializer
    filterset_class = MesswertFilterSet
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

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
        daten["entwurf"] = v.get("entwurf", False)
        messwert = _speichern(
            request, kennzahl=messwert.kennzahl, schluessel=messwert.periode, revision=v["revision"], daten=daten
        )
        return Response(self.get_serializer(messwert).data)


def _dez(wert: Decimal | None) -> str | None:
    return None if wert is None else str(wert)


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
    zielerreichungsgrad = serializers.CharField(allow_null=True)
    bewertung = serializers.CharField()
    ampel = serializers.CharField()
    vorperiode_wert = serializers.CharField(allow_null=True)
    abweichung_vorperiode_absolut = serializers.CharField(allow_null=True)
    abweichung_vorperiode_prozent = serializers.CharField(allow_null=True)
    vorjahr_wert = serializers.CharField(allow_null=True)
    abweichung_vorjahr_absolut = serializers.CharField(allow_null=True)
    abweichung_vorjahr_prozent = serializers.CharField(allow_null=True)
    prognose_jahresende = serializers.CharField(allow_null=True)
    prognose_methode = serializers.CharField(allow_null=True)
    prognosen = PrognoseSerializer(many=True)
    sorgenampel = serializers.BooleanField()
    erklaerung_noetig = serializers.BooleanField()
    erfassungsstatus = serializers.CharField()
    fehlende_angaben = serializers.ListField(child=serializers.CharField())
    erfassungsfrist = serializers.DateField()
    ueberfaellig = serializers.BooleanField()


def auswertung_als_dict(a: Auswertung) -> dict[str, Any]:
    return {
        "kennzahl": a.kennzahl.pk,
        "periode": a.periode.schluessel,
        "ist": _dez(a.ist),
        "soll": _dez(a.soll),
        "zielerreichungsgrad": _dez(a.zielerreichungsgrad),
        "bewertung": str(a.bewertung),
        "ampel": str(a.ampel),
        "vorperiode_wert": _dez(a.vorperiode_wert),
        "abweichung_vorperiode_absolut": _dez(a.abweichung_vorperiode.absolut),
        "abweichung_vorperiode_prozent": _dez(a.abweichung_vorperiode.prozent),
        "vorjahr_wert": _dez(a.vorjahr_wert),
        "abweichung_vorjahr_absolut": _dez(a.abweichung_vorjahr.absolut),
        "abweichung_vorjahr_prozent": _dez(a.abweichung_vorjahr.prozent),
        "prognose_jahresende": _dez(a.prognose.wert) if a.prognose else None,
        "prognose_methode": str(a.prognose.methode) if a.prognose else None,
        "prognosen": [
            {"wert": str(p.wert), "methode": str(p.methode), "methode_text": str(p.methode.label)} for p in a.prognosen
        ],
        "sorgenampel": a.sorgenampel,
        "erklaerung_noetig": a.erklaerung_noetig,
        "erfassungsstatus": a.erfassungsstatus,
        "fehlende_angaben": a.fehlende_angaben,
        "erfassungsfrist": a.frist,
        "ueberfaellig": a.ueberfaellig,
    }


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


def _knoten_als_dict(k: Knoten) -> dict[str, Any]:
    return {
        "ebene": k.ebene,
        "id": k.ziel.pk,
        "code": k.ziel.code,
        "titel": k.ziel.titel,
        "ampel": str(k.ampel),
        "ursache_kennzahl": k.ursache.kennzahl.pk if k.ursache else None,
        "kennzahlen": [{"id": a.kennzahl.pk, "ampel": str(a.ampel)} for a in k.kennzahlen],
        "kinder": [_knoten_als_dict(kind) for kind in k.kinder],
    }


def dashboard_als_dict(d: Dashboard) -> dict[str, Any]:
    return {
        "periode": d.periode.schluessel,
        "anzahl_je_bewertung": {str(b): n for b, n in d.anzahl_je_bewertung},
        "pyramide": [_knoten_als_dict(k) for k in d.pyramide],
        "aufmerksamkeit": [
            {"kennzahl": a.kennzahl.pk, "bezeichnung": str(a.kennzahl), "gruende": g} for a, g in d.aufmerksamkeit
        ],
        "vollstaendigkeit": [
            {
                "organisationseinheit": v.organisationseinheit.kuerzel,
                "faellig": v.faellig,
                "mit_wert": v.mit_wert,
                "prozent": _dez(v.prozent.quantize(Decimal("0.1"))) if v.prozent is not None else None,
                "ueberfaellig": [a.kennzahl.pk for a in v.ueberfaellig],
            }
            for v in d.vollstaendigkeit
        ],
        "wirkungsanteile": [
            {
                "produktgruppe": w.produktgruppe.nummer,
                "gesamt": w.gesamt,
                "outcome_impact": w.outcome_impact,
                "prozent": _dez(w.prozent.quantize(Decimal("0.1"))) if w.prozent is not None else None,
            }
            for w in d.wirkungsanteile
        ],
        "kennzahlen": [auswertung_als_dict(a) for a in d.auswertungen],
    }


class DashboardSerializer(serializers.Serializer):
    periode = serializers.CharField()
    anzahl_je_bewertung = serializers.DictField(child=serializers.IntegerField())
    pyramide = serializers.ListField(child=serializers.DictField())
    aufmerksamkeit = serializers.ListField(child=serializers.DictField())
    vollstaendigkeit = serializers.ListField(child=serializers.DictField())
    wirkungsanteile = serializers.ListField(child=serializers.DictField())
    kennzahlen = AuswertungSerializer(many=True)


@extend_schema(
    tags=["Tertialberichte"],
    parameters=[OpenApiParameter("periode", str, required=True, description="Tertial, z. B. 2026-T2")],
    responses=DashboardSerializer,
)
class TertialDashboardView(generics.GenericAPIView):
    """Dashboard eines Tertials: Pyramide mit Ampel-Verdichtung, Zählung, Aufmerksamkeitsliste, Vollständigkeit."""

    serializer_class = DashboardSerializer

    def get_queryset(self):
        # Read permission as for Messwerte (view_messwert); the dashboard scopes itself.
        return Messwert.objects.none()

    def get(self, request):
        p = _periode_param(request, nur_tertial=True)
        return Response(dashboard_als_dict(tertial_dashboard(periode=p, user=request.user)))
