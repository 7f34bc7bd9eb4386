"""Build the demo Kommune (demo.daten), idempotent."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from demo.daten import laden


class Command(BaseCommand):
    help = "Lädt die Demo-Kommune (idempotent: ein zweiter Lauf ändert nichts)."

    def handle(self, *args, **options):
        laden(melden=self.stdout.write)
        self.stdout.write(self.style.SUCCESS("Demo-Kommune ist bereit."))
