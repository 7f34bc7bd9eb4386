"""The Sollwert table of a Kennzahl: periods of the rhythm, interpolated Soll, saving all at once."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.test import Client

from core.periods import Rhythmus
from steuerung.models import Messwert, Sollwert
from steuerung.periodenbewertung import Steckbrief
from steuerung.solltabelle import sollperioden, solltabelle

BESTAND = Steckbrief(
    messart="bestand", richtung="fallend", ausgangswert=Decimal("100"), ausgangsjahr=2024, zielwert=Decimal("88")
)
SUMME = Steckbrief(messart="summe", richtung="steigend", ausgangswert=Decimal("1200"), ausgangsjahr=2025)


@pytest.mark.parametrize(
    ("rhythmus", "schluessel"),
    [
        (Rhythmus.JAHR, ["2026"]),
        (Rhythmus.TERTIAL, ["2026-T1", "2026-T2", "2026-T3", "2026"]),
        (Rhythmus.MONAT, [f"2026-{m:02d}" for m in range(1, 13)] + ["2026"]),
    ],
)
def test_eine_zeile_je_periode_und_das_jahr(rhythmus, schluessel):
    assert [p.schluessel for p in sollperioden(rhythmus=rhythmus, haushaltsjahr=2026)] == schluessel


@pytest.mark.parametrize(
    ("steckbrief", "sollwerte", "erwartet"),
    [
        # Interpolated from 100 (end of 2024) to 88 (end of 2025, zieljahr below): by days elapsed.
        (BESTAND, {}, {"2025-T1": "96.05", "2025-T2": "92.01", "2025-T3": "88.00", "2025": "88.00"}),
        # An explicit year Soll does not change the tertials' interpolation, but is the year's Soll.
        (BESTAND, {"2025": Decimal("90")}, {"2025-T1": "96.05", "2025": "88.00"}),
        # A sub-annual sum: the year's Soll pro rata (4 of 12 months), from the explicit year Soll;
        # without a target there is nothing to interpolate the year itself from.
        (SUMME, {"2025": Decimal("1500")}, {"2025-T1": "500.00", "2025-T3": "500.00", "2025": None}),
    ],
)
def test_soll_ohne_eintrag(steckbrief, sollwerte, erwartet):
    steckbrief = Steckbrief(**{**steckbrief.__dict__, "zieljahr": 2025 if steckbrief.zielwert else None})
    zeilen = {
        z.periode.schluessel: z
        for z in solltabelle(steckbrief=steckbrief, rhythmus=Rhythmus.TERTIAL, haushaltsjahr=2025, sollwerte=sollwerte)
    }
    for schluessel, wert in erwartet.items():
        ohne = zeilen[schluessel].ohne_eintrag
        assert (None if ohne is None else ohne.quantize(Decimal("0.01"))) == (wert and Decimal(wert)), schluessel
    assert zeilen["2025"].wert == sollwerte.get("2025")


def client_fuer(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def _post(kennzahl, revision=0, jahr=2025, **zellen) -> dict[str, str]:
    daten = {"revision": str(revision), "jahr": str(jahr)}
    daten.update({f"soll_{k.replace('_', '-')}": v for k, v in zellen.items()})
    return daten


@pytest.mark.django_db
def test_sollwerte_hin_und_zurueck_mit_deutschen_zahlen(steuerung, pyramide):
    k = pyramide["k50"]
    Sollwert.objects.create(kennzahl=k, periode="2024", wert=Decimal("99"))  # another year stays
    c = client_fuer(steuerung)
    seite = c.get(f"/kennzahlen/{k.pk}/").content.decode()
    assert "Sollwerte 2025" in seite and 'name="soll_2025-T2"' in seite
    assert "ohne Eintrag (interpoliert)" in seite
    antwort = c.post(
        f"/kennzahlen/{k.pk}/sollwerte/",
        _post(k, **{"2025_T1": "1.810,5", "2025_T2": "", "2025_T3": "1.795", "2025": "1.780,25"}),
    )
    assert antwort.status_code == 302
    assert dict(Sollwert.objects.filter(kennzahl=k).values_list("periode", "wert")) == {
        "2024": Decimal("99"),
        "2025-T1": Decimal("1810.5"),
        "2025-T3": Decimal("1795"),
        "2025": Decimal("1780.25"),
    }
    k.refresh_from_db()
    assert k.revision == 1
    wieder = c.get(antwort.url).content.decode()
    assert 'value="1.810,5"' in wieder and 'value="1.780,25"' in wieder
    assert "Die Sollwerte 2025 wurden gespeichert." in wieder


@pytest.mark.django_db
def test_schlechte_zellen_alle_gemeldet_nichts_gespeichert(steuerung, pyramide):
    k = pyramide["k50"]
    antwort = client_fuer(steuerung).post(
        f"/kennzahlen/{k.pk}/sollwerte/", _post(k, **{"2025_T1": "abc", "2025_T2": "1,234.5", "2025": "1.780"})
    )
    assert antwort.status_code == 200
    inhalt = antwort.content.decode()
    assert "„abc“ ist keine gültige Zahl" in inhalt
    assert "1. Tertial 2025" in inhalt and "2. Tertial 2025" in inhalt
    assert 'value="1,234.5"' in inhalt
    assert not Sollwert.objects.filter(kennzahl=k).exists()


@pytest.mark.django_db
def test_veralteter_stand_meldet_konflikt(steuerung, pyramide):
    k = pyramide["k50"]
    c = client_fuer(steuerung)
    assert c.post(f"/kennzahlen/{k.pk}/sollwerte/", _post(k, **{"2025": "1.780"})).status_code == 302
    zweite = c.post(f"/kennzahlen/{k.pk}/sollwerte/", _post(k, revision=0, **{"2025": "1.700"}))
    assert zweite.status_code == 200
    assert "Dieser Eintrag wurde inzwischen geändert" in zweite.content.decode()
    assert Sollwert.objects.get(kennzahl=k, periode="2025").wert == Decimal("1780")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("persona", "status", "formular"),
    [
        ("sachbearbeitung50", 403, False),
        ("sachbearbeitung51", 404, False),
        ("amtsleitung50", 403, False),
        ("dezernat", 403, False),
        ("steuerung", 302, True),
        ("kaemmerei", 403, False),
        ("ratsmitglied", 403, False),
    ],
    indirect=["persona"],
)
def test_sollwerte_nur_fuer_die_steuerungsunterstuetzung(persona, status, formular, pyramide):
    k = pyramide["k50"]
    c = client_fuer(persona)
    assert c.post(f"/kennzahlen/{k.pk}/sollwerte/", _post(k, **{"2025": "1"})).status_code == status
    if status != 302:
        assert not Sollwert.objects.filter(kennzahl=k).exists()
    seite = c.get(f"/kennzahlen/{k.pk}/")
    if seite.status_code == 200:
        assert ('name="soll_2025"' in seite.content.decode()) is formular


@pytest.mark.django_db
def test_fehler_steht_unter_seinem_eingabefeld_in_dessen_zelle(steuerung, pyramide):
    k = pyramide["k50"]
    inhalt = client_fuer(steuerung).post(f"/kennzahlen/{k.pk}/sollwerte/", _post(k, **{"2025_T1": "abc"})).content
    zelle = re.search(r'<td class="([^"]*)">(<input[^>]*id="id_soll_2025-T1"[^>]*>)(.*?)</td>', inhalt.decode(), re.S)
    assert zelle, "the input of 2025-T1 is not in a cell of its own"
    assert "feld--fehler" in zelle.group(1)
    assert 'class="errorlist solltabelle__fehler"' in zelle.group(3) and "ist keine gültige Zahl" in zelle.group(3)


@pytest.mark.django_db
def test_grundpflicht_nennt_die_periode_deutsch(api, steuerung, pyramide):
    k = pyramide["k50"]
    Messwert.objects.create(kennzahl=k, periode="2025-T2", periode_ende="2025-08-31", wert=1800)
    antwort = api(steuerung).patch(f"/api/v1/kennzahlen/{k.pk}/", {"zielwert": "1750"}, format="json")
    assert antwort.status_code == 400
    assert "(zuletzt 2. Tertial 2025)" in antwort.json()["grund"][0]
