"""Staff costs from the Stellen with their beginn/ende: the curve's personalkosten per month.

Pure table tests with exact Decimals, then the way through the database: the API writes the
Stellen, personalkosten_jahr is derived, the stored curve takes the monthly costs from them.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from controlling import services
from controlling.models import HSKMassnahme, Verlaufsmonat
from controlling.stellen import Stellenzeitraum, kostenzeitraeume, personalkosten_jahr_aus_stellen
from controlling.verlauf import verlauf_berechnen
from tests.controlling.test_verlauf import HEUTE, beispiel

A = Stellenzeitraum(jahreskosten=D("60000.00"))
B = Stellenzeitraum(jahreskosten=D("48000.00"), beginn=date(2024, 3, 16))


def kosten(*, stellen, beginn=date(2024, 1, 1), ende=None, personalkosten_jahr=D("0.00"), bis=(2024, 12)):
    verlauf = verlauf_berechnen(
        beginn=beginn,
        ende=ende,
        personalkosten_jahr=personalkosten_jahr,
        soll={2024: D("0.00")},
        faelle=[],
        heute=HEUTE,
        bis=bis,
        stellen=stellen,
    )
    return {m.monat: m.personalkosten for m in verlauf.monate}


@pytest.mark.parametrize(
    ("monat", "erwartet"),
    [
        ("2024-01", "5000.00"),
        ("2024-02", "5000.00"),
        ("2024-03", "7064.52"),  # 5.000,00 + 4.000,00 × 16/31
        ("2024-04", "9000.00"),
        ("2024-12", "9000.00"),
    ],
)
def test_rechenbeispiel_der_issue_zwei_stellen_mit_verschiedenem_beginn(monat, erwartet):
    assert kosten(stellen=[A, B])[monat] == D(erwartet)


@pytest.mark.parametrize(
    ("stellen", "ende", "monat", "erwartet"),
    [
        # A Stelle ending mid-month: 15 of 30 days of June.
        ([Stellenzeitraum(D("60000.00"), ende=date(2024, 6, 15))], None, "2024-06", "2500.00"),
        ([Stellenzeitraum(D("60000.00"), ende=date(2024, 6, 15))], None, "2024-07", "0.00"),
        # A Stelle starting before the measure counts from the measure's beginn only.
        ([Stellenzeitraum(D("12000.00"), beginn=date(2023, 6, 1))], None, "2024-01", "1000.00"),
        # The measure ends mid-month: the open Stelle ends with it (15 of 31 days of May).
        ([Stellenzeitraum(D("12400.00"))], date(2024, 5, 15), "2024-05", "500.00"),
        ([Stellenzeitraum(D("12400.00"))], date(2024, 5, 15), "2024-06", "0.00"),
        # Entirely after the measure's end: no day, no cost.
        ([Stellenzeitraum(D("12000.00"), beginn=date(2024, 7, 1))], date(2024, 5, 15), "2024-07", "0.00"),
        # Summed exactly, rounded once: 3 × 100,00 × 1/31 = 9,677… → 9,68 (three roundings would give 9,69).
        (
            [Stellenzeitraum(D("1200.00"), beginn=date(2024, 1, 31))] * 3,
            None,
            "2024-01",
            "9.68",
        ),
    ],
)
def test_personalkosten_je_monat_nach_besetzungszeitraum(stellen, ende, monat, erwartet):
    assert kosten(stellen=stellen, ende=ende)[monat] == D(erwartet)


def test_ohne_stellen_gilt_die_jahreszahl_und_volle_stellen_ergeben_dasselbe():
    ohne = beispiel()
    mit = beispiel(stellen=[Stellenzeitraum(D("36000.00")), Stellenzeitraum(D("24000.00"))])
    assert [m.personalkosten for m in ohne.monate] == [m.personalkosten for m in mit.monate]
    assert ohne == mit


@pytest.mark.parametrize(
    ("stellen", "erwartet"),
    [
        ([], [(date(2024, 1, 1), date(2024, 12, 31), D("5.00"))]),
        ([A], [(date(2024, 1, 1), date(2024, 12, 31), D("60000.00"))]),
        ([B], [(date(2024, 3, 16), date(2024, 12, 31), D("48000.00"))]),
        (
            [Stellenzeitraum(D("1.00"), beginn=date(2023, 1, 1), ende=date(2025, 1, 1))],
            [(date(2024, 1, 1), date(2024, 12, 31), D("1.00"))],
        ),
    ],
)
def test_kostenzeitraeume_werden_auf_die_massnahme_begrenzt(stellen, erwartet):
    assert (
        kostenzeitraeume(
            beginn=date(2024, 1, 1), ende=date(2024, 12, 31), personalkosten_jahr=D("5.00"), stellen=stellen
        )
        == erwartet
    )


def test_offene_stelle_einer_offenen_massnahme_bleibt_offen():
    assert kostenzeitraeume(beginn=date(2024, 1, 1), ende=None, personalkosten_jahr=D("0"), stellen=[A]) == [
        (date(2024, 1, 1), None, D("60000.00"))
    ]


def test_personalkosten_jahr_ist_die_summe_der_jahreskosten():
    assert personalkosten_jahr_aus_stellen([A, B]) == D("108000.00")
    assert personalkosten_jahr_aus_stellen([{"jahreskosten": "60000.00"}, {"jahreskosten": D("0.50")}]) == D("60000.50")
    assert personalkosten_jahr_aus_stellen([]) == D("0.00")


# --- through the database -----------------------------------------------------------------

pytestmark_db = pytest.mark.django_db


def _neue_massnahme(hsk50, **werte):
    daten = {
        "bezeichnung": "Zwei Stellen, versetzt besetzt",
        "massnahme": hsk50.massnahme_id,
        "organisationseinheit": hsk50.organisationseinheit_id,
        "wirkungshypothese": "Fachkräfte vermeiden Heimunterbringung.",
        "beginn": "2024-01-01",
        "soll": [{"jahr": 2024, "betrag": "100000.00"}],
        "stellen": [
            {"bezeichnung": "Stelle A", "vzae": "1.00", "jahreskosten": "60000.00"},
            {"bezeichnung": "Stelle B", "vzae": "1.00", "jahreskosten": "48000.00", "beginn": "2024-03-16"},
        ],
    }
    daten.update(werte)
    return daten


@pytestmark_db
def test_api_leitet_personalkosten_aus_stellen_ab_und_der_verlauf_rechnet_mit_ihnen(
    api, steuerung, hsk50, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        antwort = api(steuerung).post("/api/v1/hsk-massnahmen/", _neue_massnahme(hsk50), format="json")
    assert antwort.status_code == 201, antwort.json()
    daten = antwort.json()
    assert daten["personalkosten_jahr"] == "108000.00"
    assert daten["personalkosten_aus_stellen"] is True
    assert daten["stellen"][1] == {
        "bezeichnung": "Stelle B",
        "vzae": "1.00",
        "jahreskosten": "48000.00",
        "beginn": "2024-03-16",
        "ende": None,
    }
    werte = dict(Verlaufsmonat.objects.filter(hsk_massnahme_id=daten["id"]).values_list("monat", "personalkosten"))
    assert (werte["2024-01"], werte["2024-03"], werte["2024-04"]) == (
        D("5000.00"),
        D("7064.52"),
        D("9000.00"),
    )


@pytestmark_db
def test_stellen_aendern_berechnet_personalkosten_neu(api, steuerung, hsk50, django_capture_on_commit_callbacks):
    url = f"/api/v1/hsk-massnahmen/{hsk50.pk}/"
    stellen = [{"bezeichnung": "Sozialarbeit", "vzae": "1.00", "jahreskosten": "36000.00", "ende": "2024-06-30"}]
    with django_capture_on_commit_callbacks(execute=True):
        antwort = api(steuerung).patch(url, {"revision": 0, "stellen": stellen}, format="json")
    assert antwort.status_code == 200, antwort.json()
    assert antwort.json()["personalkosten_jahr"] == "36000.00"
    werte = dict(Verlaufsmonat.objects.filter(hsk_massnahme=hsk50).values_list("monat", "personalkosten"))
    # Measure from 10.02.2024: February 3.000,00 × 20/29; the Stelle ends with June.
    assert (werte["2024-02"], werte["2024-06"], werte["2024-07"]) == (D("2068.97"), D("3000.00"), D("0.00"))
    # Without Stellen again, the yearly figure is editable and applies.
    antwort = api(steuerung).patch(
        url, {"revision": 1, "stellen": [], "personalkosten_jahr": "12000.00"}, format="json"
    )
    assert antwort.status_code == 200, antwort.json()
    assert antwort.json()["personalkosten_aus_stellen"] is False
    assert HSKMassnahme.objects.get(pk=hsk50.pk).personalkosten_jahr == D("12000.00")


@pytestmark_db
@pytest.mark.parametrize(
    ("aenderung", "feld", "text"),
    [
        ({"personalkosten_jahr": "120000.00"}, "personalkosten_jahr", "ergeben sich aus den Stellen (108.000,00 €)"),
        ({"stellen": [], "personalkosten_jahr": None}, "personalkosten_jahr", ""),
        (
            {"stellen": [{"bezeichnung": "X", "vzae": "1.00", "jahreskosten": "1.00", "stufe": "S 14"}]},
            "stellen",
            "unbekannt",
        ),
        (
            {
                "stellen": [
                    {"bezeichnung": "X", "vzae": "1", "jahreskosten": "1", "beginn": "2024-05-01", "ende": "2024-04-30"}
                ]
            },
            "stellen",
            "nicht vor ihrem Beginn enden",
        ),
        (
            {"stellen": [{"bezeichnung": "X", "vzae": "1", "jahreskosten": "1", "ende": "2023-12-31"}]},
            "stellen",
            "",
        ),
        ({"stellen": [{"bezeichnung": "X", "vzae": "1", "jahreskosten": "1", "beginn": "31.12.2024"}]}, "stellen", ""),
        ({"stellenplan": []}, "stellenplan", "unbekannt"),
        ({"erwartete_einsparung_jahr": "1.00"}, "erwartete_einsparung_jahr", "nicht änderbar"),
    ],
)
def test_ungueltige_stellen_werden_deutsch_abgelehnt_und_nichts_gespeichert(
    api, steuerung, hsk50, aenderung, feld, text
):
    vorher = HSKMassnahme.objects.count()
    daten = _neue_massnahme(hsk50, **aenderung)
    daten = {k: v for k, v in daten.items() if v is not None}
    antwort = api(steuerung).post("/api/v1/hsk-massnahmen/", daten, format="json")
    assert antwort.status_code == 400, antwort.json()
    fehler = antwort.json()
    assert feld in fehler, fehler
    assert text in str(fehler[feld])
    assert HSKMassnahme.objects.count() == vorher


@pytestmark_db
def test_ohne_stellen_und_ohne_personalkosten_wird_deutsch_abgelehnt(api, steuerung, hsk50):
    daten = _neue_massnahme(hsk50, stellen=[])
    antwort = api(steuerung).post("/api/v1/hsk-massnahmen/", daten, format="json")
    assert antwort.status_code == 400
    assert "Personalkosten je Jahr angeben oder Stellen erfassen" in str(antwort.json()["personalkosten_jahr"])


@pytestmark_db
def test_massnahmenseite_zeigt_stellen_und_abgeleitete_personalkosten(client, steuerung, hsk50):
    services.hsk_massnahme_aendern(
        massnahme=hsk50,
        daten={},
        user=steuerung,
        revision=None,
        stellen=[
            {"bezeichnung": "Stelle A", "vzae": D("1.00"), "jahreskosten": D("60000.00")},
            {"bezeichnung": "Stelle B", "vzae": D("0.50"), "jahreskosten": D("24000.00"), "beginn": date(2024, 3, 16)},
        ],
    )
    client.force_login(steuerung)
    inhalt = client.get(f"/hsk/{hsk50.pk}/").content.decode()
    assert "84.000,00 €" in inhalt
    assert "aus den Stellen abgeleitet" in inhalt
    assert "16.03.2024" in inhalt and "Beginn der Maßnahme" in inhalt
