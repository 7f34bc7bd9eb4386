"""Load the city-scale benchmark data set (bench.daten), reproducible from a seed."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from bench.daten import laden


class Command(BaseCommand):
    help = "Legt den Großstadt-Datensatz für die Benchmarks an (Umfang über --faktor, reproduzierbar über --seed)."

    def add_arguments(self, parser):
        parser.add_argument("--faktor", type=float, default=1.0, help="Umfang relativ zur Großstadt (Standard 1)")
        parser.add_argument("--seed", type=int, default=1, help="Startwert des Zufallsgenerators (Standard 1)")
        parser.add_argument(
            "--ohne-berichte", action="store_true", help="keine veröffentlichten Tertialberichte anlegen"
        )

    def handle(self, *args, faktor: float, seed: int, ohne_berichte: bool, **options):
        try:
            ctx = laden(faktor=faktor, seed=seed, berichte=not ohne_berichte, melden=self.stdout.write)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        gesamt = sum(ctx.zeiten.values())
        self.stdout.write(
            self.style.SUCCESS(f"Großstadt-Daten (Faktor {faktor}, Seed {seed}) in {gesamt:.1f} s geladen.")
        )
