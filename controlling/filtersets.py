"""One FilterSet per model, shared by the API and the UI lists."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from controlling.models import Einzelfall, Ergebnis, HSKMassnahme, Praeventionsbudget, Praeventionsprojekt


class HSKMassnahmeFilter(django_filters.FilterSet):
    bezeichnung = django_filters.CharFilter(label=_("Bezeichnung enthält"), lookup_expr="icontains")

    class Meta:
        model = HSKMassnahme
        fields = ["organisationseinheit", "massnahme", "praeventionsform"]


class EinzelfallFilter(django_filters.FilterSet):
    ergebnis = django_filters.ChoiceFilter(label=_("Ergebnis"), choices=Ergebnis.choices, empty_label=_("alle"))
    pseudonym = django_filters.CharFilter(label=_("Pseudonym enthält"), lookup_expr="icontains")

    class Meta:
        model = Einzelfall
        fields = ["hsk_massnahme", "ablaufschritt", "ergebnis", "pseudonym"]


class PraeventionsprojektFilter(django_filters.FilterSet):
    class Meta:
        model = Praeventionsprojekt
        fields = ["jahr", "organisationseinheit"]


class PraeventionsbudgetFilter(django_filters.FilterSet):
    class Meta:
        model = Praeventionsbudget
        fields = ["jahr"]
