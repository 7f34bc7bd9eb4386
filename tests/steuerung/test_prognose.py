"""Year-end forecast: table-driven, exact Decimal values, each method named."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from steuerung.prognose import Methode, Prognose, hochrechnung, jahresprognosen, prognosen, saisonal, trend

VORJAHRE = [[(4, D("30")), (8, D("30")), (12, D("40"))], [(4, D("20")), (8, D("40")), (12, D("40"))]]


@pytest.mark.parametrize(
    ("summe", "monate", "erwartet"),
    [
        (D("100"), 4, Prognose(D("300.00"), Methode.HOCHRECHNUNG)),
        (D("100"), 8, Prognose(D("150.00"), Methode.HOCHRECHNUNG)),
        (D("10"), 3, Prognose(D("40.00"), Methode.HOCHRECHNUNG)),
        (D("100"), 12, Prognose(D("100.00"), Methode.HOCHRECHNUNG)),
        (D("100"), 0, None),
    ],
)
def test_hochrechnung_summe_durch_monate_mal_zwoelf(summe, monate, erwartet):
    assert hochrechnung(summe_bisher=summe, vergangene_monate=monate) == erwartet


@pytest.mark.parametrize(
    ("summe", "monat", "vorjahre", "erwartet"),
    [
        (D("30"), 4, VORJAHRE, Prognose(D("120.00"), Methode.SAISONAL)),  # mean share (0.3 + 0.2) / 2
        (D("80"), 8, VORJAHRE, Prognose(D("133.33"), Methode.SAISONAL)),  # shares 0.6 and 0.6
        (D("30"), 4, VORJAHRE[:1], None),  # one earlier year is not enough
        (D("30"), 4, [VORJAHRE[0], [(4, D("0")), (8, D("0")), (12, D("0"))]], None),  # a zero year is skipped
    ],
)
def test_saisonale_hochrechnung_braucht_zwei_vorjahre(summe, monat, vorjahre, erwartet):
    assert saisonal(summe_bisher=summe, vergangene_monate=monat, vorjahre=vorjahre) == erwartet


@pytest.mark.parametrize(
    ("werte", "erwartet"),
    [
        ([(date(2026, 1, 1), D("0")), (date(2026, 1, 11), D("10"))], Prognose(D("364.00"), Methode.TREND)),
        (
            [(date(2026, 1, 1), D("0")), (date(2026, 1, 11), D("10")), (date(2026, 1, 21), D("20"))],
            Prognose(D("364.00"), Methode.TREND),
        ),
        (
            [(date(2026, 1, 1), D("0")), (date(2026, 1, 11), D("10")), (date(2026, 1, 21), D("5"))],
            Prognose(D("93.50"), Methode.TREND),
        ),
        (  # only the last three values count
            [
                (date(2025, 1, 1), D("1000")),
                (date(2026, 1, 1), D("0")),
                (date(2026, 1, 11), D("10")),
                (date(2026, 1, 21), D("5")),
            ],
            Prognose(D("93.50"), Methode.TREND),
        ),
        ([(date(2026, 4, 30), D("7.5"))], Prognose(D("7.50"), Methode.LETZTER_WERT)),
        ([(date(2026, 4, 30), D("4")), (date(2026, 4, 30), D("6"))], Prognose(D("5.00"), Methode.TREND)),
        ([], None),
    ],
)
def test_trend_der_letzten_drei_werte_bis_jahresende(werte, erwartet):
    assert trend(werte, jahresende=date(2026, 12, 31)) == erwartet


def test_summe_bevorzugt_die_saisonale_prognose_und_nennt_beide():
    ergebnis = prognosen(
        messart="summe", jahr=2026, bis_monat=4, werte_im_jahr=[(4, D("30"))], vorjahre=VORJAHRE, letzte_werte=[]
    )
    assert ergebnis == [Prognose(D("120.00"), Methode.SAISONAL), Prognose(D("90.00"), Methode.HOCHRECHNUNG)]


def test_summe_ohne_vorjahre_nur_hochrechnung():
    ergebnis = prognosen(
        messart="summe",
        jahr=2026,
        bis_monat=8,
        werte_im_jahr=[(4, D("30")), (8, D("50"))],
        vorjahre=[],
        letzte_werte=[],
    )
    assert ergebnis == [Prognose(D("120.00"), Methode.HOCHRECHNUNG)]


def test_summe_ohne_werte_keine_prognose():
    assert (
        prognosen(messart="summe", jahr=2026, bis_monat=4, werte_im_jahr=[], vorjahre=VORJAHRE, letzte_werte=[]) == []
    )


@pytest.mark.parametrize("messart", ["bestand", "quote"])
def test_bestand_und_quote_nutzen_den_trend(messart):
    werte = [(date(2026, 1, 1), D("0")), (date(2026, 1, 11), D("10"))]
    ergebnis = prognosen(messart=messart, jahr=2026, bis_monat=1, werte_im_jahr=[], vorjahre=[], letzte_werte=werte)
    assert ergebnis == [Prognose(D("364.00"), Methode.TREND)]


def test_bestand_ohne_werte_keine_prognose():
    assert prognosen(messart="bestand", jahr=2026, bis_monat=4, werte_im_jahr=[], vorjahre=[], letzte_werte=[]) == []


@pytest.mark.parametrize(
    ("messart", "werte_im_jahr", "letzte_werte", "erwartet"),
    [
        # Values of last year only: no forecast for any Messart (issue "Kennzahlen II").
        ("bestand", [], [(date(2025, 8, 31), D("40")), (date(2025, 12, 31), D("42"))], []),
        ("quote", [], [(date(2025, 12, 31), D("12.5"))], []),
        ("mittelwert", [], [(date(2025, 12, 31), D("9.5"))], []),
        ("summe", [], [], []),
        # With a value in the year: the trend of the last three values, also across the year's start.
        (
            "mittelwert",
            [(4, D("9.5"))],
            [(date(2025, 12, 31), D("10.5")), (date(2026, 4, 30), D("9.5"))],
            [Prognose(D("7.46"), Methode.TREND)],  # 10,5 − 365 × 1/120
        ),
        ("bestand", [(4, D("40"))], [(date(2026, 4, 30), D("40"))], [Prognose(D("40.00"), Methode.LETZTER_WERT)]),
        ("summe", [(4, D("30"))], [], [Prognose(D("90.00"), Methode.HOCHRECHNUNG)]),
    ],
)
def test_jahresprognose_nur_mit_einem_wert_im_haushaltsjahr(messart, werte_im_jahr, letzte_werte, erwartet):
    ergebnis = jahresprognosen(
        messart=messart, jahr=2026, bis_monat=4, werte_im_jahr=werte_im_jahr, vorjahre=[], letzte_werte=letzte_werte
    )
    assert ergebnis == erwartet
