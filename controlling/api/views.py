"""HSK-Controlling API: scoped querysets (selectors), writes through services."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, PolymorphicProxySerializer, extend_schema
from rest_framework import permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from controlling import selectors, services
from controlling.api import serializers as s
from controlling.api.serializers import geld
from controlling.filtersets import (
    EinzelfallFilter,
    HSKMassnahmeFilter,
    PraeventionsbudgetFilter,
    PraeventionsprojektFilter,
)
from controlling.lesestand import portfolio_ganz
from controlling.stichtag import Lesemonat, VerlaufAmStichtag, am_stichtag, stichtag_lesen, stichtag_pruefen
from controlling.verlauf_speicher import verlauf_aus_daten

JAHR_PARAMETER = OpenApiParameter("jahr", OpenApiTypes.INT, description="Haushaltsjahr (Standard: laufendes Jahr)")
STICHTAG_PARAMETER = OpenApiParameter(
    "stichtag",
    OpenApiTypes.DATE,
    description=(
        "Datenstand YYYY-MM-DD: Monate bis dahin sind Ist, spätere Prognose (Standard und spätester "
        "zulässiger Wert: letzter Tag des Vormonats; ein späterer Stichtag ergibt 400)"
    ),
)


def jahr_aus(request, name: str = "jahr") -> int:
    roh = request.query_params.get(name)
    if not roh:
        return timezone.localdate().year
    if not re.fullmatch(r"\d{4}", roh) or not 2000 <= int(roh) <= 2100:
        raise ValidationError({name: _("Bitte ein Haushaltsjahr wie 2025 angeben.")})
    return int(roh)


def stichtag_aus(request) -> date:
    roh = request.query_params.get("stichtag")
    if not roh:
        return selectors.stichtag_standard()
    try:
        return stichtag_pruefen(stichtag_lesen(roh), heute=timezone.localdate())
    except ValueError as exc:
        raise ValidationError({"stichtag": str(exc)}) from exc


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


_MONATSBETRAEGE = ("soll", "brutto", "personalkosten", "netto", "soll_kumuliert", "brutto_kumuliert", "netto_kumuliert")
_JAHRESBETRAEGE = (
    "soll",
    "soll_bis_stichtag",
    "brutto_ist",
    "personalkosten_ist",
    "netto_ist",
    "brutto_prognose",
    "personalkosten_prognose",
    "netto_prognose",
)


def _verlauf_monat(m: Lesemonat) -> dict:
    return {
        "monat": m.monat,
        **{k: geld(getattr(m, k)) for k in _MONATSBETRAEGE},
        "art": m.art,
        "phase": m.phase,
        "phase_kandidat": m.phase_kandidat,
        "rueckfall": m.rueckfall,
    }


def _verlauf(gelesen: VerlaufAmStichtag, *, stand, aktuell: bool) -> dict:
    return {
        "stand": stand,
        "aktuell": aktuell,
        "stichtag": gelesen.stichtag.isoformat(),
        "monate": [_verlauf_monat(m) for m in gelesen.monate],
        "jahre": [{"jahr": j.jahr, **{k: geld(getattr(j, k)) for k in _JAHRESBETRAEGE}} for j in gelesen.jahre],
        "aktuelle_phase": gelesen.aktuelle_phase,
        "aktuelle_phase_seit": gelesen.aktuelle_phase_seit,
        "rueckfall_seit": gelesen.rueckfall_seit,
        "amortisation": gelesen.amortisation,
        "amortisation_prognose": gelesen.amortisation_prognose,
    }


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

    def perform_create(self, serializer):
        daten = dict(serializer.validated_data)
        daten.pop("revision", None)
        teile = {k: v for k, v in s.massnahme_teile(daten).items() if v is not None}
        serializer.instance = services.hsk_massnahme_anlegen(daten=daten, user=self.request.user, **teile)

    def perform_update(self, serializer):
        daten = dict(serializer.validated_data)
        revision = daten.pop("revision", None)
        serializer.instance = services.hsk_massnahme_aendern(
            massnahme=serializer.instance,
            daten=daten,
            user=self.request.user,
            revision=revision,
            **s.massnahme_teile(daten),
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
        parameters=[
            OpenApiParameter("bis", OpenApiTypes.STR, description="letzter Monat, z. B. 2027-12"),
            STICHTAG_PARAMETER,
        ],
        responses=s.VerlaufSerializer,
    )
    @action(detail=True, methods=["get"])
    def verlauf(self, request, pk=None):
        """The stored curve read at `?stichtag=`; with `?bis=YYYY-MM` computed live from the current data."""
        massnahme = self.get_object()
        bis = bis_aus(request)
        stichtag = stichtag_aus(request)
        if bis is not None:
            try:
                ergebnis = verlauf_aus_daten(massnahme=massnahme, bis=bis)
            except ValueError as exc:
                raise ValidationError({"bis": str(exc)}) from exc
            return Response(
                _verlauf(am_stichtag(ergebnis.monate, stichtag=stichtag), stand=timezone.now(), aktuell=True)
            )
        stand = getattr(massnahme, "verlaufsstand", None)
        return Response(
            _verlauf(
                selectors.verlauf_am_stichtag(massnahme=massnahme, stichtag=stichtag),
                stand=stand.berechnet if stand else None,
                aktuell=bool(stand and stand.berechnet and not stand.ausstehend),
            )
        )

    @extend_schema(parameters=[JAHR_PARAMETER, STICHTAG_PARAMETER], responses=s.PortfolioSerializer)
    @action(detail=False, methods=["get"])
    def portfolio(self, request):
        """Every visible measure's year: Soll, Ist up to the Stichtag, Prognose, phase, ex ante vs realised."""
        jahr, stichtag = jahr_aus(request), stichtag_aus(request)
        # The stored view (controlling.lesestand): rebuilt after a change to the HSK data, else one read.
        daten = portfolio_ganz(user=request.user, jahr=jahr, stichtag=stichtag)
        return Response(
            {
                "jahr": jahr,
                "stichtag": stichtag.isoformat(),
                "summe": {
                    **{k: _geld(v) for k, v in daten["summe"].items()},
                    "erwartete_einsparung_jahr": _geld(daten["erwartete_einsparung_jahr"]),
                    "realisierte_einsparung_jahr": _geld(daten["realisierte_einsparung_jahr"]),
                },
                "massnahmen": [_portfoliozeile(z) for z in daten["zeilen"]],
            }
        )


def _geld(wert: str | None) -> str | None:
    """Amounts of the stored view are decimal strings."""
    return geld(None if wert is None else Decimal(wert))


def _portfoliozeile(z: dict) -> dict:
    m, r = z["massnahme"], z["realisierung"]
    return {
        "id": m["pk"],
        "bezeichnung": m["bezeichnung"],
        "organisationseinheit": m["organisationseinheit"]["kuerzel"],
        **{k: _geld(z[k]) for k in _JAHRESBETRAEGE},
        "aktuelle_phase": z["aktuelle_phase"],
        "aktuelle_phase_seit": z["aktuelle_phase_seit"],
        "rueckfall_seit": z["rueckfall_seit"],
        "amortisation": z["amortisation"],
        "amortisation_prognose": z["amortisation_prognose"],
        "erwartete_einsparung_jahr": _geld(m["erwartete_einsparung_jahr"]),
        "realisierte_einsparung_jahr": _geld(r["einsparung_jahr"]),
        "realisierte_erfolgsquote": None if r["erfolgsquote"] is None else f"{Decimal(r['erfolgsquote']):.4f}",
        "realisierte_kosten_je_fall_jahr": _geld(r["kosten_je_fall_jahr"]),
    }


class EinzelfallViewSet(viewsets.ModelViewSet):
    """Case records: only the owning unit, the Steuerungsunterstützung and the Administration."""

    serializer_class = s.EinzelfallSerializer
    filterset_class = EinzelfallFilter

    def get_queryset(self):
        return (
            selectors.einzelfaelle_fuer(user=self.request.user)
            .prefetch_related("fallverlauf__benutzer")
            .order_by("hsk_massnahme", "pseudonym")
        )

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

    @extend_schema(
        parameters=[
            JAHR_PARAMETER,
            OpenApiParameter("von", OpenApiTypes.INT, description="erstes Jahr einer Spanne (mit „bis“)"),
            OpenApiParameter("bis", OpenApiTypes.INT, description="letztes Jahr einer Spanne (mit „von“)"),
        ],
        responses=PolymorphicProxySerializer(
            component_name="Praeventionsbilanz",
            serializers=[s.BilanzSerializer, s.BilanzspanneSerializer],
            resource_type_field_name=None,
        ),
    )
    @action(detail=False, methods=["get"])
    def bilanz(self, request):
        """One year (`?jahr=`), or per year and cumulated over `?von=&bis=`."""
        if "von" in request.query_params or "bis" in request.query_params:
            return self._bilanz_spanne(request)
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

    def _bilanz_spanne(self, request) -> Response:
        if not request.query_params.get("von") or not request.query_params.get("bis"):
            raise ValidationError({"von": _("Bitte „von“ und „bis“ zusammen angeben, z. B. ?von=2005&bis=2011.")})
        von, bis = jahr_aus(request, "von"), jahr_aus(request, "bis")
        try:
            spanne = selectors.praevention_bilanz_spanne(user=request.user, von=von, bis=bis)
        except ValueError as exc:
            raise ValidationError({"bis": str(exc)}) from exc
        return Response(
            {
                "von": spanne.von,
                "bis": spanne.bis,
                "kosten": geld(spanne.kosten),
                "einsparung": geld(spanne.einsparung),
                "netto": geld(spanne.netto),
                "faktor": geld(spanne.faktor),
                "jahre": [
                    {
                        "jahr": j.jahr,
                        "kosten": geld(j.kosten),
                        "einsparung": geld(j.einsparung),
                        "faktor": geld(j.faktor),
                        "deckel": geld(j.deckel),
                        "ausschoepfung": geld(j.ausschoepfung),
                    }
                    for j in spanne.jahre
                ],
            }
        )


class PraeventionsbudgetViewSet(viewsets.ModelViewSet):
    """The yearly ceiling of the Präventionsbudget; writes through services (rule: not below the projects' cost)."""

    serializer_class = s.PraeventionsbudgetSerializer
    filterset_class = PraeventionsbudgetFilter

    def get_queryset(self):
        return selectors.praeventionsbudgets()

    def perform_create(self, serializer):
        serializer.instance = services.praeventionsbudget_speichern(
            budget=None, daten=serializer.validated_data, user=self.request.user
        )

    def perform_update(self, serializer):
        serializer.instance = services.praeventionsbudget_speichern(
            budget=serializer.instance, daten=serializer.validated_data, user=self.request.user
        )

    def perform_destroy(self, instance):
        services.praeventionsbudget_loeschen(budget=instance, user=self.request.user)
