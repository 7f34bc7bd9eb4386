"""Status engine: table-driven, exact Decimal values, every branch of the issue's rules."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from steuerung.bewertung import (
    Abweichung,
    Ampel,
    Baustein,
    Bewertung,
    Schwellen,
    Verdichtung,
    abweichung,
    ampel_fuer,
    bewertung_fuer,
    erklaerung_noetig,
    soll_fuer,
    soll_interpoliert,
    status,
    verdichten,
    wert_bei_zeg,
    zielerreichungsgrad,
)


@pytest.mark.parametrize(
    ("stichtag", "ausgangswert", "ausgangsjahr", "zielwert", "zieljahr", "erwartet"),
    [
        (date(2022, 12, 31), D("44"), 2020, D("50"), 2023, D("48.00")),  # the issue's example
        (date(2021, 4, 30), D("44"), 2020, D("50"), 2023, D("44.66")),  # 120 of 1095 days
        (date(2023, 12, 31), D("44"), 2020, D("50"), 2023, D("50.00")),  # at the Zieljahr's end
        (date(2024, 4, 30), D("44"), 2020, D("50"), 2023, D("50.00")),  # after the Zieljahr
        (date(2020, 6, 30), D("44"), 2020, D("50"), 2023, D("44.00")),  # before the baseline
        (date(2025, 12, 31), D("100"), 2024, D("80"), 2026, D("90.00")),  # falling target
        (date(2025, 4, 30), None, None, D("80"), 2026, D("80.00")),  # no baseline: the target
        (date(2025, 4, 30), D("5"), 2024, None, None, None),  # no target: no Soll
        (date(2025, 4, 30), D("5"), 2025, D("7"), 2025, D("5.00")),  # Basisjahr = Zieljahr, before
    ],
)
def test_soll_wird_nach_tagen_interpoliert(stichtag, ausgangswert, ausgangsjahr, zielwert, zieljahr, erwartet):
    assert (
        soll_interpoliert(
            stichtag=stichtag,
            ausgangswert=ausgangswert,
            ausgangsjahr=ausgangsjahr,
            zielwert=zielwert,
            zieljahr=zieljahr,
        )
        == erwartet
    )


@pytest.mark.parametrize(("sollwert", "erwartet"), [(D("47.5"), D("47.5")), (None, D("48.00"))])
def test_expliziter_sollwert_geht_der_interpolation_vor(sollwert, erwartet):
    soll = soll_fuer(
        stichtag=date(2022, 12, 31),
        sollwert=sollwert,
        ausgangswert=D("44"),
        ausgangsjahr=2020,
        zielwert=D("50"),
        zieljahr=2023,
    )
    assert soll == erwartet


@pytest.mark.parametrize(
    ("ist", "soll", "ausgangswert", "richtung", "erwartet"),
    [
        (D("47"), D("48.00"), D("44"), "steigend", D("75.00")),  # issue example
        (D("95"), D("90"), D("100"), "fallend", D("50.00")),  # baseline formula works downwards
        (D("52"), D("50"), D("50"), "steigend", D("100.00")),  # hold the level, reached
        (D("50"), D("50"), D("50"), "steigend", D("100.00")),  # hold the level, exactly
        (D("45"), D("50"), D("50"), "steigend", D("90.00")),  # hold the level, missed: ist/soll
        (D("49"), D("50"), D("50"), "fallend", D("100.00")),  # hold the level downwards, reached
        (D("60"), D("50"), D("50"), "fallend", D("83.33")),  # missed: soll/ist
        (D("30"), D("40"), None, "steigend", D("75.00")),  # without baseline
        (D("50"), D("40"), None, "fallend", D("80.00")),
        (D("1"), D("32"), None, "steigend", D("3.13")),  # 3.125 rounds half up
        (D("2"), D("3"), None, "steigend", D("66.67")),
        (D("0"), D("0"), None, "steigend", D("100.00")),  # soll 0 reached
        (D("-1"), D("0"), None, "steigend", D("0.00")),  # soll 0 missed
        (D("0"), D("5"), None, "fallend", D("100.00")),  # ist 0 is at/below soll
        (D("0"), D("-1"), None, "fallend", D("0.00")),  # ist 0 above a negative soll
        (None, D("40"), None, "steigend", None),
        (D("40"), None, D("10"), "steigend", None),
    ],
)
def test_zielerreichungsgrad(ist, soll, ausgangswert, richtung, erwartet):
    assert zielerreichungsgrad(ist=ist, soll=soll, ausgangswert=ausgangswert, richtung=richtung) == erwartet


@pytest.mark.parametrize(
    ("zeg", "erwartet"),
    [
        (D("110.01"), Bewertung.UEBERPLANMAESSIG),
        (D("110.00"), Bewertung.ZUR_GAENZE),
        (D("100.00"), Bewertung.ZUR_GAENZE),
        (D("99.99"), Bewertung.UEBERWIEGEND),
        (D("80.00"), Bewertung.UEBERWIEGEND),
        (D("79.99"), Bewertung.TEILWEISE),
        (D("50.00"), Bewertung.TEILWEISE),
        (D("49.99"), Bewertung.NICHT),
        (D("-20"), Bewertung.NICHT),
        (None, Bewertung.KEINE_DATEN),
    ],
)
def test_bewertung_mit_standardschwellen(zeg, erwartet):
    assert bewertung_fuer(zeg) == erwartet


def test_bewertung_mit_eigenen_schwellen_je_kennzahl():
    eng = Schwellen(ueberplanmaessig=D("105"), zur_gaenze=D("95"), ueberwiegend=D("90"), teilweise=D("70"))
    assert bewertung_fuer(D("106"), eng) == Bewertung.UEBERPLANMAESSIG
    assert bewertung_fuer(D("95"), eng) == Bewertung.ZUR_GAENZE
    assert bewertung_fuer(D("85"), eng) == Bewertung.TEILWEISE
    assert bewertung_fuer(D("69.99"), eng) == Bewertung.NICHT


@pytest.mark.parametrize(
    ("bewertung", "ampel"),
    [
        (Bewertung.UEBERPLANMAESSIG, Ampel.GRUEN),
        (Bewertung.ZUR_GAENZE, Ampel.GRUEN),
        (Bewertung.UEBERWIEGEND, Ampel.GELB),
        (Bewertung.TEILWEISE, Ampel.ROT),
        (Bewertung.NICHT, Ampel.ROT),
        (Bewertung.KEINE_DATEN, Ampel.GRAU),
    ],
)
def test_ampel_je_bewertung(bewertung, ampel):
    assert ampel_fuer(bewertung) == ampel


@pytest.mark.parametrize(
    ("ist", "frueher", "erwartet"),
    [
        (D("47"), D("40"), Abweichung(D("7"), D("17.5"))),
        (D("1"), D("3"), Abweichung(D("-2"), D("-66.7"))),
        (D("-3"), D("-2"), Abweichung(D("-1"), D("-50.0"))),
        (D("5"), D("0"), Abweichung(D("5"), None)),  # earlier 0: no percentage
        (D("5"), None, Abweichung(None, None)),  # earlier missing
        (None, D("5"), Abweichung(None, None)),
    ],
)
def test_abweichung_absolut_und_prozentual(ist, frueher, erwartet):
    assert abweichung(ist, frueher) == erwartet


@pytest.mark.parametrize(
    ("ampel", "prozent", "erwartet"),
    [
        (Ampel.ROT, None, True),
        (Ampel.GELB, D("25.0"), True),
        (Ampel.GRUEN, D("-20.1"), True),
        (Ampel.GELB, D("20.0"), False),  # exactly at the threshold: not above it
        (Ampel.GRUEN, None, False),
    ],
)
def test_erklaerungspflicht_bei_rot_oder_grosser_abweichung(ampel, prozent, erwartet):
    assert erklaerung_noetig(ampel=ampel, abweichung_vorjahr_prozent=prozent, schwelle_prozent=D("20")) is erwartet


@pytest.mark.parametrize(
    ("zeg", "soll", "ausgangswert", "richtung", "erwartet"),
    [
        (D("80"), D("48"), D("44"), "steigend", D("47.2000")),
        (D("80"), D("40"), None, "steigend", D("32.0000")),
        (D("80"), D("40"), None, "fallend", D("50.0000")),
        (D("0"), D("40"), None, "fallend", None),
        (D("80"), None, D("44"), "steigend", None),
    ],
)
def test_wert_bei_zeg_fuer_den_korridor(zeg, soll, ausgangswert, richtung, erwartet):
    assert wert_bei_zeg(zeg=zeg, soll=soll, ausgangswert=ausgangswert, richtung=richtung) == erwartet


@pytest.mark.parametrize(
    ("bausteine", "verfahren", "erwartet"),
    [
        ([], "schlechteste", Verdichtung(Ampel.GRAU, None)),
        ([Baustein("grau", "k1")], "schlechteste", Verdichtung(Ampel.GRAU, None)),
        (
            [Baustein("gruen", "k1"), Baustein("rot", "k2"), Baustein("gelb", "k3")],
            "schlechteste",
            Verdichtung(Ampel.ROT, "k2"),
        ),
        ([Baustein("grau", "k1"), Baustein("gruen", "k2")], "schlechteste", Verdichtung(Ampel.GRUEN, "k2")),
        (
            [Baustein("rot", "k1", D("1")), Baustein("rot", "k2", D("2"))],
            "schlechteste",
            Verdichtung(Ampel.ROT, "k2"),
        ),
        (
            [Baustein("gruen", "k1", D("3")), Baustein("rot", "k2", D("1"))],
            "gewichtet",
            Verdichtung(Ampel.GRUEN, "k2"),
        ),
        ([Baustein("gruen", "k1"), Baustein("rot", "k2")], "gewichtet", Verdichtung(Ampel.GELB, "k2")),
        (
            [Baustein("rot", "k1", D("2")), Baustein("gelb", "k2", D("1"))],
            "gewichtet",
            Verdichtung(Ampel.ROT, "k1"),
        ),
        (
            [Baustein("gelb", "k1", D("0")), Baustein("gruen", "k2", D("0"))],
            "gewichtet",
            Verdichtung(Ampel.GELB, "k1"),
        ),
        ([Baustein("grau", "k1"), Baustein("grau", "k2")], "gewichtet", Verdichtung(Ampel.GRAU, None)),
    ],
)
def test_verdichtung_nennt_die_verursachende_kennzahl(bausteine, verfahren, erwartet):
    assert verdichten(bausteine, verfahren=verfahren) == erwartet


def test_beispiel_der_issue_ergibt_teilweise_und_rot():
    ergebnis = status(
        ist=D("47"),
        stichtag=date(2022, 12, 31),
        sollwert=None,
        ausgangswert=D("44"),
        ausgangsjahr=2020,
        zielwert=D("50"),
        zieljahr=2023,
        richtung="steigend",
    )
    assert (ergebnis.soll, ergebnis.zielerreichungsgrad) == (D("48.00"), D("75.00"))
    assert (ergebnis.bewertung, ergebnis.ampel) == (Bewertung.TEILWEISE, Ampel.ROT)


def test_ohne_wert_keine_daten_und_grau():
    ergebnis = status(
        ist=None,
        stichtag=date(2022, 12, 31),
        sollwert=None,
        ausgangswert=D("44"),
        ausgangsjahr=2020,
        zielwert=D("50"),
        zieljahr=2023,
        richtung="steigend",
    )
    assert (ergebnis.soll, ergebnis.zielerreichungsgrad) == (D("48.00"), None)
    assert (ergebnis.bewertung, ergebnis.ampel) == (Bewertung.KEINE_DATEN, Ampel.GRAU)
