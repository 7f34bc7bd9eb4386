"""The real stack: PostgreSQL, Redis and a Celery worker doing work visible in the database."""

from __future__ import annotations

import time

import pytest
from django.db import connection

from core.models import Hintergrundauftrag
from core.services import auftrag_anlegen
from core.tasks import verbindung_pruefen
from tests.stack import postgres_noetig


@pytest.mark.postgres
@pytest.mark.django_db
def test_suite_laeuft_auf_postgresql():
    postgres_noetig()
    with connection.cursor() as cursor:
        cursor.execute("SELECT version()")
        assert "PostgreSQL" in cursor.fetchone()[0]


@pytest.mark.redis
@pytest.mark.celery_worker
@pytest.mark.postgres
def test_echter_worker_fuehrt_auftrag_aus_und_schreibt_in_postgresql(celery_worker_echt):
    auftrag = auftrag_anlegen(art="verbindung")
    verbindung_pruefen.delay(auftrag.pk)
    frist = time.monotonic() + 30
    while time.monotonic() < frist:
        auftrag.refresh_from_db()
        if auftrag.status == Hintergrundauftrag.Status.ERLEDIGT:
            break
        time.sleep(0.2)
    assert auftrag.status == Hintergrundauftrag.Status.ERLEDIGT
    assert auftrag.meldung.startswith("Worker ")


@pytest.mark.django_db
def test_ohne_redis_laufen_auftraege_sofort_im_prozess():
    auftrag = auftrag_anlegen(art="verbindung")
    verbindung_pruefen.delay(auftrag.pk)
    auftrag.refresh_from_db()
    assert auftrag.status == Hintergrundauftrag.Status.ERLEDIGT
