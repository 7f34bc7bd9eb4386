"""factory_boy factories shared by all tests."""

from __future__ import annotations

import factory
from django.contrib.auth.models import Group

from organisation.models import Benutzer, Organisationseinheit

PASSWORT = "Test-Passwort-2026"


class OrganisationseinheitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisationseinheit
        django_get_or_create = ["kuerzel"]

    kuerzel = factory.Sequence(lambda n: f"OE {n}")
    name = factory.Sequence(lambda n: f"Organisationseinheit {n}")
    ebene = Organisationseinheit.Ebene.AMT


class BenutzerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Benutzer
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"person{n}")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Person {n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORT)

    @factory.post_generation
    def rollen(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.set([Group.objects.get(name=str(r)) for r in extracted])
        if create:
            self.save()
