"""Writes about roles and units."""

from __future__ import annotations

import importlib

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.db import transaction

from organisation.rollen import Rolle


def _gesammelte_rechte() -> dict[str, set[str]]:
    """Collect `RECHTE` from every installed app's `rollen` module."""
    rechte: dict[str, set[str]] = {str(r): set() for r in Rolle}
    for config in apps.get_app_configs():
        try:
            modul = importlib.import_module(f"{config.name}.rollen")
        except ModuleNotFoundError:
            continue
        for rolle, codes in getattr(modul, "RECHTE", {}).items():
            rechte[str(rolle)].update(codes)
    return rechte


@transaction.atomic
def rollenrechte_synchronisieren() -> None:
    """Create the role groups and set exactly the declared permissions on each.

    Steps: collect declared codes; load the permissions in one query; set each group.
    Unknown codes (a model not migrated yet) are ignored until the next migrate.
    """
    rechte = _gesammelte_rechte()
    alle = {
        f"{app_label}.{codename}": pk
        for pk, app_label, codename in Permission.objects.values_list("pk", "content_type__app_label", "codename")
    }
    for rolle, codes in rechte.items():
        gruppe, _ = Group.objects.get_or_create(name=rolle)
        gruppe.permissions.set([alle[c] for c in codes if c in alle])


def rollenrechte_synchronisieren_nach_migration(sender, **kwargs) -> None:
    # post_migrate runs once per app; only after the last one do all permissions exist.
    # (emit_post_migrate_signal skips apps without a models module.)
    mit_modellen = [c for c in apps.get_app_configs() if c.models_module is not None]
    if sender is mit_modellen[-1]:
        rollenrechte_synchronisieren()
