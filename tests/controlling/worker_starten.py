"""Start a Celery worker for the killed-worker test: one queue, solo pool, short visibility timeout.

Run as `python -m tests.controlling.worker_starten <queue>` with DATABASE_URL pointing at the
test database; HSK_VISIBILITY_TIMEOUT (seconds) lets Redis redeliver unacknowledged messages soon.
HSK_TEST_VERZOEGERUNG (seconds) makes this worker sleep inside the curve's write transaction, after
the months were written, so the test can kill it there.
"""

from __future__ import annotations

import os
import sys
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
django.setup()

from config.celery import app  # noqa: E402
from controlling import verlauf_speicher  # noqa: E402


def _langsam(schritt):
    sekunden = float(os.environ.get("HSK_TEST_VERZOEGERUNG", "0") or 0)

    def verzoegert(**kwargs):
        time.sleep(sekunden)
        return schritt(**kwargs)

    return verzoegert if sekunden else schritt


verlauf_speicher._monate_ausserhalb_entfernen = _langsam(verlauf_speicher._monate_ausserhalb_entfernen)

queue = sys.argv[1]
app.conf.broker_transport_options = {"visibility_timeout": float(os.environ.get("HSK_VISIBILITY_TIMEOUT", "5"))}
app.conf.task_always_eager = False
app.worker_main(
    [
        "worker",
        "-Q",
        queue,
        "--pool=solo",
        "--concurrency=1",
        "--loglevel=INFO",
        "--without-heartbeat",
        "--without-mingle",
        "--without-gossip",
        "-n",
        f"hsk-test-{os.getpid()}@%h",
    ]
)
