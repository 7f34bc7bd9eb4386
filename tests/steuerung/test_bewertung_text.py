"""The status engine read aloud: ZEG texts and the reasons on the attention list name the rule."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from core.periods import periode
from steuerung.bewertung import Ampel, Bewertung
from steuerung.bewertung_text import bewertung_text, gruende, zeg_text
from steuerung.periodenbewertung import Periodenbewertung


@pytest.mark.parametrize(
    ("zeg", "erwartet"),
    [
        (D("62.00"), "62,00 %"),
        (D("0.00"), "0,00 %"),
        (D("-0.01"), "entgegen der Zielrichtung"),
        (D("-335.27"), "entgegen der Zielrichtung"),
        (D("200.00"), "200,00 %"),
        (D("200.01"), "über 200 %"),
        (D("1234.5"), "über 200 %"),
        (None, "–"),
    ],
)
def test_zeg_wird_vorgelesen(zeg, erwartet):
    assert zeg_text(zeg) == erwartet


@pytest.mark.parametrize(
    ("bewertung", "fehlend", "erwartet"),
    [
        (Bewertung.TEILWEISE, (), "teilweise erreicht"),
        (Bewertung.KEINE_DATEN, (), "keine Daten"),
        (Bewertung.KEINE_DATEN, (periode("2026-T1"),), "keine Daten: es fehlt 1. Tertial 2026"),
        (Bewertung.KEINE_DATEN, (periode("2026-01"), periode("2026-02")), "keine Daten: es fehlt 01/2026, 02/2026"),
        (Bewertung.ZUR_GAENZE, (periode("2026-T1"),), "zur Gänze erreicht"),
    ],
)
def test_bewertung_nennt_die_fehlende_periode(bewertung, fehlend, erwartet):
    assert bewertung_text(bewertung, fehlende_perioden=fehlend) == erwartet


def _ergebnis(zeg, bewertung, ampel, *, kumuliert=False, p_zeg=None, p_bewertung=None, p_ampel=None):
    return Periodenbewertung(
        periode=periode("2026-T2"),
        ist=D("1"),
        soll=D("1"),
        zielerreichungsgrad=zeg,
        bewertung=bewertung,
        ampel=ampel,
        kumuliert=kumuliert,
        prognose_zielerreichungsgrad=p_zeg,
        prognose_bewertung=p_bewertung,
        prognose_ampel=p_ampel,
    )


ROT = _ergebnis(D("62.00"), Bewertung.TEILWEISE, Ampel.ROT)
GRUEN = _ergebnis(D("104.00"), Bewertung.ZUR_GAENZE, Ampel.GRUEN)
GRAU = _ergebnis(None, Bewertung.KEINE_DATEN, Ampel.GRAU)


@pytest.mark.parametrize(
    ("ergebnis", "angaben", "erwartet"),
    [
        (ROT, {}, ["Zielerreichung 62,00 % – teilweise erreicht"]),
        (
            _ergebnis(D("-335.27"), Bewertung.NICHT, Ampel.ROT),
            {},
            ["Zielerreichung entgegen der Zielrichtung – nicht erreicht"],
        ),
        (
            _ergebnis(D("45.10"), Bewertung.NICHT, Ampel.ROT, kumuliert=True),
            {},
            ["Zielerreichung im Jahr bis dahin 45,10 % – nicht erreicht"],
        ),
        (GRUEN, {"sorgenampel_grund": "Träger meldet Personalausfall"}, ["Sorgenampel: Träger meldet Personalausfall"]),
        (GRUEN, {"sorgenampel_grund": " "}, ["Sorgenampel"]),
        (GRAU, {"verstrichene_frist": date(2026, 9, 15)}, ["überfällig seit 16.09.2026"]),
        (
            ROT,
            {"sorgenampel_grund": "Statistik unsicher", "verstrichene_frist": date(2026, 12, 31)},
            [
                "Zielerreichung 62,00 % – teilweise erreicht",
                "Sorgenampel: Statistik unsicher",
                "überfällig seit 01.01.2027",
            ],
        ),
        (GRUEN, {}, []),
        (GRAU, {}, []),
    ],
)
def test_gruende_nennen_die_regel_die_gegriffen_hat(ergebnis, angaben, erwartet):
    assert gruende(ergebnis, **angaben) == erwartet


def test_gefaehrdetes_jahresziel_nur_auf_wunsch():
    gefaehrdet = _ergebnis(
        D("98.40"), Bewertung.UEBERWIEGEND, Ampel.GELB, p_zeg=D("74.99"), p_bewertung=Bewertung.TEILWEISE, p_ampel="rot"
    )
    assert gruende(gefaehrdet) == []
    assert gruende(gefaehrdet, mit_prognose=True) == ["Jahresziel gefährdet: Prognose 74,99 % – teilweise erreicht"]
    assert gruende(GRUEN, mit_prognose=True) == []
    sicher = _ergebnis(
        D("50"), Bewertung.TEILWEISE, Ampel.ROT, p_zeg=D("120"), p_bewertung="ueberplanmaessig", p_ampel="gruen"
    )
    assert gruende(sicher, mit_prognose=True) == ["Zielerreichung 50,00 % – teilweise erreicht"]
