"""Demo values: deterministic, idempotent, with red Kennzahlen that carry explanations."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from django.core.management import call_command

from core.periods import periode
from organisation.models import Benutzer
from steuerung.auswertung import kennzahl_auswertung
from steuerung.dashboard import tertial_dashboard
from steuerung.models import Kennzahl, Messwert

pytestmark = pytest.mark.django_db


def _stand():
    return list(
        Messwert.objects.order_by("kennzahl__jahr", "kennzahl__code", "periode").values_list(
            "kennzahl__code", "periode", "wert", "revision", "begruendung", "sorgenampel"
        )
    )


def test_demo_messwerte_zweimal_geladen_aendern_nichts():
    call_command("demo_daten")
    erster = _stand()
    historie = Messwert.history.count()
    call_command("demo_daten")
    assert _stand() == erster and Messwert.history.count() == historie
    assert {p for _c, p, *_r in erster} >= {"2025-T1", "2025-T3", "2026-T1", "2026-T2"}


def test_dashboard_der_demo_zeigt_rote_kennzahlen_mit_gegensteuerung():
    call_command("demo_daten")
    d = tertial_dashboard(periode=periode("2026-T2"), user=Benutzer.objects.get(username="dezernat"))
    rote = [a for a in d.auswertungen if a.ampel == "rot"]
    assert len(rote) >= 2
    assert all(a.messwert.begruendung and a.messwert.gegensteuerung_wer for a in rote)
    assert any(a.ueberfaellig for a in d.auswertungen)
    assert any(a.sorgenampel for a in d.auswertungen)
    assert any(w.ampel == "rot" for w in d.pyramide)


def test_demo_zeigt_das_beispiel_der_issue_am_jahr_bis_dahin():
    call_command("demo_daten")
    k = Kennzahl.objects.get(jahr=2026, bezeichnung="Beratene Haushalte mit Wohnproblemen")
    assert (k.messart, k.erhebungsrhythmus, k.ausgangswert, k.ausgangsjahr, k.zielwert, k.zieljahr) == (
        "summe",
        "tertial",
        D("1830"),
        2021,
        D("2000"),
        2026,
    )
    werte = dict(Messwert.objects.filter(kennzahl=k).values_list("periode", "wert"))
    assert werte == {"2026-T1": D("656"), "2026-T2": D("660"), "2026-T3": D("420")}
    a = kennzahl_auswertung(kennzahl=k, periode=periode("2026-T3"))
    # 86,80 % of the year's Soll so far, not −335,27 % against a baseline pro-rated to 610.
    assert (a.ist_kumuliert, a.soll_kumuliert, a.zielerreichungsgrad, a.bewertung, a.ampel) == (
        D("1736.0000"),
        D("2000.00"),
        D("86.80"),
        "ueberwiegend",
        "gelb",
    )


def test_messart_jeder_demo_kennzahl_passt_zu_ihrer_bedeutung():
    call_command("demo_daten")
    messarten = dict(Kennzahl.objects.filter(jahr=2026).values_list("bezeichnung", "messart"))
    # A processing time is an average over the period, weighted by its cases in the year.
    assert messarten["Durchschnittliche Bearbeitungsdauer eines Wohngeldantrags"] == "mittelwert"
    dauer = Messwert.objects.filter(kennzahl__messart="mittelwert").exclude(wert=None)
    assert dauer.exists() and not dauer.filter(fallzahl=None).exists()
    # Counts of the period are sums, head counts at a Stichtag are stocks; no rate is typed without its counts.
    assert {b for b, m in messarten.items() if m == "summe"} == {
        "Pflegeberatungen vor einer Heimaufnahme",
        "Beratene Haushalte mit Wohnproblemen",
        "Durch Mietschuldenübernahme verhinderte Zwangsräumungen",
        "Rückführungen aus stationärer Unterbringung in die Familie",
    }
    assert not Messwert.objects.filter(kennzahl__messart="quote", zaehler=None).exclude(wert=None).exists()
