from django.core.management.base import BaseCommand, CommandError

from core.protokoll import kette_pruefen


class Command(BaseCommand):
    help = "Prüft die Hash-Kette des Freigabe- und Veröffentlichungsprotokolls."

    def handle(self, *args, **options):
        ergebnis = kette_pruefen()
        for fehler in ergebnis.fehler:
            self.stderr.write(fehler)
        if not ergebnis.intakt:
            raise CommandError(f"Protokoll beschädigt: {len(ergebnis.fehler)} Fehler in {ergebnis.geprueft} Einträgen.")
        self.stdout.write(self.style.SUCCESS(f"Protokoll intakt: {ergebnis.geprueft} Einträge geprüft."))
