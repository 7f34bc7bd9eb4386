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


def test_abschnitt_wird_am_letzten_tag_des_tertials_gebaut(probeabschnitt):
    daten = abschnitte.daten_bauen(organisationseinheit="mit", periode=periods.periode("2026-T2"))
    assert daten == [{"schluessel": "probe", "titel": "Probe", "vorlage": "probe.html", "daten": {"summe": "12.00"}}]
    assert probeabschnitt == [date(2026, 8, 31)]


def test_abschnitt_ohne_daten_erscheint_nicht(probeabschnitt):
    assert abschnitte.daten_bauen(organisationseinheit="ohne", periode=periods.periode("2026-T2")) == []


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
