import django_filters

from organisation.models import Benutzer, Organisationseinheit
from organisation.rollen import Rolle


class OrganisationseinheitFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="suche", label="Suche")

    class Meta:
        model = Organisationseinheit
        fields = ["ebene", "eltern"]

    def suche(self, queryset, name, value):
        return queryset.filter(name__icontains=value) | queryset.filter(kuerzel__icontains=value)


class BenutzerFilterSet(django_filters.FilterSet):
    rolle = django_filters.ChoiceFilter(
        field_name="groups__name", choices=[(r.value, r.label) for r in Rolle], label="Rolle", distinct=True
    )

    class Meta:
        model = Benutzer
        fields = ["organisationseinheit", "is_active", "rolle"]
