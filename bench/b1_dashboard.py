"""Benchmark 1 (child process): server time and SQL query count of the tertial dashboard and the
zielpyramide endpoint, and of the Zielpyramide and HSK-Portfolio pages, on the database from the
environment.

Server time = the request through the whole Django stack (middleware, auth, view, JSON), measured
in-process with the test client, median of several runs. The first request builds the stored view
(steuerung.lesestand.basis) and is reported separately as "aufbau_sekunden"; queries are counted on
the next request, which is what every reader gets until the data change.
"""

from __future__ import annotations

import statistics
import sys
import time

from bench.umgebung import ausgeben, django_starten

ENDPUNKTE = {
    "tertial_dashboard": "/api/v1/tertial-dashboard/?periode=2026-T2",
    "zielpyramide": "/api/v1/zielpyramide/?jahr=2026",
}
# The HTML pages, through the session login and the whole template stack.
SEITEN = {
    "zielpyramide_seite": "/zielpyramide/?jahr=2026",
    "hsk_portfolio_seite": "/hsk/portfolio/?jahr=2026",
}


def main(wiederholungen: int) -> None:
    django_starten()
    from django.db import connection
    from django.test import Client
    from rest_framework.test import APIClient

    from organisation.models import Benutzer
    from steuerung.models import Lesestand

    benutzer = Benutzer.objects.get(username="gs_dezernat")
    api = APIClient(SERVER_NAME="localhost")
    api.force_authenticate(benutzer)
    seiten = Client(SERVER_NAME="localhost")
    seiten.force_login(benutzer)
    ergebnis = {}
    for name, pfad, client in [
        *((n, p, api) for n, p in ENDPUNKTE.items()),
        *((n, p, seiten) for n, p in SEITEN.items()),
    ]:
        abfragen: list[str] = []

        def zaehlen(execute, sql, params, many, context, abfragen=abfragen):
            abfragen.append(sql)
            return execute(sql, params, many, context)

        # As after a change to the data: the first request has to build the stored views.
        Lesestand.objects.all().delete()
        start = time.perf_counter()
        erste = client.get(pfad)
        aufbau = time.perf_counter() - start
        if erste.status_code != 200:
            raise SystemExit(f"{pfad}: HTTP {erste.status_code} {erste.content[:300]!r}")
        with connection.execute_wrapper(zaehlen):
            antwort = client.get(pfad)
        zeiten = []
        for _ in range(wiederholungen):
            start = time.perf_counter()
            client.get(pfad)
            zeiten.append(time.perf_counter() - start)
        ergebnis[name] = {
            "sekunden": statistics.median(zeiten),
            "abfragen": len(abfragen),
            "bytes": len(antwort.content),
            "aufbau_sekunden": aufbau,
        }
    ausgeben(ergebnis)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
