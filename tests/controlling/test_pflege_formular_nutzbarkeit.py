"""The HSK-Maßnahme form as a new user meets it: year in the goal choice, enough blank rows,
staff costs that follow the Stellen, every error of fields and rows at once."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest

from controlling.models import HSKMassnahme, Stelle
from tests.controlling.factories import HSKMassnahmeFactory, MassnahmeFactory
from tests.controlling.test_pflege_seiten import client_fuer, formulardaten

pytestmark = pytest.mark.django_db


def _optionen(html: str, name: str) -> list[str]:
    auswahl = re.search(rf'<select name="{name}".*?</select>', html, re.S).group(0)
    return [t.strip() for t in re.findall(r"<option[^>]*>([^<]*)</option>", auswahl)]


def test_massnahmen_der_zielpyramide_nennen_ihr_jahr_neuestes_zuerst(steuerung, einheiten):
    for jahr in (2025, 2026):
        MassnahmeFactory(jahr=jahr, code="M 1", titel="Pflegeberatung", organisationseinheit=einheiten["50"])
    html = client_fuer(steuerung).get("/hsk/neu/").content.decode()
    optionen = [o for o in _optionen(html, "massnahme") if "Pflegeberatung" in o]
    assert optionen == ["2026 · M 1 Pflegeberatung", "2025 · M 1 Pflegeberatung"]


def test_neue_massnahme_hat_drei_leerzeilen_je_tabelle_ohne_loeschfeld(steuerung, einheiten):
    html = client_fuer(steuerung).get("/hsk/neu/").content.decode()
    for prefix in ("soll", "stellen", "ablauf"):
        assert f'name="{prefix}-TOTAL_FORMS" value="3"' in html
        assert f'name="{prefix}-2-' in html
        assert f'name="{prefix}-0-DELETE"' not in html
        # The empty row for "Zeile hinzufügen" (zeilen.js) and its button text.
        assert f'<template id="leer-{prefix}">' in html and f'name="{prefix}-__prefix__-' in html
    assert 'data-knopf="Zeile hinzufügen: Soll je Jahr"' in html
    assert "frontend/zeilen.js" in html


def test_bearbeiten_loescht_nur_gespeicherte_zeilen_und_bietet_je_offenes_jahr_eine_soll_zeile(steuerung, einheiten):
    m = HSKMassnahmeFactory(organisationseinheit=einheiten["50"], beginn=date(2026, 1, 1), ende=date(2029, 12, 31))
    m.soll_jahre.create(jahr=2026, betrag=Decimal("1000.00"))
    html = client_fuer(steuerung).get(f"/hsk/{m.pk}/bearbeiten/").content.decode()
    assert 'name="soll-TOTAL_FORMS" value="4"' in html  # the stored 2026 row + 2027, 2028, 2029
    assert 'name="soll-0-DELETE"' in html and 'name="soll-1-DELETE"' not in html


def test_hilfetext_nennt_die_spalte_reihenfolge_wie_die_tabelle(steuerung):
    html = client_fuer(steuerung).get("/hsk/neu/").content.decode()
    assert "„Position“" not in html
    assert "in der Spalte „Reihenfolge“" in html
    assert '<th scope="col">Reihenfolge</th>' in html


def test_personalkosten_mit_stellen_sind_nicht_vorbelegt_und_der_hinweis_nennt_den_betrag(steuerung, einheiten):
    m = HSKMassnahmeFactory(organisationseinheit=einheiten["50"])
    Stelle.objects.create(hsk_massnahme=m, bezeichnung="Fachkraft", vzae=1, jahreskosten=Decimal("65000"))
    m.personalkosten_jahr = Decimal("65000.00")
    m.save()
    html = client_fuer(steuerung).get(f"/hsk/{m.pk}/bearbeiten/").content.decode()
    feld = re.search(r'<input[^>]*name="personalkosten_jahr"[^>]*>', html).group(0)
    assert "value=" not in feld and "disabled" not in feld
    assert "derzeit 65.000,00 €" in html


def test_stelle_zu_massnahme_mit_manuellen_personalkosten_hinzufuegen(steuerung, einheiten):
    ziel = MassnahmeFactory(organisationseinheit=einheiten["50"])
    m = HSKMassnahmeFactory(organisationseinheit=einheiten["50"], massnahme=ziel, beginn=date(2026, 2, 1))
    # The form shows the manual 60.000 €; the user adds a Stelle and leaves that value standing.
    daten = formulardaten(ziel, einheiten["50"], personalkosten_jahr="60.000,00")
    antwort = client_fuer(steuerung).post(f"/hsk/{m.pk}/bearbeiten/", daten)
    assert antwort.status_code == 302, antwort.content.decode()[:3000]
    m.refresh_from_db()
    assert m.personalkosten_jahr == Decimal("65000.00")  # derived from the Stelle


def _mit_einer_stelle(einheiten):
    ziel = MassnahmeFactory(organisationseinheit=einheiten["50"])
    m = HSKMassnahmeFactory(organisationseinheit=einheiten["50"], massnahme=ziel, beginn=date(2026, 2, 1))
    Stelle.objects.create(hsk_massnahme=m, bezeichnung="Fachkraft", vzae=1, jahreskosten=Decimal("65000"))
    HSKMassnahme.objects.filter(pk=m.pk).update(personalkosten_jahr=Decimal("65000.00"))
    return ziel, m


def test_letzte_stelle_loeschen_ohne_betrag_fragt_nach_den_personalkosten(steuerung, einheiten):
    ziel, m = _mit_einer_stelle(einheiten)
    antwort = client_fuer(steuerung).post(f"/hsk/{m.pk}/bearbeiten/", formulardaten(ziel, einheiten["50"], stellen=[]))
    assert antwort.status_code == 200
    assert "Ohne Stellen ergeben sich die Personalkosten nicht mehr aus ihnen" in antwort.content.decode()
    m.refresh_from_db()
    assert m.stellen.count() == 1 and m.personalkosten_jahr == Decimal("65000.00")


def test_letzte_stelle_loeschen_mit_betrag_in_derselben_eingabe(steuerung, einheiten):
    ziel, m = _mit_einer_stelle(einheiten)
    daten = formulardaten(ziel, einheiten["50"], stellen=[], personalkosten_jahr="0")
    assert client_fuer(steuerung).post(f"/hsk/{m.pk}/bearbeiten/", daten).status_code == 302
    m.refresh_from_db()
    assert m.stellen.count() == 0 and m.personalkosten_jahr == Decimal("0.00")


def test_api_letzte_stelle_entfernen_nimmt_die_abgeleiteten_personalkosten_mit(api, steuerung, einheiten):
    _ziel, m = _mit_einer_stelle(einheiten)
    antwort = api(steuerung).patch(f"/api/v1/hsk-massnahmen/{m.pk}/", {"revision": 0, "stellen": []}, format="json")
    assert antwort.status_code == 400
    assert "bitte die Personalkosten je Jahr angeben" in str(antwort.json()["personalkosten_jahr"])
    assert Stelle.objects.filter(hsk_massnahme=m).count() == 1


def test_fehler_der_massnahme_und_der_zeilen_kommen_zusammen(steuerung, einheiten):
    """Ende before Beginn (measure) and a duplicate Soll year and step (rows) in one answer."""
    ziel = MassnahmeFactory(organisationseinheit=einheiten["50"])
    daten = formulardaten(
        ziel,
        einheiten["50"],
        ende="01.01.2026",
        soll=[{"jahr": "2026", "betrag": "1,00"}, {"jahr": "2026", "betrag": "2,00"}],
        ablauf=[{"bezeichnung": "Erstkontakt"}, {"bezeichnung": "Erstkontakt"}],
    )
    inhalt = client_fuer(steuerung).post("/hsk/neu/", daten).content.decode()
    assert "Jedes Haushaltsjahr darf nur einmal ein Soll haben." in inhalt
    assert "Jeder Ablaufschritt darf nur einmal vorkommen." in inhalt
    assert "Das Ende der Maßnahme darf nicht vor ihrem Beginn liegen." in inhalt
    assert not HSKMassnahme.objects.exists()


def test_zeilenfehler_kommen_auch_wenn_ein_feld_unlesbar_ist(steuerung, einheiten):
    ziel = MassnahmeFactory(organisationseinheit=einheiten["50"])
    daten = formulardaten(
        ziel,
        einheiten["50"],
        bezeichnung="",
        ende="31.12.2026",
        soll=[{"jahr": "2026", "betrag": "1,00"}, {"jahr": "2026", "betrag": "2,00"}],
        stellen=[{"bezeichnung": "Spät", "vzae": "1", "jahreskosten": "1.000", "beginn": "01.01.2027"}],
    )
    inhalt = client_fuer(steuerung).post("/hsk/neu/", daten).content.decode()
    assert "Bezeichnung: Dieses Feld ist zwingend erforderlich." in inhalt
    assert "Jedes Haushaltsjahr darf nur einmal ein Soll haben." in inhalt
    assert "Spät: Die Stelle beginnt nach dem Ende der Maßnahme (31.12.2026)." in inhalt
    assert not HSKMassnahme.objects.exists()
