import django_filters

from organisation.models import Organisationseinheit


class OrganisationseinheitFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="suche", label="Suche")

    class Meta:
        model = Organisationseinheit
        fields = ["ebene", "eltern"]

    def suche(self, queryset, name, value):
        return queryset.filter(name__icontains=value) | queryset.filter(kuerzel__icontains=value)
