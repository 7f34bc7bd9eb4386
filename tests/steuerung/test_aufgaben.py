"""Task rules of the start page per role (steuerung.aufgaben) and the entry status they build on."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from core.periods import letztes_beendetes_tertial
from steuerung.aufgaben import fachamt, leitung, pflege, rat
from steuerung.aufgaben.basis import HOECHSTENS, Aufgabe, begrenzt, ordnen
from steuerung.erfassungsstand import Eintragsstatus, eintragsstatus, erfassungstertial
from steuerung.models import Berichtsbesuch, Berichtsuebergang, Sollwert, Tertialbericht, Veroeffentlichung
from steuerung.models.berichte import Berichtsaktion, Berichtsstatus
from tests.factories import BenutzerFactory
from tests.steuerung.factories import LeitzielFactory
from tests.steuerung.factories_berichte import BKennzahlFactory, BMesswertFactory

S = Berichtsstatus
# T2 2026 ended on 31.08., its deadline is 15.09.; T1's deadline 15.05. has passed.
HEUTE = date(2026, 9, 10)


# --- pure rules -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("heute", "erwartet"),
    [
        (date(2026, 1, 1), "2025-T3"),
        (date(2026, 4, 30), "2025-T3"),  # T1 has not ended yet on its last day
        (date(2026, 5, 1), "2026-T1"),
        (date(2026, 8, 31), "2026-T1"),
        (date(2026, 9, 1), "2026-T2"),
        (date(2026, 12, 1), "2026-T2"),
        (date(2026, 12, 31), "2026-T2"),
    ],
)
def test_letztes_beendetes_tertial_je_tag(heute, erwartet):
    assert letztes_beendetes_tertial(heute).schluessel == erwartet


@pytest.mark.parametrize(
    ("berichtsstatus", "vorhanden", "erwartet"),
    [
        (None, 0, Eintragsstatus.OFFEN),
        (S.ENTWURF, 0, Eintragsstatus.OFFEN),
        (S.ENTWURF, 2, Eintragsstatus.IN_ARBEIT),
        (None, 1, Eintragsstatus.IN_ARBEIT),
        (S.EINGEREICHT, 3, Eintragsstatus.EINGEREICHT),
        (S.ZURUECKGEGEBEN, 3, Eintragsstatus.ZURUECKGEGEBEN),
        (S.AMTSLEITUNG_FREIGEGEBEN, 3, Eintragsstatus.FREIGEGEBEN),
        (S.DEZERNAT_FREIGEGEBEN, 3, Eintragsstatus.FREIGEGEBEN),
        (S.VEROEFFENTLICHT, 3, Eintragsstatus.VEROEFFENTLICHT),
    ],
)
def test_eintragsstatus(berichtsstatus, vorhanden, erwartet):
    assert eintragsstatus(berichtsstatus=berichtsstatus, vorhanden=vorhanden) == erwartet


@pytest.mark.parametrize(
    ("heute", "letztes_offen", "erwartet"),
    [
        (date(2026, 12, 1), False, "2026-T3"),  # T2 published everywhere: enter the running tertial
        (date(2026, 12, 1), True, "2026-T2"),
        (date(2026, 9, 10), True, "2026-T2"),
        (date(2027, 1, 5), True, "2026-T3"),
        (date(2027, 1, 5), False, "2027-T1"),
    ],
)
def test_erfassungstertial(heute, letztes_offen, erwartet):
    assert erfassungstertial(heute=heute, letztes_offen=letztes_offen).schluessel == erwartet


def _a(text, frist=None, ueberfaellig=False):
    return Aufgabe(text=text, url="/", frist=frist, ueberfaellig=ueberfaellig)


def test_ordnen_ueberfaellige_zuerst_dann_nach_frist_ohne_frist_zuletzt():
    ohne = _a("c ohne Frist")
    spaet = _a("b später", date(2026, 10, 1))
    frueh = _a("a früh", date(2026, 9, 15))
    ueber_alt = _a("z alt überfällig", date(2026, 5, 15), True)
    ueber_neu = _a("y neu überfällig", date(2026, 9, 1), True)
    assert ordnen([ohne, spaet, ueber_neu, frueh, ueber_alt]) == [ueber_alt, ueber_neu, frueh, spaet, ohne]


def test_begrenzt_fasst_den_rest_in_einer_aufgabe_zusammen():
    viele = [_a(f"K {i}") for i in range(HOECHSTENS + 3)]
    ergebnis = begrenzt(viele, rest_text="%(n)s weitere", rest_url="/liste/")
    assert len(ergebnis) == HOECHSTENS + 1
    assert ergebnis[-1].text == "3 weitere" and ergebnis[-1].anzahl == 3 and ergebnis[-1].url == "/liste/"
    assert begrenzt(viele[:2], rest_text="%(n)s", rest_url="/") == viele[:2]


# --- Sachbearbeitung --------------------------------------------------------------------------------


@pytest.fixture
def gemeinsam(sachbearbeitung50, steuerung):
    return {"verantwortlich": sachbearbeitung50, "vertretung": steuerung}


@pytest.fixture
def luecken(einheiten, gemeinsam):
    """50 21: two tertial Kennzahlen, one without values at all, one with T1 only; 51: one without values."""
    leer = BKennzahlFactory(code="K 1", organisationseinheit=einheiten["50 21"], **gemeinsam)
    halb = BKennzahlFactory(code="K 2", organisationseinheit=einheiten["50 21"], **gemeinsam)
    BMesswertFactory(kennzahl=halb, periode="2026-T1")
    begruendet = BKennzahlFactory(code="K 3", organisationseinheit=einheiten["50 21"], **gemeinsam)
    BMesswertFactory(kennzahl=begruendet, periode="2026-T1", wert=None, fehlt_begruendung="Statistik fehlt")
    BMesswertFactory(kennzahl=begruendet, periode="2026-T2")
    fremd = BKennzahlFactory(code="K 9", organisationseinheit=einheiten["51"], **gemeinsam)
    return {"leer": leer, "halb": halb, "fremd": fremd}


@pytest.mark.django_db
def test_fehlende_werte_ueberfaellige_zuerst_mit_frist_und_anzahl(luecken, einheiten, sachbearbeitung50):
    aufgaben = fachamt.fehlende_werte(user=sachbearbeitung50, heute=HEUTE)
    oe = einheiten["50 21"].pk
    assert [(a.url, a.anzahl, a.frist, a.ueberfaellig) for a in aufgaben] == [
        (f"/erfassung/{oe}/2026-T1/", 1, date(2026, 5, 15), True),  # a reason counts as entered
        (f"/erfassung/{oe}/2026-T2/", 2, date(2026, 9, 15), False),
    ]
    assert aufgaben[0].text == "1 Wert für 1. Tertial 2026 erfassen: 50 21 Hilfe zur Pflege"
    assert aufgaben[1].text == "2 Werte für 2. Tertial 2026 erfassen: 50 21 Hilfe zur Pflege"


@pytest.mark.django_db
def test_fehlende_werte_nur_im_eigenen_baum(luecken, einheiten, sachbearbeitung51):
    aufgaben = fachamt.fehlende_werte(user=sachbearbeitung51, heute=HEUTE)
    assert {a.url for a in aufgaben} == {
        f"/erfassung/{einheiten['51'].pk}/2026-T1/",
        f"/erfassung/{einheiten['51'].pk}/2026-T2/",
    }
    assert all("50 21" not in a.text for a in aufgaben)


@pytest.mark.django_db
def test_eingereichter_bericht_des_amtes_friert_die_luecken_ein(luecken, einheiten, sachbearbeitung50):
    Tertialbericht.objects.create(organisationseinheit=einheiten["50"], periode="2026-T2", status=S.EINGEREICHT)
    aufgaben = fachamt.fehlende_werte(user=sachbearbeitung50, heute=HEUTE)
    assert [a.url for a in aufgaben] == [f"/erfassung/{einheiten['50 21'].pk}/2026-T1/"]


@pytest.mark.django_db
def test_monats_und_jahreswerte_verlinken_ihre_periode(einheiten, gemeinsam, sachbearbeitung50):
    BKennzahlFactory(code="M 1", erhebungsrhythmus="monat", organisationseinheit=einheiten["50 2"], **gemeinsam)
    BKennzahlFactory(code="J 1", erhebungsrhythmus="jahr", organisationseinheit=einheiten["50 2"], **gemeinsam)
    aufgaben = fachamt.fehlende_werte(user=sachbearbeitung50, heute=date(2027, 2, 1))  # T3 2026 ended
    oe = einheiten["50 2"].pk
    assert {(a.url, a.frist) for a in aufgaben} == {
        (f"/erfassung/{oe}/2026-12/", date(2027, 1, 15)),
        (f"/erfassung/{oe}/2026/", date(2027, 1, 15)),
        (f"/erfassung/{oe}/2026-08/", date(2026, 9, 15)),  # T2 2026: the month of its end
    }


def _rueckgabe(bericht, benutzer, notiz, minuten):
    u = Berichtsuebergang.objects.create(
        bericht=bericht,
        aktion=Berichtsaktion.ZURUECKGEBEN,
        von_status=S.EINGEREICHT,
        nach_status=S.ZURUECKGEGEBEN,
        benutzer=benutzer,
        notiz=notiz,
    )
    Berichtsuebergang.objects.filter(pk=u.pk).update(zeitpunkt=timezone.now() - timedelta(minutes=minuten))


@pytest.mark.django_db
def test_zurueckgegebener_bericht_mit_notiz_der_letzten_rueckgabe(
    einheiten, sachbearbeitung50, sachbearbeitung51, amtsleitung50
):
    b = Tertialbericht.objects.create(organisationseinheit=einheiten["50"], periode="2026-T2", status=S.ZURUECKGEGEBEN)
    _rueckgabe(b, amtsleitung50, "Erste Rückgabe", 60)
    _rueckgabe(b, amtsleitung50, "Bitte Gegensteuerung konkretisieren.", 5)
    Tertialbericht.objects.create(organisationseinheit=einheiten["50"], periode="2026-T1", status=S.VEROEFFENTLICHT)
    (a,) = fachamt.zurueckgegebene_berichte(user=sachbearbeitung50, heute=HEUTE)
    assert a.text == "Zurückgegebenen Bericht überarbeiten und erneut einreichen: 50 Amt für Soziales, 2. Tertial 2026"
    assert a.hinweis == "Hinweis der Rückgabe: Bitte Gegensteuerung konkretisieren."
    assert a.url == f"/berichte/{einheiten['50'].pk}/2026-T2/"
    assert (a.frist, a.ueberfaellig) == (date(2026, 9, 15), False)
    assert fachamt.zurueckgegebene_berichte(user=sachbearbeitung51, heute=HEUTE) == []


# --- Amtsleitung -------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_amtsleitung_eingereichte_berichte_und_vollstaendigkeit(luecken, einheiten, amtsleitung50):
    Tertialbericht.objects.create(organisationseinheit=einheiten["50"], periode="2026-T1", status=S.EINGEREICHT)
    Tertialbericht.objects.create(organisationseinheit=einheiten["51"], periode="2026-T1", status=S.EINGEREICHT)
    (freigabe,) = fachamt.amtsleitung_freigaben(user=amtsleitung50, heute=HEUTE)
    assert freigabe.text == "Eingereichten Bericht prüfen und freigeben: 50 Amt für Soziales, 1. Tertial 2026"
    (voll,) = fachamt.vollstaendigkeit(user=amtsleitung50, heute=HEUTE)
    assert voll.text == "Vollständigkeit 50 21 Hilfe zur Pflege, 2. Tertial 2026: 1 von 3 Werten erfasst"
    assert (voll.anzahl, voll.frist, voll.url) == (2, date(2026, 9, 15), f"/berichte/{einheiten['50 21'].pk}/2026-T2/")


# --- Dezernatsleitung --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_dezernat_freigeben_und_veroeffentlichen(einheiten, dezernat):
    Tertialbericht.objects.create(
        organisationseinheit=einheiten["51"], periode="2026-T2", status=S.AMTSLEITUNG_FREIGEGEBEN
    )
    Tertialbericht.objects.create(
        organisationseinheit=einheiten["50"], periode="2026-T1", status=S.DEZERNAT_FREIGEGEBEN
    )
    Tertialbericht.objects.create(
        organisationseinheit=einheiten["20"], periode="2026-T2", status=S.AMTSLEITUNG_FREIGEGEBEN
    )
    texte = [a.text for a in leitung.dezernat_freigaben(user=dezernat, heute=HEUTE)]
    assert texte == [
        "Von der Amtsleitung freigegebenen Bericht freigeben: 51 Jugendamt, 2. Tertial 2026",
        "Freigegebenen Bericht veröffentlichen: 50 Amt für Soziales, 1. Tertial 2026",
    ]  # the Kämmerei (20) is outside the Dezernat


@pytest.mark.parametrize(
    ("t1", "t2", "erwartet"),
    [
        ("47", "40", "Neu rot seit dem 1. Tertial 2026"),
        ("40", "40", None),  # red before: not new
        ("47", "47", None),  # green now
        (None, "40", "Neu rot und Jahresziel gefährdet seit dem 1. Tertial 2026"),  # first value: forecast too
    ],
)
@pytest.mark.django_db
def test_neu_rote_kennzahl_seit_dem_vorigen_tertial(t1, t2, erwartet, einheiten, gemeinsam, dezernat, monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *a: HEUTE)
    k = BKennzahlFactory(code="K 5", bezeichnung="Pflege zu Hause", organisationseinheit=einheiten["50 2"], **gemeinsam)
    if t1:
        BMesswertFactory(kennzahl=k, periode="2026-T1", wert=Decimal(t1))
    BMesswertFactory(kennzahl=k, periode="2026-T2", wert=Decimal(t2))
    aufgaben = leitung.neu_auffaellige_kennzahlen(user=dezernat, heute=HEUTE)
    if erwartet is None:
        assert aufgaben == []
    else:
        (a,) = aufgaben
        assert a.text.startswith(erwartet) and a.text.endswith("K 5 Pflege zu Hause (50 2)")
        assert a.url == f"/kennzahlen/{k.pk}/auswertung/?periode=2026-T2"


@pytest.mark.django_db
def test_neu_rote_kennzahl_nur_im_eigenen_bereich(einheiten, gemeinsam, sachbearbeitung51, monkeypatch):
    """The rule reads the user's own stored dashboard: a unit outside the tree never shows."""
    monkeypatch.setattr(timezone, "localdate", lambda *a: HEUTE)
    k = BKennzahlFactory(code="K 5", organisationseinheit=einheiten["50 2"], **gemeinsam)
    BMesswertFactory(kennzahl=k, periode="2026-T2", wert=Decimal("40"))
    assert leitung.neu_auffaellige_kennzahlen(user=sachbearbeitung51, heute=HEUTE) == []


# --- Steuerungsunterstützung ------------------------------------------------------------------------


@pytest.mark.django_db
def test_kennzahl_ohne_soll_fuer_das_laufende_jahr(einheiten, gemeinsam, steuerung):
    mit_ziel = BKennzahlFactory(code="K 1", organisationseinheit=einheiten["50"], **gemeinsam)
    ohne = BKennzahlFactory(code="K 2", zielwert=None, organisationseinheit=einheiten["50"], **gemeinsam)
    mit_sollwert = BKennzahlFactory(code="K 3", zieljahr=None, organisationseinheit=einheiten["51"], **gemeinsam)
    Sollwert.objects.create(kennzahl=mit_sollwert, periode="2026", wert=Decimal("5"))
    nur_tertial = BKennzahlFactory(code="K 4", zielwert=None, organisationseinheit=einheiten["51"], **gemeinsam)
    Sollwert.objects.create(kennzahl=nur_tertial, periode="2026-T1", wert=Decimal("5"))
    BKennzahlFactory(code="K 5", jahr=2025, zielwert=None, organisationseinheit=einheiten["51"], **gemeinsam)
    aufgaben = pflege.kennzahlen_ohne_soll(user=steuerung, heute=HEUTE)
    assert [a.url for a in aufgaben] == [
        f"/kennzahlen/{ohne.pk}/bearbeiten/",
        f"/kennzahlen/{nur_tertial.pk}/bearbeiten/",
    ]
    assert aufgaben[0].text == "Soll 2026 festlegen: K 2 Kennzahl 2 (50)".replace("Kennzahl 2", ohne.bezeichnung)
    assert mit_ziel.pk not in {a.url for a in aufgaben}


@pytest.mark.django_db
def test_smart_luecken_als_eine_aufgabe_zum_zielsystem_check(einheiten, gemeinsam, steuerung, monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *a: HEUTE)
    BKennzahlFactory(code="K 1", organisationseinheit=einheiten["50"], **gemeinsam)  # goals without Kennzahl/target
    (a,) = pflege.smart_luecken(user=steuerung, heute=HEUTE)
    assert a.text.startswith("Zielsystem 2026 prüfen: ") and "SMART-Lücken" in a.text
    assert a.url == "/zielpyramide/check/?jahr=2026" and a.anzahl >= 1


@pytest.mark.django_db
def test_ohne_ziele_keine_smart_aufgabe(einheiten, steuerung, monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *a: HEUTE)
    assert pflege.smart_luecken(user=steuerung, heute=HEUTE) == []


# --- Rat ---------------------------------------------------------------------------------------------


def _veroeffentlichung(einheit, benutzer, tertial, am):
    bericht = Tertialbericht.objects.create(organisationseinheit=einheit, periode=tertial, status=S.VEROEFFENTLICHT)
    return Veroeffentlichung.objects.create(
        bericht=bericht,
        organisationseinheit=einheit,
        periode=tertial,
        veroeffentlicht_am=am,
        veroeffentlicht_von=benutzer,
        inhalt="{}",
        inhalt_hash="0" * 64,
        pdf=b"",
        excel=b"",
    )


@pytest.mark.django_db
def test_rat_sieht_seit_dem_letzten_besuch_veroeffentlichte_berichte(einheiten, dezernat, ratsmitglied):
    tz = timezone.get_current_timezone()
    _veroeffentlichung(einheiten["50"], dezernat, "2026-T1", datetime(2026, 5, 20, 10, tzinfo=tz))
    (vorher,) = rat.neu_veroeffentlicht(user=ratsmitglied, heute=HEUTE)
    assert (vorher.text, vorher.anzahl) == ("1 veröffentlichten Bericht lesen", 1)
    rat.besuch_merken(user=ratsmitglied)
    assert rat.neu_veroeffentlicht(user=ratsmitglied, heute=HEUTE) == []
    Berichtsbesuch.objects.filter(benutzer=ratsmitglied).update(zuletzt_am=datetime(2026, 8, 1, 12, tzinfo=tz))
    _veroeffentlichung(einheiten["51"], dezernat, "2026-T2", datetime(2026, 9, 20, 10, tzinfo=tz))
    (a,) = rat.neu_veroeffentlicht(user=ratsmitglied, heute=HEUTE)
    assert a.text == "1 neu veröffentlichten Bericht seit Ihrem letzten Besuch am 01.08.2026 lesen"
    assert a.hinweis == "51 Jugendamt, 2. Tertial 2026"
    assert a.url == "/veroeffentlicht/"


@pytest.mark.django_db
def test_ohne_leserecht_keine_veroeffentlichten_berichte(einheiten, dezernat):
    _veroeffentlichung(einheiten["50"], dezernat, "2026-T1", timezone.now())
    ohne_rolle = BenutzerFactory(username="ohne", organisationseinheit=einheiten["50"])
    assert rat.neu_veroeffentlicht(user=ohne_rolle, heute=HEUTE) == []


def test_ohne_leitziel_im_laufenden_jahr_zuerst_das_zielsystem_anlegen(einheiten, steuerung):
    (a,) = pflege.zielsystem_fehlt(user=steuerung, heute=HEUTE)
    assert a.text.startswith(f"Zielsystem {HEUTE.year} anlegen")
    assert a.url == f"/zielpyramide/?jahr={HEUTE.year}"
    LeitzielFactory(jahr=HEUTE.year - 1, organisationseinheit=einheiten["V"])
    assert pflege.zielsystem_fehlt(user=steuerung, heute=HEUTE) != []  # last year's goals don't count
    LeitzielFactory(jahr=HEUTE.year, organisationseinheit=einheiten["V"])
    assert pflege.zielsystem_fehlt(user=steuerung, heute=HEUTE) == []
