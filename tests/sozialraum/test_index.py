"""The composite index contract (issue 7), table-driven with exact Decimal values."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from sozialraum.index import (
    GRUND_EINWOHNER_UNBEKANNT,
    GRUND_KEINE_WERTE,
    GRUND_ZU_KLEIN,
    HOCH_IST_GUT,
    IndikatorEingabe,
    RaumEingabe,
    sozialraumindex,
    standardabweichung,
    standardwert,
)

PROBLEM = IndikatorEingabe("i1")
GUT = IndikatorEingabe("gut", richtung=HOCH_IST_GUT)


def raum(name, werte, einwohner=5000):
    return RaumEingabe(name, name, einwohner, werte)


def ergebnis_als_tabelle(ergebnis):
    return [(z.name, z.index, z.rang, z.handlungsbedarf) for z in ergebnis.raeume]


FAELLE = [
    pytest.param(
        [raum("A", {"i1": D(1)}), raum("B", {"i1": D(2)}), raum("C", {"i1": D(3)})],
        [PROBLEM],
        {},
        [("C", D("1.2247"), 1, True), ("B", D("0.0000"), 2, False), ("A", D("-1.2247"), 3, False)],
        id="z-werte-mit-populationsstandardabweichung",
    ),
    pytest.param(
        [raum("A", {"gut": D(0)}), raum("B", {"gut": D(2)})],
        [GUT],
        {},
        [("A", D("1.0000"), 1, True), ("B", D("-1.0000"), 2, False)],
        id="hoch-ist-gut-dreht-das-vorzeichen-und-schwelle-gilt-inklusive",
    ),
    pytest.param(
        [raum("A", {"i1": D(5)}), raum("B", {"i1": D(5)})],
        [PROBLEM],
        {},
        [("A", D("0.0000"), 1, False), ("B", D("0.0000"), 2, False)],
        id="standardabweichung-null-gibt-null-und-gleichstand-nach-name",
    ),
    pytest.param(
        [
            raum("A", {"i1": D(0), "i2": D(10)}),
            raum("B", {"i1": D(2), "i2": D(10)}),
            raum("C", {"i2": D(40)}),
        ],
        [PROBLEM, IndikatorEingabe("i2", gewicht=D(3))],
        {},
        [("C", D("1.4142"), 1, True), ("B", D("-0.2803"), 2, False), ("A", D("-0.7803"), 3, False)],
        id="fehlende-werte-und-gewichte",
    ),
    pytest.param(
        [raum("Bergviertel", {"i1": D(4)}), raum("Altstadt", {"i1": D(4)}), raum("Zeche", {"i1": D(1)})],
        [PROBLEM],
        {},
        [
            ("Altstadt", D("0.7071"), 1, False),
            ("Bergviertel", D("0.7071"), 2, False),
            ("Zeche", D("-1.4142"), 3, False),
        ],
        id="gleichstand-nach-name",
    ),
    pytest.param(
        [raum("A", {"i1": D(1)}), raum("B", {"i1": D(2)}), raum("C", {"i1": D(3)})],
        [PROBLEM],
        {"anzahl": 2},
        [("C", D("1.2247"), 1, True), ("B", D("0.0000"), 2, True), ("A", D("-1.2247"), 3, False)],
        id="anzahl-markiert-die-ersten-raeume",
    ),
    pytest.param(
        [raum("A", {"i1": D(1)}), raum("B", {"i1": D(3)})],
        [PROBLEM],
        {"anzahl": 0},
        [("B", D("1.0000"), 1, False), ("A", D("-1.0000"), 2, False)],
        id="anzahl-null-markiert-keinen",
    ),
    pytest.param(
        [raum("A", {"i1": D(1)}), raum("B", {"i1": D(3)})],
        [PROBLEM],
        {"schwelle": D("-2")},
        [("B", D("1.0000"), 1, True), ("A", D("-1.0000"), 2, True)],
        id="eigene-schwelle",
    ),
    pytest.param(
        [raum("A", {"i1": D(10), "gut": D(10)}), raum("B", {"i1": D(30), "gut": D(30)})],
        [PROBLEM, GUT],
        {"methode": "abweichung"},
        [("A", D("0.0000"), 1, False), ("B", D("0.0000"), 2, False)],
        id="abweichung-gegenlaeufige-indikatoren-heben-sich-auf",
    ),
    pytest.param(
        [raum("A", {"i1": D(10)}), raum("B", {"i1": D(30)}), raum("C", {"i1": D(20)})],
        [PROBLEM],
        {"methode": "abweichung", "schwelle": D("0.5")},
        [("B", D("0.5000"), 1, True), ("C", D("0.0000"), 2, False), ("A", D("-0.5000"), 3, False)],
        id="abweichung-vom-mittelwert",
    ),
    pytest.param(
        [raum("A", {"i1": D(-1)}), raum("B", {"i1": D(1)})],
        [PROBLEM],
        {"methode": "abweichung"},
        [("A", D("0.0000"), 1, False), ("B", D("0.0000"), 2, False)],
        id="abweichung-mittelwert-null-gibt-null",
    ),
    pytest.param(
        [raum("A", {"i1": D(0), "null": D(100)}), raum("B", {"i1": D(2), "null": D(0)})],
        [PROBLEM, IndikatorEingabe("null", gewicht=D(0))],
        {},
        [("B", D("1.0000"), 1, True), ("A", D("-1.0000"), 2, False)],
        id="gewicht-null-zaehlt-nicht",
    ),
]


@pytest.mark.parametrize(("raeume", "indikatoren", "optionen", "erwartet"), FAELLE)
def test_index_nach_vertrag(raeume, indikatoren, optionen, erwartet):
    assert ergebnis_als_tabelle(sozialraumindex(raeume=raeume, indikatoren=indikatoren, **optionen)) == erwartet


def test_kleine_raeume_werden_ausgeschlossen_und_zaehlen_nicht_zum_mittelwert():
    ergebnis = sozialraumindex(
        raeume=[
            raum("A", {"i1": D(0)}, einwohner=1000),
            raum("B", {"i1": D(2)}, einwohner=1500),
            raum("Klein", {"i1": D(1000)}, einwohner=999),
            raum("Unbekannt", {"i1": D(1000)}, einwohner=None),
            raum("Leer", {}, einwohner=4000),
        ],
        indikatoren=[PROBLEM],
    )
    assert ergebnis_als_tabelle(ergebnis) == [("B", D("1.0000"), 1, True), ("A", D("-1.0000"), 2, False)]
    assert [(a.name, a.einwohner, a.grund) for a in ergebnis.ausgeschlossen] == [
        ("Klein", 999, GRUND_ZU_KLEIN),
        ("Unbekannt", None, GRUND_EINWOHNER_UNBEKANNT),
        ("Leer", 4000, GRUND_KEINE_WERTE),
    ]
    assert ergebnis.mittelwerte == {"i1": D(1)}
    assert ergebnis.standardabweichungen == {"i1": D(1)}


def test_mindesteinwohner_ist_einstellbar():
    ergebnis = sozialraumindex(
        raeume=[raum("A", {"i1": D(0)}, 50), raum("B", {"i1": D(2)}, 60)], indikatoren=[PROBLEM], mindesteinwohner=55
    )
    assert [z.name for z in ergebnis.raeume] == ["B"]
    assert [a.name for a in ergebnis.ausgeschlossen] == ["A"]


def test_beitraege_je_indikator_werden_mitgeliefert():
    ergebnis = sozialraumindex(raeume=[raum("A", {"gut": D(0)}), raum("B", {"gut": D(2)})], indikatoren=[GUT])
    assert ergebnis.raeume[0].beitraege == {"gut": D(1)}


@pytest.mark.parametrize(
    ("werte", "erwartet"),
    [([D(2), D(4), D(4), D(4), D(5), D(5), D(7), D(9)], D(2)), ([D(3)], D(0)), ([D(1), D(3)], D(1))],
)
def test_standardabweichung_teilt_durch_n(werte, erwartet):
    assert standardabweichung(werte) == erwartet


def test_unbekannte_methode_wird_abgelehnt():
    with pytest.raises(ValueError, match="Unbekannte Methode"):
        sozialraumindex(raeume=[], indikatoren=[], methode="median")
    with pytest.raises(ValueError, match="Unbekannte Methode"):
        standardwert(D(1), mittel=D(1), streuung=D(1), richtung="x", methode="median")


def test_negative_anzahl_wird_abgelehnt():
    with pytest.raises(ValueError, match="nicht negativ"):
        sozialraumindex(raeume=[], indikatoren=[], anzahl=-1)


def test_leere_eingabe_gibt_leeres_ergebnis():
    ergebnis = sozialraumindex(raeume=[], indikatoren=[PROBLEM])
    assert (ergebnis.raeume, ergebnis.ausgeschlossen, ergebnis.mittelwerte) == ([], [], {})
