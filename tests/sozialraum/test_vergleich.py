"""Benchmark statistics: quartiles as Excel QUARTILE.INC, per-1.000 normalisation, rank."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from sozialraum.vergleich import Peer, benchmark, je_1000, perzentil_inc, rang, verteilung
from steuerung.bewertung import Richtung


def zahlen(*werte):
    return [D(str(w)) for w in werte]


@pytest.mark.parametrize(
    ("werte", "erwartet"),
    [
        (zahlen(1, 2, 3, 4), (4, D(1), D("1.75"), D("2.5"), D("3.25"), D(4))),
        (zahlen(4, 1, 3, 2), (4, D(1), D("1.75"), D("2.5"), D("3.25"), D(4))),
        (zahlen(7), (1, D(7), D(7), D(7), D(7), D(7))),
        (zahlen(1, 2), (2, D(1), D("1.25"), D("1.5"), D("1.75"), D(2))),
        (zahlen(1, 3, 3, 4, 5, 6, 6, 7, 8, 8), (10, D(1), D("3.25"), D("5.5"), D("6.75"), D(8))),
        (zahlen(5, 5, 5), (3, D(5), D(5), D(5), D(5), D(5))),
        (zahlen(31, 140, 32, 23, 44, 33, 33), (7, D(23), D("31.5"), D(33), D("38.5"), D(140))),
        ([], (0, None, None, None, None, None)),
    ],
)
def test_quartile_wie_excel_quartile_inc(werte, erwartet):
    v = verteilung(werte)
    assert (v.n, v.min, v.q1, v.median, v.q3, v.max) == erwartet


def test_perzentil_ausserhalb_wird_abgelehnt():
    with pytest.raises(ValueError):
        perzentil_inc(zahlen(1, 2), D("1.5"))
    with pytest.raises(ValueError):
        perzentil_inc([], D("0.5"))


@pytest.mark.parametrize(
    ("wert", "einwohner", "erwartet"),
    [(D(5), 250000, D("0.02")), (D(31), 1000, D(31)), (D(3), 1500, D(2))],
)
def test_je_1000_einwohner(wert, einwohner, erwartet):
    assert je_1000(wert, einwohner) == erwartet


def test_je_1000_braucht_einwohner():
    with pytest.raises(ValueError, match="positive Einwohnerzahl"):
        je_1000(D(1), 0)


@pytest.mark.parametrize(
    ("eigen", "werte", "richtung", "erwartet"),
    [
        (D(5), zahlen(3, 4, 7), Richtung.STEIGEND, 2),
        (D(5), zahlen(3, 4, 7), Richtung.FALLEND, 3),
        (D(5), zahlen(5, 5, 7), Richtung.STEIGEND, 2),
        (D(9), zahlen(3, 4, 7), Richtung.STEIGEND, 1),
        (D(1), zahlen(3, 4, 7), Richtung.FALLEND, 1),
        (D(1), [], Richtung.STEIGEND, 1),
    ],
)
def test_rang_mit_richtung(eigen, werte, richtung, erwartet):
    assert rang(eigen, werte, richtung) == erwartet


def test_benchmark_normiert_je_1000_und_laesst_peers_ohne_einwohner_aus():
    peers = [Peer("A", D(10), 100000), Peer("B", D(30), 100000), Peer("C", D(20), None), Peer("D", D(2), 10000)]
    b = benchmark(peers=peers, eigener_wert=D(15), eigene_einwohner=50000, normieren=True, richtung=Richtung.STEIGEND)
    assert (b.verteilung.n, b.verteilung.min, b.verteilung.median, b.verteilung.max) == (
        3,
        D("0.1"),
        D("0.2"),
        D("0.3"),
    )
    assert b.eigener_wert == D("0.3")
    assert (b.rang, b.rang_von) == (1, 4)
    assert b.ohne_einwohner == ["C"]
    assert [k for k, _ in b.werte] == ["A", "D", "B"]


def test_benchmark_ohne_eigenen_wert_hat_keinen_rang():
    b = benchmark(peers=[Peer("A", D(1))], eigener_wert=None)
    assert (b.eigener_wert, b.rang, b.verteilung.n) == (None, None, 1)


def test_benchmark_normiert_ohne_eigene_einwohner_hat_keinen_eigenen_wert():
    b = benchmark(peers=[Peer("A", D(1), 1000)], eigener_wert=D(4), eigene_einwohner=None, normieren=True)
    assert (b.eigener_wert, b.rang) == (None, None)
