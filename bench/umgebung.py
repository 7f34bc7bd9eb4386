"""Bench databases, the load marker, and running a measurement in a child process.

Each size lives in its own PostgreSQL database (steuerung_bench_1, steuerung_bench_001). A table
`bench_marker` records faktor, seed and the data-set version, so a database loaded before with
the same parameters is reused instead of loaded again (a load at faktor 1 takes minutes).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import psycopg

WURZEL = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
SERVER = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/13")
SEED = int(os.environ.get("BENCH_SEED", "1"))
# Raise when bench.daten changes in a way that changes the rows, so old databases are reloaded.
# 2: the published reports' stored PDFs are made with the PDF layout of issue 19 (chart as HTML rows),
#    so "3 Veröffentlichter Bericht" compares against bytes of the current layout.
DATENSATZ_VERSION = 2


def db_name(faktor: float) -> str:
    return "steuerung_bench_" + f"{faktor:g}".replace(".", "")


def db_url(name: str) -> str:
    return f"{SERVER}/{name}"


def umgebung(name: str, **extra: str) -> dict[str, str]:
    """Environment of a child process working on bench database `name` (no debug: no query log)."""
    env = dict(os.environ)
    env.pop("REDIS_URL", None)  # tasks run in-process unless a benchmark passes its own Redis
    env.update(
        DATABASE_URL=db_url(name),
        DJANGO_SETTINGS_MODULE="config.settings.local",
        DJANGO_DEBUG="false",
        PYTHONPATH=str(WURZEL),
        **extra,
    )
    return env


def _marker(name: str) -> tuple | None:
    try:
        with psycopg.connect(db_url(name), connect_timeout=5) as conn:
            return conn.execute("SELECT faktor, seed, version FROM bench_marker").fetchone()
    except psycopg.Error:
        return None


def datenbank_bereit(faktor: float, *, melden=print) -> tuple[str, float | None]:
    """Return the database name for `faktor`, loading it first unless its marker matches.

    Returns (name, load seconds or None if reused).
    """
    name = db_name(faktor)
    if _marker(name) == (f"{faktor:g}", SEED, DATENSATZ_VERSION):
        melden(f"Datenbank {name} (Faktor {faktor:g}, Seed {SEED}) wird wiederverwendet.")
        # The code may have new migrations since the load: the schema must match the code measured.
        subprocess.run([PYTHON, "manage.py", "migrate", "-v0"], cwd=WURZEL, env=umgebung(name), check=True)  # noqa: S603
        return name, None
    melden(f"Datenbank {name} wird neu geladen (Faktor {faktor:g}, Seed {SEED}) …")
    with psycopg.connect(db_url("postgres"), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    env = umgebung(name)
    start = time.perf_counter()
    subprocess.run([PYTHON, "manage.py", "migrate", "-v0"], cwd=WURZEL, env=env, check=True)  # noqa: S603 - fixed argv
    subprocess.run(  # noqa: S603 - fixed argv
        [PYTHON, "manage.py", "grossstadt_daten", "--faktor", f"{faktor:g}", "--seed", str(SEED)],
        cwd=WURZEL,
        env=env,
        check=True,
    )
    dauer = time.perf_counter() - start
    with psycopg.connect(db_url(name), autocommit=True) as conn:
        conn.execute("CREATE TABLE bench_marker (faktor text, seed int, version int, ladezeit float)")
        conn.execute(
            "INSERT INTO bench_marker VALUES (%s, %s, %s, %s)", (f"{faktor:g}", SEED, DATENSATZ_VERSION, dauer)
        )
        conn.execute("VACUUM ANALYZE")
    melden(f"Datenbank {name} in {dauer:.0f} s geladen.")
    return name, dauer


def ladezeit(name: str) -> float | None:
    with psycopg.connect(db_url(name)) as conn:
        zeile = conn.execute("SELECT ladezeit FROM bench_marker").fetchone()
    return zeile[0] if zeile else None


def messen(modul: str, name: str, *args: str, timeout: int = 600, **extra: str) -> dict:
    """Run `python -m bench.<modul> args` against database `name`; it prints one JSON line last."""
    ergebnis = subprocess.run(  # noqa: S603 - our own modules
        [PYTHON, "-m", f"bench.{modul}", *args],
        cwd=WURZEL,
        env=umgebung(name, **extra),
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if ergebnis.returncode != 0:
        raise RuntimeError(f"bench.{modul} ist fehlgeschlagen:\n{ergebnis.stderr[-4000:]}")
    return json.loads(ergebnis.stdout.strip().splitlines()[-1])


def django_starten() -> None:
    """For child processes: set up Django against the database from the environment."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    django.setup()
    import logging

    # WeasyPrint logs every layout step at INFO into the bench output otherwise.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)


def zurueckgestellte_pruefungen() -> None:
    """Run the deferred constraint checks (foreign keys) now, as a commit would.

    Imports measured inside a transaction that is rolled back would otherwise never pay for
    them (Django creates foreign keys DEFERRABLE INITIALLY DEFERRED).
    """
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def ausgeben(daten: dict) -> None:
    print(json.dumps(daten, default=str))
