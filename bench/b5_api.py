"""Benchmark 5: three API lists under concurrent load against gunicorn with 2 workers.

`kennzahlen/?page_size=100&auswertung=<Tertial>`, `messwerte/?page_size=100` and the HSK
`portfolio/`. The load comes from a second process (wrk) on loopback, 10 s per endpoint; the
reference is `/healthz` in the same run. Reported: requests per second and their ratio, p95
latency, errors, and the SQL queries of one request (from a child process with Django).
`python -m bench.b5_api token` (child, with Django) prints the API token of the bench user.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from bench.umgebung import PYTHON, WURZEL, ausgeben, messen, umgebung

PORT = 8765
DASHBOARD = "/api/v1/tertial-dashboard/?periode=2026-T2"
ENDPUNKTE = {
    "kennzahlen": "/api/v1/kennzahlen/?page_size=100&auswertung=2026-T2",
    "messwerte": "/api/v1/messwerte/?page_size=100",
    "portfolio": "/api/v1/hsk-massnahmen/portfolio/?jahr=2026",
}
DAUER = "10s"
LUA = """
done = function(summary, latency, requests)
  local fehler = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format('{"anfragen": %d, "sekunden": %.3f, "rps": %.2f, "p50_ms": %.2f, "p95_ms": %.2f, '
    .. '"fehler_status": %d, "fehler_socket": %d}\\n', summary.requests, summary.duration / 1e6,
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    summary.errors.status, fehler))
end
"""


def token() -> None:
    from bench.umgebung import django_starten

    django_starten()
    from rest_framework.authtoken.models import Token

    from organisation.models import Benutzer

    schluessel, _neu = Token.objects.get_or_create(user=Benutzer.objects.get(username="gs_steuerung"))
    ausgeben({"token": schluessel.key})


def abfragen() -> None:
    """SQL queries of one warm request per endpoint (the stored views already built)."""
    from bench.umgebung import django_starten

    django_starten()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from rest_framework.test import APIClient

    from organisation.models import Benutzer

    client = APIClient(HTTP_HOST="127.0.0.1")
    client.force_authenticate(Benutzer.objects.get(username="gs_steuerung"))
    ergebnis = {}
    client.get(DASHBOARD)
    for name, pfad in ENDPUNKTE.items():
        client.get(pfad)
        with CaptureQueriesContext(connection) as erfasst:
            antwort = client.get(pfad)
        ergebnis[name] = {"abfragen": len(erfasst), "status": antwort.status_code, "bytes": len(antwort.content)}
    ausgeben(ergebnis)


def wrk_bereit() -> str:
    """Path of wrk; installs the Debian package `wrk` if it is missing (needs root)."""
    pfad = shutil.which("wrk")
    if pfad is None:
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=False, capture_output=True)  # noqa: S603,S607
        pfad = shutil.which("wrk")
    if pfad is None:
        raise RuntimeError("wrk fehlt und ließ sich nicht installieren (apt-get install wrk).")
    return pfad


def _warten(url: str, sekunden: float = 60) -> None:
    ende = time.monotonic() + sekunden
    while time.monotonic() < ende:
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 - loopback only
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"gunicorn antwortet nicht unter {url}.")


def _last(wrk: str, skript: Path, pfad: str, kopf: list[str]) -> dict:
    ergebnis = subprocess.run(  # noqa: S603 - fixed argv, loopback only
        [wrk, "-t2", "-c4", "-d", DAUER, "-s", str(skript), *kopf, f"http://127.0.0.1:{PORT}{pfad}"],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(ergebnis.stdout.strip().splitlines()[-1])


def messen_api(name: str) -> dict:
    wrk = wrk_bereit()
    schluessel = messen("b5_api", name, "token")["token"]
    env = umgebung(name, DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost")
    server = subprocess.Popen(  # noqa: S603 - fixed argv
        [
            str(Path(PYTHON).parent / "gunicorn"),
            "config.wsgi:application",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--log-level",
            "warning",
        ],
        cwd=WURZEL,
        env=env,
    )
    try:
        _warten(f"http://127.0.0.1:{PORT}/healthz")
        with tempfile.TemporaryDirectory() as tmp:
            skript = Path(tmp) / "bericht.lua"
            skript.write_text(LUA)
            kopf = ["-H", f"Authorization: Token {schluessel}"]
            # warm-up: both workers import and connect. The dashboard builds its stored view (as any
            # visit does), which kennzahlen/?auswertung= reads while it is current; portfolio/ builds its own.
            for pfad in (DASHBOARD, *ENDPUNKTE.values()):
                for _ in range(4):
                    req = urllib.request.Request(
                        f"http://127.0.0.1:{PORT}{pfad}", headers={"Authorization": f"Token {schluessel}"}
                    )
                    urllib.request.urlopen(req, timeout=120).read()  # noqa: S310 - loopback only
            ergebnis = {"healthz": _last(wrk, skript, "/healthz", [])}
            for endpunkt, pfad in ENDPUNKTE.items():
                ergebnis[endpunkt] = _last(wrk, skript, pfad, kopf)
    finally:
        server.terminate()
        server.wait(timeout=30)
    for endpunkt, werte in messen("b5_api", name, "abfragen", DJANGO_ALLOWED_HOSTS="127.0.0.1").items():
        ergebnis[endpunkt].update(werte)
    return ergebnis


if __name__ == "__main__":
    if sys.argv[1] == "token":
        token()
    elif sys.argv[1] == "abfragen":
        abfragen()
    else:
        ausgeben(messen_api(sys.argv[1]))
