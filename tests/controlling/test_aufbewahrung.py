"""Retention of closed Einzelfälle: deleted after the period, their curve contribution archived exactly."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from controlling import aufbewahrung, tasks, verlauf_speicher
from controlling import verlauf as kurve
from controlling.models import ArchivierterBeitrag, Einzelfall, Verlaufsmonat
from core.models import Protokolleintrag
from core.protokoll import kette_pruefen
from tests.controlling.factories import EinzelfallFactory

pytestmark = pytest.mark.django_db

HEUTE = date(2027, 10, 1)  # with 36 months: cases ended before 2024-10-01 are due


def _zeilen(massnahme) -> list[tuple]:
    return list(
        Verlaufsmonat.objects.filter(hsk_massnahme=massnahme)
        .order_by("monat")
        .values_list(
            "monat",
            "jahr",
            "soll",
            "brutto",
            "personalkosten",
            "netto",
            "soll_kumuliert",
            "brutto_kumuliert",
            "netto_kumuliert",
            "phase",
        )
    )


@pytest.fixture
def massnahme_mit_faellen(hsk50):
    """The worked example (A open-ended, B closed 2024-09-30, C open-ended) plus edge cases."""
    EinzelfallFactory(  # closed, expired, odd amounts so that cents of several cases interact
        hsk_massnahme=hsk50,
        pseudonym="G-007",
        wirkungsbeginn=date(2024, 6, 7),
        wirkungsende=date(2024, 8, 13),
        vermiedene_kosten_monat=Decimal("1234.57"),
        neue_kosten_monat=Decimal("0.01"),
        ergebnis="nicht_erfolgreich",
    )
    EinzelfallFactory(  # closed but recent: kept
        hsk_massnahme=hsk50,
        pseudonym="D-004",
        wirkungsbeginn=date(2024, 7, 3),
        wirkungsende=date(2024, 10, 1),
        vermiedene_kosten_monat=Decimal("999.99"),
        ergebnis="erfolgreich",
    )
    EinzelfallFactory(  # long ended but still "offen": kept
        hsk_massnahme=hsk50,
        pseudonym="E-005",
        wirkungsbeginn=date(2024, 3, 5),
        wirkungsende=date(2024, 5, 31),
        vermiedene_kosten_monat=Decimal("777.77"),
        ergebnis="offen",
    )
    return hsk50


def test_aufbewahrungsfrist_muss_positiv_sein(hsk50):
    hsk50.aufbewahrung_monate = 0
    with pytest.raises(ValidationError) as fehler:
        hsk50.full_clean()
    assert "mindestens einen Monat" in str(fehler.value.message_dict["aufbewahrung_monate"])


def test_aufbewahrungsfrist_ist_standardmaessig_36_monate(hsk50):
    assert hsk50.aufbewahrung_monate == 36


@pytest.mark.parametrize(
    ("heute", "monate", "stichtag"),
    [
        (date(2026, 11, 21), 36, date(2023, 11, 21)),
        (date(2026, 3, 31), 1, date(2026, 2, 28)),
        (date(2024, 3, 31), 1, date(2024, 2, 29)),
        (date(2026, 1, 15), 1, date(2025, 12, 15)),
        (date(2026, 1, 15), 13, date(2024, 12, 15)),
    ],
)
def test_stichtag_der_aufbewahrung(heute, monate, stichtag):
    assert aufbewahrung.aufbewahrung_stichtag(heute=heute, monate=monate) == stichtag


def test_monatsbeitraege_sind_exakte_zaehler_je_monat():
    faelle = [
        kurve.Fall(date(2024, 4, 16), date(2024, 6, 30), Decimal("4000.00")),
        kurve.Fall(date(2024, 1, 20), date(2024, 4, 1), Decimal("1234.57"), Decimal("0.01")),
        kurve.Fall(date(2024, 5, 1), None, Decimal("100.00")),  # ongoing: no fixed contribution
    ]
    assert kurve.monatsbeitraege(beginn=date(2024, 2, 10), faelle=faelle) == {
        "2024-02": (Decimal("1234.56") * 20, 1),
        "2024-03": (Decimal("1234.56") * 31, 1),
        "2024-04": (Decimal("4000.00") * 15 + Decimal("1234.56") * 1, 2),
        "2024-05": (Decimal("4000.00") * 31, 1),
        "2024-06": (Decimal("4000.00") * 30, 1),
    }


def test_aufbewahrung_loescht_genau_die_abgelaufenen_abgeschlossenen_faelle(massnahme_mit_faellen, hsk51):
    ergebnis = aufbewahrung.einzelfaelle_aufbewahrung_anwenden(heute=HEUTE)
    assert ergebnis == {massnahme_mit_faellen.pk: 2, hsk51.pk: 1}  # hsk51: B-002 of its worked example
    assert sorted(
        Einzelfall.objects.filter(hsk_massnahme=massnahme_mit_faellen).values_list("pseudonym", flat=True)
    ) == [
        "A-001",
        "C-003",
        "D-004",
        "E-005",
    ]


def test_laengere_frist_einer_massnahme_behaelt_ihre_faelle(massnahme_mit_faellen, hsk51):
    hsk51.aufbewahrung_monate = 120
    hsk51.save()
    aufbewahrung.einzelfaelle_aufbewahrung_anwenden(heute=HEUTE)
    assert Einzelfall.objects.filter(hsk_massnahme=hsk51, pseudonym="B-002").exists()
    assert not Einzelfall.objects.filter(hsk_massnahme=massnahme_mit_faellen, pseudonym="B-002").exists()


def test_verlauf_ist_nach_der_loeschung_identisch(massnahme_mit_faellen):
    verlauf_speicher.verlauf_speichern(hsk_massnahme_id=massnahme_mit_faellen.pk)
    vorher = _zeilen(massnahme_mit_faellen)
    massnahme_mit_faellen.verlaufsstand.refresh_from_db()
    amortisation_vorher = massnahme_mit_faellen.verlaufsstand.amortisation
    assert amortisation_vorher

    aufbewahrung.einzelfaelle_aufbewahrung_anwenden(heute=HEUTE)
    assert verlauf_speicher.verlauf_speichern(hsk_massnahme_id=massnahme_mit_faellen.pk) == "berechnet"

    nachher = _zeilen(massnahme_mit_faellen)
    assert len(vorher) == 23  # 2024-02 .. 2025-12
    assert nachher == vorher
    massnahme_mit_faellen.verlaufsstand.refresh_from_db()
    assert massnahme_mit_faellen.verlaufsstand.amortisation == amortisation_vorher
    # The archive is what keeps it: without it the recomputed curve would lose the deleted cases.
    ohne_archiv = kurve.verlauf_berechnen(
        beginn=massnahme_mit_faellen.beginn,
        ende=massnahme_mit_faellen.ende,
        personalkosten_jahr=massnahme_mit_faellen.personalkosten_jahr,
        soll={2024: Decimal("50000.00"), 2025: Decimal("90000.00")},
        faelle=verlauf_speicher._faelle(massnahme_mit_faellen.pk),
        heute=HEUTE,
    )
    assert [m.brutto for m in ohne_archiv.monate] != [z[3] for z in vorher]


def test_archiv_enthaelt_nur_summen_ohne_pseudonyme(massnahme_mit_faellen):
    aufbewahrung.einzelfaelle_aufbewahrung_anwenden(heute=HEUTE)
    archiv = dict(
        ArchivierterBeitrag.objects.filter(hsk_massnahme=massnahme_mit_faellen).values_list("monat", "betrag_tage")
    )
    # B: 4.000,00 from 2024-04-16 to 2024-09-30; G: 1.234,56 net from 2024-06-07 to 2024-08-13.
    assert archiv == {
        "2024-04": Decimal("60000.00"),
        "2024-05": Decimal("124000.00"),
        "2024-06": Decimal("120000.00") + Decimal("1234.56") * 24,
        "2024-07": Decimal("124000.00") + Decimal("1234.56") * 31,
        "2024-08": Decimal("124000.00") + Decimal("1234.56") * 13,
        "2024-09": Decimal("120000.00"),
    }


def test_aenderungshistorie_geloeschter_faelle_wird_mitgeloescht(massnahme_mit_faellen):
    geloescht = list(
        Einzelfall.objects.filter(pseudonym__in=["B-002", "G-007"], hsk_massnahme=massnahme_mit_faellen).values_list(
            "pk", flat=True
        )
    )
    assert Einzelfall.history.filter(id__in=geloescht).exists()
    aufbewahrung.einzelfaelle_aufbewahrung_anwenden(heute=HEUTE)
    assert not Einzelfall.history.filter(id__in=geloescht).exists()
    assert Einzelfall.history.filter(hsk_massnahme=massnahme_mit_faellen, pseudonym="A-001").exists()


def test_loeschung_steht_im_entscheidungsprotokoll_ohne_pseudonyme(massnahme_mit_faellen):
    aufbewahrung.einzelfaelle_aufbewahrung_anwenden(heute=HEUTE)
    eintrag = Protokolleintrag.objects.get(aktion="einzelfaelle_geloescht")
    assert eintrag.objekt_typ == "controlling.hskmassnahme"
    assert eintrag.objekt_id == str(massnahme_mit_faellen.pk)
    assert eintrag.daten == {"anzahl": 2}
    assert eintrag.benutzername == "system"
    assert kette_pruefen().intakt


def test_zweiter_lauf_aendert_nichts(massnahme_mit_faellen):
    aufbewahrung.einzelfaelle_aufbewahrung_anwenden(heute=HEUTE)
    verlauf_speicher.verlauf_speichern(hsk_massnahme_id=massnahme_mit_faellen.pk)
    zustand = (
        _zeilen(massnahme_mit_faellen),
        list(ArchivierterBeitrag.objects.order_by("monat").values_list("monat", "betrag_tage", "faelle")),
        sorted(Einzelfall.objects.values_list("pk", flat=True)),
        Protokolleintrag.objects.count(),
    )
    assert aufbewahrung.einzelfaelle_aufbewahrung_anwenden(heute=HEUTE) == {}
    verlauf_speicher.verlauf_speichern(hsk_massnahme_id=massnahme_mit_faellen.pk)
    assert (
        _zeilen(massnahme_mit_faellen),
        list(ArchivierterBeitrag.objects.order_by("monat").values_list("monat", "betrag_tage", "faelle")),
        sorted(Einzelfall.objects.values_list("pk", flat=True)),
        Protokolleintrag.objects.count(),
    ) == zustand


def test_spaetere_loeschung_addiert_zum_archiv_und_verlauf_bleibt_gleich(massnahme_mit_faellen):
    verlauf_speicher.verlauf_speichern(hsk_massnahme_id=massnahme_mit_faellen.pk)
    vorher = _zeilen(massnahme_mit_faellen)
    aufbewahrung.einzelfaelle_aufbewahrung_anwenden(heute=HEUTE)
    # A year later D-004 (ended 2024-10-01) is due as well: its July–October shares join the archive.
    assert aufbewahrung.einzelfaelle_aufbewahrung_anwenden(heute=date(2028, 10, 2)) == {massnahme_mit_faellen.pk: 1}
    assert ArchivierterBeitrag.objects.get(hsk_massnahme=massnahme_mit_faellen, monat="2024-07").faelle == 3
    verlauf_speicher.verlauf_speichern(hsk_massnahme_id=massnahme_mit_faellen.pk)
    assert _zeilen(massnahme_mit_faellen) == vorher


def test_beat_task_wendet_die_aufbewahrung_an(hsk50):
    hsk50.aufbewahrung_monate = 1
    hsk50.save()
    ergebnis = tasks.einzelfaelle_aufbewahrung_anwenden.delay().get()
    assert ergebnis == {str(hsk50.pk): 1}  # B-002 ended 2024-09-30
    assert not Einzelfall.objects.filter(pseudonym="B-002").exists()
    assert tasks.einzelfaelle_aufbewahrung_anwenden.delay().get() == {}


def test_aufbewahrungsfrist_ueber_die_api_mit_deutscher_meldung(api, steuerung, hsk50):
    url = f"/api/v1/hsk-massnahmen/{hsk50.pk}/"
    assert api(steuerung).get(url).json()["aufbewahrung_monate"] == 36
    antwort = api(steuerung).patch(url, {"aufbewahrung_monate": 0, "revision": hsk50.revision}, format="json")
    assert antwort.status_code == 400
    assert "größer oder gleich 1" in antwort.json()["aufbewahrung_monate"][0]
    hsk50.refresh_from_db()
    assert hsk50.aufbewahrung_monate == 36
    antwort = api(steuerung).patch(url, {"aufbewahrung_monate": 24, "revision": hsk50.revision}, format="json")
    assert antwort.status_code == 200, antwort.json()
    hsk50.refresh_from_db()
    assert hsk50.aufbewahrung_monate == 24
