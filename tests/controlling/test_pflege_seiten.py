"""Creating, editing and deleting HSK-Maßnahmen in the browser: roles, all errors at once, locking."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.test import Client

from controlling.models import HSKMassnahme, HSKSoll, Stelle
from tests.controlling.factories import HSKMassnahmeFactory, MassnahmeFactory

pytestmark = pytest.mark.django_db


def client_fuer(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def _zeilen(prefix: str, zeilen: list[dict], extra: int = 1) -> dict[str, str]:
    daten = {
        f"{prefix}-TOTAL_FORMS": str(len(zeilen) + extra),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "50",
    }
    for i, zeile in enumerate(zeilen):
        daten.update({f"{prefix}-{i}-{k}": v for k, v in zeile.items()})
    return daten


def formulardaten(massnahme_ziel, einheit, *, soll=None, stellen=None, ablauf=None, **haupt) -> dict[str, str]:
    daten = {
        "bezeichnung": "Rückkehr in die Häuslichkeit",
        "massnahme": str(massnahme_ziel.pk),
        "organisationseinheit": str(einheit.pk),
        "wirkungshypothese": "Zwei Fachkräfte vermeiden stationäre Pflege.",
        "praeventionsform": "",
        "beginn": "01.02.2026",
        "ende": "",
        "personalkosten_jahr": "",
        "annahme_faelle": "20",
        "annahme_erfolgsquote": "0,4",
        "annahme_vermiedene_kosten_jahr": "12.000,00",
        "aufbewahrung_monate": "36",
        "pruefintervall_monate": "6",
        "revision": "0",
        **haupt,
    }
    daten.update(_zeilen("soll", soll if soll is not None else [{"jahr": "2026", "betrag": "50.000,00"}]))
    daten.update(
        _zeilen(
            "stellen",
            stellen
            if stellen is not None
            else [{"bezeichnung": "Fachkraft 1", "vzae": "1", "jahreskosten": "65.000,00", "beginn": "", "ende": ""}],
        )
    )
    daten.update(_zeilen("ablauf", ablauf if ablauf is not None else [{"bezeichnung": "Erstkontakt"}]))
    return daten


@pytest.fixture
def ziel50(einheiten):
    return MassnahmeFactory(organisationseinheit=einheiten["50"])


def test_steuerung_legt_massnahme_mit_soll_stellen_und_ablauf_in_einem_schritt_an(steuerung, einheiten, ziel50):
    daten = formulardaten(
        ziel50,
        einheiten["50"],
        soll=[{"jahr": "2026", "betrag": "50.000,00"}, {"jahr": "2027", "betrag": "120.000,50"}],
        stellen=[
            {"bezeichnung": "Fachkraft 1", "vzae": "1", "jahreskosten": "65.000", "beginn": "", "ende": ""},
            {"bezeichnung": "Fachkraft 2", "vzae": "0,5", "jahreskosten": "32.500,00", "beginn": "01.07.2026"},
        ],
        ablauf=[{"bezeichnung": "Erstkontakt"}, {"bezeichnung": "Betreuung"}],
    )
    antwort = client_fuer(steuerung).post("/hsk/neu/", daten)
    assert antwort.status_code == 302, antwort.content.decode()[:3000]
    m = HSKMassnahme.objects.get(bezeichnung="Rückkehr in die Häuslichkeit")
    assert antwort.url == f"/hsk/{m.pk}/"
    assert {(s.jahr, s.betrag) for s in m.soll_jahre.all()} == {
        (2026, Decimal("50000.00")),
        (2027, Decimal("120000.50")),
    }
    assert [s.bezeichnung for s in m.stellen.order_by("id")] == ["Fachkraft 1", "Fachkraft 2"]
    assert m.stellen.get(bezeichnung="Fachkraft 2").vzae == Decimal("0.50")
    assert m.personalkosten_jahr == Decimal("97500.00")  # derived from the Stellen, read-only
    assert [a.bezeichnung for a in m.ablaufschritte.all()] == ["Erstkontakt", "Betreuung"]
    assert m.annahme_erfolgsquote == Decimal("0.4")
    assert m.history.first().history_user == steuerung


def test_schlechte_zeilen_zeigen_alle_fehler_auf_einmal_und_speichern_nichts(steuerung, einheiten, ziel50):
    daten = formulardaten(
        ziel50,
        einheiten["50"],
        bezeichnung="",
        soll=[{"jahr": "2026", "betrag": "-5"}, {"jahr": "1999", "betrag": "abc"}],
        stellen=[
            {"bezeichnung": "Fachkraft 1", "vzae": "1", "jahreskosten": "65.000", "beginn": "", "ende": ""},
            {"bezeichnung": "", "vzae": "1", "jahreskosten": "1,234.5"},
            {
                "bezeichnung": "Fachkraft 3",
                "vzae": "1",
                "jahreskosten": "1.000",
                "beginn": "2026-07-01",
                "ende": "01.01.2026",
            },
        ],
    )
    antwort = client_fuer(steuerung).post("/hsk/neu/", daten)
    assert antwort.status_code == 200
    inhalt = antwort.content.decode()
    assert "Nichts wurde gespeichert" in inhalt
    assert "Bezeichnung: Dieses Feld ist zwingend erforderlich." in inhalt
    assert "Der Betrag darf nicht negativ sein." in inhalt  # Soll row 1 (form)
    assert "Soll je Jahr, Zeile 2" in inhalt  # 'abc' (form)
    assert "Stellen, Zeile 2, Bezeichnung" in inhalt  # required by the API serializer
    assert "Stellen, Zeile 3, besetzt bis: Eine Stelle darf nicht vor ihrem Beginn enden." in inhalt  # serializer
    assert "Stelle sicher, dass dieser Wert größer oder gleich 2000 ist." in inhalt  # Soll row 2, serializer
    assert "1,234.5" in inhalt  # the typed input stays in the form
    assert not HSKMassnahme.objects.exists()
    assert not Stelle.objects.exists() and not HSKSoll.objects.exists()


def test_dienstregel_fehler_der_stellen_kommen_alle_zurueck(steuerung, einheiten, ziel50):
    """The service's check against the measure's dates reports every Stelle, not just the first."""
    daten = formulardaten(
        ziel50,
        einheiten["50"],
        ende="31.12.2026",
        stellen=[
            {"bezeichnung": "Früh", "vzae": "1", "jahreskosten": "1.000", "ende": "01.01.2025"},
            {"bezeichnung": "Spät", "vzae": "1", "jahreskosten": "1.000", "beginn": "01.01.2027"},
        ],
    )
    inhalt = client_fuer(steuerung).post("/hsk/neu/", daten).content.decode()
    assert "Früh: Die Stelle endet vor dem Beginn der Maßnahme (01.02.2026)." in inhalt
    assert "Spät: Die Stelle beginnt nach dem Ende der Maßnahme (31.12.2026)." in inhalt
    assert not HSKMassnahme.objects.exists()


def test_bearbeiten_mit_veraltetem_stand_meldet_konflikt(steuerung, einheiten, ziel50):
    m = HSKMassnahmeFactory(organisationseinheit=einheiten["50"], massnahme=ziel50)
    c = client_fuer(steuerung)
    formular = c.get(f"/hsk/{m.pk}/bearbeiten/")
    assert formular.status_code == 200
    assert 'name="revision" value="0"' in formular.content.decode()
    daten = formulardaten(ziel50, einheiten["50"], bezeichnung="Erste Änderung")
    assert c.post(f"/hsk/{m.pk}/bearbeiten/", daten).status_code == 302
    m.refresh_from_db()
    assert m.revision == 1 and m.bezeichnung == "Erste Änderung"
    zweite = c.post(f"/hsk/{m.pk}/bearbeiten/", formulardaten(ziel50, einheiten["50"], bezeichnung="Zweite"))
    assert zweite.status_code == 200
    assert "Dieser Eintrag wurde inzwischen geändert" in zweite.content.decode()
    m.refresh_from_db()
    assert m.bezeichnung == "Erste Änderung"


@pytest.mark.parametrize(
    ("persona", "neu", "bearbeiten"),
    [
        ("sachbearbeitung50", 403, 403),
        ("sachbearbeitung51", 403, 404),
        ("amtsleitung50", 403, 403),
        ("dezernat", 403, 403),
        ("steuerung", 200, 200),
        ("kaemmerei", 403, 403),
        ("ratsmitglied", 403, 403),
    ],
    indirect=["persona"],
)
def test_pflegeseiten_je_rolle(persona, neu, bearbeiten, einheiten):
    m = HSKMassnahmeFactory(organisationseinheit=einheiten["50"])
    c = client_fuer(persona)
    assert c.get("/hsk/neu/").status_code == neu
    assert c.get(f"/hsk/{m.pk}/bearbeiten/").status_code == bearbeiten
    assert c.post(f"/hsk/{m.pk}/loeschen/", {"bestaetigt": "on"}).status_code in (bearbeiten, 302)
    assert HSKMassnahme.objects.filter(pk=m.pk).exists() or persona.username == "su"


def test_links_nur_fuer_rollen_die_aendern_duerfen(steuerung, sachbearbeitung50, einheiten):
    m = HSKMassnahmeFactory(organisationseinheit=einheiten["50"])
    assert "Neue HSK-Maßnahme" in client_fuer(steuerung).get("/hsk/").content.decode()
    assert f"/hsk/{m.pk}/bearbeiten/" in client_fuer(steuerung).get(f"/hsk/{m.pk}/").content.decode()
    assert "Neue HSK-Maßnahme" not in client_fuer(sachbearbeitung50).get("/hsk/").content.decode()
    assert "/bearbeiten/" not in client_fuer(sachbearbeitung50).get(f"/hsk/{m.pk}/").content.decode()


def test_loeschen_mit_einzelfaellen_wird_mit_grund_abgelehnt(steuerung, hsk50):
    c = client_fuer(steuerung)
    seite = c.get(f"/hsk/{hsk50.pk}/bearbeiten/").content.decode()
    assert "Die Maßnahme hat Einzelfälle (3)." in seite
    assert "beenden Sie sie stattdessen" in seite
    antwort = c.post(f"/hsk/{hsk50.pk}/loeschen/", {"bestaetigt": "on"}, follow=True)
    assert "Die Maßnahme hat Einzelfälle (3)." in antwort.content.decode()
    assert HSKMassnahme.objects.filter(pk=hsk50.pk).exists()


def test_loeschen_ohne_faelle_und_ohne_ist_verlauf(steuerung, einheiten):
    m = HSKMassnahmeFactory(organisationseinheit=einheiten["50"], beginn=date(2099, 1, 1))
    c = client_fuer(steuerung)
    ohne = c.post(f"/hsk/{m.pk}/loeschen/", follow=True).content.decode()
    assert "Bitte bestätigen Sie das Löschen" in ohne and HSKMassnahme.objects.filter(pk=m.pk).exists()
    antwort = c.post(f"/hsk/{m.pk}/loeschen/", {"bestaetigt": "on"})
    assert antwort.status_code == 302 and antwort.url == "/hsk/"
    assert not HSKMassnahme.objects.filter(pk=m.pk).exists()


def test_api_loeschen_mit_faellen_nennt_den_grund(api, steuerung, hsk50):
    antwort = api(steuerung).delete(f"/api/v1/hsk-massnahmen/{hsk50.pk}/")
    assert antwort.status_code == 400
    assert "Einzelfälle (3)" in str(antwort.json())
