from django.core.management.base import BaseCommand

from demo.daten.organisation import zugaenge


class Command(BaseCommand):
    help = "Zeigt die Demo-Zugänge (eine Kennung je Rolle)."

    def handle(self, *args, **options):
        self.stdout.write("")
        self.stdout.write("Demo-Zugänge (Passwort für alle: siehe rechts) – http://127.0.0.1:8000/")
        for username, rolle, passwort in zugaenge():
            self.stdout.write(f"  {username:<20} {rolle:<28} {passwort}")
        self.stdout.write("")
