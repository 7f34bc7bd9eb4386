"""A Kennzahl judged the way it is collected: every Messart × rhythm × direction, exact Decimals.

Sub-annual sums on the year to date (the issue's example), everything else by the status
engine's rules; the forecast only with a value in the year, judged against the Soll at 31.12.
"""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from core.periods import periode
from steuerung.bewertung import Ampel, Bewertung, Schwellen
from steuerung.messarten import Periodenwert
from steuerung.periodenbewertung import (
    Periodenbewertung,
    Steckbrief,
    periode_bewerten,
    soll_der_periode,
    soll_jahr,
    soll_jahresende,
    soll_kumuliert,
    unterjaehrige_summe,
)
from steuerung.prognose import Methode, Prognose

G, GE, R, GR = Ampel.GRUEN, Ampel.GELB, Ampel.ROT, Ampel.GRAU
UEBER, GANZ, UEBERW, TEILW, NICHT, KEINE = (
    Bewertung.UEBERPLANMAESSIG,
    Bewertung.ZUR_GAENZE,
    Bewertung.UEBERWIEGEND,
    Bewertung.TEILWEISE,
    Bewertung.NICHT,
    Bewertung.KEINE_DATEN,
)


def reihe(*eintraege) -> dict[str, Periodenwert]:
    """Entries as (key, wert) or (key, wert, {"zaehler": .., "nenner": .., "fallzahl": ..})."""
    werte = {}
    for schluessel, wert, *rest in eintraege:
        zusatz = {k: D(v) for k, v in (rest[0] if rest else {}).items()}
        werte[schluessel] = Periodenwert(
            ende=periode(schluessel).ende, wert=None if wert is None else D(wert), **zusatz
        )
    return werte


def steckbrief(messart, richtung, ausgangswert=None, ausgangsjahr=None, zielwert=None, zieljahr=2026, skalierung=100):
    return Steckbrief(
        messart=messart,
        richtung=richtung,
        ausgangswert=None if ausgangswert is None else D(ausgangswert),
        ausgangsjahr=ausgangsjahr,
        zielwert=None if zielwert is None else D(zielwert),
        zieljahr=zieljahr,
        skalierung=D(skalierung),
    )


BEISPIEL = steckbrief("summe", "steigend", "1830", 2021, "2000", 2026)
BEISPIEL_WERTE = reihe(("2026-T1", "656"), ("2026-T2", "660"), ("2026-T3", "420"))

# (id, Steckbrief, series, Sollwerte, period) ->
# (ist, soll, ist_kumuliert, soll_kumuliert, ZEG, Bewertung, Ampel, missing periods, Jahreswert,
#  Soll at 31.12., preferred forecast, forecast ZEG, forecast Bewertung, forecast Ampel)
FAELLE = [
    # --- summe: sub-annual on the year to date, annual by the status engine ------------------
    pytest.param(
        BEISPIEL, BEISPIEL_WERTE, {}, "2026-T3",
        (D("420"), D("666.67"), D("1736"), D("2000.00"), D("86.80"), UEBERW, GE, (), D("1736"),
         D("2000.00"), Prognose(D("1736.00"), Methode.HOCHRECHNUNG), D("86.80"), UEBERW, GE),
        id="summe-tertial-steigend-beispiel-T3",
    ),
    pytest.param(
        BEISPIEL, BEISPIEL_WERTE, {}, "2026-T2",
        (D("660"), D("666.67"), D("1316"), D("1333.33"), D("98.70"), UEBERW, GE, (), D("1316"),
         D("2000.00"), Prognose(D("1974.00"), Methode.HOCHRECHNUNG), D("98.70"), UEBERW, GE),
        id="summe-tertial-steigend-beispiel-T2",
    ),
    pytest.param(
        # Explicit Sollwerte of T1 and T2 (all periods so far) are summed; T3 has none, so the
        # year's Soll stays rule 1 (240) for the forecast.
        steckbrief("summe", "fallend", "300", 2025, "240", 2026),
        reihe(("2026-T1", "70"), ("2026-T2", "90")), {"2026-T1": D("90"), "2026-T2": D("60")}, "2026-T2",
        (D("90"), D("60"), D("160"), D("150"), D("93.75"), UEBERW, GE, (), D("160"),
         D("240.00"), Prognose(D("240.00"), Methode.HOCHRECHNUNG), D("100.00"), GANZ, G),
        id="summe-tertial-fallend-explizite-sollwerte",
    ),
    pytest.param(
        steckbrief("summe", "steigend", zielwert="1200"),
        reihe(("2026-01", "100"), ("2026-03", "120")), {}, "2026-03",
        (D("120"), D("100.00"), None, D("300.00"), None, KEINE, GR, ("2026-02",), None,
         D("1200.00"), Prognose(D("880.00"), Methode.HOCHRECHNUNG), D("73.33"), TEILW, R),
        id="summe-monat-steigend-luecke-keine-daten",
    ),
    pytest.param(
        steckbrief("summe", "fallend", zielwert="120"),
        reihe(("2026-01", "12"), ("2026-02", "13")), {}, "2026-02",
        (D("13"), D("10.00"), D("25"), D("20.00"), D("80.00"), UEBERW, GE, (), D("25"),
         D("120.00"), Prognose(D("150.00"), Methode.HOCHRECHNUNG), D("80.00"), UEBERW, GE),
        id="summe-monat-fallend",
    ),
    pytest.param(
        # Annual: baseline interpolation as before; 31.12.2025 lies half way (365 of 730 days).
        steckbrief("summe", "steigend", "300", 2024, "420", 2026),
        reihe(("2025", "390")), {}, "2025",
        (D("390"), D("360.00"), None, None, D("150.00"), UEBER, G, (), D("390"),
         D("360.00"), Prognose(D("390.00"), Methode.HOCHRECHNUNG), D("150.00"), UEBER, G),
        id="summe-jahr-steigend",
    ),
    pytest.param(
        steckbrief("summe", "fallend", "140", 2024, "100", 2026),
        reihe(("2026", "110")), {}, "2026",
        (D("110"), D("100.00"), None, None, D("75.00"), TEILW, R, (), D("110"),
         D("100.00"), Prognose(D("110.00"), Methode.HOCHRECHNUNG), D("75.00"), TEILW, R),
        id="summe-jahr-fallend",
    ),
    # --- bestand ----------------------------------------------------------------------------
    pytest.param(
        steckbrief("bestand", "steigend", zielwert="50"),
        reihe(("2026-T1", "40"), ("2026-T2", "45")), {}, "2026-T2",
        (D("45"), D("50.00"), None, None, D("90.00"), UEBERW, GE, (), D("45"),
         D("50.00"), Prognose(D("49.96"), Methode.TREND), D("99.92"), UEBERW, GE),
        id="bestand-tertial-steigend",
    ),
    pytest.param(
        steckbrief("bestand", "fallend", "1826", 2021, "1780", 2026),
        reihe(("2026-T1", "1800"), ("2026-T2", "1795"), ("2026-T3", "1790")), {}, "2026-T3",
        (D("1790"), D("1780.00"), None, None, D("78.26"), TEILW, R, (), D("1790"),
         D("1780.00"), Prognose(D("1790.01"), Methode.TREND), D("78.24"), TEILW, R),
        id="bestand-tertial-fallend",
    ),
    pytest.param(
        steckbrief("bestand", "steigend", zielwert="100"),
        reihe(("2026-06", "81")), {"2026-06": D("90")}, "2026-06",
        (D("81"), D("90"), None, None, D("90.00"), UEBERW, GE, (), D("81"),
         D("100.00"), Prognose(D("81.00"), Methode.LETZTER_WERT), D("81.00"), UEBERW, GE),
        id="bestand-monat-steigend-expliziter-sollwert",
    ),
    pytest.param(
        # Values only in the year before: no forecast for this year.
        steckbrief("bestand", "fallend", zielwert="40"),
        reihe(("2025-11", "50"), ("2025-12", "48")), {}, "2026-01",
        (None, D("40.00"), None, None, None, KEINE, GR, (), None,
         D("40.00"), None, None, None, None),
        id="bestand-monat-fallend-ohne-wert-im-jahr-keine-prognose",
    ),
    pytest.param(
        steckbrief("bestand", "steigend", "44", 2020, "50", 2023),
        reihe(("2021", "45"), ("2022", "47")), {}, "2022",
        (D("47"), D("48.00"), None, None, D("75.00"), TEILW, R, (), D("47"),
         D("48.00"), Prognose(D("47.00"), Methode.TREND), D("75.00"), TEILW, R),
        id="bestand-jahr-steigend-beispiel-tertialberichte-eins",
    ),
    pytest.param(
        steckbrief("bestand", "fallend", zielwert="10"),
        reihe(("2026", "8")), {}, "2026",
        (D("8"), D("10.00"), None, None, D("125.00"), UEBER, G, (), D("8"),
         D("10.00"), Prognose(D("8.00"), Methode.LETZTER_WERT), D("125.00"), UEBER, G),
        id="bestand-jahr-fallend",
    ),
    # --- quote: the rate from its counts, the year as Σz/Σn --------------------------------------
    pytest.param(
        steckbrief("quote", "steigend", zielwert="60"),
        reihe(("2026-T1", "50", {"zaehler": "50", "nenner": "100"}), ("2026-T2", "55", {"zaehler": "22", "nenner": "40"})),
        {}, "2026-T2",
        (D("55"), D("60.00"), None, None, D("91.67"), UEBERW, GE, (), D("51.42857142857142857142857143"),
         D("60.00"), Prognose(D("59.96"), Methode.TREND), D("99.93"), UEBERW, GE),
        id="quote-tertial-steigend-jahr-als-summe-zaehler-durch-summe-nenner",
    ),
    pytest.param(
        steckbrief("quote", "fallend", "8", 2025, "6", 2026, skalierung=1000),
        reihe(("2026-T3", "7", {"zaehler": "35", "nenner": "5000"})), {}, "2026-T3",
        (D("7"), D("6.00"), None, None, D("50.00"), TEILW, R, (), D("7"),
         D("6.00"), Prognose(D("7.00"), Methode.LETZTER_WERT), D("50.00"), TEILW, R),
        id="quote-tertial-fallend-je-1000",
    ),
    pytest.param(
        steckbrief("quote", "steigend", zielwert="50"),
        reihe(("2026-01", "40")), {}, "2026-01",
        (D("40"), D("50.00"), None, None, D("80.00"), UEBERW, GE, (), None,
         D("50.00"), Prognose(D("40.00"), Methode.LETZTER_WERT), D("80.00"), UEBERW, GE),
        id="quote-monat-steigend-getippt-ohne-zaehler-kein-jahreswert",
    ),
    pytest.param(
        steckbrief("quote", "fallend", zielwert="12"),
        reihe(("2026-03", "10", {"zaehler": "3", "nenner": "30"})), {}, "2026-03",
        (D("10"), D("12.00"), None, None, D("120.00"), UEBER, G, (), D("10"),
         D("12.00"), Prognose(D("10.00"), Methode.LETZTER_WERT), D("120.00"), UEBER, G),
        id="quote-monat-fallend",
    ),
    pytest.param(
        steckbrief("quote", "steigend", "70", 2025, "80", 2026),
        reihe(("2026", "75", {"zaehler": "45", "nenner": "60"})), {}, "2026",
        (D("75"), D("80.00"), None, None, D("50.00"), TEILW, R, (), D("75"),
         D("80.00"), Prognose(D("75.00"), Methode.LETZTER_WERT), D("50.00"), TEILW, R),
        id="quote-jahr-steigend",
    ),
    pytest.param(
        # Stored 0.3333 would give 150.02 %; the exact 1/3 gives 150.00 %.
        steckbrief("quote", "fallend", zielwert="0.5", skalierung=1),
        reihe(("2026", "0.3333", {"zaehler": "1", "nenner": "3"})), {}, "2026",
        (D("0.3333333333333333333333333333"), D("0.50"), None, None, D("150.00"), UEBER, G, (),
         D("0.3333333333333333333333333333"),
         D("0.50"), Prognose(D("0.33"), Methode.LETZTER_WERT), D("151.52"), UEBER, G),
        id="quote-jahr-fallend-exakt-statt-gespeichert",
    ),
    # --- mittelwert: forecast as for bestand, the year weighted by Fallzahl ------------------------
    pytest.param(
        steckbrief("mittelwert", "steigend", zielwert="8"),
        reihe(("2026-T1", "7.5", {"fallzahl": "20"}), ("2026-T2", "8.5", {"fallzahl": "60"})), {}, "2026-T2",
        (D("8.5"), D("8.00"), None, None, D("106.25"), GANZ, G, (), D("8.25"),
         D("8.00"), Prognose(D("9.49"), Methode.TREND), D("118.63"), UEBER, G),
        id="mittelwert-tertial-steigend",
    ),
    pytest.param(
        # The issue's processing time: 9,5 Tage is forecast by the trend, not as a sum (29,50).
        steckbrief("mittelwert", "fallend", "12", 2024, "8", 2026),
        reihe(("2026-T1", "10.5", {"fallzahl": "100"}), ("2026-T2", "9.5", {"fallzahl": "300"})), {}, "2026-T2",
        (D("9.5"), D("8.67"), None, None, D("75.08"), TEILW, R, (), D("9.75"),
         D("8.00"), Prognose(D("8.51"), Methode.TREND), D("87.25"), UEBERW, GE),
        id="mittelwert-tertial-fallend-bearbeitungsdauer",
    ),
    pytest.param(
        steckbrief("mittelwert", "steigend", zielwert="12"),
        reihe(("2026-01", "10"), ("2026-02", "12")), {}, "2026-02",
        (D("12"), D("12.00"), None, None, D("100.00"), GANZ, G, (), D("11"),
         D("12.00"), Prognose(D("33.86"), Methode.TREND), D("282.17"), UEBER, G),
        id="mittelwert-monat-steigend-ohne-fallzahl-einfaches-mittel",
    ),
    pytest.param(
        # No value this month, but the year has one: a forecast exists and misses the year's target.
        steckbrief("mittelwert", "fallend", zielwert="15"),
        reihe(("2026-01", "20")), {}, "2026-03",
        (None, D("15.00"), None, None, None, KEINE, GR, (), D("20"),
         D("15.00"), Prognose(D("20.00"), Methode.LETZTER_WERT), D("75.00"), TEILW, R),
        id="mittelwert-monat-fallend-ohne-wert-der-periode",
    ),
    pytest.param(
        steckbrief("mittelwert", "steigend", "30", 2025, "40", 2026),
        reihe(("2026", "50", {"fallzahl": "10"})), {}, "2026",
        (D("50"), D("40.00"), None, None, D("200.00"), UEBER, G, (), D("50"),
         D("40.00"), Prognose(D("50.00"), Methode.LETZTER_WERT), D("200.00"), UEBER, G),
        id="mittelwert-jahr-steigend",
    ),
    pytest.param(
        steckbrief("mittelwert", "fallend", "25", 2025, "20", 2026),
        reihe(("2026", "30")), {}, "2026",
        (D("30"), D("20.00"), None, None, D("-100.00"), NICHT, R, (), D("30"),
         D("20.00"), Prognose(D("30.00"), Methode.LETZTER_WERT), D("-100.00"), NICHT, R),
        id="mittelwert-jahr-fallend-entgegen-der-zielrichtung",
    ),
]  # fmt: skip


def _zerlegt(b: Periodenbewertung) -> tuple:
    return (
        b.ist,
        b.soll,
        b.ist_kumuliert,
        b.soll_kumuliert,
        b.zielerreichungsgrad,
        b.bewertung,
        b.ampel,
        tuple(p.schluessel for p in b.fehlende_perioden),
        b.jahreswert,
        b.soll_jahresende,
        b.prognose,
        b.prognose_zielerreichungsgrad,
        b.prognose_bewertung,
        b.prognose_ampel,
    )


@pytest.mark.parametrize(("sb", "werte", "sollwerte", "schluessel", "erwartet"), FAELLE)
def test_jede_messart_je_rhythmus_und_richtung(sb, werte, sollwerte, schluessel, erwartet):
    b = periode_bewerten(steckbrief=sb, periode=periode(schluessel), werte=werte, sollwerte=sollwerte)
    assert _zerlegt(b) == erwartet
    assert b.kumuliert == (sb.messart == "summe" and periode(schluessel).rhythmus != "jahr")
    assert b.periode == periode(schluessel)


def test_beispiel_der_issue_jahresziel_nicht_gefaehrdet_und_erste_periode():
    t1 = periode_bewerten(steckbrief=BEISPIEL, periode=periode("2026-T1"), werte=BEISPIEL_WERTE, sollwerte={})
    # 656 against 2.000 × 4/12 = 666,67: 98,40 %; the forecast 656 × 3 = 1.968 lands at 98,40 % too.
    assert (t1.ist_kumuliert, t1.soll_kumuliert, t1.zielerreichungsgrad, t1.bewertung, t1.ampel) == (
        D("656"),
        D("666.67"),
        D("98.40"),
        UEBERW,
        GE,
    )
    assert (t1.prognose, t1.jahresziel_gefaehrdet) == (Prognose(D("1968.00"), Methode.HOCHRECHNUNG), False)


def test_fehlende_fruehere_periode_ergibt_keine_daten_und_nennt_sie():
    werte = reihe(("2026-T2", "660"), ("2026-T3", "420"))
    b = periode_bewerten(steckbrief=BEISPIEL, periode=periode("2026-T3"), werte=werte, sollwerte={})
    assert (b.ist, b.ist_kumuliert, b.soll_kumuliert, b.zielerreichungsgrad, b.bewertung, b.ampel) == (
        D("420"),
        None,
        D("2000.00"),
        None,
        KEINE,
        GR,
    )
    assert [p.bezeichnung for p in b.fehlende_perioden] == ["1. Tertial 2026"]


def test_eintrag_ohne_wert_mit_fehlt_begruendung_zaehlt_als_fehlend():
    werte = {**BEISPIEL_WERTE, "2026-T1": Periodenwert(ende=periode("2026-T1").ende, wert=None)}
    b = periode_bewerten(steckbrief=BEISPIEL, periode=periode("2026-T2"), werte=werte, sollwerte={})
    assert ([p.schluessel for p in b.fehlende_perioden], b.bewertung) == (["2026-T1"], KEINE)


def test_unterjaehrige_summe_prognostiziert_saisonal_und_misst_sie_am_jahressoll():
    sb = steckbrief("summe", "steigend", zielwert="120")
    werte = reihe(
        *[(f"{j}-T{t}", w) for j, ws in ((2024, ("30", "30", "40")), (2025, ("20", "40", "40"))) for t, w in zip((1, 2, 3), ws, strict=True)],
        ("2026-T1", "30"),
    )  # fmt: skip
    b = periode_bewerten(steckbrief=sb, periode=periode("2026-T1"), werte=werte, sollwerte={})
    assert b.prognosen == (Prognose(D("120.00"), Methode.SAISONAL), Prognose(D("90.00"), Methode.HOCHRECHNUNG))
    # 30 against 120 × 4/12 = 40: 75 %; the seasonal forecast (120) reaches the year's Soll.
    assert (b.zielerreichungsgrad, b.ampel) == (D("75.00"), R)
    assert (b.prognose_zielerreichungsgrad, b.prognose_bewertung, b.prognose_ampel) == (D("100.00"), GANZ, G)


def test_eigene_schwellen_gelten_auch_fuer_kumuliert_und_prognose():
    eng = Schwellen(ueberplanmaessig=D("105"), zur_gaenze=D("99"), ueberwiegend=D("95"), teilweise=D("90"))
    sb = Steckbrief(
        messart="summe", richtung="steigend", ausgangswert=D("1830"), ausgangsjahr=2021, zielwert=D("2000"), zieljahr=2026,
        schwellen=eng,
    )  # fmt: skip
    b = periode_bewerten(steckbrief=sb, periode=periode("2026-T3"), werte=BEISPIEL_WERTE, sollwerte={})
    assert (b.bewertung, b.ampel, b.prognose_bewertung, b.prognose_ampel) == (NICHT, R, NICHT, R)
    assert b.jahresziel_gefaehrdet


def test_ohne_zielwert_kein_soll_und_keine_bewertung_aber_eine_prognose():
    sb = steckbrief("summe", "steigend", zieljahr=None)
    b = periode_bewerten(steckbrief=sb, periode=periode("2026-T1"), werte=BEISPIEL_WERTE, sollwerte={})
    assert (b.soll, b.soll_kumuliert, b.zielerreichungsgrad, b.bewertung, b.soll_jahresende) == (
        None,
        None,
        None,
        KEINE,
        None,
    )
    assert (b.prognose, b.prognose_zielerreichungsgrad, b.prognose_bewertung, b.prognose_ampel) == (
        Prognose(D("1968.00"), Methode.HOCHRECHNUNG),
        None,
        KEINE,
        GR,
    )


@pytest.mark.parametrize(
    ("sollwerte", "erwartet"),
    [
        ({}, D("2000.00")),  # rule 1 at 31.12.2026: the Zielwert (Zieljahr reached)
        ({"2026": D("1900")}, D("1900")),  # an explicit Sollwert of the year
        ({"2026-T3": D("700")}, D("2000.00")),  # a period's Sollwert is not the year's
    ],
)
def test_soll_jahr_ist_regel_eins_am_31_12(sollwerte, erwartet):
    assert soll_jahr(steckbrief=BEISPIEL, jahr=2026, sollwerte=sollwerte) == erwartet


def test_soll_jahr_vor_dem_zieljahr_wird_interpoliert():
    # 31.12.2021 → 31.12.2026 is 1.826 days; 31.12.2025 after 1.461: 1.830 + 170 × 1.461/1.826 = 1.966,02.
    assert soll_jahr(steckbrief=BEISPIEL, jahr=2025, sollwerte={}) == D("1966.02")


@pytest.mark.parametrize(
    ("schluessel", "sollwerte", "kumuliert", "eigenes"),
    [
        ("2026-T1", {}, D("666.67"), D("666.67")),
        ("2026-T2", {"2026-T1": D("600")}, D("1333.33"), D("666.67")),  # T2 without Sollwert: pro rata
        ("2026-T2", {"2026-T1": D("600"), "2026-T2": D("700")}, D("1300"), D("700")),
        ("2026-T3", {"2026": D("1800")}, D("1800.00"), D("600.00")),  # explicit year Soll pro rata
        ("2026-05", {}, D("833.33"), D("166.67")),
        ("2026-12", {}, D("2000.00"), D("166.67")),
    ],
)
def test_soll_kumuliert_und_soll_der_periode(schluessel, sollwerte, kumuliert, eigenes):
    p = periode(schluessel)
    assert soll_kumuliert(steckbrief=BEISPIEL, periode=p, sollwerte=sollwerte) == kumuliert
    assert soll_der_periode(steckbrief=BEISPIEL, periode=p, sollwerte=sollwerte) == eigenes


@pytest.mark.parametrize(
    ("messart", "rhythmus", "sollwerte", "erwartet"),
    [
        ("summe", "tertial", {}, D("2000.00")),
        ("summe", "tertial", {"2026-T1": D("600"), "2026-T2": D("650"), "2026-T3": D("700")}, D("1950")),
        ("summe", "monat", {}, D("2000.00")),
        ("summe", "jahr", {"2026": D("1990")}, D("1990")),
        ("bestand", "tertial", {"2026-T3": D("1950")}, D("1950")),  # the period ending on 31.12.
        ("bestand", "monat", {"2026-12": D("1960")}, D("1960")),
        ("mittelwert", "jahr", {}, D("2000.00")),
    ],
)
def test_soll_am_jahresende_je_messart_und_rhythmus(messart, rhythmus, sollwerte, erwartet):
    sb = steckbrief(messart, "steigend", "1830", 2021, "2000", 2026)
    assert soll_jahresende(steckbrief=sb, jahr=2026, rhythmus=rhythmus, sollwerte=sollwerte) == erwartet


@pytest.mark.parametrize(
    ("messart", "rhythmus", "erwartet"),
    [
        ("summe", "tertial", True),
        ("summe", "monat", True),
        ("summe", "jahr", False),
        ("bestand", "tertial", False),
        ("quote", "monat", False),
        ("mittelwert", "tertial", False),
    ],
)
def test_nur_unterjaehrige_summen_werden_kumuliert(messart, rhythmus, erwartet):
    assert unterjaehrige_summe(messart=messart, rhythmus=rhythmus) is erwartet
