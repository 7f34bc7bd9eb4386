"""Report sections contributed by higher apps: data, blocking points and Excel sheets."""

from __future__ import annotations

from datetime import date

import pytest

from core import periods
from steuerung.berichte import abschnitte


@pytest.fixture
def probeabschnitt(monkeypatch):
    register: dict = {}
    monkeypatch.setattr(abschnitte, "_REGISTER", register)
    aufrufe = []

    def bauen(*, organisationseinheit, periode, stichtag):
        aufrufe.append(stichtag)
        return {"summe": "12.00"} if organisationseinheit == "mit" else None

    abschnitte.registrieren(
        abschnitte.Abschnitt(
            schluessel="probe",
            titel="Probe",
            vorlage="probe.html",
            bauen=bauen,
            offene_punkte=lambda *, organisationseinheit, periode: ["Begründung fehlt."],
            excel_blaetter=lambda daten: [("Probe", ["Summe"], [[daten["summe"]]])],
        )
    )
    return aufrufe


def test_abschnitt_wird_am_stichtag_des_berichts_gebaut(probeabschnitt):
    daten = abschnitte.daten_bauen(
        organisationseinheit="mit", periode=periods.periode("2026-T2"), stichtag=date(2026, 8, 31)
    )
    assert daten == [{"schluessel": "probe", "titel": "Probe", "vorlage": "probe.html", "daten": {"summe": "12.00"}}]
    assert probeabschnitt == [date(2026, 8, 31)]


@pytest.mark.parametrize(
    ("periode", "heute", "stichtag"),
    [
        # The reviewer's case: 2026-T3 built on 01.12.2026 is read at 30.11.2026, not 31.12.2026.
        ("2026-T3", date(2026, 12, 1), date(2026, 11, 30)),
        ("2026-T3", date(2026, 12, 31), date(2026, 11, 30)),
        ("2026-T3", date(2027, 1, 1), date(2026, 12, 31)),
        ("2026-T3", date(2027, 3, 15), date(2026, 12, 31)),
        ("2026-T2", date(2026, 12, 1), date(2026, 8, 31)),
        ("2026-T2", date(2026, 9, 1), date(2026, 8, 31)),
        ("2026-T2", date(2026, 8, 31), date(2026, 7, 31)),
        ("2026-T1", date(2026, 2, 10), date(2026, 1, 31)),
    ],
)
def test_stichtag_des_berichts_ist_nie_nach_dem_vormonat(periode, heute, stichtag):
    assert abschnitte.stichtag_von(periods.periode(periode), heute=heute) == stichtag


def test_abschnitt_ohne_daten_erscheint_nicht(probeabschnitt):
    assert (
        abschnitte.daten_bauen(
            organisationseinheit="ohne", periode=periods.periode("2026-T2"), stichtag=date(2026, 8, 31)
        )
        == []
    )


def test_offene_punkte_und_excel_blaetter(probeabschnitt):
    assert abschnitte.offene_punkte(organisationseinheit="mit", periode=periods.periode("2026-T2")) == [
        "Begründung fehlt."
    ]
    inhalt = {"abschnitte": [{"schluessel": "probe", "daten": {"summe": "1.00"}}, {"schluessel": "weg", "daten": {}}]}
    assert abschnitte.excel_blaetter(inhalt) == [("Probe", ["Summe"], [["1.00"]])]
    assert abschnitte.excel_blaetter({}) == []


def test_zweimal_registrieren_ersetzt(probeabschnitt):
    erster = abschnitte.alle()[0]
    abschnitte.registrieren(erster)
    assert len(abschnitte.alle()) == 1
