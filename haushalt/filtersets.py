"""One FilterSet per model, shared by the API and the UI lists."""

from __future__ import annotations

import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.filters import GanzzahlFilter
from haushalt.models import Art, Finanzerlaeuterung, Haushaltsposition, Zeile, Zuwendung


class HaushaltspositionFilterSet(django_filters.FilterSet):
    produkt = django_filters.CharFilter(field_name="produkt__nummer", label=_("Produkt (Nummer)"))
    produktgruppe = django_filters.CharFilter(
        field_name="produkt__produktgruppe__nummer", label=_("Produktgruppe (Nummer)")
    )
    jahr = GanzzahlFilter(label=_("Haushaltsjahr"))
    art = django_filters.ChoiceFilter(choices=Art.choices, label=_("Art"))
    zeile = django_filters.ChoiceFilter(choices=Zeile.choices, label=_("Zeile"))
    stichtag = django_filters.DateFilter(label=_("Stichtag"))

    class Meta:
        model = Haushaltsposition
        fields = ["produkt", "produktgruppe", "jahr", "art", "zeile", "stichtag"]


class ZuwendungFilterSet(django_filters.FilterSet):
    jahr = GanzzahlFilter(label=_("Jahr"))
    foerderbereich = django_filters.CharFilter(label=_("Förderbereich"))
    traeger = django_filters.CharFilter(lookup_expr="icontains", label=_("Träger enthält"))
    ueberfaellig = django_filters.BooleanFilter(method="_ueberfaellig", label=_("Verwendungsnachweis überfällig"))

    class Meta:
        model = Zuwendung
        fields = ["jahr", "foerderbereich", "traeger", "organisationseinheit", "produkt", "ueberfaellig"]

    def _ueberfaellig(self, queryset, name, value):
        offen = {"nachweis_eingegangen__isnull": True, "nachweis_faellig__lt": timezone.localdate()}
        return queryset.filter(**offen) if value else queryset.exclude(**offen)


class FinanzerlaeuterungFilterSet(django_filters.FilterSet):
    periode = django_filters.CharFilter(label=_("Tertial"))
    produktgruppe = django_filters.CharFilter(field_name="produktgruppe__nummer", label=_("Produktgruppe (Nummer)"))

    class Meta:
        model = Finanzerlaeuterung
        fields = ["periode", "produktgruppe"]
