"""Information request (Art. 15 DSGVO, § 83 SGB X): export one unit's case data as CSV."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from controlling.auskunft import auskunft_csv
from organisation.models import Organisationseinheit


class Command(BaseCommand):
    help = (
        "Exportiert alle gespeicherten Einzelfalldaten einer Organisationseinheit (mit Untereinheiten) "
        "samt Änderungshistorie als CSV für eine Auskunft nach Art. 15 DSGVO / § 83 SGB X."
    )

    def add_arguments(self, parser):
        parser.add_argument("--oe", required=True, help="Kürzel der Organisationseinheit, z. B. „50“")
        parser.add_argument("--pseudonym", default=None, help="nur die Fälle mit diesem Pseudonym")
        parser.add_argument("--ausgabe", required=True, help="Pfad der CSV-Datei")

    def handle(self, *args, oe, pseudonym, ausgabe, **options):
        einheit = Organisationseinheit.objects.filter(kuerzel=oe).first()
        if einheit is None:
            raise CommandError(f"Organisationseinheit „{oe}“ gibt es nicht.")
        inhalt, anzahl = auskunft_csv(oe=einheit, pseudonym=pseudonym or None, benutzer=None)
        try:
            Path(ausgabe).write_bytes(inhalt)
        except OSError as exc:
            raise CommandError(f"Die Datei „{ausgabe}“ kann nicht geschrieben werden: {exc}") from exc
        self.stdout.write(self.style.SUCCESS(f"{anzahl} Datensätze nach {ausgabe} geschrieben."))
