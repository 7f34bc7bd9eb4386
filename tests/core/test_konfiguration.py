"""Configuration as code: settings from the environment, docker-compose describes production."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import yaml

WURZEL = Path(__file__).resolve().parents[2]


def _settings_laden(modul: str, umgebung: dict[str, str]) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_") and k not in umgebung}
    env.update({k: v for k, v in umgebung.items() if v})
    code = f"import django, os; os.environ['DJANGO_SETTINGS_MODULE']='{modul}'; django.setup(); from django.conf import settings; print(settings.DEBUG, settings.CELERY_TASK_ALWAYS_EAGER, settings.DATABASES['default']['ENGINE'])"
    return subprocess.run([sys.executable, "-c", code], cwd=WURZEL, env=env, capture_output=True, text=True, timeout=60)


def test_produktion_verlangt_einen_geheimen_schluessel():
    ergebnis = _settings_laden("config.settings.production", {"REDIS_URL": ""})
    assert ergebnis.returncode != 0
    assert "DJANGO_SECRET_KEY" in ergebnis.stderr


def test_produktion_mit_redis_und_postgres_aus_umgebungsvariablen():
    ergebnis = _settings_laden(
        "config.settings.production",
        {
            "DJANGO_SECRET_KEY": "x" * 50,
            "REDIS_URL": "redis://127.0.0.1:6379/0",
            "DATABASE_URL": "postgres://u:p@db:5432/s",
        },
    )
    assert ergebnis.returncode == 0, ergebnis.stderr
    assert ergebnis.stdout.split() == ["False", "False", "django.db.backends.postgresql"]


def test_lokal_ohne_redis_laufen_auftraege_im_prozess_auf_sqlite():
    ergebnis = _settings_laden("config.settings.local", {"REDIS_URL": "", "DATABASE_URL": ""})
    assert ergebnis.returncode == 0, ergebnis.stderr
    assert ergebnis.stdout.split() == ["True", "True", "django.db.backends.sqlite3"]


def test_docker_compose_beschreibt_den_produktionsbetrieb():
    compose = yaml.safe_load((WURZEL / "docker-compose.yml").read_text())
    dienste = compose["services"]
    assert set(dienste) >= {"web", "worker", "beat", "db", "redis"}
    assert "gunicorn" in " ".join(dienste["web"]["command"])
    assert "worker" in dienste["worker"]["command"]
    assert "beat" in dienste["beat"]["command"]
    assert dienste["db"]["image"].startswith("postgres:15")
    assert dienste["redis"]["image"].startswith("redis:")
    bilder = {dienste[d].get("build", {}).get("context") or dienste[d].get("image") for d in ("web", "worker", "beat")}
    assert len(bilder) == 1, "web, worker und beat nutzen dasselbe Image"
    for name in ("web", "db", "redis"):
        assert "healthcheck" in dienste[name], name
    assert "db-daten" in compose["volumes"]
    umgebung = compose["x-umgebung"]
    for variable in ("DATABASE_URL", "REDIS_URL", "DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS"):
        assert variable in umgebung


def test_env_example_dokumentiert_jede_variable():
    beispiel = (WURZEL / ".env.example").read_text()
    quelltext = "".join(p.read_text() for p in (WURZEL / "config").rglob("*.py"))
    import re

    genutzt = set(re.findall(r'env(?:\.\w+)?\("([A-Z_]+)"', quelltext))
    assert genutzt, "keine Variablen gefunden"
    fehlend = sorted(v for v in genutzt if v not in beispiel)
    assert not fehlend, f".env.example nennt nicht: {fehlend}"


def test_jeder_beat_eintrag_nennt_eine_registrierte_aufgabe():
    from django.conf import settings

    from config.celery import app

    app.loader.import_default_modules()
    for name, eintrag in settings.CELERY_BEAT_SCHEDULE.items():
        assert eintrag["task"] in app.tasks, f"{name}: Aufgabe {eintrag['task']} ist nicht registriert"
