from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class OrganisationConfig(AppConfig):
    name = "organisation"
    verbose_name = _("Organisation und Rollen")

    def ready(self) -> None:
        from organisation.services import rollenrechte_synchronisieren_nach_migration

        # Permissions of every app exist only after post_migrate of auth; assign them then.
        post_migrate.connect(rollenrechte_synchronisieren_nach_migration, dispatch_uid="organisation_rollenrechte")
