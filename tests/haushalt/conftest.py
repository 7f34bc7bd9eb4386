"""Fixtures of the Haushalt tests: a small Produktbereich 1.31 with units, and finance files."""

from __future__ import annotations

from decimal import Decimal

import pytest

from haushalt import services
from haushalt.models import Produktzuordnung
from tests.steuerung.factories import ProduktFactory, ProduktgruppeFactory

KOPF = "Produkt;Zeile;Art;Jahr;Stichtag;Betrag"


def csv_datei(*zeilen: str, kopf: str = KOPF, kodierung: str = "utf-8") -> bytes:
    return ("\r\n".join([kopf, *zeilen]) + "\r\n").encode(kodierung)


@pytest.fixture
def produkte(einheiten):
    """1.31.01.02 (Amt 50, Sachgebiet 50 21), 1.31.01.01 (50 2), 1.31.06.04 (50), 1.36.03.02 (Jugendamt 51)."""
    g_01 = ProduktgruppeFactory(nummer="1.31.01", bezeichnung="Leistungen nach dem SGB XII")
    g_06 = ProduktgruppeFactory(nummer="1.31.06", bezeichnung="Förderung der Wohlfahrtspflege")
    g_36 = ProduktgruppeFactory(nummer="1.36.03", bezeichnung="Hilfen zur Erziehung")
    ergebnis = {
        "hzp": ProduktFactory(nummer="1.31.01.02", bezeichnung="Hilfe zur Pflege", produktgruppe=g_01),
        "hlu": ProduktFactory(nummer="1.31.01.01", bezeichnung="Hilfe zum Lebensunterhalt", produktgruppe=g_01),
        "obdach": ProduktFactory(nummer="1.31.06.04", bezeichnung="Zuschüsse Wohnungslosenhilfe", produktgruppe=g_06),
        "hze": ProduktFactory(nummer="1.36.03.02", bezeichnung="Stationäre Hilfen zur Erziehung", produktgruppe=g_36),
    }
    for schluessel, kuerzel in (("hzp", "50 21"), ("hlu", "50 2"), ("obdach", "50"), ("hze", "51")):
        Produktzuordnung.objects.create(produkt=ergebnis[schluessel], organisationseinheit=einheiten[kuerzel])
    return ergebnis


# A year of Hilfe zur Pflege: Ansatz, Ist of the previous year, Ist and Prognose at 31.08.
ZEILEN_2026 = [
    "1.31.01.02;15;Ansatz;2026;;12.000.000,00",
    "1.31.01.02;Personalaufwendungen;Ansatz;2026;;500.000,00",
    "1.31.01.02;6;Ansatz;2026;;2.500.000,00",
    "1.31.01.02;15;Ist;2025;31.12.2025;11.400.000,00",
    "1.31.01.02;6;Ist;2025;31.12.2025;2.400.000,00",
    "1.31.01.02;15;Ist;2026;31.08.2026;8.740.000,00",
    "1.31.01.02;15;Prognose;2026;31.08.2026;13.110.000,00",
    "1.31.01.02;6;Prognose;2026;31.08.2026;2.600.000,00",
    "1.31.01.01;15;Ansatz;2026;;7.000.000,00",
    "1.31.01.01;15;Prognose;2026;31.08.2026;7.350.000,00",
    "1.31.06.04;15;Ansatz;2026;;1.000.000,00",
    "1.31.06.04;15;Prognose;2026;31.08.2026;1.050.000,00",
    "1.36.03.02;15;Ansatz;2026;;18.000.000,00",
    "1.36.03.02;15;Prognose;2026;31.08.2026;18.090.000,00",
]


@pytest.fixture
def haushalt_2026(produkte):
    """The lines above imported by the system (no user)."""
    services.haushalt_importieren(name="haushalt-2026.csv", inhalt=csv_datei(*ZEILEN_2026), user=None)
    return produkte


def betrag(text: str) -> Decimal:
    return Decimal(text)
