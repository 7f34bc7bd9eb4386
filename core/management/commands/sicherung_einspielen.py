"""Restore a backup made by `sicherung_erstellen` into a freshly migrated, empty database."""

from __future__ import annotations

import gzip
import tempfile
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction


class Command(BaseCommand):
    help = "Spielt eine Datensicherung in eine frisch migrierte, leere Datenbank ein."

    def add_arguments(self, parser):
        parser.add_argument("datei")

    def handle(self, *args, datei: str, **options):
        quelle = Path(datei)
        if not quelle.exists():
            raise CommandError(f"Sicherungsdatei {quelle} nicht gefunden.")
        # Every installation has users, so none means a fresh database (the user model is a
        # setting: core stays below the app that defines it).
        if get_user_model().objects.exists():
            raise CommandError("Die Datenbank ist nicht leer. Bitte in eine frisch migrierte Datenbank einspielen.")
        with tempfile.TemporaryDirectory() as verzeichnis:
            json_datei = Path(verzeichnis) / "sicherung.json"
            with gzip.open(quelle, "rt", encoding="utf-8") as f:
                json_datei.write_text(f.read(), encoding="utf-8")
            with transaction.atomic():
                call_command("loaddata", str(json_datei), verbosity=0)
        self.stdout.write(self.style.SUCCESS(f"Sicherung {quelle} eingespielt."))
