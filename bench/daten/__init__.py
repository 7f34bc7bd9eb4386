"""The city-scale data set ("Großstadt") for the benchmarks, reproducible from a seed.

At `faktor` 1: 1 Dezernat, 12 Ämter, 80 Produkte, 2.000 goals, 10.000 Kennzahlen with 30
tertial values each (300.000 Messwerte), 100 HSK-Maßnahmen with 50.000 Einzelfälle over five
years, 900 areas with 30 indicators over ten years and 50 published Tertialberichte. Every
count scales with `faktor` (at least one of each); time spans (years, tertials) do not.

Speed: rows are written with bulk_create in batches, so no signals and no history rows run
per row (simple_history records nothing for bulk_create, which is what a data load wants).
Reproducibility: one `random.Random(seed)` per part, consumed in a fixed order; no row
depends on database ids, so the same seed gives the same rows on any database.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction

PRAEFIX = "GS"  # every natural key of the data set starts with it (no clash with the demo data)
JAHR = 2026
BATCH = 2000


def anzahl(basis: int, faktor: float) -> int:
    """The scaled count: proportional, but at least one."""
    return max(1, round(basis * faktor))


@dataclass
class Kontext:
    """What the parts hand to each other (objects with their ids after bulk_create)."""

    faktor: float
    seed: int
    dezernat: object = None
    aemter: list = field(default_factory=list)
    abteilungen: dict = field(default_factory=dict)  # amt kuerzel -> [Abteilung]
    sachgebiete: list = field(default_factory=list)
    benutzer: dict = field(default_factory=dict)  # amt kuerzel -> {rolle: Benutzer}
    zentral: dict = field(default_factory=dict)  # "dezernat", "steuerung" -> Benutzer
    ziele: dict = field(default_factory=dict)  # ebene -> [goal]
    kennzahlen: list = field(default_factory=list)
    zeiten: dict = field(default_factory=dict)

    def rng(self, teil: str) -> random.Random:
        """An independent generator per part, so adding rows to one part leaves the others unchanged."""
        return random.Random(f"{self.seed}:{teil}")  # noqa: S311 - test data, not secrets


def _schritt(ctx: Kontext, name: str, funktion: Callable[[Kontext], None], melden: Callable[[str], None]) -> None:
    start = time.perf_counter()
    funktion(ctx)
    ctx.zeiten[name] = round(time.perf_counter() - start, 2)
    melden(f"{name}: {ctx.zeiten[name]:.1f} s")


def laden(*, faktor: float = 1.0, seed: int = 1, berichte: bool = True, melden=lambda _t: None) -> Kontext:
    """Create the whole data set. Refuses (ValueError) if it is already present."""
    from bench.daten import berichte as berichte_teil
    from bench.daten import controlling, organisation, sozialraum, steuerung

    if faktor <= 0:
        raise ValueError("Der Faktor muss größer als 0 sein.")
    if organisation.vorhanden():
        raise ValueError("Die Großstadt-Daten sind in dieser Datenbank bereits vorhanden.")
    ctx = Kontext(faktor=faktor, seed=seed)
    with transaction.atomic():
        _schritt(ctx, "organisation", organisation.laden, melden)
        _schritt(ctx, "ziele", steuerung.ziele_laden, melden)
        _schritt(ctx, "kennzahlen", steuerung.kennzahlen_laden, melden)
        _schritt(ctx, "messwerte", steuerung.messwerte_laden, melden)
        _schritt(ctx, "hsk", controlling.laden, melden)
        _schritt(ctx, "sozialraum", sozialraum.laden, melden)
    if berichte:
        # Own transactions: the workflow services lock and log step by step.
        _schritt(ctx, "berichte", berichte_teil.laden, melden)
    return ctx
