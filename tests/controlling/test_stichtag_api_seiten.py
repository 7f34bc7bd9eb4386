"""verlauf/, portfolio/ and the HSK pages read at a Stichtag: per role, bad input, default date."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from django.utils import timezone

from controlling import verlauf_speicher

pytestmark = pytest.mark.django_db

ROLLEN_STATUS = [
    ("sachbearbeitung50", 200),
    ("amtsleitung50", 200),
    ("dezernat", 200),
    ("steuerung", 200),
    ("kaemmerei", 200),
    ("administration", 200),
    ("sachbearbeitung51", 404),
    ("ratsmitglied", 403),
]


@pytest.fixture
def berechnet(hsk50, hsk51):
    for m in (hsk50, hsk51):
        verlauf_speicher.verlauf_speichern(hsk_massnahme_id=m.pk)
    return hsk50, hsk51


@pytest.fixture
def heute_30_november(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: date(2026, 11, 30))


@pytest.mark.parametrize(("persona", "status"), ROLLEN_STATUS, indirect=["persona"])
def test_verlauf_am_stichtag_je_rolle(api, persona, status, berechnet):
    hsk50, _ = berechnet
    antwort = api(persona).get(f"/api/v1/hsk-massnahmen/{hsk50.pk}/verlauf/?stichtag=2024-08-31")
    assert antwort.status_code == status
    if status == 200:
        daten = antwort.json()
        arten = {m["monat"]: m["art"] for m in daten["monate"]}
        assert (arten["2024-08"], arten["2024-09"]) == ("ist", "prognose")
        assert daten["aktuelle_phase"] == "ueberschussphase"


def test_verlauf_am_stichtag_2024_08_31_im_vertragsformat(api, dezernat, berechnet):
    hsk50, _ = berechnet
    daten = api(dezernat).get(f"/api/v1/hsk-massnahmen/{hsk50.pk}/verlauf/?stichtag=2024-08-31").json()
    assert daten["stichtag"] == "2024-08-31"
    monate = {m["monat"]: m for m in daten["monate"]}
    assert {k: monate["2024-05"][k] for k in ("art", "phase", "phase_kandidat", "rueckfall")} == {
        "art": "ist",
        "phase": "investphase",
        "phase_kandidat": "ueberschussphase",
        "rueckfall": False,
    }
    assert {k: monate["2024-10"][k] for k in ("art", "phase", "phase_kandidat", "rueckfall")} == {
        "art": "prognose",
        "phase": None,
        "phase_kandidat": "investphase",
        "rueckfall": False,
    }
    assert daten["jahre"][0] == {
        "jahr": 2024,
        "soll": "50000.00",
        "soll_bis_stichtag": "31288.34",
        "brutto_ist": "33000.00",
        "personalkosten_ist": "33448.28",
        "netto_ist": "-448.28",
        "brutto_prognose": "52740.00",
        "personalkosten_prognose": "53448.28",
        "netto_prognose": "-708.28",
    }
    assert (daten["amortisation"], daten["amortisation_prognose"]) == (None, "2025-01")
    assert (daten["aktuelle_phase_seit"], daten["rueckfall_seit"]) == ("2024-07", None)


def test_verlauf_live_mit_bis_wird_ebenfalls_am_stichtag_gelesen(api, steuerung, hsk50):
    daten = api(steuerung).get(f"/api/v1/hsk-massnahmen/{hsk50.pk}/verlauf/?bis=2024-12&stichtag=2024-08-31").json()
    assert [m["art"] for m in daten["monate"]].count("ist") == 7
    assert daten["monate"][-1]["monat"] == "2024-12"


def test_ohne_stichtag_gilt_der_letzte_tag_des_vormonats(api, steuerung, berechnet, heute_30_november):
    hsk50, _ = berechnet
    daten = api(steuerung).get(f"/api/v1/hsk-massnahmen/{hsk50.pk}/verlauf/").json()
    assert daten["stichtag"] == "2026-10-31"
    portfolio = api(steuerung).get("/api/v1/hsk-massnahmen/portfolio/").json()
    assert (portfolio["jahr"], portfolio["stichtag"]) == (2026, "2026-10-31")


@pytest.mark.parametrize(
    "stichtag", ["2024-02-30", "31.08.2024", "gestern", "2024-8-31", "1999-12-31", "2024-08-31T00:00"]
)
def test_ungueltiger_stichtag_gibt_deutsche_400(api, steuerung, berechnet, stichtag):
    hsk50, _ = berechnet
    for url in (
        f"/api/v1/hsk-massnahmen/{hsk50.pk}/verlauf/?stichtag={stichtag}",
        f"/api/v1/hsk-massnahmen/portfolio/?jahr=2024&stichtag={stichtag}",
    ):
        antwort = api(steuerung).get(url)
        assert antwort.status_code == 400, url
        assert "Stichtag" in str(antwort.json()["stichtag"])


ZUKUNFT_MELDUNG = "Der Stichtag darf nicht nach dem 31.10.2026 liegen: spätere Monate sind noch Prognose."


@pytest.mark.parametrize("stichtag", ["2026-11-01", "2026-11-30", "2027-06-30"])
def test_stichtag_nach_dem_vormonat_gibt_deutsche_400(api, steuerung, berechnet, stichtag, heute_30_november):
    """Reviewer: ?stichtag=2027-06-30 showed the forecast as "Ist brutto"; months after October are not closed."""
    hsk50, _ = berechnet
    for url in (
        f"/api/v1/hsk-massnahmen/{hsk50.pk}/verlauf/?stichtag={stichtag}",
        f"/api/v1/hsk-massnahmen/portfolio/?jahr=2026&stichtag={stichtag}",
    ):
        antwort = api(steuerung).get(url)
        assert antwort.status_code == 400, url
        assert antwort.json()["stichtag"] == ZUKUNFT_MELDUNG


def test_stichtag_am_vormonatsende_ist_erlaubt(api, steuerung, berechnet, heute_30_november):
    hsk50, _ = berechnet
    antwort = api(steuerung).get("/api/v1/hsk-massnahmen/portfolio/?jahr=2026&stichtag=2026-10-31")
    assert antwort.status_code == 200
    assert antwort.json()["stichtag"] == "2026-10-31"
    assert api(steuerung).get(f"/api/v1/hsk-massnahmen/{hsk50.pk}/verlauf/?stichtag=2026-10-31").status_code == 200


@pytest.mark.parametrize(("persona", "status"), [*ROLLEN_STATUS[:6], ("ratsmitglied", 403)], indirect=["persona"])
def test_portfolio_am_stichtag_je_rolle(api, persona, status, berechnet):
    antwort = api(persona).get("/api/v1/hsk-massnahmen/portfolio/?jahr=2024&stichtag=2024-08-31")
    assert antwort.status_code == status
    if status == 200:
        daten = antwort.json()
        assert daten["stichtag"] == "2024-08-31"
        for zeile in daten["massnahmen"]:
            assert (zeile["soll_bis_stichtag"], zeile["brutto_ist"], zeile["netto_ist"]) == (
                "31288.34",
                "33000.00",
                "-448.28",
            )
            assert (zeile["brutto_prognose"], zeile["netto_prognose"]) == ("52740.00", "-708.28")
            assert (zeile["aktuelle_phase"], zeile["amortisation"], zeile["amortisation_prognose"]) == (
                "ueberschussphase",
                None,
                "2025-01",
            )
        anzahl = len(daten["massnahmen"])
        assert daten["summe"]["brutto_ist"] == f"{33000 * anzahl}.00"


def test_portfolio_2025_am_stichtag_2024_ist_nur_prognose(api, kaemmerei, berechnet):
    daten = api(kaemmerei).get("/api/v1/hsk-massnahmen/portfolio/?jahr=2025&stichtag=2024-08-31").json()
    assert daten["summe"]["brutto_ist"] == "0.00"
    assert daten["summe"]["soll_bis_stichtag"] == "0.00"
    assert daten["summe"]["brutto_prognose"] == "160800.00"


# --- pages --------------------------------------------------------------------------------


def _client(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


@pytest.mark.parametrize(("persona", "status"), ROLLEN_STATUS, indirect=["persona"])
def test_massnahmenseite_am_stichtag_je_rolle(persona, status, berechnet):
    hsk50, _ = berechnet
    assert _client(persona).get(f"/hsk/{hsk50.pk}/?stichtag=2024-08-31").status_code == status


def test_massnahmenseite_zeigt_ist_und_prognose_zum_stichtag(steuerung, berechnet):
    hsk50, _ = berechnet
    inhalt = _client(steuerung).get(f"/hsk/{hsk50.pk}/?stichtag=2024-08-31").content.decode()
    assert 'value="31.08.2024"' in inhalt
    assert "Stichtag 31.08.2024" in inhalt
    assert "Ist bis August 2024 (Stichtag 31.08.2024), Prognose aus den laufenden Fällen ab September 2024" in inhalt
    assert "Überschussphase" in inhalt and "seit Juli 2024" in inhalt
    assert "hat sich bis zum Stichtag noch nicht amortisiert" in inhalt
    assert "Nach der Prognose amortisiert sie sich ab Januar 2025" in inhalt
    assert inhalt.count('<tr class="prognose">') == 16
    assert "31.288,34 €" in inhalt and "-448,28 €" in inhalt


def test_massnahmenseite_nennt_den_rueckfall_mit_datum(steuerung, berechnet, heute_30_november):
    hsk50, _ = berechnet
    inhalt = _client(steuerung).get(f"/hsk/{hsk50.pk}/?stichtag=2026-10-31").content.decode()
    assert "Annäherungsphase" in inhalt
    assert "Rückfall aus der Überschussphase seit März 2025" in inhalt
    assert "Annäherungsphase nach Rückfall: März 2025 bis Dezember 2025." in inhalt


def test_massnahmenseite_ohne_stichtag_nimmt_den_vormonat(steuerung, berechnet, heute_30_november):
    hsk50, _ = berechnet
    inhalt = _client(steuerung).get(f"/hsk/{hsk50.pk}/").content.decode()
    assert 'value="31.10.2026"' in inhalt


@pytest.mark.parametrize("stichtag", ["2024-02-30", "morgen", "1990-01-01"])
def test_ungueltiger_stichtag_auf_der_seite_gibt_meldung_und_standard(
    steuerung, berechnet, stichtag, heute_30_november
):
    hsk50, _ = berechnet
    for url in (
        f"/hsk/{hsk50.pk}/?stichtag={stichtag}",
        f"/hsk/portfolio/?stichtag={stichtag}",
        f"/hsk/?stichtag={stichtag}",
    ):
        antwort = _client(steuerung).get(url)
        assert antwort.status_code == 200, url
        inhalt = antwort.content.decode()
        assert "Bitte korrigieren Sie die markierten Angaben" in inhalt
        assert "31.10.2026" in inhalt  # the default Stichtag is used


def test_stichtag_in_der_zukunft_auf_der_seite_gibt_meldung_und_standard(steuerung, berechnet, heute_30_november):
    hsk50, _ = berechnet
    for url in (
        "/hsk/portfolio/?jahr=2026&stichtag=2027-06-30",
        f"/hsk/{hsk50.pk}/?stichtag=2027-06-30",
        "/hsk/?stichtag=2026-11-30",
    ):
        antwort = _client(steuerung).get(url)
        assert antwort.status_code == 200, url
        inhalt = antwort.content.decode()
        assert ZUKUNFT_MELDUNG in inhalt, url
        assert "31.10.2026" in inhalt  # the default Stichtag is used
        assert "seit 03/2027" not in inhalt and "März 2027" not in inhalt


def test_kaemmerei_portfolio_mit_stichtag(kaemmerei, berechnet):
    inhalt = _client(kaemmerei).get("/hsk/portfolio/?jahr=2024&stichtag=2024-08-31").content.decode()
    assert "zum Stichtag 31.08.2024" in inhalt
    assert "66.000,00 €" in inhalt  # Ist brutto of both measures up to August
    assert "105.480,00 €" in inhalt  # Prognose brutto of the year
    assert "62.576,68 €" in inhalt  # Soll bis Stichtag of both measures
    assert "Überschussphase" in inhalt


def test_gleiche_amortisation_wird_nur_einmal_genannt(steuerung, berechnet, heute_30_november):
    """Reviewer: "amortisiert sich ab Januar 2025. Nach der Prognose amortisiert sie sich ab Januar 2025"."""
    hsk50, _ = berechnet
    inhalt = _client(steuerung).get(f"/hsk/{hsk50.pk}/?stichtag=2026-10-31").content.decode()
    assert inhalt.count("amortisiert sich ab Januar 2025") == 1
    assert "Nach der Prognose amortisiert" not in inhalt


@pytest.mark.parametrize(
    ("stichtag", "regel"),
    [
        ("2024-08-31", "Phase nach Monatswerten: Monats-Ist ≥ Monats-Soll in drei Monaten in Folge"),
        ("2026-10-31", "Phase nach Monatswerten: Monatsnetto ≥ 0, Monats-Ist unter Monats-Soll"),
    ],
)
def test_phase_nennt_ihre_regel_nach_monatswerten(steuerung, berechnet, heute_30_november, stichtag, regel):
    hsk50, _ = berechnet
    inhalt = _client(steuerung).get(f"/hsk/{hsk50.pk}/?stichtag={stichtag}").content.decode()
    assert regel in inhalt
    for url in ("/hsk/portfolio/?jahr=2024&stichtag=2024-08-31", "/hsk/?stichtag=2024-08-31"):
        assert "Die Phase folgt den Monatswerten, nicht der Jahressumme" in _client(steuerung).get(url).content.decode()
