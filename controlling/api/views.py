"""HSK-Controlling API: scoped querysets (selectors), writes through services."""

from __future__ import annotations

import re

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from controlling import selectors, services
from controlling.api import serializers as s
from controlling.api.serializers import geld
from controlling.filtersets import EinzelfallFilter, HSKMassnahmeFilter, PraeventionsprojektFilter
from controlling.verlauf_speicher import verlauf_aus_daten

JAHR_PARAMETER = OpenApiParameter("jahr", OpenApiTypes.INT, description="Haushaltsjahr (Standard: laufendes Jahr)")


def jahr_aus(request) -> int:
    roh = request.query_params.get("jahr")
    if not roh:
        return timezone.localdate().year
    if not re.fullmatch(r"\d{4}", roh) or not 2000 <= int(roh) <= 2100:
        raise ValidationError({"jahr": _("Bitte ein Haushaltsjahr wie 2025 angeben.")})
    return int(roh)


def bis_aus(request) -> tuple[int, int] | None:
    roh = request.query_params.get("bis")
    if not roh:
        return None
    treffer = re.fullmatch(r"(\d{4})-(0[1-9]|1[0-2])", roh)
    if not treffer:
        raise ValidationError({"bis": _("Bitte einen Monat wie 2025-12 angeben.")})
    return int(treffer[1]), int(treffer[2])


class DarfNeuBerechnen(permissions.BasePermission):
    """Recomputation may be requested by whoever maintains the measure or its cases."""

    message = _("Ihre Rolle darf keine Neuberechnung anstoßen.")

    def has_permission(self, request, view) -> bool:
        user = request.user
        return bool(
            user.is_authenticated
            and (user.has_perm("controlling.change_hskmassnahme") or user.has_perm("controlling.add_einzelfall"))
        )


def _verlauf_monat(m) -> dict:
    return {
        "monat": m.monat,
        **{
            k: geld(getattr(m, k))
            for k in (
                "soll",
                "brutto",
                "personalkosten",
                "netto",
                "soll_kumuliert",
                "brutto_kumuliert",
                "netto_kumuliert",
            )
        },
        "phase": m.phase,
    }


def _jahr(j) -> dict:
    werte = j if isinstance(j, dict) else j.__dict__
    return {"jahr": werte["jahr"], **{k: geld(werte[k]) for k in ("soll", "brutto", "personalkosten", "netto")}}


class HSKMassnahmeViewSet(viewsets.ModelViewSet):
    """HSK-Maßnahmen of the units the user may see, with Soll per year, Stellen and Ablaufschritte."""

    serializer_class = s.HSKMassnahmeSerializer
    filterset_class = HSKMassnahmeFilter

    def get_queryset(self):
        return selectors.hsk_massnahmen_fuer(user=self.request.user).order_by("bezeichnung", "id")

    def get_permissions(self):
        if self.action == "berechnen":
            return [DarfNeuBerechnen()]
        return super().get_permissions()

    @staticmethod
    def _teile(daten: dict) -> dict:
        return {
            "soll": daten.pop("soll_jahre", None),
            "stellen": daten.pop("stellen", None),
            "ablaufschritte": (
                [a["bezeichnung"] for a in daten.pop("ablaufschritte")] if "ablaufschritte" in daten else None
            ),
        }

    def perform_create(self, serializer):
        daten = dict(serializer.validated_data)
        daten.pop("revision", None)
        teile = {k: v for k, v in self._teile(daten).items() if v is not None}
        serializer.instance = services.hsk_massnahme_anlegen(daten=daten, user=self.request.user, **teile)

    def perform_update(self, serializer):
        daten = dict(serializer.validated_data)
        revision = daten.pop("revision", None)
        serializer.instance = services.hsk_massnahme_aendern(
            massnahme=serializer.instance, daten=daten, user=self.request.user, revision=revision, **self._teile(daten)
        )

    def perform_destroy(self, instance):
        services.hsk_massnahme_loeschen(massnahme=instance, user=self.request.user)

    @extend_schema(request=None, responses={202: OpenApiResponse(description="Neuberechnung eingeplant")})
    @action(detail=True, methods=["post"])
    def berechnen(self, request, pk=None):
        massnahme = self.get_object()
        services.verlauf_anfordern(hsk_massnahme_id=massnahme.pk)
        return Response({"detail": _("Die Neuberechnung ist eingeplant.")}, status=status.HTTP_202_ACCEPTED)

    @extend_schema(
        parameters=[OpenApiParameter("bis", OpenApiTypes.STR, description="letzter Monat, z. B. 2027-12")],
        responses=s.VerlaufSerializer,
    )
    @action(detail=True, methods=["get"])
    def verlauf(self, request, pk=None):
        """The stored curve; with `?bis=YYYY-MM` computed live from the current data."""
        massnahme = self.get_object()
        bis = bis_aus(request)
        if bis is not None:
            try:
                ergebnis = verlauf_aus_daten(massnahme=massnahme, bis=bis)
            except ValueError as exc:
                raise ValidationError({"bis": str(exc)}) from exc
            return Response(
                {
                    "stand": timezone.now(),
                    "aktuell": True,
                    "monate": [_verlauf_monat(m) for m in ergebnis.monate],
                    "jahre": [_jahr(j) for j in ergebnis.jahre],
                    "amortisation": ergebnis.amortisation,
                }
            )
        monate = selectors.gespeicherter_verlauf(massnahme=massnahme)
        stand = getattr(massnahme, "verlaufsstand", None)
        return Response(
            {
                "stand": stand.berechnet if stand else None,
                "aktuell": bool(stand and stand.berechnet and not stand.ausstehend),
                "monate": [_verlauf_monat(m) for m in monate],
                "jahre": [_jahr(j) for j in selectors.jahressummen(monate)],
                "amortisation": (stand.amortisation or None) if stand else None,
            }
        )

    @extend_schema(parameters=[JAHR_PARAMETER], responses=s.PortfolioSerializer)
    @action(detail=False, methods=["get"])
    def portfolio(self, request):
        daten = selectors.portfolio(user=request.user, jahr=jahr_aus(request))
        return Response(
            {
                "jahr": daten.jahr,
                "summe": {k: geld(v) for k, v in daten.summe.items()},
                "massnahmen": [
                    {
                        "id": z.massnahme.pk,
                        "bezeichnung": z.massnahme.bezeichnung,
                        "organisationseinheit": z.massnahme.organisationseinheit.kuerzel,
                        "soll": geld(z.soll),
                        "brutto": geld(z.brutto),
                        "personalkosten": geld(z.personalkosten),
                        "netto": geld(z.netto),
                        "phase": z.phase,
                        "amortisation": (z.massnahme.verlaufsstand.amortisation or None)
                        if hasattr(z.massnahme, "verlaufsstand")
                        else None,
                    }
                    for z in daten.zeilen
                ],
            }
        )


class EinzelfallViewSet(viewsets.ModelViewSet):
    """Case records: only the owning unit, the Steuerungsunterstützung and the Administration."""

    serializer_class = s.EinzelfallSerializer
    filterset_class = EinzelfallFilter

    def get_queryset(self):
        return selectors.einzelfaelle_fuer(user=self.request.user).order_by("hsk_massnahme", "pseudonym")

    def perform_create(self, serializer):
        daten = dict(serializer.validated_data)
        daten.pop("revision", None)
        massnahme = daten.pop("hsk_massnahme")
        serializer.instance = services.einzelfall_anlegen(hsk_massnahme=massnahme, daten=daten, user=self.request.user)

    def perform_update(self, serializer):
        daten = dict(serializer.validated_data)
        revision = daten.pop("revision", None)
        massnahme = daten.pop("hsk_massnahme", None)
        if massnahme is not None and massnahme.pk != serializer.instance.hsk_massnahme_id:
            raise ValidationError({"hsk_massnahme": _("Ein Einzelfall kann nicht in eine andere Maßnahme wechseln.")})
        serializer.instance = services.einzelfall_aendern(
            fall=serializer.instance, daten=daten, user=self.request.user, revision=revision
        )

    def perform_destroy(self, instance):
        services.einzelfall_loeschen(fall=instance, user=self.request.user)


class PraeventionsprojektViewSet(viewsets.ModelViewSet):
    """Projects of the Präventionsbudget ("Experimentiertopf")."""

    serializer_class = s.PraeventionsprojektSerializer
    filterset_class = PraeventionsprojektFilter

    def get_queryset(self):
        return selectors.praeventionsprojekte_fuer(user=self.request.user).order_by("jahr", "bezeichnung")

    def perform_create(self, serializer):
        daten = dict(serializer.validated_data)
        daten.pop("revision", None)
        serializer.instance = services.praeventionsprojekt_anlegen(daten=daten, user=self.request.user)

    def perform_update(self, serializer):
        daten = dict(serializer.validated_data)
        revision = daten.pop("revision", None)
        serializer.instance = services.praeventionsprojekt_aendern(
            projekt=serializer.instance, daten=daten, user=self.request.user, revision=revision
        )

    def perform_destroy(self, instance):
        instance.delete()

    @extend_schema(parameters=[JAHR_PARAMETER], responses=s.BilanzSerializer)
    @action(detail=False, methods=["get"])
    def bilanz(self, request):
        b = selectors.praevention_bilanz(user=request.user, jahr=jahr_aus(request))
        return Response(
            {
                "jahr": b.jahr,
                "kosten": geld(b.kosten),
                "einsparung": geld(b.einsparung),
                "netto": geld(b.netto),
                "faktor": geld(b.faktor),
            }
        )
