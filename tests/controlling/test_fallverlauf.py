"""Fallverlauf: every step change of a case kept with date and author; time spent per step."""

from __future__ import annotations

import importlib
from datetime import date
from decimal import Decimal as D

import pytest
from django.apps import apps
from django.test import Client
from django.utils import timezone

from controlling import services
from controlling.fallverlauf import median_tage, schritt_zahlen, verweildauern
from controlling.models import Einzelfall, Fallschritt

pytestmark = pytest.mark.django_db

HEUTE = date(2026, 11, 30)


@pytest.mark.parametrize(
    ("werte", "median"),
    [
        ([], None),
        ([7], "7.0"),
        ([3, 1, 2], "2.0"),
        ([1, 2, 3, 4], "2.5"),
        ([10, 0], "5.0"),
        ([1, 2], "1.5"),
    ],
)
def test_median_tage(werte, median):
    assert median_tage(werte) == (None if median is None else D(median))


def test_verweildauern_je_schritt():
    eintraege = [
        # case 1 (open): step 1 for 10 days, then step 2 until today
        (1, 1, date(2026, 11, 1)),
        (1, 2, date(2026, 11, 11)),
        # case 2 (closed): step 1 for 4 days, step 2 for 6 days, then its last step has no end
        (2, 2, date(2026, 10, 5)),  # listed out of order on purpose
        (2, 1, date(2026, 10, 1)),
        (2, 3, date(2026, 10, 11)),
        # case 3 (open): left every step, the stay in no step is not counted
        (3, 1, date(2026, 11, 20)),
        (3, None, date(2026, 11, 25)),
    ]
    assert verweildauern(eintraege, offene_faelle={1, 3}, heute=HEUTE) == {1: [10, 4, 5], 2: [19, 6]}


def _fall(hsk50, pseudonym="C-003") -> Einzelfall:
    return hsk50.einzelfaelle.get(pseudonym=pseudonym)


def test_schrittwechsel_werden_mit_datum_und_autor_gespeichert(api, sachbearbeitung50, amtsleitung50, hsk50):
    schritte = {s.bezeichnung: s for s in hsk50.ablaufschritte.all()}
    antwort = api(sachbearbeitung50).post(
        "/api/v1/einzelfaelle/",
        {
            "hsk_massnahme": hsk50.pk,
            "pseudonym": "D-004",
            "aufnahme": "2024-05-02",
            "vermiedene_kosten_monat": "1000.00",
            "ablaufschritt": schritte["Fallvorauswahl"].pk,
        },
        format="json",
    )
    assert antwort.status_code == 201, antwort.json()
    fall = Einzelfall.objects.get(pseudonym="D-004")
    url = f"/api/v1/einzelfaelle/{fall.pk}/"
    # A change of another field keeps no step row; a step change does.
    assert api(amtsleitung50).patch(url, {"bemerkung": "Hausbesuch", "revision": 0}, format="json").status_code == 200
    assert (
        api(amtsleitung50)
        .patch(url, {"ablaufschritt": schritte["Betreuung"].pk, "revision": 1}, format="json")
        .status_code
        == 200
    )
    verlauf = list(fall.fallverlauf.order_by("id"))
    assert [(s.bezeichnung, s.benutzer) for s in verlauf] == [
        ("Fallvorauswahl", sachbearbeitung50),
        ("Betreuung", amtsleitung50),
    ]
    assert {s.datum for s in verlauf} == {timezone.localdate()}
    daten = api(sachbearbeitung50).get(url).json()
    assert [(s["bezeichnung"], s["benutzer"]) for s in daten["fallverlauf"]] == [
        ("Fallvorauswahl", sachbearbeitung50.username),
        ("Betreuung", amtsleitung50.username),
    ]


def test_fall_ohne_schritt_bekommt_keinen_eintrag_und_verlassen_wird_vermerkt(sachbearbeitung50, hsk50):
    fall = services.einzelfall_anlegen(
        hsk_massnahme=hsk50,
        daten={"pseudonym": "E-005", "aufnahme": date(2024, 5, 2), "vermiedene_kosten_monat": D("1.00")},
        user=sachbearbeitung50,
    )
    assert not fall.fallverlauf.exists()
    schritt = hsk50.ablaufschritte.get(bezeichnung="Betreuung")
    services.einzelfall_aendern(fall=fall, daten={"ablaufschritt": schritt}, user=sachbearbeitung50, revision=0)
    services.einzelfall_aendern(fall=fall, daten={"ablaufschritt": None}, user=sachbearbeitung50, revision=1)
    assert list(fall.fallverlauf.values_list("bezeichnung", "ablaufschritt")) == [
        ("Betreuung", schritt.pk),
        ("", None),
    ]


def test_fallseite_listet_den_fallverlauf_und_fremde_sehen_ihn_nicht(
    sachbearbeitung50, sachbearbeitung51, dezernat, hsk50
):
    fall = _fall(hsk50)
    schritt = hsk50.ablaufschritte.get(bezeichnung="Rückführung")
    services.einzelfall_aendern(fall=fall, daten={"ablaufschritt": schritt}, user=sachbearbeitung50, revision=0)
    Fallschritt.objects.filter(einzelfall=fall).update(datum=date(2026, 3, 2))
    c = Client()
    c.force_login(sachbearbeitung50)
    inhalt = c.get(f"/hsk/einzelfaelle/{fall.pk}/").content.decode()
    assert "Fallverlauf" in inhalt
    assert "02.03.2026" in inhalt and "Rückführung" in inhalt
    assert sachbearbeitung50.get_full_name() in inhalt
    for user, status in ((sachbearbeitung51, 404), (dezernat, 403)):
        c.force_login(user)
        assert c.get(f"/hsk/einzelfaelle/{fall.pk}/").status_code == status


def test_schritt_zahlen_zeigen_faelle_und_median_tage(hsk50):
    schritte = {s.bezeichnung: s for s in hsk50.ablaufschritte.all()}
    a, b, c = (_fall(hsk50, p) for p in ("A-001", "B-002", "C-003"))  # erfolgreich, abgebrochen, offen
    for fall, zeilen in (
        (
            a,
            [("Fallvorauswahl", date(2026, 1, 1)), ("Betreuung", date(2026, 1, 21)), ("Rückführung", date(2026, 3, 1))],
        ),
        (b, [("Fallvorauswahl", date(2026, 2, 1)), ("Ergebnis dokumentiert", date(2026, 2, 11))]),
        (c, [("Fallvorauswahl", date(2026, 10, 1)), ("Betreuung", date(2026, 11, 10))]),
    ):
        for name, datum in zeilen:
            Fallschritt.objects.create(einzelfall=fall, ablaufschritt=schritte[name], bezeichnung=name, datum=datum)
    zahlen = {z.bezeichnung: z for z in schritt_zahlen(massnahme=hsk50, heute=HEUTE)}
    # Current cases come from the case records (A-001 Rückführung, B-002 Ergebnis dokumentiert, C-003 Betreuung).
    assert [(z.bezeichnung, z.faelle) for z in zahlen.values()] == [
        ("Fallvorauswahl", 0),
        ("Betreuung", 1),
        ("Rückführung", 1),
        ("Ergebnis dokumentiert", 1),
    ]
    # Fallvorauswahl: 20, 10 and 40 days; Betreuung: 39 (A, closed stay) and 20 (C, open until today).
    assert (zahlen["Fallvorauswahl"].median_tage, zahlen["Fallvorauswahl"].aufenthalte) == (D("20.0"), 3)
    assert (zahlen["Betreuung"].median_tage, zahlen["Betreuung"].aufenthalte) == (D("29.5"), 2)
    # The last step of a closed case has no end: not counted.
    assert (zahlen["Rückführung"].median_tage, zahlen["Rückführung"].aufenthalte) == (None, 0)


def test_massnahmenseite_zeigt_fallzahlen_je_schritt_auch_dem_dezernat(dezernat, hsk50):
    c = Client()
    c.force_login(dezernat)
    inhalt = c.get(f"/hsk/{hsk50.pk}/").content.decode()
    assert "Fälle je Ablaufschritt" in inhalt
    assert "Median Tage im Schritt" in inhalt
    assert "A-001" not in inhalt


def test_geloeschter_fall_nimmt_seinen_fallverlauf_mit(sachbearbeitung50, hsk50):
    fall = _fall(hsk50)
    schritt = hsk50.ablaufschritte.get(bezeichnung="Rückführung")
    services.einzelfall_aendern(fall=fall, daten={"ablaufschritt": schritt}, user=sachbearbeitung50, revision=0)
    assert Fallschritt.objects.filter(einzelfall=fall).count() == 1
    services.einzelfall_loeschen(fall=fall, user=sachbearbeitung50)
    assert not Fallschritt.objects.filter(einzelfall_id=fall.pk).exists()


def test_migration_uebernimmt_den_fallverlauf_aus_der_historie(sachbearbeitung50, hsk50):
    fall = _fall(hsk50)  # created in "Betreuung" by the factory
    schritt = hsk50.ablaufschritte.get(bezeichnung="Rückführung")
    fall.ablaufschritt = schritt
    fall._history_user = sachbearbeitung50
    fall.save()
    fall.bemerkung = "ohne Schrittwechsel"
    fall.save()
    Fallschritt.objects.all().delete()
    migration = importlib.import_module("controlling.migrations.0003_stellen_zeitraum_fallverlauf")
    migration.fallverlauf_aus_historie(apps, None)
    assert list(fall.fallverlauf.order_by("id").values_list("bezeichnung", "benutzer")) == [
        ("Betreuung", None),
        ("Rückführung", sachbearbeitung50.pk),
    ]
    assert Fallschritt.objects.count() == 4  # A-001, B-002 and the two rows of C-003
