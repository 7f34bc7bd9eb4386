"""Create the role groups of DOMAIN.md §2; their permissions are set after every migrate
(organisation.services.rollenrechte_synchronisieren), since later apps add models."""

from django.db import migrations

ROLLEN = [
    "Dezernatsleitung",
    "Steuerungsunterstützung",
    "Amtsleitung",
    "Sachbearbeitung",
    "Kämmerei",
    "Rat",
    "Administration",
]


def rollen_anlegen(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in ROLLEN:
        Group.objects.get_or_create(name=name)


class Migration(migrations.Migration):
    dependencies = [("organisation", "0001_initial"), ("auth", "0012_alter_user_first_name_max_length")]

    operations = [migrations.RunPython(rollen_anlegen, migrations.RunPython.noop)]
