"""Messart rules: rates from counts (Σz/Σn, never a mean of rates), weighted averages, entry checks."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from steuerung.messarten import (
    Eingabepruefung,
    Periodenwert,
    ist_wert,
    messwert_eingabe,
    mittelwert,
    quote_verdichtet,
    quote_wert,
    ueber_einheiten,
    ueber_perioden,
)

T1, T2, T3 = date(2026, 4, 30), date(2026, 8, 31), date(2026, 12, 31)


def pw(ende: date, wert: str | None, *, z: str | None = None, n: str | None = None, f: str | None = None):
    return Periodenwert(
        ende=ende,
        wert=None if wert is None else D(wert),
        zaehler=None if z is None else D(z),
        nenner=None if n is None else D(n),
        fallzahl=None if f is None else D(f),
    )


@pytest.mark.parametrize(
    ("zaehler", "nenner", "skalierung", "erwartet"),
    [
        (D("25"), D("200"), D("100"), D("12.5")),
        (D("25"), D("200"), D("1"), D("0.125")),
        (D("25"), D("200"), D("1000"), D("125")),
        (D("1"), D("3"), D("100"), D("33.33333333333333333333333333")),  # full precision, not rounded
        (D("0"), D("7"), D("100"), D("0")),
        (D("5"), D("0"), D("100"), None),  # no rate without a Nenner
    ],
)
def test_quote_ist_zaehler_durch_nenner_mal_skalierung(zaehler, nenner, skalierung, erwartet):
    assert quote_wert(zaehler=zaehler, nenner=nenner, skalierung=skalierung) == erwartet


@pytest.mark.parametrize(
    ("wert", "messart", "erwartet"),
    [
        (pw(T1, "33.3333", z="1", n="3"), "quote", D("33.33333333333333333333333333")),  # counts win, exact
        (pw(T1, "12.5"), "quote", D("12.5")),  # a typed rate without counts
        (pw(T1, "12.5", z="1", n="0"), "quote", D("12.5")),  # a Nenner of 0 carries no rate
        (pw(T1, "12.5", z="1", n="3"), "bestand", D("12.5")),  # counts only mean something for a quote
        (pw(T1, None), "summe", None),
    ],
)
def test_ist_wert_rechnet_mit_der_exakten_quote(wert, messart, erwartet):
    assert ist_wert(wert, messart=messart, skalierung=D("100")) == erwartet


@pytest.mark.parametrize(
    ("werte", "erwartet"),
    [
        # 10/100 and 90/100: Σz/Σn = 50 %; the mean of rates (10 % and 90 %) would also be 50 %.
        ([pw(T1, "10", z="10", n="100"), pw(T2, "90", z="90", n="100")], D("50")),
        # 1/10 and 500/1000: Σz/Σn = 501/1010; the mean of rates would be 30 %.
        ([pw(T1, "10", z="1", n="10"), pw(T2, "50", z="500", n="1000")], D("49.60396039603960396039603960")),
        ([pw(T1, "10", z="1", n="10"), pw(T2, "50")], None),  # a rate without counts cannot be weighted
        ([], None),
    ],
)
def test_quote_wird_als_summe_zaehler_durch_summe_nenner_verdichtet(werte, erwartet):
    assert quote_verdichtet(werte, skalierung=D("100")) == erwartet


@pytest.mark.parametrize(
    ("werte", "erwartet"),
    [
        ([pw(T1, "10", f="30"), pw(T2, "20", f="10")], D("12.5")),  # (10·30 + 20·10) / 40
        ([pw(T1, "10", f="30"), pw(T2, "20")], D("15")),  # one period without Fallzahl: plain mean
        ([pw(T1, "10", f="0"), pw(T2, "20", f="0")], D("15")),  # no cases at all: plain mean
        ([pw(T1, "9.5"), pw(T2, None), pw(T3, "10.5")], D("10")),  # a missing value is left out
        ([pw(T1, None)], None),
        ([], None),
    ],
)
def test_mittelwert_gewichtet_nach_fallzahl_wenn_jede_periode_eine_hat(werte, erwartet):
    assert mittelwert(werte) == erwartet


@pytest.mark.parametrize(
    ("messart", "werte", "erwartet"),
    [
        ("summe", [pw(T1, "656"), pw(T2, "660"), pw(T3, "420")], D("1736")),
        ("summe", [pw(T1, "656"), pw(T2, None)], None),  # a gap: no honest sum
        ("bestand", [pw(T1, "40"), pw(T3, "42"), pw(T2, "41")], D("42")),  # the latest Stichtag
        ("bestand", [pw(T1, "40"), pw(T2, None)], D("40")),
        ("bestand", [pw(T1, None)], None),
        ("quote", [pw(T1, "10", z="1", n="10"), pw(T2, "20", z="3", n="10")], D("20")),
        ("quote", [pw(T1, None), pw(T2, "30", z="3", n="10")], D("30")),  # a period without a value
        ("quote", [pw(T1, "10"), pw(T2, "30", z="3", n="10")], None),  # a typed rate cannot be weighted
        ("quote", [pw(T1, None)], None),
        ("mittelwert", [pw(T1, "10", f="30"), pw(T2, "20", f="10")], D("12.5")),
        ("summe", [], None),
    ],
)
def test_wert_ueber_perioden_je_messart(messart, werte, erwartet):
    assert ueber_perioden(werte, messart=messart, skalierung=D("100")) == erwartet


@pytest.mark.parametrize(
    ("messart", "werte", "erwartet"),
    [
        ("summe", [pw(T1, "100"), pw(T1, "50")], D("150")),
        ("bestand", [pw(T1, "100"), pw(T1, "50")], D("150")),
        ("bestand", [pw(T1, "100"), pw(T1, None)], None),  # a unit without a value: no partial total
        ("quote", [pw(T1, "10", z="1", n="10"), pw(T1, "50", z="500", n="1000")], D("49.60396039603960396039603960")),
        ("mittelwert", [pw(T1, "10", f="30"), pw(T1, "20", f="10")], D("12.5")),
        ("mittelwert", [pw(T1, "10", f="30"), pw(T1, None)], None),
        ("summe", [], None),
    ],
)
def test_wert_ueber_einheiten_je_messart(messart, werte, erwartet):
    assert ueber_einheiten(werte, messart=messart, skalierung=D("100")) == erwartet


def _eingabe(**werte):
    standard = {
        "messart": "quote",
        "skalierung": D("100"),
        "wert": None,
        "zaehler": None,
        "nenner": None,
        "fallzahl": None,
        "fehlt_begruendung": "",
        "entwurf": False,
        "sorgenampel": False,
    }
    return messwert_eingabe(**{**standard, **werte})


@pytest.mark.parametrize(
    ("eingabe", "erwartet"),
    [
        ({"zaehler": D("25"), "nenner": D("200")}, Eingabepruefung(D("12.5000"))),
        ({"zaehler": D("1"), "nenner": D("3")}, Eingabepruefung(D("33.3333"))),  # stored to 4 places
        ({"zaehler": D("2"), "nenner": D("3")}, Eingabepruefung(D("66.6667"))),  # half up
        ({"zaehler": D("1"), "nenner": D("3"), "skalierung": D("1000")}, Eingabepruefung(D("333.3333"))),
        ({"zaehler": D("1"), "nenner": D("3"), "wert": D("33.33")}, Eingabepruefung(D("33.3333"))),  # agrees
        ({"zaehler": D("1"), "nenner": D("3"), "wert": D("33.338")}, Eingabepruefung(D("33.3333"))),  # ≤ 0,005
        ({"wert": D("12.5")}, Eingabepruefung(D("12.5"))),  # a typed rate without counts stays possible
        ({"messart": "summe", "wert": D("-3")}, Eingabepruefung(D("-3"))),
        ({"messart": "mittelwert", "wert": D("9.5"), "fallzahl": D("40")}, Eingabepruefung(D("9.5"))),
        ({"messart": "mittelwert", "wert": D("9.5"), "fallzahl": D("0")}, Eingabepruefung(D("9.5"))),
        ({"fehlt_begruendung": "Statistik liegt erst im März vor"}, Eingabepruefung(None)),
        ({"entwurf": True}, Eingabepruefung(None)),  # a draft may still be empty
        ({"sorgenampel": True}, Eingabepruefung(None)),  # a Sorgenampel before the number
    ],
)
def test_gueltige_eingaben_ergeben_den_zu_speichernden_wert(eingabe, erwartet):
    assert _eingabe(**eingabe) == erwartet


@pytest.mark.parametrize(
    ("eingabe", "feld", "meldung"),
    [
        ({"zaehler": D("1"), "nenner": D("0")}, "nenner", "Der Nenner muss größer als 0 sein."),
        ({"zaehler": D("1"), "nenner": D("-2")}, "nenner", "Der Nenner muss größer als 0 sein."),
        ({"zaehler": D("1")}, "nenner", "Zum Zähler fehlt der Nenner."),
        ({"nenner": D("4")}, "zaehler", "Zum Nenner fehlt der Zähler."),
        ({"zaehler": D("-1"), "nenner": D("4")}, "zaehler", "Der Zähler darf nicht negativ sein."),
        (
            {"messart": "bestand", "zaehler": D("1"), "nenner": D("4")},
            "zaehler",
            "Zähler und Nenner gibt es nur bei einer Kennzahl der Messart Quote.",
        ),
        (
            {"zaehler": D("1"), "nenner": D("3"), "wert": D("33.34")},
            "wert",
            "Der Wert 33,34 passt nicht zu Zähler und Nenner (1 / 3 × 100 = 33,33). "
            "Lassen Sie den Wert leer, er wird berechnet.",
        ),
        (
            {"zaehler": D("2.5"), "nenner": D("1000"), "wert": D("3"), "skalierung": D("1000")},
            "wert",
            "Der Wert 3,00 passt nicht zu Zähler und Nenner (2,50 / 1.000 × 1.000 = 2,50). "
            "Lassen Sie den Wert leer, er wird berechnet.",
        ),
        (
            {"fallzahl": D("3"), "wert": D("1")},
            "fallzahl",
            "Eine Fallzahl gibt es nur bei einer Kennzahl der Messart Mittelwert.",
        ),
        (
            {"messart": "mittelwert", "fallzahl": D("-3"), "wert": D("1")},
            "fallzahl",
            "Die Fallzahl darf nicht negativ sein.",
        ),
        (
            {"wert": D("12"), "fehlt_begruendung": "kommt später"},
            "fehlt_begruendung",
            "Ein Wert und eine Begründung, warum er fehlt, schließen sich aus. Bitte nur eines angeben.",
        ),
        (
            {"zaehler": D("1"), "nenner": D("4"), "fehlt_begruendung": "kommt später"},
            "fehlt_begruendung",
            "Ein Wert und eine Begründung, warum er fehlt, schließen sich aus. Bitte nur eines angeben.",
        ),
        (
            {"fehlt_begruendung": "   "},
            "wert",
            "Bitte einen Wert eingeben oder begründen, warum er fehlt. "
            "Ohne beides können Sie nur als Entwurf speichern.",
        ),
    ],
)
def test_widerspruechliche_eingaben_nennen_das_feld_auf_deutsch(eingabe, feld, meldung):
    ergebnis = _eingabe(**eingabe)
    assert ergebnis.fehler == {feld: meldung}
