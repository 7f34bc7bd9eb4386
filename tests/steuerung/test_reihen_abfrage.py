"""reihen_laden: a Kennzahl's series holds its copies' values (same code and unit), found via the index.

Benchmark "Stichtag" (issue 19): the values were selected with `kennzahl_id IN (…) OR
kennzahl.code IN (…)`; an OR across the join cannot use the index on kennzahl_id, so every
saved value read all Messwerte of the city. Now the Kennzahlen are chosen first.
"""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from steuerung.models import Sollwert
from steuerung.reihen import reihen_laden
from tests.steuerung.factories_tertial import TKennzahlFactory, TMesswertFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def kennzahlen(einheiten):
    k = TKennzahlFactory(organisationseinheit=einheiten["50 21"], code="50-K1")
    vorjahr = TKennzahlFactory(organisationseinheit=einheiten["50 21"], code="50-K1", jahr=2025)
    andere_einheit = TKennzahlFactory(organisationseinheit=einheiten["51"], code="50-K1", jahr=2025)
    fremd = TKennzahlFactory(organisationseinheit=einheiten["50 21"], code="50-K2")
    TMesswertFactory(kennzahl=k, periode="2026-T1", wert=D("45"))
    TMesswertFactory(kennzahl=vorjahr, periode="2025-T3", wert=D("41"))
    TMesswertFactory(kennzahl=andere_einheit, periode="2025-T2", wert=D("7"))
    TMesswertFactory(kennzahl=fremd, periode="2025-T1", wert=D("99"))
    Sollwert.objects.create(kennzahl=vorjahr, periode="2025-T3", wert=D("40"))
    Sollwert.objects.create(kennzahl=fremd, periode="2025-T1", wert=D("98"))
    return k


def test_reihe_enthaelt_werte_und_sollwerte_der_kopien_gleichen_codes_und_gleicher_einheit(kennzahlen):
    reihe = reihen_laden([kennzahlen])[kennzahlen.pk]
    assert {p: w.wert for p, w in reihe.werte.items()} == {"2026-T1": D("45"), "2025-T3": D("41")}
    assert reihe.sollwerte["2025-T3"] == D("40")
    assert "2025-T1" not in reihe.sollwerte


def test_werte_werden_ueber_die_kennzahl_id_gewaehlt_nicht_per_oder_ueber_den_join(kennzahlen):
    with CaptureQueriesContext(connection) as abfragen:
        reihen_laden([kennzahlen])
    werte = [
        q["sql"]
        for q in abfragen.captured_queries
        if 'FROM "steuerung_messwert"' in q["sql"] or "steuerung_sollwert" in q["sql"]
    ]
    assert len(werte) == 2
    for sql in werte:
        assert 'OR "steuerung_kennzahl"."code"' not in sql
        assert '"kennzahl_id" IN (SELECT' in sql
