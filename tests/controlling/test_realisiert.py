"""Ex ante vs realised: success rate over closed cases, avoided cost per successful case and year."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from django.test import Client

from controlling import selectors, verlauf_speicher
from controlling.realisiert import Fallzahlen, realisierung

pytestmark_db = pytest.mark.django_db


@pytest.mark.parametrize(
    ("zahlen", "quote", "kosten", "einsparung"),
    [
        # Dortmund: 650 cases, 52 successful (8 % instead of the assumed 40 %), 1.000 € a month each.
        (
            Fallzahlen(erfolgreich=52, nicht_erfolgreich=598, summe_erfolgreich_monat=D("52000.00")),
            "0.0800",
            "12000.00",
            "624000.00",
        ),
        # Open cases count as documented cases, not in the rate.
        (
            Fallzahlen(
                offen=2, erfolgreich=1, nicht_erfolgreich=2, abgebrochen=1, summe_erfolgreich_monat=D("2500.00")
            ),
            "0.2500",
            "30000.00",
            "45000.00",
        ),
        # Rounded once, half up: 1/3 and 2/3.
        (Fallzahlen(erfolgreich=1, abgebrochen=2, summe_erfolgreich_monat=D("100.00")), "0.3333", "1200.00", "1200.00"),
        (Fallzahlen(erfolgreich=2, abgebrochen=1, summe_erfolgreich_monat=D("0.05")), "0.6667", "0.30", "0.60"),
        (
            Fallzahlen(offen=1, erfolgreich=2, abgebrochen=1, summe_erfolgreich_monat=D("0.01")),
            "0.6667",
            "0.06",
            "0.16",
        ),
        # Closed, none successful: rate 0, nothing saved, no cost per successful case.
        (Fallzahlen(nicht_erfolgreich=3), "0.0000", None, "0.00"),
        # Nothing closed yet: nothing measured.
        (Fallzahlen(offen=4), None, None, None),
        (Fallzahlen(), None, None, None),
    ],
)
def test_realisierung(zahlen, quote, kosten, einsparung):
    r = realisierung(zahlen)
    assert r.erfolgsquote == (None if quote is None else D(quote))
    assert r.kosten_je_fall_jahr == (None if kosten is None else D(kosten))
    assert r.einsparung_jahr == (None if einsparung is None else D(einsparung))
    assert (r.faelle, r.abgeschlossen) == (zahlen.dokumentiert, zahlen.abgeschlossen)


@pytestmark_db
def test_realisierung_der_beispielmassnahme(hsk50):
    # A-001 erfolgreich (3.000 − 500 a month), B-002 abgebrochen, C-003 offen.
    r = selectors.realisierung_fuer(massnahme=hsk50)
    assert (r.faelle, r.abgeschlossen, r.erfolgreich) == (3, 2, 1)
    assert (r.erfolgsquote, r.kosten_je_fall_jahr, r.einsparung_jahr) == (D("0.5000"), D("30000.00"), D("45000.00"))


@pytestmark_db
def test_massnahmenseite_und_portfolio_stellen_annahme_und_realisierung_nebeneinander(kaemmerei, hsk50, hsk51):
    hsk50.annahme_faelle = 650
    hsk50.annahme_erfolgsquote = D("0.40")
    hsk50.annahme_vermiedene_kosten_jahr = D("12000.00")
    hsk50.save()
    for m in (hsk50, hsk51):
        verlauf_speicher.verlauf_speichern(hsk_massnahme_id=m.pk)
    c = Client()
    c.force_login(kaemmerei)
    seite = c.get(f"/hsk/{hsk50.pk}/").content.decode()
    assert "Ex-ante-Annahme und Realisierung" in seite
    assert "3.120.000,00 €" in seite  # 650 × 40 % × 12.000 €
    assert "40,0 %" in seite and "50,0 %" in seite
    assert "1 von 2 abgeschlossenen Fällen" in seite
    assert "45.000,00 €" in seite and "30.000,00 €" in seite
    portfolio = c.get("/hsk/portfolio/?jahr=2024&stichtag=2026-10-31").content.decode()
    assert "3.120.000,00 €" in portfolio
    assert "90.000,00 €" in portfolio  # realised: 45.000 € for each of the two measures


@pytestmark_db
def test_portfolio_api_liefert_realisierung(api, kaemmerei, hsk50):
    verlauf_speicher.verlauf_speichern(hsk_massnahme_id=hsk50.pk)
    daten = api(kaemmerei).get("/api/v1/hsk-massnahmen/portfolio/?jahr=2024&stichtag=2026-10-31").json()
    zeile = daten["massnahmen"][0]
    assert (zeile["realisierte_erfolgsquote"], zeile["realisierte_kosten_je_fall_jahr"]) == ("0.5000", "30000.00")
    assert zeile["realisierte_einsparung_jahr"] == "45000.00"
    assert daten["summe"]["realisierte_einsparung_jahr"] == "45000.00"
    assert daten["summe"]["erwartete_einsparung_jahr"] == zeile["erwartete_einsparung_jahr"]
