"""Start page per role ("Meine Aufgaben" first, tiles below), entry overview status and dashboard default."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from steuerung.models import Berichtsbesuch, Berichtsuebergang, Tertialbericht
from steuerung.models.berichte import Berichtsaktion, Berichtsstatus
from tests.controlling.factories import EinzelfallFactory, HSKMassnahmeFactory
from tests.steuerung.factories_berichte import BKennzahlFactory, BMesswertFactory

pytestmark = pytest.mark.django_db
S = Berichtsstatus
HEUTE = date(2026, 9, 10)
# A bound for every role's start page, whatever the amount of data (stored dashboards built included).
HOECHSTENS_ABFRAGEN = 50


@pytest.fixture(autouse=True)
def heute(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *a: HEUTE)


def _client(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def _aufgaben(html: str) -> str:
    """The text of the "Meine Aufgaben" section."""
    teil = html[html.index('id="meine-aufgaben"') : html.index("</section>")]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", teil))


@pytest.fixture
def daten(einheiten, sachbearbeitung50, steuerung, amtsleitung50):
    gemeinsam = {"verantwortlich": sachbearbeitung50, "vertretung": steuerung}
    BKennzahlFactory(code="K 1", bezeichnung="Hausbesuche", organisationseinheit=einheiten["50 21"], **gemeinsam)
    k51 = BKennzahlFactory(code="K 9", bezeichnung="Rückführungen", organisationseinheit=einheiten["51"], **gemeinsam)
    BMesswertFactory(kennzahl=k51, periode="2026-T2", wert=Decimal("40"))
    zurueck = Tertialbericht.objects.create(
        organisationseinheit=einheiten["50"], periode="2026-T1", status=S.ZURUECKGEGEBEN
    )
    Berichtsuebergang.objects.create(
        bericht=zurueck,
        aktion=Berichtsaktion.ZURUECKGEBEN,
        von_status=S.EINGEREICHT,
        nach_status=S.ZURUECKGEGEBEN,
        benutzer=amtsleitung50,
        notiz="Bitte die Zahl der Hausbesuche begründen.",
    )
    Tertialbericht.objects.create(organisationseinheit=einheiten["51"], periode="2025-T3", status=S.EINGEREICHT)
    Tertialbericht.objects.create(
        organisationseinheit=einheiten["51"], periode="2025-T2", status=S.AMTSLEITUNG_FREIGEGEBEN
    )
    m = HSKMassnahmeFactory(organisationseinheit=einheiten["50"], bezeichnung="Pflegeberatung")
    EinzelfallFactory(hsk_massnahme=m, aufnahme=date(2026, 1, 15), wirkungsbeginn=None)
    return {"zurueck": zurueck}


ERWARTET = [
    (
        "sachbearbeitung50",
        [
            "Zurückgegebenen Bericht überarbeiten und erneut einreichen: 50 Amt für Soziales, 1. Tertial 2026",
            "Hinweis der Rückgabe: Bitte die Zahl der Hausbesuche begründen.",
            "Ergebnis von 1 Einzelfall nach dem Prüfintervall noch offen: Pflegeberatung",
            "1 Wert für 2. Tertial 2026 erfassen: 50 21 Hilfe zur Pflege",
            "Frist: 15.09.2026",
        ],
        ["Jugendamt"],
    ),
    (
        "sachbearbeitung51",
        ["1 Wert für 1. Tertial 2026 erfassen: 51 Jugendamt", "überfällig · Frist: 15.05.2026"],
        ["Amt für Soziales", "Pflegeberatung"],
    ),
    (
        "amtsleitung50",
        ["Vollständigkeit 50 21 Hilfe zur Pflege, 2. Tertial 2026: 0 von 1 Werten erfasst"],
        ["Jugendamt", "Eingereichten Bericht"],
    ),
    (
        "dezernat",
        [
            "Von der Amtsleitung freigegebenen Bericht freigeben: 51 Jugendamt, 2. Tertial 2025",
            "Neu rot und Jahresziel gefährdet seit dem 1. Tertial 2026: K 9 Rückführungen (51)",
        ],
        ["Einzelfall"],
    ),
    ("steuerung", ["Konsolidierungsverlauf neu berechnen: Pflegeberatung"], ["Einzelfall nach"]),
    ("kaemmerei", ["Keine offenen Aufgaben."], []),
    ("ratsmitglied", ["Keine offenen Aufgaben."], []),
    ("administration", ["Keine offenen Aufgaben."], []),
]


@pytest.mark.parametrize(
    ("persona", "enthalten", "nicht"), ERWARTET, indirect=["persona"], ids=[e[0] for e in ERWARTET]
)
def test_startseite_beginnt_mit_meinen_aufgaben(persona, enthalten, nicht, daten):
    c = _client(persona)
    with CaptureQueriesContext(connection) as abfragen:
        antwort = c.get("/")
    assert antwort.status_code == 200
    assert len(abfragen) <= HOECHSTENS_ABFRAGEN
    html = antwort.content.decode()
    inhalt = html[html.index("<main") :]
    # The tasks come first, right under the greeting; the tiles stay below them.
    assert inhalt.index("Meine Aufgaben") < inhalt.index('class="einleitung"')
    if 'class="kacheln"' in inhalt:
        assert inhalt.index("Meine Aufgaben") < inhalt.index('class="kacheln"')
    text = _aufgaben(html)
    for teil in enthalten:
        assert teil in text, text
    for teil in nicht:
        assert teil not in text, text


def test_ueberfaellige_aufgabe_steht_zuerst_und_ist_markiert(daten, sachbearbeitung50):
    html = _client(sachbearbeitung50).get("/").content.decode()
    erste = html.index('class="aufgabe aufgabe--ueberfaellig"')
    assert erste < html.index('class="aufgabe"')
    assert "überfällig" in _aufgaben(html)


def _mehr_daten(einheiten, steuerung, von: int, bis: int) -> None:
    """Kennzahlen without Soll, measures with an open case and a stale curve, returned and submitted reports."""
    gemeinsam = {"verantwortlich": steuerung, "vertretung": steuerung}
    for i in range(von, bis):
        BKennzahlFactory(code=f"K {20 + i}", zielwert=None, organisationseinheit=einheiten["50 2"], **gemeinsam)
        m = HSKMassnahmeFactory(organisationseinheit=einheiten["50 2"], bezeichnung=f"HSK {i}")
        EinzelfallFactory(hsk_massnahme=m, aufnahme=date(2025, 1, 1), wirkungsbeginn=None)
        for status, jahr in ((S.ZURUECKGEGEBEN, 2000), (S.EINGEREICHT, 2020)):
            Tertialbericht.objects.create(
                organisationseinheit=einheiten["50 2"], periode=f"{jahr + i}-T1", status=status
            )


@pytest.mark.parametrize("persona", ["sachbearbeitung50", "amtsleitung50", "steuerung"], indirect=True)
def test_abfragen_wachsen_nicht_mit_den_daten(persona, daten, einheiten, steuerung, django_assert_max_num_queries):
    _mehr_daten(einheiten, steuerung, 0, 1)
    c = _client(persona)
    c.get("/")
    with CaptureQueriesContext(connection) as vorher:
        c.get("/")
    _mehr_daten(einheiten, steuerung, 1, 13)
    with django_assert_max_num_queries(len(vorher)):
        text = _aufgaben(c.get("/").content.decode())
    assert "K 32" in text or "HSK 12" in text or "2012" in text or "2032" in text


def test_erfassungsuebersicht_zeigt_status_und_frist_je_einheit_und_tertial(daten, einheiten, sachbearbeitung50):
    Tertialbericht.objects.create(organisationseinheit=einheiten["50"], periode="2026-T2", status=S.EINGEREICHT)
    html = _client(sachbearbeitung50).get("/erfassung/").content.decode()
    zeile = html[html.index("50 21 Hilfe zur Pflege</th>") :]
    zeile = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", zeile[: zeile.index("</tr>")]))
    assert "eingereicht Frist: 15.09.2026 · 0 von 1 Werten" in zeile
    assert "offen Frist: 15.01.2027 · 0 von 1 Werten" in zeile
    # T2 is submitted everywhere: the form offers the running tertial.
    assert re.search(r'<option value="2026-T3" selected>', html)


def test_erfassungsuebersicht_waehlt_das_noch_offene_letzte_tertial(daten, sachbearbeitung50):
    html = _client(sachbearbeitung50).get("/erfassung/").content.decode()
    assert re.search(r'<option value="2026-T2" selected>', html)
    assert "offen" in html


@pytest.mark.parametrize(
    ("tag", "erwartet"),
    [
        (date(2026, 4, 30), "2025-T3"),
        (date(2026, 5, 1), "2026-T1"),
        (date(2026, 9, 1), "2026-T2"),
        (date(2026, 12, 1), "2026-T2"),
        (date(2027, 1, 1), "2026-T3"),
    ],
)
def test_dashboard_oeffnet_das_letzte_beendete_tertial(tag, erwartet, dezernat, monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *a: tag)
    html = _client(dezernat).get("/tertial/dashboard/").content.decode()
    assert re.search(rf'<option value="{erwartet}" selected>', html), erwartet


def test_liste_der_veroeffentlichten_berichte_merkt_den_besuch(ratsmitglied, sachbearbeitung51):
    assert not Berichtsbesuch.objects.exists()
    assert _client(ratsmitglied).get("/veroeffentlicht/").status_code == 200
    assert Berichtsbesuch.objects.filter(benutzer=ratsmitglied).count() == 1
