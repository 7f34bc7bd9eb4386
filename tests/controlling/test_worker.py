"""Real worker on Redis and PostgreSQL: debounce, idempotence and retry after a killed worker."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection, transaction

from controlling import services, tasks, verlauf_speicher
from controlling.models import Einzelfall, Verlaufsmonat, Verlaufsstand
from tests.controlling.conftest import beispielmassnahme

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.celery_worker]

REPO = Path(__file__).resolve().parents[2]


def warten_bis(bedingung: Callable[[], bool], *, sekunden: float, text: str) -> None:
    frist = time.monotonic() + sekunden
    while time.monotonic() < frist:
        if bedingung():
            return
        time.sleep(0.2)
    raise AssertionError(f"Zeitüberschreitung nach {sekunden} s: {text}")


def zeilen(massnahme) -> list[dict]:
    return list(Verlaufsmonat.objects.filter(hsk_massnahme=massnahme).order_by("monat").values())


def stand(massnahme) -> Verlaufsstand:
    return Verlaufsstand.objects.get(hsk_massnahme=massnahme)


def test_schwall_von_aenderungen_ergibt_eine_berechnung_und_wiederholung_identische_zeilen(
    celery_worker_echt, einheiten
):
    massnahme = beispielmassnahme(einheiten["50"], "Pflegeberatung ambulant vor stationär")
    fall = Einzelfall.objects.get(hsk_massnahme=massnahme, pseudonym="C-003")
    benutzer = _steuerung(einheiten)
    for nummer in range(5):
        fall = services.einzelfall_aendern(
            fall=fall,
            daten={"vermiedene_kosten_monat": Decimal("4200.00") + nummer},
            user=benutzer,
            revision=fall.revision,
        )
    warten_bis(lambda: stand(massnahme).berechnet and not stand(massnahme).ausstehend, sekunden=40, text="Berechnung")
    time.sleep(tasks.VERZOEGERUNG_SEKUNDEN + 1)  # all five queued tasks have run by now
    assert stand(massnahme).berechnungen == 1
    erste = zeilen(massnahme)
    assert {z["monat"]: z["brutto"] for z in erste}["2025-01"] == Decimal("6704.00")

    with transaction.atomic():
        services.verlauf_anfordern(hsk_massnahme_id=massnahme.pk)
    warten_bis(lambda: stand(massnahme).berechnungen == 2, sekunden=40, text="zweite Berechnung")
    assert zeilen(massnahme) == erste


def _steuerung(einheiten):
    from organisation.rollen import Rolle
    from tests.factories import BenutzerFactory

    return BenutzerFactory(username="su-worker", organisationseinheit=einheiten["V SU"], rollen=[Rolle.STEUERUNG])


def _worker(queue: str, db_url: str, **env) -> subprocess.Popen:
    umgebung = dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="config.settings.test",
        DATABASE_URL=db_url,
        REDIS_URL=settings.REDIS_URL,
        HSK_VISIBILITY_TIMEOUT="3",
        **env,
    )
    return subprocess.Popen(
        [sys.executable, "-m", "tests.controlling.worker_starten", queue],
        cwd=REPO,
        env=umgebung,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def _beenden(prozess: subprocess.Popen) -> None:
    if prozess.poll() is None:
        prozess.send_signal(signal.SIGTERM)
        try:
            prozess.wait(timeout=15)
        except subprocess.TimeoutExpired:
            prozess.kill()
            prozess.wait(timeout=5)


def _in_offener_transaktion() -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND state = 'idle in transaction' AND pid <> pg_backend_pid()"
        )
        return cursor.fetchone()[0] > 0


def test_getoeteter_worker_laesst_altes_ergebnis_stehen_und_die_aufgabe_wird_wiederholt(transactional_db, einheiten):
    from config.celery import app
    from tests.stack import postgres_noetig, redis_noetig

    postgres_noetig()
    redis_noetig()
    db = settings.DATABASES["default"]
    db_url = f"postgres://{db['USER']}:{db.get('PASSWORD') or ''}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    queue = f"hsk-kill-{uuid.uuid4().hex[:8]}"

    massnahme = beispielmassnahme(einheiten["51"], "Rückführung aus stationärer Unterbringung")
    verlauf_speicher.verlauf_speichern(hsk_massnahme_id=massnahme.pk)
    vorher = zeilen(massnahme)
    assert len(vorher) == 23

    vorher_conf = (app.conf.task_always_eager, app.conf.task_default_queue)
    app.conf.task_always_eager = False
    app.conf.task_default_queue = queue
    erster = zweiter = None
    try:
        with transaction.atomic():
            Einzelfall.objects.filter(hsk_massnahme=massnahme, pseudonym="A-001").update(
                vermiedene_kosten_monat=Decimal("5000.00")
            )
            services.verlauf_anfordern(hsk_massnahme_id=massnahme.pk)

        # 1. A slow worker takes the task and is killed inside its write transaction.
        erster = _worker(queue, db_url, HSK_TEST_VERZOEGERUNG="60")
        warten_bis(_in_offener_transaktion, sekunden=120, text="Worker schreibt in offener Transaktion")
        erster.kill()
        erster.wait(timeout=10)
        warten_bis(lambda: not _in_offener_transaktion(), sekunden=20, text="Transaktion zurückgerollt")
        assert zeilen(massnahme) == vorher  # the previous complete result is still visible
        assert stand(massnahme).ausstehend
        assert stand(massnahme).berechnungen == 1

        # 2. A new worker gets the unacknowledged task redelivered and completes it.
        zweiter = _worker(queue, db_url)
        warten_bis(lambda: stand(massnahme).berechnungen == 2, sekunden=120, text="erneute Zustellung")
        assert not stand(massnahme).ausstehend
        nachher = {z["monat"]: z for z in zeilen(massnahme)}
        assert len(nachher) == 23
        erwartet = verlauf_speicher.verlauf_aus_daten(massnahme=massnahme)
        assert [(m.monat, m.brutto, m.netto_kumuliert) for m in erwartet.monate] == [
            (z["monat"], z["brutto"], z["netto_kumuliert"]) for z in nachher.values()
        ]
        assert nachher["2024-03"]["brutto"] == Decimal("4500.00")  # 5.000 − 500 new costs
    finally:
        for prozess in (erster, zweiter):
            if prozess is not None:
                _beenden(prozess)
        app.conf.task_always_eager, app.conf.task_default_queue = vorher_conf
        with app.connection_for_write() as verbindung:
            verbindung.default_channel.queue_purge(queue)
