"""The consolidation curve contract: worked example of the issue plus table-driven edge cases."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from controlling.verlauf import (
    ANNAEHERUNGSPHASE,
    INVESTPHASE,
    UEBERSCHUSSPHASE,
    Fall,
    amortisation,
    horizont_ende,
    soll_verteilen,
    verlauf_berechnen,
)

HEUTE = date(2026, 11, 21)


def beispiel(**aenderungen):
    werte = {
        "beginn": date(2024, 2, 10),
        "ende": None,
        "personalkosten_jahr": D("60000.00"),
        "soll": {2024: D("50000.00"), 2025: D("90000.00")},
        "faelle": [
            Fall(date(2024, 3, 1), None, D("3000.00"), D("500.00")),
            Fall(date(2024, 4, 16), date(2024, 9, 30), D("4000.00")),
            Fall(date(2024, 11, 20), None, D("4200.00")),
        ],
        "heute": HEUTE,
    }
    werte.update(aenderungen)
    return verlauf_berechnen(**werte)


@pytest.mark.parametrize(
    ("monat", "soll", "brutto", "personalkosten", "netto", "phase"),
    [
        ("2024-02", "3067.48", "0.00", "3448.28", "-3448.28", INVESTPHASE),
        ("2024-04", "4601.23", "4500.00", "5000.00", "-500.00", INVESTPHASE),
        ("2024-05", "4754.60", "6500.00", "5000.00", "1500.00", UEBERSCHUSSPHASE),
        ("2024-11", "4601.23", "4040.00", "5000.00", "-960.00", INVESTPHASE),
        ("2025-01", "7643.84", "6700.00", "5000.00", "1700.00", ANNAEHERUNGSPHASE),
    ],
)
def test_rechenbeispiel_monatswerte_entsprechen_dem_vertrag(monat, soll, brutto, personalkosten, netto, phase):
    werte = {m.monat: m for m in beispiel().monate}
    m = werte[monat]
    assert (m.soll, m.brutto, m.personalkosten, m.netto, m.phase) == (
        D(soll),
        D(brutto),
        D(personalkosten),
        D(netto),
        phase,
    )


def test_rechenbeispiel_jahressummen_und_amortisation():
    verlauf = beispiel()
    jahre = {j.jahr: j for j in verlauf.jahre}
    assert (jahre[2024].soll, jahre[2024].brutto, jahre[2024].personalkosten, jahre[2024].netto) == (
        D("50000.00"),
        D("52740.00"),
        D("53448.28"),
        D("-708.28"),
    )
    assert jahre[2025].netto == D("20400.00")
    assert jahre[2025].soll == D("90000.00")
    assert verlauf.amortisation == "2025-01"


def test_rechenbeispiel_laeuft_bis_dezember_des_letzten_solljahres_mit_kumulierten_summen():
    verlauf = beispiel()
    assert verlauf.monate[0].monat == "2024-02"
    assert verlauf.monate[-1].monat == "2025-12"
    assert len(verlauf.monate) == 23
    letzter = verlauf.monate[-1]
    assert letzter.soll_kumuliert == D("140000.00")
    assert letzter.brutto_kumuliert == D("52740.00") + D("80400.00")
    assert letzter.netto_kumuliert == D("-708.28") + D("20400.00")
    # Cumulative netto went positive in 2024-09 but fell back: amortisation is only 2025-01.
    werte = {m.monat: m for m in verlauf.monate}
    assert werte["2024-09"].netto_kumuliert == D("1051.72")
    assert werte["2024-10"].netto_kumuliert == D("-1448.28")


@pytest.mark.parametrize(
    ("betrag", "gewichte", "erwartet"),
    [
        ("1.00", [1, 1, 1], ["0.34", "0.33", "0.33"]),  # tie: the earlier month gets the cent
        ("0.02", [1, 1, 1], ["0.01", "0.01", "0.00"]),
        ("100.00", [0, 31, 0], ["0.00", "100.00", "0.00"]),
        ("100.00", [0, 0, 0], ["0.00", "0.00", "0.00"]),
        ("10.00", [29, 31, 30], ["3.22", "3.45", "3.33"]),
        ("0.00", [31, 30], ["0.00", "0.00"]),
    ],
)
def test_soll_wird_nach_groesstem_rest_auf_cent_genau_verteilt(betrag, gewichte, erwartet):
    verteilt = soll_verteilen(D(betrag), gewichte)
    assert verteilt == [D(e) for e in erwartet]
    if any(gewichte):
        assert sum(verteilt) == D(betrag)


def test_schaltjahr_februar_hat_29_tage():
    verlauf = verlauf_berechnen(
        beginn=date(2024, 2, 1),
        ende=None,
        personalkosten_jahr=D("12000.00"),
        soll={2024: D("33500.00")},
        faelle=[Fall(date(2024, 2, 15), None, D("2900.00"))],
        heute=HEUTE,
    )
    feb = verlauf.monate[0]
    assert feb.personalkosten == D("1000.00")
    assert feb.brutto == D("1500.00")  # 15 of 29 days × 2.900
    assert feb.soll == D("2900.00")  # 29 of 335 days × 33.500 (leap year: Feb–Dec has 335 days)
    assert sum(m.soll for m in verlauf.monate) == D("33500.00")


def test_nicht_schaltjahr_februar_hat_28_tage():
    verlauf = verlauf_berechnen(
        beginn=date(2025, 2, 1),
        ende=date(2025, 2, 28),
        personalkosten_jahr=D("12000.00"),
        soll={2025: D("2800.00")},
        faelle=[Fall(date(2025, 2, 15), None, D("2800.00"))],
        heute=HEUTE,
    )
    feb = verlauf.monate[0]
    assert feb.monat == "2025-02"
    assert (feb.soll, feb.brutto, feb.personalkosten) == (D("2800.00"), D("1400.00"), D("1000.00"))
    # Measure ended in February: no staff cost, no Soll afterwards, the open case still counts.
    maerz = verlauf.monate[1]
    assert (maerz.soll, maerz.personalkosten, maerz.brutto) == (D("0.00"), D("0.00"), D("2800.00"))


def test_massnahme_endet_mitten_im_monat():
    verlauf = verlauf_berechnen(
        beginn=date(2025, 1, 1),
        ende=date(2025, 6, 15),
        personalkosten_jahr=D("60000.00"),
        soll={2025: D("18100.00")},
        faelle=[],
        heute=HEUTE,
    )
    werte = {m.monat: m for m in verlauf.monate}
    assert werte["2025-06"].personalkosten == D("2500.00")
    assert werte["2025-07"].personalkosten == D("0.00")
    # 166 days of effect time: January 31/166 of 18.100.
    assert werte["2025-01"].soll == D("3380.12")
    assert werte["2025-06"].soll == D("1635.54")
    assert werte["2025-07"].soll == D("0.00")
    assert sum(m.soll for m in verlauf.monate) == D("18100.00")
    assert verlauf.jahre[0].personalkosten == D("27500.00")


def test_ohne_soll_laeuft_der_horizont_bis_dezember_des_laufenden_jahres():
    verlauf = verlauf_berechnen(
        beginn=date(2026, 10, 5),
        ende=None,
        personalkosten_jahr=D("12000.00"),
        soll={},
        faelle=[Fall(date(2026, 11, 1), None, D("1000.00"))],
        heute=HEUTE,
    )
    assert [m.monat for m in verlauf.monate] == ["2026-10", "2026-11", "2026-12"]
    assert all(m.soll == D("0.00") for m in verlauf.monate)
    nov = verlauf.monate[1]
    assert nov.phase == UEBERSCHUSSPHASE  # netto ≥ 0 and brutto ≥ soll (0)
    assert verlauf.monate[0].personalkosten == D("870.97")  # 27 of 31 days × 1.000


def test_ohne_faelle_bleibt_die_massnahme_in_der_investphase():
    verlauf = verlauf_berechnen(
        beginn=date(2025, 1, 1),
        ende=None,
        personalkosten_jahr=D("120000.00"),
        soll={2025: D("100000.00")},
        faelle=[],
        heute=HEUTE,
    )
    assert all(m.brutto == D("0.00") and m.phase == INVESTPHASE for m in verlauf.monate)
    assert verlauf.jahre[0].netto == D("-120000.00")
    assert verlauf.amortisation is None


def test_ohne_personal_und_ohne_wirkung_ist_die_annaeherungsphase_nur_bei_soll_moeglich():
    verlauf = verlauf_berechnen(
        beginn=date(2025, 1, 1),
        ende=None,
        personalkosten_jahr=D("0.00"),
        soll={2025: D("1200.00")},
        faelle=[],
        heute=HEUTE,
    )
    assert verlauf.monate[0].phase == ANNAEHERUNGSPHASE
    assert verlauf.amortisation == "2025-01"


def test_fall_ohne_wirkungsbeginn_zaehlt_nicht_und_fall_vor_massnahmenbeginn_wird_abgeschnitten():
    verlauf = verlauf_berechnen(
        beginn=date(2025, 3, 16),
        ende=None,
        personalkosten_jahr=D("0.00"),
        soll={2025: D("0.00")},
        faelle=[
            Fall(None, None, D("9999.00")),
            Fall(date(2025, 1, 1), date(2025, 2, 1), D("9999.00")),  # entirely before the measure
            Fall(date(2025, 1, 1), None, D("3100.00"), D("0.00")),  # clipped to 16.03.
        ],
        heute=HEUTE,
    )
    assert verlauf.monate[0].monat == "2025-03"
    assert verlauf.monate[0].brutto == D("1600.00")
    assert verlauf.monate[1].brutto == D("3100.00")


def test_neue_kosten_ueber_vermiedenen_kosten_ergeben_negatives_brutto():
    verlauf = verlauf_berechnen(
        beginn=date(2025, 1, 1),
        ende=None,
        personalkosten_jahr=D("0.00"),
        soll={2025: D("0.00")},
        faelle=[Fall(date(2025, 1, 1), None, D("100.00"), D("400.00"))],
        heute=HEUTE,
    )
    assert verlauf.monate[0].brutto == D("-300.00")
    assert verlauf.monate[0].phase == INVESTPHASE


def test_bis_ueberschreibt_den_horizont():
    verlauf = beispiel(bis=(2024, 6))
    assert [m.monat for m in verlauf.monate][-1] == "2024-06"
    # Soll per month does not depend on the horizon.
    assert verlauf.monate[0].soll == D("3067.48")
    assert verlauf.jahre[0].soll == sum(m.soll for m in verlauf.monate)


@pytest.mark.parametrize(
    ("aenderung", "meldung"),
    [
        ({"bis": (2024, 1)}, "vor dem Beginn der Maßnahme"),
        ({"bis": (2044, 2)}, "240 Monate"),
        ({"ende": date(2024, 2, 9)}, "Ende der Maßnahme"),
        ({"faelle": [Fall(date(2024, 5, 2), date(2024, 5, 1), D("1.00"))]}, "Wirkungsende eines Falls"),
    ],
)
def test_ungueltige_eingaben_werden_mit_deutscher_meldung_abgelehnt(aenderung, meldung):
    with pytest.raises(ValueError, match=meldung):
        beispiel(**aenderung)


def test_horizont_von_genau_240_monaten_ist_erlaubt():
    assert horizont_ende(beginn=date(2024, 2, 10), soll_jahre=[], heute=HEUTE, bis=(2044, 1)) == date(2044, 1, 31)


def test_amortisation_ist_leer_wenn_der_verlauf_negativ_endet():
    verlauf = beispiel(bis=(2024, 12))
    assert verlauf.monate[-1].netto_kumuliert == D("-708.28")
    assert verlauf.amortisation is None
    assert amortisation([]) is None


def test_zweimal_gerechnet_ergibt_identische_werte():
    assert beispiel() == beispiel()
