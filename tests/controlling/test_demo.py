"""Demo data of the HSK-Controlling: complete, plausible and idempotent."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from unittest import mock

import pytest
from django.core.management import call_command

from controlling import selectors
from controlling.fallverlauf import schritt_zahlen
from controlling.models import (
    Einzelfall,
    Fallschritt,
    HSKMassnahme,
    Praeventionsbudget,
    Praeventionsprojekt,
    Verlaufsmonat,
    Verlaufsstand,
)
from core import periods
from steuerung.models import Veroeffentlichung

pytestmark = pytest.mark.django_db


def _stand():
    return (
        list(Verlaufsmonat.objects.order_by("id").values()),
        list(Verlaufsstand.objects.order_by("id").values()),
        list(Einzelfall.objects.order_by("id").values()),
        HSKMassnahme.history.count(),
        Einzelfall.history.count(),
        list(Praeventionsprojekt.objects.order_by("id").values()),
        list(Fallschritt.objects.order_by("id").values("id", "einzelfall", "ablaufschritt", "datum")),
        sorted(Veroeffentlichung.objects.values_list("periode", "inhalt_hash")),
    )


def test_demodaten_zeigen_zwei_massnahmen_mit_allen_drei_phasen_und_sind_idempotent():
    call_command("demo_daten")
    erster = _stand()
    massnahmen = {m.massnahme.code: m for m in HSKMassnahme.objects.select_related("massnahme", "organisationseinheit")}
    assert set(massnahmen) == {"M HSK 1", "M HSK 2", "M HSK 3"}
    assert massnahmen["M HSK 1"].organisationseinheit.kuerzel == "51"
    assert massnahmen["M HSK 2"].organisationseinheit.kuerzel == "50"
    assert massnahmen["M HSK 3"].organisationseinheit.kuerzel == "50"
    for m in (massnahmen["M HSK 1"], massnahmen["M HSK 2"]):
        assert 20 <= m.einzelfaelle.count() <= 60
        assert m.einzelfaelle.filter(ergebnis__in=["nicht_erfolgreich", "abgebrochen"]).exists()
        assert m.soll_jahre.count() == 3
        assert m.stellen.exists()
        phasen = set(Verlaufsmonat.objects.filter(hsk_massnahme=m).values_list("phase", flat=True))
        assert phasen == {"investphase", "annaeherungsphase", "ueberschussphase"}
        assert m.verlaufsstand.amortisation
    projekte = Praeventionsprojekt.objects.filter(jahr=2026)
    assert projekte.count() == 10
    assert sum(1 for p in projekte if p.netto < 0) == 1
    call_command("demo_daten")
    assert _stand() == erster


def test_demo_zeigt_am_standard_stichtag_jede_phase_und_einen_rueckfall():
    """On 30.11.2026 the default Stichtag is 31.10.2026: one measure per phase, M HSK 1 fell back in 03/2026."""
    call_command("demo_daten", verbosity=0)
    with mock.patch("django.utils.timezone.localdate", return_value=date(2026, 11, 30)):
        stichtag = selectors.stichtag_standard()
    assert stichtag == date(2026, 10, 31)
    gelesen = {
        m.massnahme.code: selectors.verlauf_am_stichtag(massnahme=m, stichtag=stichtag)
        for m in HSKMassnahme.objects.select_related("massnahme")
    }
    stand = {code: (g.aktuelle_phase, g.aktuelle_phase_seit, g.rueckfall_seit) for code, g in gelesen.items()}
    assert stand == {
        "M HSK 1": ("annaeherungsphase", "2026-03", "2026-03"),
        "M HSK 2": ("ueberschussphase", "2026-10", None),
        "M HSK 3": ("investphase", "2026-07", None),
    }
    # The Rückfall is the only one: M HSK 1 was in the Überschussphase before it.
    rueckfaelle = [(code, m.monat) for code, g in gelesen.items() for m in g.monate if m.rueckfall]
    assert rueckfaelle == [("M HSK 1", "2026-03")]
    assert [m.phase for m in gelesen["M HSK 1"].monate if m.monat == "2026-02"] == ["ueberschussphase"]
    # M HSK 3: the second Stelle from October raises the staff costs from 5.333,33 € to 7.500,00 € a month.
    personal = {m.monat: m.personalkosten for m in gelesen["M HSK 3"].monate if m.monat in ("2026-09", "2026-10")}
    assert personal == {"2026-09": Decimal("5333.33"), "2026-10": Decimal("7500.00")}


def test_demo_faelle_haben_einen_fallverlauf_und_praevention_zwei_jahre():
    call_command("demo_daten", verbosity=0)
    assert not Einzelfall.objects.filter(fallverlauf__isnull=True).exists()
    for m in HSKMassnahme.objects.all():
        zahlen = schritt_zahlen(massnahme=m, heute=date(2026, 11, 30))
        assert any(z.median_tage is not None for z in zahlen), m.bezeichnung
        for fall in m.einzelfaelle.all():
            daten = list(fall.fallverlauf.order_by("datum", "id").values_list("datum", flat=True))
            assert daten == sorted(daten) and daten[0] == fall.aufnahme and daten[-1] <= date(2026, 11, 21)
            assert fall.fallverlauf.order_by("datum", "id").last().ablaufschritt_id == fall.ablaufschritt_id
    assert sorted(Praeventionsbudget.objects.values_list("jahr", flat=True)) == [2025, 2026]
    assert set(Praeventionsprojekt.objects.values_list("jahr", flat=True)) == {2025, 2026}


def test_veroeffentlichte_demo_berichte_tragen_den_hsk_abschnitt():
    call_command("demo_daten", verbosity=0)
    veroeffentlicht = Veroeffentlichung.objects.filter(organisationseinheit__kuerzel="50")
    assert veroeffentlicht.count() == 5
    for v in veroeffentlicht:
        [abschnitt] = [a for a in v.daten["abschnitte"] if a["schluessel"] == "hsk"]
        assert abschnitt["daten"]["stichtag"] == periods.periode(v.periode).ende.isoformat()
    t2 = Veroeffentlichung.objects.get(organisationseinheit__kuerzel="50", periode="2026-T2")
    daten = next(a for a in t2.daten["abschnitte"] if a["schluessel"] == "hsk")["daten"]
    assert daten["stichtag"] == "2026-08-31"
    assert [(m["bezeichnung"], m["phase"]) for m in daten["massnahmen"]] == [
        ("Pflegeberatung ambulant vor stationär", "annaeherungsphase"),
        ("Wohnungssicherung", "investphase"),
    ]
    # Three households of the Wohnungssicherung were taken in by 31.08.2026, one of them has left.
    assert (daten["massnahmen"][1]["faelle"], daten["massnahmen"][1]["faelle_abgeschlossen"]) == ("< 5", "< 5")
    t1_2025 = Veroeffentlichung.objects.get(organisationseinheit__kuerzel="50", periode="2025-T1")
    frueh = next(a for a in t1_2025.daten["abschnitte"] if a["schluessel"] == "hsk")["daten"]
    assert [m["bezeichnung"] for m in frueh["massnahmen"]] == ["Pflegeberatung ambulant vor stationär"]
