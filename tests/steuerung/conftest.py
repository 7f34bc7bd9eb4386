"""A small Zielpyramide on the persona units: one chain for Amt 50, one for the Jugendamt 51."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.steuerung.factories import (
    KennzahlFactory,
    LeitzielFactory,
    MassnahmeFactory,
    ProduktgruppenzielFactory,
    ProduktzielFactory,
    TeilzielFactory,
)
from tests.steuerung.factories_tertial import TKennzahlFactory


@pytest.fixture
def pyramide(einheiten, steuerung, sachbearbeitung50, sachbearbeitung51):
    """LZ 1 (V) → PGZ 1 (50) → PZ 1 (50 2) → TZ 1 (50 21) → M 1 (50 21); LZ 1 → PGZ 2 (51) → PZ 2 → M 2 (51)."""
    lz = LeitzielFactory(code="LZ 1", organisationseinheit=einheiten["V"], verantwortlich=steuerung)
    pgz50 = ProduktgruppenzielFactory(code="PGZ 1", leitziel=lz, organisationseinheit=einheiten["50"])
    pz50 = ProduktzielFactory(code="PZ 1", produktgruppenziel=pgz50, organisationseinheit=einheiten["50 2"])
    tz50 = TeilzielFactory(code="TZ 1", produktziel=pz50, organisationseinheit=einheiten["50 21"])
    m50 = MassnahmeFactory(
        code="M 1", produktziel=None, teilziel=tz50, organisationseinheit=einheiten["50 21"], verantwortlich=None
    )
    pgz51 = ProduktgruppenzielFactory(code="PGZ 2", leitziel=lz, organisationseinheit=einheiten["51"])
    pz51 = ProduktzielFactory(code="PZ 2", produktgruppenziel=pgz51, organisationseinheit=einheiten["51"])
    m51 = MassnahmeFactory(code="M 2", produktziel=pz51, organisationseinheit=einheiten["51"])
    k50 = KennzahlFactory(
        code="K 1",
        bezeichnung="Pflegebedürftige in Einrichtungen",
        produktziel=pz50,
        organisationseinheit=einheiten["50 2"],
        verantwortlich=sachbearbeitung50,
        vertretung=sachbearbeitung50,
        ausgangswert=Decimal("1826"),
        zielwert=Decimal("1780"),
    )
    k51 = KennzahlFactory(
        code="K 2",
        bezeichnung="Rückführungen in die Familie",
        massnahme=m51,
        produktziel=None,
        organisationseinheit=einheiten["51"],
        verantwortlich=sachbearbeitung51,
        vertretung=sachbearbeitung51,
        richtung="steigend",
        ausgangswert=Decimal("10"),
        zielwert=Decimal("12"),
    )
    return {
        "lz": lz,
        "pgz50": pgz50,
        "pz50": pz50,
        "tz50": tz50,
        "m50": m50,
        "pgz51": pgz51,
        "pz51": pz51,
        "m51": m51,
        "k50": k50,
        "k51": k51,
    }


@pytest.fixture
def kennzahl50(einheiten):
    """A rising tertial Kennzahl of Amt 50 21; Soll 2026-T1 = 46.66 (baseline 44 in 2024, target 50 in 2027)."""
    return TKennzahlFactory(organisationseinheit=einheiten["50 21"])
