"""FilterSets of the Tertialberichte, shared by the API and the report lists of the UI."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from steuerung.models import Tertialbericht, Veroeffentlichung
from steuerung.models.berichte import Berichtsstatus


class TertialberichtFilterSet(django_filters.FilterSet):
    periode = django_filters.CharFilter(label=_("Tertial (z. B. 2026-T2)"))
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Berichtsstatus.choices, empty_label=_("alle"))

    class Meta:
        model = Tertialbericht
        fields = ["organisationseinheit", "periode", "status"]


class VeroeffentlichungFilterSet(django_filters.FilterSet):
    periode = django_filters.CharFilter(label=_("Tertial (z. B. 2026-T2)"))

    class Meta:
        model = Veroeffentlichung
        fields = ["organisationseinheit", "periode"]
