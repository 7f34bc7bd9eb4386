"""Concurrent writes against PostgreSQL with real threads: exactly one wins, nothing is lost."""

from __future__ import annotations

import threading
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from organisation.rollen import Rolle
from steuerung.berichte.workflow import tertialbericht_einreichen, tertialbericht_freigeben
from steuerung.erfassung import messwert_speichern
from steuerung.models import Messwert
from steuerung.models.berichte import Berichtsuebergang
from tests.factories import BenutzerFactory
from tests.stack import postgres_noetig

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _gleichzeitig(*aufgaben):
    """Run the callables in threads released by one barrier; return (results, errors)."""
    schranke = threading.Barrier(len(aufgaben))
    ergebnisse: list = [None] * len(aufgaben)
    fehler: list = [None] * len(aufgaben)

    def laufen(i, aufgabe):
        try:
            schranke.wait(timeout=10)
            ergebnisse[i] = aufgabe()
        except Exception as exc:  # noqa: BLE001 - collected and asserted by the test
            fehler[i] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=laufen, args=(i, a)) for i, a in enumerate(aufgaben)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    return ergebnisse, fehler


def test_zwei_gleichzeitige_speicherungen_desselben_werts_genau_eine_gewinnt(
    berichtsdaten, sachbearbeitung50, einheiten
):
    postgres_noetig()
    kollegin = BenutzerFactory(username="sb50b", organisationseinheit=einheiten["50"], rollen=[Rolle.SACHBEARBEITUNG])
    kennzahl = berichtsdaten["gruen"]
    stand = Messwert.objects.get(kennzahl=kennzahl, periode="2026-T2").revision

    def speichern(user, wert):
        return lambda: messwert_speichern(
            kennzahl=kennzahl, periode="2026-T2", user=user, revision=stand, wert=Decimal(wert), entwurf=True
        )

    ergebnisse, fehler = _gleichzeitig(speichern(sachbearbeitung50, "50"), speichern(kollegin, "51"))
    gewonnen = [e for e in ergebnisse if e is not None]
    abgelehnt = [f for f in fehler if f is not None]
    assert len(gewonnen) == 1 and len(abgelehnt) == 1, (ergebnisse, fehler)
    assert isinstance(abgelehnt[0], ValidationError)
    assert "geändert" in " ".join(abgelehnt[0].messages)
    gespeichert = Messwert.objects.get(kennzahl=kennzahl, periode="2026-T2")
    assert gespeichert.wert == gewonnen[0].wert
    assert gespeichert.revision == stand + 1


def test_doppelklick_auf_freigeben_gleichzeitig_ergibt_einen_uebergang(berichtsdaten, sachbearbeitung50, amtsleitung50):
    postgres_noetig()
    bericht = berichtsdaten["bericht"]
    tertialbericht_einreichen(bericht=bericht, user=sachbearbeitung50)
    vorher = Berichtsuebergang.objects.filter(bericht=bericht).count()

    def freigeben():
        return tertialbericht_freigeben(bericht=bericht, user=amtsleitung50, erwarteter_status="eingereicht")

    ergebnisse, fehler = _gleichzeitig(freigeben, freigeben)
    assert sum(e is not None for e in ergebnisse) == 1, (ergebnisse, fehler)
    assert all(isinstance(f, ValidationError) for f in fehler if f is not None)
    assert Berichtsuebergang.objects.filter(bericht=bericht).count() == vorher + 1
    bericht.refresh_from_db()
    assert bericht.status == "amtsleitung_freigegeben"
