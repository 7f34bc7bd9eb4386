"""One FilterSet per model of the Zielpyramide, shared by the API and the UI lists."""

from __future__ import annotations

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from steuerung.models import (
    Kennzahl,
    Leitziel,
    Massnahme,
    Produkt,
    Produktgruppe,
    Produktgruppenziel,
    Produktziel,
    Teilziel,
)

_ZIELFELDER = ["jahr", "code", "organisationseinheit", "zielart", "wirkungsebene", "archiviert"]


class _ZielFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="suche", label=_("Suche"))

    def suche(self, queryset, name, value):
        return queryset.filter(Q(titel__icontains=value) | Q(code__icontains=value))


class LeitzielFilterSet(_ZielFilterSet):
    class Meta:
        model = Leitziel
        fields = _ZIELFELDER


class ProduktgruppenzielFilterSet(_ZielFilterSet):
    class Meta:
        model = Produktgruppenziel
        fields = [*_ZIELFELDER, "leitziel", "produktgruppe"]


class ProduktzielFilterSet(_ZielFilterSet):
    class Meta:
        model = Produktziel
        fields = [*_ZIELFELDER, "produkt", "produktgruppenziel"]


class TeilzielFilterSet(_ZielFilterSet):
    class Meta:
        model = Teilziel
        fields = [*_ZIELFELDER, "produktziel", "eltern"]


class MassnahmeFilterSet(_ZielFilterSet):
    ohne_oberziel = django_filters.BooleanFilter(method="filter_ohne_oberziel", label=_("ohne Produkt- oder Teilziel"))

    class Meta:
        model = Massnahme
        fields = [*_ZIELFELDER, "produktziel", "teilziel", "praeventionsform"]

    def filter_ohne_oberziel(self, queryset, name, value):
        bedingung = Q(produktziel__isnull=True, teilziel__isnull=True)
        return queryset.filter(bedingung) if value else queryset.exclude(bedingung)


class ProduktgruppeFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="suche", label=_("Suche"))

    class Meta:
        model = Produktgruppe
        fields = ["nummer"]

    def suche(self, queryset, name, value):
        return queryset.filter(Q(nummer__icontains=value) | Q(bezeichnung__icontains=value))


class ProduktFilterSet(ProduktgruppeFilterSet):
    class Meta:
        model = Produkt
        fields = ["nummer", "produktgruppe"]


class KennzahlFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="suche", label=_("Suche"))

    class Meta:
        model = Kennzahl
        fields = [
            "jahr",
            "code",
            "organisationseinheit",
            "messart",
            "richtung",
            "erhebungsrhythmus",
            "wirkungsebene",
            "leitziel",
            "produktgruppenziel",
            "produktziel",
            "teilziel",
            "massnahme",
            "archiviert",
        ]

    def suche(self, queryset, name, value):
        return queryset.filter(Q(bezeichnung__icontains=value) | Q(code__icontains=value))
