"""Erfassungsfrist: the Kommune's default days and a per-period deviation, with exact dates;
the optimistic lock; the callers (reminders, evaluation) follow."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from core.periods import periode
from organisation.models import Kommune
from organisation.verwaltung import kommune_speichern
from steuerung.berichte.erinnerungen import faellige_erinnerung
from steuerung.fristen import erfassungsfrist, erfassungsfrist_setzen, perioden_mit_fristen

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("schluessel", "tage", "abweichend", "erwartet"),
    [
        ("2026-T1", None, None, date(2026, 5, 15)),  # settings default: 15 days
        ("2026-T1", 30, None, date(2026, 5, 30)),
        ("2026-T2", 0, None, date(2026, 8, 31)),
        ("2026-T3", 20, None, date(2027, 1, 20)),
        ("2026-02", 10, None, date(2026, 3, 10)),  # February's end
        ("2024-02", 10, None, date(2024, 3, 10)),  # leap year
        ("2026", 45, None, date(2027, 2, 14)),
        ("2026-T1", 30, date(2026, 6, 5), date(2026, 6, 5)),  # deviation wins over the Kommune
        ("2026-T1", None, date(2026, 4, 30), date(2026, 4, 30)),  # on the period's end is allowed
    ],
)
def test_erfassungsfrist_aus_kommune_und_abweichung(steuerung, administration, schluessel, tage, abweichend, erwartet):
    if tage is not None:
        kommune_speichern(daten={"erfassungsfrist_tage": tage}, user=administration, revision=0)
    if abweichend is not None:
        erfassungsfrist_setzen(periode=schluessel, frist=abweichend, user=steuerung, revision=0)
    assert erfassungsfrist(periode(schluessel)) == erwartet


def test_abweichung_zuruecknehmen_gilt_wieder_der_standard(steuerung):
    erfassungsfrist_setzen(periode="2026-T1", frist=date(2026, 6, 1), user=steuerung, revision=0)
    erfassungsfrist_setzen(periode="2026-T1", frist=None, user=steuerung, revision=1)
    assert erfassungsfrist(periode("2026-T1")) == date(2026, 5, 15)


def test_veralteter_stand_gibt_konflikt_und_aendert_nichts(steuerung):
    erfassungsfrist_setzen(periode="2026-T2", frist=date(2026, 9, 20), user=steuerung, revision=0)
    erfassungsfrist_setzen(periode="2026-T2", frist=date(2026, 9, 25), user=steuerung, revision=1)
    with pytest.raises(ValidationError) as fehler:
        erfassungsfrist_setzen(periode="2026-T2", frist=date(2026, 9, 30), user=steuerung, revision=1)
    assert "inzwischen geändert" in fehler.value.message_dict["revision"][0]
    assert erfassungsfrist(periode("2026-T2")) == date(2026, 9, 25)


def test_kommune_veralteter_stand_gibt_konflikt(administration):
    kommune_speichern(daten={"erfassungsfrist_tage": 20}, user=administration, revision=0)
    with pytest.raises(ValidationError) as fehler:
        kommune_speichern(daten={"erfassungsfrist_tage": 25}, user=administration, revision=0)
    assert "inzwischen geändert" in fehler.value.message_dict["revision"][0]
    assert Kommune.objects.get().erfassungsfrist_tage == 20
    assert Kommune.objects.get().history.count() == 2  # created, then the change


def test_frist_vor_dem_periodenende_wird_abgelehnt(steuerung):
    with pytest.raises(ValidationError) as fehler:
        erfassungsfrist_setzen(periode="2026-T1", frist=date(2026, 4, 29), user=steuerung, revision=0)
    assert "Periodenende (30.04.2026)" in fehler.value.message_dict["frist"][0]


def test_nur_steuerungsunterstuetzung_setzt_fristen(sachbearbeitung50):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        erfassungsfrist_setzen(periode="2026-T1", frist=date(2026, 6, 1), user=sachbearbeitung50, revision=0)


def test_erinnerung_richtet_sich_nach_abweichender_frist(steuerung):
    # Default: T1 ends 30.04., deadline 15.05.; reminders from 5 days before.
    assert faellige_erinnerung(date(2026, 5, 12))[1] == "vor_frist"
    erfassungsfrist_setzen(periode="2026-T1", frist=date(2026, 6, 10), user=steuerung, revision=0)
    assert faellige_erinnerung(date(2026, 5, 12)) is None
    assert faellige_erinnerung(date(2026, 6, 7))[1] == "vor_frist"
    assert faellige_erinnerung(date(2026, 6, 11))[1] == "nach_frist"


def test_periodenliste_zeigt_tertiale_und_jahr(steuerung):
    erfassungsfrist_setzen(periode="2026-T3", frist=date(2027, 1, 31), user=steuerung, revision=0)
    zeilen = {z.periode.schluessel: z for z in perioden_mit_fristen(jahr=2026)}
    assert list(zeilen) == ["2026-T1", "2026-T2", "2026-T3", "2026"]  # no monthly Kennzahl in 2026
    assert zeilen["2026-T3"].frist == date(2027, 1, 31) and zeilen["2026-T3"].standardfrist == date(2027, 1, 15)
    assert zeilen["2026-T1"].abweichende_frist is None and zeilen["2026-T1"].revision == 0


def test_seite_periodenfrist_speichern_und_fehler(steuerung):
    client = Client()
    client.force_login(steuerung)
    url = reverse("frontend:periode-frist", args=["2026-T2"])
    # The calendar offers only the days the rule accepts: period end … 366 days after it.
    seite = client.get(url).content.decode()
    assert 'data-min="2026-08-31"' in seite and 'data-max="2027-09-01"' in seite
    falsch = client.post(url, {"frist": "31.02.2026", "revision": "0"})
    assert falsch.status_code == 200 and "gültiges Datum" in falsch.content.decode()
    zu_frueh = client.post(url, {"frist": "01.08.2026", "revision": "0"})
    assert "Periodenende (31.08.2026)" in zu_frueh.content.decode()
    gut = client.post(url, {"frist": "20.09.2026", "revision": "0"})
    assert gut.status_code == 302
    assert erfassungsfrist(periode("2026-T2")) == date(2026, 9, 20)
    veraltet = client.post(url, {"frist": "25.09.2026", "revision": "0"})
    assert "inzwischen geändert" in veraltet.content.decode()
    liste = client.get(reverse("frontend:perioden"), {"jahr": "2026"}).content.decode()
    assert "20.09.2026" in liste and "15.09.2026" in liste


def test_api_erfassungsfristen(api, steuerung, sachbearbeitung50):
    client = api(steuerung)
    liste = client.get("/api/v1/erfassungsfristen/?jahr=2026")
    assert liste.status_code == 200 and liste.json()[0]["frist"] == "2026-05-15"
    gesetzt = client.post(
        "/api/v1/erfassungsfristen/",
        {"periode": "2026-T1", "abweichende_frist": "2026-06-01", "revision": 0},
        format="json",
    )
    assert gesetzt.status_code == 200 and gesetzt.json()["frist"] == "2026-06-01" and gesetzt.json()["revision"] == 1
    konflikt = client.post(
        "/api/v1/erfassungsfristen/", {"periode": "2026-T1", "abweichende_frist": None, "revision": 0}, format="json"
    )
    assert konflikt.status_code == 409
    falsch = client.post(
        "/api/v1/erfassungsfristen/", {"periode": "2026-T9", "abweichende_frist": "x", "revision": 0}, format="json"
    )
    assert falsch.status_code == 400 and "abweichende_frist" in falsch.json()
    assert api(sachbearbeitung50).get("/api/v1/erfassungsfristen/").status_code == 403
