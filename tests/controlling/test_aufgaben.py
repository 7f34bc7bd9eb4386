"""HSK tasks of the start page: open cases past the Prüfintervall, curves older than the last change."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from controlling.aufgaben import offene_einzelfaelle, pruefdatum, veraltete_verlaeufe
from controlling.models import Einzelfall, HSKMassnahme, Verlaufsstand
from tests.controlling.factories import EinzelfallFactory, HSKMassnahmeFactory

HEUTE = date(2026, 9, 10)


@pytest.mark.parametrize(
    ("aufnahme", "monate", "erwartet"),
    [
        (date(2026, 1, 15), 6, date(2026, 7, 15)),
        (date(2025, 8, 31), 6, date(2026, 2, 28)),  # day clamped to the month's end
        (date(2026, 3, 10), 12, date(2027, 3, 10)),
        (date(2026, 11, 30), 3, date(2027, 2, 28)),
    ],
)
def test_pruefdatum(aufnahme, monate, erwartet):
    assert pruefdatum(aufnahme=aufnahme, monate=monate) == erwartet


@pytest.mark.parametrize(
    ("aufnahme", "ergebnis", "intervall", "aufgabe"),
    [
        (date(2026, 1, 15), "offen", 6, True),  # due 15.07.2026
        (date(2026, 3, 10), "offen", 6, False),  # due exactly on 10.09.2026: not yet past
        (date(2026, 3, 9), "offen", 6, True),
        (date(2026, 1, 15), "erfolgreich", 6, False),  # outcome documented
        (date(2026, 1, 15), "offen", 12, False),  # a longer interval of the measure
    ],
)
@pytest.mark.django_db
def test_einzelfall_nach_dem_pruefintervall(aufnahme, ergebnis, intervall, aufgabe, einheiten, sachbearbeitung50):
    m = HSKMassnahmeFactory(
        organisationseinheit=einheiten["50"], bezeichnung="Pflegeberatung", pruefintervall_monate=intervall
    )
    fall = EinzelfallFactory(hsk_massnahme=m, aufnahme=aufnahme, wirkungsbeginn=None, ergebnis=ergebnis)
    aufgaben = offene_einzelfaelle(user=sachbearbeitung50, heute=HEUTE)
    if not aufgabe:
        assert aufgaben == []
        return
    (a,) = aufgaben
    assert a.text == "Ergebnis von 1 Einzelfall nach dem Prüfintervall noch offen: Pflegeberatung"
    assert a.url == f"/hsk/einzelfaelle/{fall.pk}/"
    assert a.frist == pruefdatum(aufnahme=aufnahme, monate=intervall) and a.ueberfaellig and a.anzahl == 1


@pytest.mark.django_db
def test_mehrere_faelle_je_massnahme_verlinken_die_fallliste_und_bleiben_im_eigenen_bereich(
    einheiten, sachbearbeitung50, sachbearbeitung51, dezernat
):
    m = HSKMassnahmeFactory(organisationseinheit=einheiten["50 2"], bezeichnung="Pflegeberatung")
    EinzelfallFactory(hsk_massnahme=m, aufnahme=date(2026, 2, 1), wirkungsbeginn=None)
    EinzelfallFactory(hsk_massnahme=m, aufnahme=date(2025, 12, 1), wirkungsbeginn=None)
    (a,) = offene_einzelfaelle(user=sachbearbeitung50, heute=HEUTE)
    assert (a.anzahl, a.frist, a.url) == (2, date(2026, 6, 1), f"/hsk/{m.pk}/einzelfaelle/")
    assert a.text == "Ergebnis von 2 Einzelfällen nach dem Prüfintervall noch offen: Pflegeberatung"
    assert offene_einzelfaelle(user=sachbearbeitung51, heute=HEUTE) == []
    assert offene_einzelfaelle(user=dezernat, heute=HEUTE) == []  # no case records for the Dezernat


def _stand(m: HSKMassnahme, *, berechnet, geaendert):
    Verlaufsstand.objects.filter(hsk_massnahme=m).update(berechnet=berechnet)
    HSKMassnahme.objects.filter(pk=m.pk).update(geaendert=geaendert)


@pytest.mark.parametrize(
    ("berechnet_vor", "massnahme_vor", "fall_vor", "aufgabe"),
    [
        (1, 2, None, False),  # computed after the last change
        (2, 1, None, True),  # measure changed after the computation
        (1, 2, 0, True),  # a case changed after the computation
        (None, 2, None, True),  # never computed
    ],
)
@pytest.mark.django_db
def test_verlauf_aelter_als_die_letzte_aenderung(berechnet_vor, massnahme_vor, fall_vor, aufgabe, einheiten, steuerung):
    jetzt = timezone.now()
    m = HSKMassnahmeFactory(organisationseinheit=einheiten["51"], bezeichnung="Rückführung")
    if fall_vor is not None:
        fall = EinzelfallFactory(hsk_massnahme=m)
        Einzelfall.objects.filter(pk=fall.pk).update(geaendert=jetzt - timedelta(hours=fall_vor))
    berechnet = None if berechnet_vor is None else jetzt - timedelta(hours=berechnet_vor)
    _stand(m, berechnet=berechnet, geaendert=jetzt - timedelta(hours=massnahme_vor))
    aufgaben = veraltete_verlaeufe(user=steuerung, heute=HEUTE)
    if not aufgabe:
        assert aufgaben == []
        return
    (a,) = aufgaben
    assert a.text == "Konsolidierungsverlauf neu berechnen: Rückführung"
    assert a.url == f"/hsk/{m.pk}/"
    assert a.hinweis.startswith("Noch nie berechnet" if berechnet is None else "Berechnet am ")


@pytest.mark.django_db
def test_pruefintervall_in_der_api(api, steuerung, einheiten):
    m = HSKMassnahmeFactory(organisationseinheit=einheiten["50"])
    url = f"/api/v1/hsk-massnahmen/{m.pk}/"
    assert api(steuerung).get(url).json()["pruefintervall_monate"] == 6
    antwort = api(steuerung).patch(url, {"pruefintervall_monate": 3, "revision": 0}, format="json")
    assert antwort.status_code == 200, antwort.content
    assert HSKMassnahme.objects.get(pk=m.pk).pruefintervall_monate == 3
    falsch = api(steuerung).patch(url, {"pruefintervall_monate": 0, "revision": 1}, format="json")
    assert falsch.status_code == 400
    assert "größer oder gleich 1" in str(falsch.json()["pruefintervall_monate"])
    assert HSKMassnahme.objects.get(pk=m.pk).pruefintervall_monate == 3
