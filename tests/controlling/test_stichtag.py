"""Reading a curve at a Stichtag: Ist/Prognose split, year sums, amortisation, phases as a sequence.

Pure functions, no database. The worked examples of issue "HSK-Controlling II" are table tests.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from controlling.stichtag import (
    IST,
    PROGNOSE,
    am_stichtag,
    monat_art,
    phasenfolge,
    standard_stichtag,
    stichtag_lesen,
)
from controlling.verlauf import ANNAEHERUNGSPHASE, INVESTPHASE, UEBERSCHUSSPHASE
from tests.controlling.test_verlauf import beispiel

INV, ANN, UEB = INVESTPHASE, ANNAEHERUNGSPHASE, UEBERSCHUSSPHASE
KUERZEL = {"I": INV, "A": ANN, "U": UEB}


def folge(text: str) -> list[str]:
    return [KUERZEL[k] for k in text.split()]


def test_phasenfolge_rechenbeispiel_der_issue():
    ergebnis = phasenfolge(folge("I I A A U A U U U A A A"))
    assert [p for p, _ in ergebnis] == folge("I I I I A A A A U U U A")
    assert [r for _, r in ergebnis] == [False] * 11 + [True]


@pytest.mark.parametrize(
    ("kandidaten", "phasen", "rueckfaelle"),
    [
        ("", "", []),
        # The first two months cannot change the phase: a change needs three existing months.
        ("U U", "I I", [False, False]),
        ("U U U", "I I U", [False] * 3),
        # Three above the Investphase, the lowest of them wins.
        ("A U U", "I I A", [False] * 3),
        ("U A U U", "I I A A", [False] * 4),
        # One weak month does not label a mature measure "Investphase".
        ("U U U I U U", "I I U U U U", [False] * 6),
        # Three months below: a Rückfall to the highest of them.
        ("U U U I A I", "I I U U U A", [False] * 5 + [True]),
        ("U U U I I I", "I I U U U I", [False] * 5 + [True]),
        # Mixed around the phase: it stays.
        ("A A A I U I", "I I A A A A", [False] * 6),
        # Candidates equal to the phase are neither above nor below.
        ("A A A A A A", "I I A A A A", [False] * 6),
        ("I I I", "I I I", [False] * 3),
    ],
)
def test_phasenfolge_tabelle(kandidaten, phasen, rueckfaelle):
    ergebnis = phasenfolge(folge(kandidaten) if kandidaten else [])
    assert [p for p, _ in ergebnis] == (folge(phasen) if phasen else [])
    assert [r for _, r in ergebnis] == rueckfaelle


@pytest.mark.parametrize(
    ("monat", "stichtag", "art"),
    [
        ("2024-08", date(2024, 8, 31), IST),
        ("2024-08", date(2024, 8, 30), PROGNOSE),
        ("2024-09", date(2024, 8, 31), PROGNOSE),
        ("2024-02", date(2024, 2, 29), IST),  # leap year
        ("2025-02", date(2025, 2, 28), IST),
        ("2023-12", date(2024, 1, 1), IST),
    ],
)
def test_monat_ist_ist_wenn_sein_letzter_tag_nicht_nach_dem_stichtag_liegt(monat, stichtag, art):
    assert monat_art(monat, stichtag=stichtag) == art


@pytest.mark.parametrize(
    ("heute", "stichtag"),
    [
        (date(2026, 11, 30), date(2026, 10, 31)),
        (date(2026, 12, 1), date(2026, 11, 30)),
        (date(2026, 1, 15), date(2025, 12, 31)),
        (date(2024, 3, 1), date(2024, 2, 29)),
    ],
)
def test_standard_stichtag_ist_der_letzte_tag_des_vormonats(heute, stichtag):
    assert standard_stichtag(heute=heute) == stichtag


def test_stichtag_wird_als_iso_datum_gelesen():
    assert stichtag_lesen(" 2024-08-31 ") == date(2024, 8, 31)


@pytest.mark.parametrize(
    ("text", "meldung"),
    [
        ("", "Stichtag als Datum"),
        ("31.08.2024", "Stichtag als Datum"),
        ("2024-8-31", "Stichtag als Datum"),
        ("2024-02-30", "Stichtag als Datum"),
        ("2024-13-01", "Stichtag als Datum"),
        ("gestern", "Stichtag als Datum"),
        ("1999-12-31", "zwischen 2000 und 2100"),
        ("2101-01-01", "zwischen 2000 und 2100"),
    ],
)
def test_ungueltiger_stichtag_wird_deutsch_abgelehnt(text, meldung):
    with pytest.raises(ValueError, match=meldung):
        stichtag_lesen(text)


# The first HSK issue's worked example read at Stichtag 2024-08-31: Ist up to 2024-08, Prognose after.
AUGUST = [
    # monat, art, phase_kandidat, phase
    ("2024-02", IST, INV, INV),
    ("2024-03", IST, INV, INV),
    ("2024-04", IST, INV, INV),
    ("2024-05", IST, UEB, INV),
    ("2024-06", IST, UEB, INV),
    ("2024-07", IST, UEB, UEB),
    ("2024-08", IST, UEB, UEB),
    ("2024-09", PROGNOSE, UEB, None),
    ("2024-10", PROGNOSE, INV, None),
    ("2024-11", PROGNOSE, INV, None),
    ("2024-12", PROGNOSE, UEB, None),
    *[(f"2025-{m:02d}", PROGNOSE, ANN, None) for m in range(1, 13)],
]


def test_rechenbeispiel_am_stichtag_2024_08_31_monate():
    gelesen = am_stichtag(beispiel().monate, stichtag=date(2024, 8, 31))
    assert [(m.monat, m.art, m.phase_kandidat, m.phase) for m in gelesen.monate] == AUGUST
    assert not any(m.rueckfall for m in gelesen.monate)
    # The stored values themselves do not change with the Stichtag.
    assert [m.netto_kumuliert for m in gelesen.monate] == [m.netto_kumuliert for m in beispiel().monate]


@pytest.mark.parametrize(
    ("jahr", "feld", "wert"),
    [
        (2024, "soll", "50000.00"),
        (2024, "soll_bis_stichtag", "31288.34"),  # 3.067,48 + 4 × 4.754,60 + 2 × 4.601,23 (February to August)
        (2024, "brutto_ist", "33000.00"),
        (2024, "personalkosten_ist", "33448.28"),
        (2024, "netto_ist", "-448.28"),
        (2024, "brutto_prognose", "52740.00"),
        (2024, "personalkosten_prognose", "53448.28"),
        (2024, "netto_prognose", "-708.28"),
        (2025, "soll", "90000.00"),
        (2025, "soll_bis_stichtag", "0.00"),
        (2025, "brutto_ist", "0.00"),
        (2025, "personalkosten_ist", "0.00"),
        (2025, "netto_ist", "0.00"),
        (2025, "brutto_prognose", "80400.00"),
        (2025, "personalkosten_prognose", "60000.00"),
        (2025, "netto_prognose", "20400.00"),
    ],
)
def test_rechenbeispiel_am_stichtag_2024_08_31_jahre(jahr, feld, wert):
    gelesen = am_stichtag(beispiel().monate, stichtag=date(2024, 8, 31))
    assert getattr(gelesen.jahr(jahr), feld) == D(wert)


def test_rechenbeispiel_am_stichtag_2024_08_31_phase_und_amortisation():
    gelesen = am_stichtag(beispiel().monate, stichtag=date(2024, 8, 31))
    assert gelesen.stichtag == date(2024, 8, 31)
    assert (gelesen.aktuelle_phase, gelesen.aktuelle_phase_seit, gelesen.rueckfall_seit) == (UEB, "2024-07", None)
    # Cumulative netto at 2024-08 is −448,28: not amortised up to the Stichtag, by the forecast from 2025-01.
    assert gelesen.amortisation is None
    assert gelesen.amortisation_prognose == "2025-01"
    assert [m.monat for m in gelesen.ist_monate][-1] == "2024-08"


def test_rechenbeispiel_nach_dem_horizont_ist_alles_ist_mit_rueckfall_in_die_annaeherung():
    gelesen = am_stichtag(beispiel().monate, stichtag=date(2026, 10, 31))
    assert all(m.art == IST for m in gelesen.monate)
    phasen = {m.monat: (m.phase, m.rueckfall) for m in gelesen.monate}
    assert phasen["2025-02"] == (UEB, False)
    assert phasen["2025-03"] == (ANN, True)
    assert (gelesen.aktuelle_phase, gelesen.aktuelle_phase_seit, gelesen.rueckfall_seit) == (ANN, "2025-03", "2025-03")
    assert gelesen.amortisation == gelesen.amortisation_prognose == "2025-01"
    for j in gelesen.jahre:
        assert (j.soll_bis_stichtag, j.brutto_ist, j.netto_ist) == (j.soll, j.brutto_prognose, j.netto_prognose)


def test_amortisation_zaehlt_nur_bis_zum_letzten_ist_monat():
    # Cumulative netto is positive at 2024-09 but falls back in 2024-10.
    september = am_stichtag(beispiel().monate, stichtag=date(2024, 9, 30))
    oktober = am_stichtag(beispiel().monate, stichtag=date(2024, 10, 31))
    assert september.amortisation == "2024-09"
    assert oktober.amortisation is None
    assert september.amortisation_prognose == oktober.amortisation_prognose == "2025-01"


def test_stichtag_vor_dem_beginn_ergibt_nur_prognose():
    gelesen = am_stichtag(beispiel().monate, stichtag=date(2024, 1, 31))
    assert {m.art for m in gelesen.monate} == {PROGNOSE}
    assert all(m.phase is None and not m.rueckfall for m in gelesen.monate)
    assert (gelesen.aktuelle_phase, gelesen.aktuelle_phase_seit, gelesen.amortisation) == (None, None, None)
    assert gelesen.amortisation_prognose == "2025-01"
    assert gelesen.jahr(2024).brutto_ist == D("0.00")
    assert gelesen.jahr(2024).brutto_prognose == D("52740.00")


def test_stichtag_mitten_im_monat_zaehlt_den_monat_als_prognose():
    gelesen = am_stichtag(beispiel().monate, stichtag=date(2024, 8, 30))
    assert gelesen.ist_monate[-1].monat == "2024-07"


def test_leerer_verlauf():
    gelesen = am_stichtag([], stichtag=date(2026, 10, 31))
    assert (gelesen.monate, gelesen.jahre, gelesen.aktuelle_phase, gelesen.amortisation) == ([], [], None, None)
    assert gelesen.amortisation_prognose is None
    assert gelesen.jahr(2026) is None


@pytest.mark.parametrize("stichtag", [date(2024, 1, 31), date(2024, 5, 31), date(2024, 12, 31), date(2025, 6, 30)])
def test_jahressummen_sind_summen_der_monate(stichtag):
    gelesen = am_stichtag(beispiel().monate, stichtag=stichtag)
    for j in gelesen.jahre:
        monate = [m for m in gelesen.monate if m.jahr == j.jahr]
        ist = [m for m in monate if m.ist]
        assert j.soll == sum((m.soll for m in monate), D("0"))
        assert j.soll_bis_stichtag == sum((m.soll for m in ist), D("0"))
        assert j.netto_ist == sum((m.netto for m in ist), D("0"))
        assert j.netto_prognose == sum((m.netto for m in monate), D("0"))
        assert j.brutto_ist - j.personalkosten_ist == j.netto_ist
