"""The selector for the report's HSK section: aggregates at the report's Stichtag, per unit scope."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal as D

import pytest
from django.test import override_settings

from controlling import verlauf_speicher
from controlling.bericht import anzahl_fuer_rat, hsk_bericht_zahlen, ist_kleinzahl
from controlling.models import Praeventionsbudget
from tests.controlling.factories import PraeventionsprojektFactory

pytestmark_db = pytest.mark.django_db

T2_2024 = date(2024, 8, 31)  # the last day of the 2nd tertial 2024


@pytest.mark.django_db  # the limit is the Kommune's setting (organisation.Kommune)
@pytest.mark.parametrize(("anzahl", "text"), [(None, "–"), (0, "0"), (1, "< 5"), (4, "< 5"), (5, "5"), (123, "123")])
def test_fallzahlen_unter_fuenf_liest_der_rat_als_kleiner_fuenf(anzahl, text):
    assert anzahl_fuer_rat(anzahl) == text


@pytest.mark.django_db
@override_settings(KLEINZAHL_GRENZE=3)
def test_grenze_kommt_aus_den_einstellungen():
    # Without a saved Kommune row the settings module supplies the default.
    assert (anzahl_fuer_rat(2), anzahl_fuer_rat(3), ist_kleinzahl(2)) == ("< 3", "3", True)


@pytestmark_db
def test_bericht_zahlen_eines_amts_zum_stichtag_des_tertials(einheiten, hsk50, hsk51):
    for m in (hsk50, hsk51):
        verlauf_speicher.verlauf_speichern(hsk_massnahme_id=m.pk)
    Praeventionsbudget.objects.create(jahr=2024, obergrenze=D("40000.00"))
    PraeventionsprojektFactory(organisationseinheit=einheiten["50"], jahr=2024, kosten=D("10000.00"))
    PraeventionsprojektFactory(organisationseinheit=einheiten["51"], jahr=2024, kosten=D("20000.00"))

    zahlen = hsk_bericht_zahlen(jahr=2024, stichtag=T2_2024, oe_id=einheiten["50"].pk)
    assert [m.bezeichnung for m in zahlen.massnahmen] == ["Pflegeberatung ambulant vor stationär"]
    m = zahlen.massnahmen[0]
    assert (m.soll, m.soll_bis_stichtag, m.brutto_ist, m.netto_ist) == (
        D("50000.00"),
        D("31288.34"),
        D("33000.00"),
        D("-448.28"),
    )
    assert (m.brutto_prognose, m.netto_prognose) == (D("52740.00"), D("-708.28"))
    assert (m.phase, m.phase_seit, m.rueckfall_seit) == ("ueberschussphase", "2024-07", None)
    assert (m.amortisation, m.amortisation_prognose) == (None, "2025-01")
    assert (m.faelle, m.faelle_abgeschlossen, m.realisierte_erfolgsquote) == (3, 2, D("0.5000"))
    assert zahlen.summe["brutto_ist"] == D("33000.00")
    assert (zahlen.praevention.kosten, zahlen.praevention.ausschoepfung) == (D("10000.00"), D("25.00"))

    stadt = hsk_bericht_zahlen(jahr=2024, stichtag=T2_2024, oe_id=None)
    assert len(stadt.massnahmen) == 2
    assert stadt.summe["brutto_ist"] == D("66000.00")
    assert stadt.summe["netto_prognose"] == D("-1416.56")
    assert stadt.praevention.kosten == D("30000.00")


@pytestmark_db
def test_bericht_zahlen_lassen_sich_als_json_einfrieren(einheiten, hsk50):
    verlauf_speicher.verlauf_speichern(hsk_massnahme_id=hsk50.pk)
    daten = hsk_bericht_zahlen(jahr=2024, stichtag=T2_2024, oe_id=None).als_dict()
    wieder = json.loads(json.dumps(daten))
    assert wieder["stichtag"] == "2024-08-31"
    assert wieder["massnahmen"][0]["brutto_ist"] == "33000.00"
    assert wieder["massnahmen"][0]["faelle"] == 3
    assert wieder["praevention"]["faktor"] is None


@pytestmark_db
def test_bericht_zahlen_ohne_massnahmen(einheiten):
    zahlen = hsk_bericht_zahlen(jahr=2024, stichtag=T2_2024, oe_id=einheiten["51"].pk)
    assert zahlen.massnahmen == []
    assert zahlen.summe["soll"] == D("0.00")
    assert zahlen.praevention.kosten == D("0.00")


@pytest.mark.django_db
def test_grenze_der_kommune_gilt_vor_den_einstellungen():
    from organisation.models import Kommune

    Kommune.objects.create(pk=1, kleinzahl_grenze=10)
    assert (anzahl_fuer_rat(9), anzahl_fuer_rat(10)) == ("< 10", "10")
