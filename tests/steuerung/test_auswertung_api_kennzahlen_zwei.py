"""Kennzahlen II in the evaluation API: the year to date of a sub-annual sum, the judged forecast,
the reason why a value is missing; kennzahlen/{id}/auswertung/, the list's ?auswertung= and the
dashboard's filter "Jahresziel gefährdet"."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from steuerung.models import Messwert
from tests.steuerung.factories_tertial import TKennzahlFactory, TMesswertFactory

pytestmark = pytest.mark.django_db

NEUE_FELDER = (
    "ist_kumuliert",
    "soll_kumuliert",
    "zielerreichungsgrad",
    "bewertung",
    "ampel",
    "prognose_jahresende",
    "prognose_zielerreichungsgrad",
    "prognose_bewertung",
    "prognose_ampel",
    "fehlt_begruendung",
)


@pytest.fixture
def beratene_haushalte(einheiten):
    """The example of the issue: summe, tertial, rising, 1.830 (2021) → 2.000 (2026); 656, 660, 420."""
    k = TKennzahlFactory(
        organisationseinheit=einheiten["50 21"],
        bezeichnung="Beratene Haushalte mit Wohnproblemen",
        messart="summe",
        ausgangswert=D("1830"),
        ausgangsjahr=2021,
        zielwert=D("2000"),
        zieljahr=2026,
    )
    for periode, wert in (("2026-T1", "656"), ("2026-T2", "660"), ("2026-T3", "420")):
        TMesswertFactory(kennzahl=k, periode=periode, wert=D(wert))
    return k


def _felder(daten: dict) -> dict:
    return {f: daten[f] for f in NEUE_FELDER}


@pytest.mark.parametrize(
    ("periode", "erwartet"),
    [
        (
            "2026-T3",
            {
                "ist_kumuliert": "1736.0000",
                "soll_kumuliert": "2000.00",
                "zielerreichungsgrad": "86.80",
                "bewertung": "ueberwiegend",
                "ampel": "gelb",
                "prognose_jahresende": "1736.00",
                "prognose_zielerreichungsgrad": "86.80",
                "prognose_bewertung": "ueberwiegend",
                "prognose_ampel": "gelb",
                "fehlt_begruendung": "",
            },
        ),
        (
            "2026-T2",
            {
                "ist_kumuliert": "1316.0000",
                "soll_kumuliert": "1333.33",
                "zielerreichungsgrad": "98.70",
                "bewertung": "ueberwiegend",
                "ampel": "gelb",
                # Hochrechnung 1.316 ÷ 8 × 12 = 1.974 against the year's Soll 2.000.
                "prognose_jahresende": "1974.00",
                "prognose_zielerreichungsgrad": "98.70",
                "prognose_bewertung": "ueberwiegend",
                "prognose_ampel": "gelb",
                "fehlt_begruendung": "",
            },
        ),
    ],
)
def test_beispiel_der_issue_wird_am_jahr_bis_dahin_gemessen(api, dezernat, beratene_haushalte, periode, erwartet):
    antwort = api(dezernat).get(f"/api/v1/kennzahlen/{beratene_haushalte.pk}/auswertung/?periode={periode}")
    assert antwort.status_code == 200, antwort.content
    daten = antwort.json()
    assert _felder(daten) == erwartet
    # The period's own value and Soll stay visible beside the cumulative ones.
    assert (daten["ist"], daten["soll"]) == ({"2026-T3": "420.0000", "2026-T2": "660.0000"}[periode], "666.67")


def test_kennzahlenliste_liefert_die_neuen_felder_je_kennzahl(api, dezernat, beratene_haushalte, kennzahl50):
    TMesswertFactory(kennzahl=kennzahl50, periode="2026-T3", wert=D("49"))
    ergebnisse = api(dezernat).get("/api/v1/kennzahlen/?page_size=100&auswertung=2026-T3").json()["results"]
    je_kennzahl = {k["id"]: k["auswertung"] for k in ergebnisse}
    assert _felder(je_kennzahl[beratene_haushalte.pk])["zielerreichungsgrad"] == "86.80"
    assert je_kennzahl[beratene_haushalte.pk]["ist_kumuliert"] == "1736.0000"
    bestand = je_kennzahl[kennzahl50.pk]
    # A Bestand keeps the existing rule: no cumulative figures; its forecast is judged at 31.12.
    assert (bestand["ist_kumuliert"], bestand["soll_kumuliert"], bestand["prognose_ampel"]) == (None, None, "gruen")


def test_ohne_wert_im_jahr_keine_prognose_und_die_begruendung_warum_er_fehlt(
    api, sachbearbeitung50, dezernat, kennzahl50
):
    TMesswertFactory(kennzahl=kennzahl50, periode="2025-T3", wert=D("45"))
    antwort = api(sachbearbeitung50).post(
        "/api/v1/messwerte/",
        {"kennzahl": kennzahl50.pk, "periode": "2026-T1", "fehlt_begruendung": "Statistik liegt erst im März vor"},
        format="json",
    )
    assert antwort.status_code == 201, antwort.content
    daten = api(dezernat).get(f"/api/v1/kennzahlen/{kennzahl50.pk}/auswertung/?periode=2026-T1").json()
    assert (daten["ist"], daten["bewertung"], daten["erfassungsstatus"], daten["ueberfaellig"]) == (
        None,
        "keine_daten",
        "begruendet_fehlend",
        False,
    )
    assert daten["fehlt_begruendung"] == "Statistik liegt erst im März vor"
    # Last year's value does not make a forecast for this year.
    assert (daten["prognosen"], daten["prognose_jahresende"], daten["prognose_zielerreichungsgrad"]) == ([], None, None)
    assert (daten["prognose_bewertung"], daten["prognose_ampel"]) == (None, None)


def test_fehlender_wert_im_jahr_gibt_keine_bewertung_und_nennt_die_periode(api, dezernat, einheiten):
    k = TKennzahlFactory(organisationseinheit=einheiten["50 21"], messart="summe")
    TMesswertFactory(kennzahl=k, periode="2026-T2", wert=D("20"))
    daten = api(dezernat).get(f"/api/v1/kennzahlen/{k.pk}/auswertung/?periode=2026-T2").json()
    assert (daten["ist"], daten["ist_kumuliert"], daten["zielerreichungsgrad"], daten["bewertung"]) == (
        "20.0000",
        None,
        None,
        "keine_daten",
    )
    assert daten["fehlende_perioden"] == ["2026-T1"]


def test_zielerreichung_entgegen_der_zielrichtung_bleibt_in_der_api_die_genaue_zahl(api, dezernat, kennzahl50):
    # Baseline 44, Soll at 30.04.2026 about 46,7: a value of 40 went the wrong way.
    TMesswertFactory(kennzahl=kennzahl50, periode="2026-T1", wert=D("40"))
    daten = api(dezernat).get(f"/api/v1/kennzahlen/{kennzahl50.pk}/auswertung/?periode=2026-T1").json()
    assert D(daten["zielerreichungsgrad"]) < 0
    assert daten["zielerreichungsgrad"] == "-150.38"


def test_dashboard_filtert_jahresziel_gefaehrdet(api, dezernat, einheiten, kennzahl50):
    gut = TKennzahlFactory(
        organisationseinheit=einheiten["50 21"], produktziel=kennzahl50.produktziel, bezeichnung="Auf Kurs"
    )
    TMesswertFactory(kennzahl=gut, periode="2026-T2", wert=D("49"))
    TMesswertFactory(kennzahl=kennzahl50, periode="2026-T2", wert=D("45"))
    client = api(dezernat)
    alle = client.get("/api/v1/tertial-dashboard/?periode=2026-T2").json()
    assert (alle["kennzahlen_anzahl"], alle["jahresziel_gefaehrdet_anzahl"]) == (2, 1)
    gefaehrdet = client.get("/api/v1/tertial-dashboard/?periode=2026-T2&jahresziel_gefaehrdet=true").json()
    assert [k["kennzahl"] for k in gefaehrdet["kennzahlen"]] == [kennzahl50.pk]
    assert (gefaehrdet["kennzahlen_anzahl"], gefaehrdet["aufmerksamkeit_anzahl"]) == (1, 1)
    (zeile,) = gefaehrdet["aufmerksamkeit"]
    assert zeile["prognose_ampel"] == "rot" and zeile["jahresziel_gefaehrdet"] is True
    assert "Jahresziel gefährdet: Prognose 25,00 % – nicht erreicht" in zeile["gruende"]
    falsch = client.get("/api/v1/tertial-dashboard/?periode=2026-T2&jahresziel_gefaehrdet=vielleicht")
    assert falsch.status_code == 400
    assert falsch.json() == {"jahresziel_gefaehrdet": ["Bitte true oder false angeben."]}


def test_api_speichern_behaelt_zaehler_und_nenner_bei_einer_anderen_aenderung(api, sachbearbeitung50, einheiten):
    quote = TKennzahlFactory(
        organisationseinheit=einheiten["50 21"], messart="quote", ausgangswert=D("55"), zielwert=D("65")
    )
    client = api(sachbearbeitung50)
    neu = client.post(
        "/api/v1/messwerte/",
        {"kennzahl": quote.pk, "periode": "2026-T1", "zaehler": "120", "nenner": "200"},
        format="json",
    ).json()
    antwort = client.patch(
        f"/api/v1/messwerte/{neu['id']}/", {"kommentar": "geprüft", "revision": neu["revision"]}, format="json"
    )
    assert antwort.status_code == 200, antwort.content
    m = Messwert.objects.get()
    assert (m.wert, m.zaehler, m.nenner, m.kommentar) == (D("60"), D("120"), D("200"), "geprüft")
