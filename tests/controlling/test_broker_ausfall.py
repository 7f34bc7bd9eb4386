"""Redis down: saving still works, pages render, and the recomputation is not lost."""

from __future__ import annotations

import shutil
import signal
import socket
import subprocess
import time
from decimal import Decimal

import pytest
from django.test import Client
from kombu.exceptions import OperationalError

from controlling import services, tasks
from controlling.models import Verlaufsmonat, Verlaufsstand
from controlling.tasks import ausstehende_verlaeufe_nachholen, verlauf_berechnen
from tests.controlling.factories import EinzelfallFactory, HSKMassnahmeFactory

pytestmark = pytest.mark.django_db


def _broker_weg(*args, **kwargs):
    raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")


def test_ohne_broker_wird_gespeichert_und_nach_rueckkehr_nachgeholt(
    monkeypatch, einheiten, steuerung, django_capture_on_commit_callbacks
):
    massnahme = HSKMassnahmeFactory(organisationseinheit=einheiten["50"])
    monkeypatch.setattr(verlauf_berechnen, "apply_async", _broker_weg)
    with django_capture_on_commit_callbacks(execute=True):
        EinzelfallFactory(hsk_massnahme=massnahme, vermiedene_kosten_monat=Decimal("1000.00"))
        services.verlauf_anfordern(hsk_massnahme_id=massnahme.pk)
    stand = Verlaufsstand.objects.get(hsk_massnahme=massnahme)
    assert stand.angefordert is not None, "die Anforderung bleibt vorgemerkt"
    client = Client()
    client.force_login(steuerung)
    assert client.get(f"/hsk/{massnahme.pk}/").status_code == 200

    monkeypatch.undo()
    Verlaufsstand.objects.filter(pk=stand.pk).update(angefordert=stand.angefordert.replace(year=2000))
    assert ausstehende_verlaeufe_nachholen.delay().get() == 1
    stand.refresh_from_db()
    assert stand.angefordert is None
    assert Verlaufsmonat.objects.filter(hsk_massnahme=massnahme).exists()


def _freier_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.redis
def test_gestoppter_redis_server_bricht_das_speichern_nicht_ab(
    monkeypatch, einheiten, django_capture_on_commit_callbacks, caplog
):
    """A private redis-server is started, stopped (the outage) and started again."""
    from config.celery import app

    programm = shutil.which("redis-server")
    if not programm:
        pytest.skip("redis-server nicht installiert")
    port = _freier_port()

    def starten():
        prozess = subprocess.Popen(
            [programm, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        )
        frist = time.monotonic() + 10
        while time.monotonic() < frist:
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    return prozess
            time.sleep(0.1)
        raise AssertionError("redis-server startet nicht")

    vorher = (app.conf.task_always_eager, app.conf.broker_url, app.conf.broker_transport_options)
    redis_prozess = starten()
    try:
        app.conf.task_always_eager = False
        app.conf.broker_url = f"redis://127.0.0.1:{port}/0"
        app.conf.broker_transport_options = {
            "max_retries": 1,
            "interval_start": 0,
            "interval_step": 0.1,
            "interval_max": 0.2,
        }
        app._pool = None
        app.amqp._producer_pool = None
        massnahme = HSKMassnahmeFactory(organisationseinheit=einheiten["50"])

        redis_prozess.send_signal(signal.SIGTERM)
        redis_prozess.wait(timeout=10)
        with django_capture_on_commit_callbacks(execute=True):
            services.verlauf_anfordern(hsk_massnahme_id=massnahme.pk)
        assert "Broker nicht erreichbar" in caplog.text
        assert Verlaufsstand.objects.get(hsk_massnahme=massnahme).angefordert is not None

        redis_prozess = starten()
        Verlaufsstand.objects.filter(hsk_massnahme=massnahme).update(angefordert="2000-01-01T00:00:00+00:00")
        assert tasks.ausstehende_verlaeufe_einreihen() == 1
        import redis

        assert redis.Redis(port=port).llen("celery") == 1, "die Neuberechnung liegt wieder in der Warteschlange"
    finally:
        app.conf.task_always_eager, app.conf.broker_url, app.conf.broker_transport_options = vorher
        app._pool = None
        app.amqp._producer_pool = None
        redis_prozess.terminate()
        redis_prozess.wait(timeout=10)
