"""Build the demo Kommune. Each app contributes `<app>/demo.py` with `laden()`; they run in
the order of INSTALLED_APPS inside one transaction, so a failure leaves nothing half-built."""

import importlib

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction


class Command(BaseCommand):
    help = "Lädt die Demo-Kommune (idempotent: ein zweiter Lauf ändert nichts)."

    def handle(self, *args, **options):
        with transaction.atomic():
            for config in apps.get_app_configs():
                try:
                    modul = importlib.import_module(f"{config.name}.demo")
                except ModuleNotFoundError as exc:
                    if exc.name != f"{config.name}.demo":
                        raise
                    continue
                modul.laden()
                self.stdout.write(f"Demodaten geladen: {config.verbose_name}")
        self.stdout.write(self.style.SUCCESS("Demo-Kommune ist bereit."))
