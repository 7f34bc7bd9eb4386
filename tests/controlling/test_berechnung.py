"""Stored curve: debounce, idempotence, atomic replacement and the full recomputation with progress."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from controlling import services, tasks, verlauf_speicher
from controlling.models import Einzelfall, Verlaufsmonat, Verlaufsstand
from core.models import Hintergrundauftrag

pytestmark = pytest.mark.django_db


def zeilen(massnahme):
    return list(Verlaufsmonat.objects.filter(hsk_massnahme=massnahme).order_by("monat").values())


def test_zweimal_berechnet_ergibt_identische_zeilen(hsk50):
    assert verlauf_speicher.verlauf_speichern(hsk_massnahme_id=hsk50.pk) == "berechnet"
    erste = zeilen(hsk50)
    assert verlauf_speicher.verlauf_speichern(hsk_massnahme_id=hsk50.pk) == "berechnet"
    assert zeilen(hsk50) == erste
    assert len(erste) == 23


def test_ein_schwall_von_aenderungen_ergibt_eine_berechnung(hsk50, django_capture_on_commit_callbacks):
    tokens = []
    with django_capture_on_commit_callbacks(execute=False) as rueckrufe:
        for nummer in range(5):
            tokens.append(services.verlauf_anfordern(hsk_massnahme_id=hsk50.pk))
            Einzelfall.objects.filter(pseudonym="C-003").update(vermiedene_kosten_monat=Decimal(4200 + nummer))
    assert len(rueckrufe) == 5
    ergebnisse = [tasks.verlauf_berechnen(hsk50.pk, angefordert=t.isoformat()) for t in tokens]
    assert ergebnisse == ["uebersprungen"] * 4 + ["berechnet"]
    stand = Verlaufsstand.objects.get(hsk_massnahme=hsk50)
    assert stand.berechnungen == 1
    assert not stand.ausstehend
    # A late duplicate of the last request finds nothing pending any more.
    assert tasks.verlauf_berechnen(hsk50.pk, angefordert=tokens[-1].isoformat()) == "uebersprungen"


def test_anforderung_waehrend_der_berechnung_bleibt_ausstehend(hsk50, monkeypatch):
    erste = services.verlauf_anfordern(hsk_massnahme_id=hsk50.pk)

    entfernen = verlauf_speicher._monate_ausserhalb_entfernen

    def neue_aenderung_dazwischen(**kwargs):
        # Inside the write transaction, after the months were written.
        Verlaufsstand.objects.filter(hsk_massnahme=hsk50).update(angefordert=timezone.now() + timedelta(seconds=1))
        entfernen(**kwargs)

    monkeypatch.setattr(verlauf_speicher, "_monate_ausserhalb_entfernen", neue_aenderung_dazwischen)
    assert verlauf_speicher.verlauf_speichern(hsk_massnahme_id=hsk50.pk, angefordert=erste) == "berechnet"
    assert Verlaufsstand.objects.get(hsk_massnahme=hsk50).ausstehend


def test_fehlgeschlagene_berechnung_laesst_das_vorige_ergebnis_vollstaendig_stehen(hsk50, monkeypatch):
    verlauf_speicher.verlauf_speichern(hsk_massnahme_id=hsk50.pk)
    vorher = zeilen(hsk50)
    Einzelfall.objects.filter(pseudonym="A-001").update(vermiedene_kosten_monat=Decimal("9000.00"))
    services.verlauf_anfordern(hsk_massnahme_id=hsk50.pk)

    def abbruch(**kwargs):
        raise RuntimeError("Worker beendet")  # inside the write transaction, after the months were written

    monkeypatch.setattr(verlauf_speicher, "_monate_ausserhalb_entfernen", abbruch)
    with pytest.raises(RuntimeError):
        verlauf_speicher.verlauf_speichern(hsk_massnahme_id=hsk50.pk)
    assert zeilen(hsk50) == vorher
    stand = Verlaufsstand.objects.get(hsk_massnahme=hsk50)
    assert stand.ausstehend
    assert stand.berechnungen == 1


def test_kuerzerer_horizont_entfernt_ueberzaehlige_monate(hsk50):
    verlauf_speicher.verlauf_speichern(hsk_massnahme_id=hsk50.pk)
    hsk50.soll_jahre.filter(jahr=2025).delete()
    verlauf_speicher.verlauf_speichern(hsk_massnahme_id=hsk50.pk)
    assert Verlaufsmonat.objects.filter(hsk_massnahme=hsk50).order_by("monat").last().monat == "2024-12"


def test_ungueltige_daten_werden_als_fehler_vermerkt(hsk50):
    hsk50.soll_jahre.all().delete()
    hsk50.beginn = date(1990, 1, 1)
    hsk50.save()
    assert verlauf_speicher.verlauf_speichern(hsk_massnahme_id=hsk50.pk) == "fehler"
    assert "240 Monate" in Verlaufsstand.objects.get(hsk_massnahme=hsk50).fehler


def test_geloeschte_massnahme_wird_uebersprungen():
    assert verlauf_speicher.verlauf_speichern(hsk_massnahme_id=999999) == "geloescht"


def test_vollstaendige_neuberechnung_meldet_fortschritt(hsk50, hsk51, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        auftrag_id = services.alle_verlaeufe_anfordern()
    auftrag = Hintergrundauftrag.objects.get(pk=auftrag_id)
    assert auftrag.status == Hintergrundauftrag.Status.ERLEDIGT
    assert (auftrag.erledigt, auftrag.gesamt, auftrag.fortschritt_prozent) == (2, 2, 100)
    assert "2 Verläufe" in auftrag.meldung
    assert Verlaufsmonat.objects.filter(hsk_massnahme__in=[hsk50, hsk51]).count() == 46


def test_naechtlicher_lauf_ohne_auftrag_legt_einen_an(hsk50):
    assert tasks.alle_verlaeufe_berechnen() == 1
    assert Hintergrundauftrag.objects.filter(art="hsk_verlaeufe", status="erledigt").count() == 1
