"""One FilterSet per model, shared by the API and the UI lists."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from sozialraum.models import Angebot, Ebene, Indikator, Indikatorwert, Raum, Traeger, Vergleichswert


class RaumFilterSet(django_filters.FilterSet):
    name = django_filters.CharFilter(lookup_expr="icontains", label=_("Name enthält"))

    class Meta:
        model = Raum
        fields = ["ebene", "eltern", "name", "schluessel"]


class IndikatorFilterSet(django_filters.FilterSet):
    class Meta:
        model = Indikator
        fields = ["bereich", "richtung", "schluessel"]


class IndikatorwertFilterSet(django_filters.FilterSet):
    ebene = django_filters.ChoiceFilter(field_name="raum__ebene", choices=Ebene.choices, label=_("Ebene"))

    class Meta:
        model = Indikatorwert
        fields = ["indikator", "raum", "jahr", "ebene"]


class TraegerFilterSet(django_filters.FilterSet):
    name = django_filters.CharFilter(lookup_expr="icontains", label=_("Name enthält"))

    class Meta:
        model = Traeger
        fields = ["name", "art"]


class AngebotFilterSet(django_filters.FilterSet):
    class Meta:
        model = Angebot
        fields = ["art", "raum", "traeger"]


class VergleichswertFilterSet(django_filters.FilterSet):
    class Meta:
        model = Vergleichswert
        fields = ["vergleichsschluessel", "jahr", "kommune"]
