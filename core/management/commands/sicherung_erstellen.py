"""Export everything needed to restore the application into a fresh database.

Steps: dump all app data with natural keys (content types and permissions are recreated by
`migrate`), compress, write atomically next to the target, then rename.
"""

from __future__ import annotations

import gzip
import io
import os
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand

AUSGESCHLOSSEN = [
    "contenttypes",
    "auth.permission",
    "sessions",
    "admin.logentry",
    "axes",
]


class Command(BaseCommand):
    help = "Erstellt eine vollständige Datensicherung (gzip-JSON) für `sicherung_einspielen`."

    def add_arguments(self, parser):
        parser.add_argument("datei", help="Zieldatei, z. B. var/sicherung-2026-11-21.json.gz")

    def handle(self, *args, datei: str, **options):
        ziel = Path(datei)
        ziel.parent.mkdir(parents=True, exist_ok=True)
        puffer = io.StringIO()
        call_command(
            "dumpdata",
            natural_foreign=True,
            natural_primary=True,
            exclude=AUSGESCHLOSSEN,
            stdout=puffer,
            indent=None,
        )
        zwischen = ziel.with_name(ziel.name + ".tmp")
        with gzip.open(zwischen, "wt", encoding="utf-8") as f:
            f.write(puffer.getvalue())
        os.replace(zwischen, ziel)
        self.stdout.write(self.style.SUCCESS(f"Sicherung geschrieben: {ziel} ({ziel.stat().st_size} Bytes)"))
