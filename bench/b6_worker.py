"""Benchmark 6: peak memory of a real Celery worker during the full recomputation of all curves.

A `celery -A config worker` subprocess (one prefork child) runs against Redis db 13; the
recomputation is requested as the UI does (controlling.services.alle_verlaeufe_anfordern) and
followed through its Hintergrundauftrag. The resident set size of the worker's process tree is
sampled every 0.1 s; the reference is the same tree idle before the task.
`python -m bench.b6_worker ausloesen` (child, with Django and REDIS_URL) queues the job.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import psycopg

from bench.umgebung import PYTHON, REDIS_URL, WURZEL, ausgeben, db_url, umgebung

GRENZE_MB = 1024


def ausloesen() -> None:
    from bench.umgebung import django_starten

    django_starten()
    from django.db import transaction

    from controlling.services import alle_verlaeufe_anfordern

    with transaction.atomic():
        auftrag_id = alle_verlaeufe_anfordern()
    ausgeben({"auftrag": auftrag_id})


def _baum(pid: int) -> list[int]:
    pids, offen = [], [pid]
    while offen:
        p = offen.pop()
        pids.append(p)
        try:
            kinder = Path(f"/proc/{p}/task/{p}/children").read_text().split()
        except OSError:
            continue
        offen.extend(int(k) for k in kinder)
    return pids


def _status_kb(pid: int, feld: str) -> int:
    try:
        for zeile in Path(f"/proc/{pid}/status").read_text().splitlines():
            if zeile.startswith(feld + ":"):
                return int(zeile.split()[1])
    except OSError:
        pass
    return 0


def _rss_mb(pid: int) -> tuple[float, float]:
    """(RSS of the whole tree, largest single process) in MB."""
    werte = [_status_kb(p, "VmRSS") for p in _baum(pid)]
    return sum(werte) / 1024, max(werte, default=0) / 1024


def messen_worker(name: str, timeout: float = 300) -> dict:
    subprocess.run(["redis-cli", "-u", REDIS_URL, "flushdb"], check=False, capture_output=True)  # noqa: S603,S607
    env = umgebung(name, REDIS_URL=REDIS_URL)
    worker = subprocess.Popen(  # noqa: S603 - fixed argv
        [
            str(Path(PYTHON).parent / "celery"),
            "-A",
            "config",
            "worker",
            "--concurrency",
            "1",
            "--loglevel",
            "warning",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
        ],
        cwd=WURZEL,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        ende = time.monotonic() + 60
        while len(_baum(worker.pid)) < 2 and time.monotonic() < ende:
            time.sleep(0.2)
        time.sleep(3)
        leer_gesamt, leer_max = _rss_mb(worker.pid)
        start = time.monotonic()
        spitze_gesamt, spitze_prozess, status = leer_gesamt, leer_max, "wartend"

        def abtasten() -> None:
            nonlocal spitze_gesamt, spitze_prozess
            gesamt, einzeln = _rss_mb(worker.pid)
            spitze_gesamt, spitze_prozess = max(spitze_gesamt, gesamt), max(spitze_prozess, einzeln)

        # Sample from the moment the job is requested (the request itself takes a Django start-up).
        ausloeser = subprocess.Popen(  # noqa: S603 - our own module
            [PYTHON, "-m", "bench.b6_worker", "ausloesen"],
            cwd=WURZEL,
            env=umgebung(name, REDIS_URL=REDIS_URL),
            stdout=subprocess.PIPE,
            text=True,
        )
        while ausloeser.poll() is None:
            abtasten()
            time.sleep(0.1)
        auftrag = json.loads(ausloeser.stdout.read().strip().splitlines()[-1])["auftrag"]
        with psycopg.connect(db_url(name), autocommit=True) as conn:
            while time.monotonic() - start < timeout:
                abtasten()
                status = conn.execute(
                    "SELECT status FROM core_hintergrundauftrag WHERE id = %s", (auftrag,)
                ).fetchone()[0]
                if status in ("erledigt", "fehler"):
                    break
                if worker.poll() is not None:
                    status = "Worker beendet"
                    break
                time.sleep(0.1)
            else:
                status = f"nach {timeout:.0f} s nicht fertig ({status})"
        dauer = time.monotonic() - start
        # VmHWM: the kernel's own high-water mark of each process (catches peaks between samples).
        hwm = max((_status_kb(p, "VmHWM") for p in _baum(worker.pid)), default=0) / 1024
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            worker.kill()
    return {
        "status": status,
        "dauer_s": dauer,
        "leer_mb": leer_gesamt,
        "spitze_mb": spitze_gesamt,
        "spitze_prozess_mb": max(spitze_prozess, hwm),
        "grenze_mb": GRENZE_MB,
    }


if __name__ == "__main__":
    if sys.argv[1] == "ausloesen":
        ausloesen()
    else:
        ausgeben(messen_worker(sys.argv[1]))
