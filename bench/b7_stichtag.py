"""Benchmark 5 "Deadline day" (issue 19): many units save their Messwerte at once through the API.

40 clients on loopback, each a bench user of its own Organisationseinheit, PATCH the Messwerte of
that unit's Kennzahlen for one period (the latest tertial) for 20 s against gunicorn with 2
workers; 5 more clients save ONE other Messwert with a revision that is known to be stale. The
reference is `/healthz` with the same client code and number of clients in the same run.

Checks (each violation fails the benchmark): no 5xx and no socket error; every acknowledged
save is in the database with the acknowledged value and revision, and the history holds exactly
one row per acknowledged save (nothing lost, nothing doubled; one row per Kennzahl and period);
every stale save is refused with 409 and the German conflict message, and the stale target is
unchanged. Afterwards the touched rows are restored from a copy and the bench users, their
tokens and the history rows written by the run are deleted, so the database stays as loaded
(only the lesestand data version has been raised: the next dashboard request rebuilds).

Children (with Django): `python -m bench.b7_stichtag vorbereiten|pruefen|aufraeumen` reading
and printing JSON; the parent (no Django) runs gunicorn and the client threads.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from decimal import Decimal
from pathlib import Path

from bench.umgebung import PYTHON, WURZEL, ausgeben, messen, umgebung

PORT = 8766
CLIENTS = 40
VERALTETE_CLIENTS = 5
DAUER_S = 20.0
HEALTHZ_S = 10.0
KENNZAHLEN_JE_EINHEIT = 5  # few, so each value is saved several times with the revision chain
# The latest tertial of the bench data (bench.daten.steuerung.TERTIALE); the Sachgebiete' reports
# of 2026 are published (bench.daten.berichte), which locks their values: they save the one before.
PERIODEN = ("2026-T2", "2025-T3")
PRAEFIX_BENUTZER = "gs_stichtag_"
SICHERUNG = "bench_stichtag_sicherung"
KONFLIKT_TEXT = "wurde inzwischen geändert"
# Sent with every save: a value that turns the Ampel red needs these, and they name no person.
ERKLAERUNG = {
    "begruendung": "Fallzahlen zum Stichtag gestiegen; Ursachen werden mit den Trägern geklärt.",
    "gegensteuerung_was": "Fallkonferenzen verstärkt",
    "gegensteuerung_wer": "die Abteilung",
    "gegensteuerung_bis": "2027-03-31",
    "sorgenampel_grund": "Träger meldet Personalengpass.",  # some bench rows carry a Sorgenampel without reason
}


# --- children (Django) -------------------------------------------------------------------------


def vorbereiten() -> dict:
    """Create one bench user per unit (and 5 for the stale target), back up the rows to be written."""
    from django.contrib.auth.models import Group
    from django.db import connection, transaction
    from rest_framework.authtoken.models import Token

    from organisation.models import Benutzer, Organisationseinheit
    from organisation.rollen import Rolle
    from steuerung.berichte.sperre import sperrender_bericht
    from steuerung.models import Messwert
    from steuerung.models.auswahl import Messart

    aufraeumen()  # leftovers of an aborted run
    gruppe = Group.objects.get(name=str(Rolle.SACHBEARBEITUNG))
    einheiten = []
    # Units with the most Kennzahlen first; skip those whose period a report freezes (409 by design).
    for oe in Organisationseinheit.objects.filter(kuerzel__startswith="GS ").order_by("kuerzel"):
        periode = next((p for p in PERIODEN if sperrender_bericht(organisationseinheit=oe, periode=p) is None), None)
        ids = list(
            Messwert.objects.filter(kennzahl__organisationseinheit=oe, periode=periode)
            .exclude(kennzahl__messart=Messart.QUOTE)  # a Quote's value may be computed from its counts
            .order_by("kennzahl_id")
            .values_list("id", "revision", "wert")[:KENNZAHLEN_JE_EINHEIT]
        )
        if len(ids) >= 3:
            einheiten.append((oe, ids))
    einheiten.sort(key=lambda e: -len(e[1]))
    if len(einheiten) < CLIENTS + 1:
        raise RuntimeError(f"Nur {len(einheiten)} Einheiten mit offenen Werten; gebraucht {CLIENTS + 1}.")
    einheiten = einheiten[: CLIENTS + 1]
    mit_ids = [i for _oe, ids in einheiten for i, _r, _w in ids]
    with transaction.atomic():
        passwort = Benutzer.objects.get(username="gs_steuerung").password
        clients, veraltet = [], {}
        for nr, (oe, ids) in enumerate(einheiten):
            namen = (
                [f"{PRAEFIX_BENUTZER}{nr:02d}"]
                if nr < CLIENTS
                else [f"{PRAEFIX_BENUTZER}{nr:02d}_{k}" for k in range(VERALTETE_CLIENTS)]
            )
            tokens = []
            for name in namen:
                b = Benutzer.objects.create(
                    username=name, organisationseinheit=oe, password=passwort, first_name="Bench", last_name=name
                )
                b.groups.add(gruppe)
                tokens.append(Token.objects.create(user=b).key)
            if nr < CLIENTS:
                clients.append({"token": tokens[0], "werte": [[i, r, str(w)] for i, r, w in ids]})
            else:
                veraltet = {"tokens": tokens, "id": ids[0][0], "revision": ids[0][1], "wert": str(ids[0][2])}
        with connection.cursor() as c:
            c.execute(f"CREATE TABLE {SICHERUNG} AS SELECT * FROM steuerung_messwert WHERE id = ANY(%s)", [mit_ids])  # noqa: S608 - constant names
            c.execute("SELECT COALESCE(MAX(history_id), 0) FROM steuerung_historicalmesswert")
            history_max = c.fetchone()[0]
    return {"clients": clients, "veraltet": veraltet, "history_max": history_max}


def pruefen(erwartet_pfad: str) -> dict:
    """Compare the database with the acknowledged saves (see the module docstring)."""
    from django.db.models import Count

    from steuerung.models import Messwert

    erwartet = json.loads(Path(erwartet_pfad).read_text())
    ids = [int(i) for i in erwartet["werte"]]
    zeilen = {m.pk: m for m in Messwert.objects.filter(pk__in=ids)}
    historie = Counter(
        dict(
            Messwert.history.filter(id__in=ids, history_id__gt=erwartet["history_max"])
            .values_list("id")
            .annotate(n=Count("history_id"))
            .values_list("id", "n")
        )
    )
    kennzahlen = {m.kennzahl_id for m in zeilen.values()}
    mehrfach = (
        Messwert.objects.filter(kennzahl_id__in=kennzahlen, periode__in=PERIODEN)
        .values("kennzahl_id", "periode")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .count()
    )
    falsch, verloren, doppelt = [], 0, 0
    for schluessel, e in erwartet["werte"].items():
        pk = int(schluessel)
        m = zeilen.get(pk)
        if m is None or Decimal(e["wert"]) != m.wert or e["revision"] != m.revision:
            falsch.append({"id": pk, "erwartet": e, "db": None if m is None else [str(m.wert), m.revision]})
        differenz = historie[pk] - e["bestaetigt"]
        verloren += max(0, -differenz)
        doppelt += max(0, differenz)
    return {
        "messwerte": len(ids),
        "falsch": len(falsch),
        "beispiele": falsch[:3],
        "verloren": verloren,
        "doppelt": doppelt,
        "mehrfache_zeilen": mehrfach,
    }


def aufraeumen() -> dict:
    """Restore the backed-up rows, delete the run's history rows, bench users and tokens."""
    from django.db import connection, transaction

    from organisation.models import Benutzer
    from steuerung.models import Messwert

    spalten = [f.column for f in Messwert._meta.concrete_fields if f.column != "id"]
    with transaction.atomic(), connection.cursor() as c:
        c.execute("SELECT to_regclass(%s)", [SICHERUNG])
        wiederhergestellt = 0
        if c.fetchone()[0] is not None:
            zuweisung = ", ".join(f"{s} = s.{s}" for s in spalten)
            c.execute(f"UPDATE steuerung_messwert m SET {zuweisung} FROM {SICHERUNG} s WHERE m.id = s.id")  # noqa: S608
            wiederhergestellt = c.rowcount
            c.execute(f"DROP TABLE {SICHERUNG}")
        benutzer = Benutzer.objects.filter(username__startswith=PRAEFIX_BENUTZER)
        # The run's history rows: every one written by a bench user.
        c.execute(
            "DELETE FROM steuerung_historicalmesswert WHERE history_user_id IN "
            "(SELECT id FROM organisation_benutzer WHERE username LIKE %s)",
            [PRAEFIX_BENUTZER + "%"],
        )
        geloescht, _einzeln = benutzer.delete()
    return {"wiederhergestellt": wiederhergestellt, "geloescht": geloescht}


# --- parent: gunicorn and the clients ---------------------------------------------------------


class _Zaehler:
    """Outcomes of all clients; one lock, the clients spend their time waiting for the server."""

    def __init__(self) -> None:
        self.sperre = threading.Lock()
        self.status: Counter = Counter()
        self.socket_fehler = 0
        self.unerwartet: list[str] = []
        self.zeiten: list[float] = []

    def buchen(self, status: int | None, sekunden: float, unerwartet: str = "") -> None:
        with self.sperre:
            if status is None:
                self.socket_fehler += 1
            else:
                self.status[status] += 1
            self.zeiten.append(sekunden)
            if unerwartet and len(self.unerwartet) < 5:
                self.unerwartet.append(unerwartet)


def _anfrage(sitzung, methode: str, url: str, zaehler: _Zaehler, **kw):
    t = time.perf_counter()
    try:
        antwort = sitzung.request(methode, url, timeout=60, **kw)
    except Exception as exc:  # noqa: BLE001 - a socket error is an outcome to count
        zaehler.buchen(None, time.perf_counter() - t, repr(exc)[:200])
        return None
    zaehler.buchen(antwort.status_code, time.perf_counter() - t)
    return antwort


def _speichernder_client(basis: str, client: dict, ende: float, z: _Zaehler, bestaetigt: dict) -> None:
    """Save the unit's Messwerte round-robin, each with the revision of its last acknowledged save."""
    import requests

    sitzung = requests.Session()
    sitzung.headers["Authorization"] = f"Token {client['token']}"
    werte = [{"id": i, "revision": r, "wert": Decimal(w)} for i, r, w in client["werte"]]
    n = 0
    while time.monotonic() < ende:
        w = werte[n % len(werte)]
        n += 1
        neu = w["wert"] + Decimal(n) / 100  # unique per save: a lost save shows as a wrong value
        antwort = _anfrage(
            sitzung,
            "PATCH",
            f"{basis}/api/v1/messwerte/{w['id']}/",
            z,
            json={"wert": str(neu), "revision": w["revision"], **ERKLAERUNG},
        )
        if antwort is None:
            continue
        if 200 <= antwort.status_code < 300:
            daten = antwort.json()
            w["revision"] = daten["revision"]
            e = bestaetigt[w["id"]]
            e.update(wert=daten["wert"], revision=daten["revision"], bestaetigt=e["bestaetigt"] + 1)
            if Decimal(daten["wert"]) != neu:
                z.unerwartet.append(f"Antwort {daten['wert']} statt {neu}")
        elif antwort.status_code < 500:
            with z.sperre:
                if len(z.unerwartet) < 5:
                    z.unerwartet.append(f"{antwort.status_code}: {antwort.text[:300]}")


def _veralteter_client(basis: str, token: str, ziel: dict, ende: float, z: _Zaehler, ergebnis: Counter) -> None:
    """Save the one stale target with the revision read before its last change: always a conflict."""
    import requests

    sitzung = requests.Session()
    sitzung.headers["Authorization"] = f"Token {token}"
    n = 0
    while time.monotonic() < ende:
        n += 1
        antwort = _anfrage(
            sitzung,
            "PATCH",
            f"{basis}/api/v1/messwerte/{ziel['id']}/",
            z,
            json={"wert": str(Decimal(ziel["wert"]) + n), "revision": ziel["revision"] - 1, **ERKLAERUNG},
        )
        if antwort is None:
            continue
        text = antwort.text
        with z.sperre:
            if antwort.status_code == 409 and KONFLIKT_TEXT in text:
                ergebnis["abgelehnt"] += 1
            else:
                ergebnis["angenommen" if antwort.status_code < 300 else "anders"] += 1
                if len(z.unerwartet) < 5:
                    z.unerwartet.append(f"veraltet {antwort.status_code}: {text[:300]}")


def _healthz_client(basis: str, ende: float, z: _Zaehler) -> None:
    import requests

    sitzung = requests.Session()
    while time.monotonic() < ende:
        _anfrage(sitzung, "GET", f"{basis}/healthz", z)


def _parallel(ziele: list[tuple]) -> float:
    threads = [threading.Thread(target=f, args=a, daemon=True) for f, a in ziele]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return time.perf_counter() - start


def _p95(zeiten: list[float]) -> float:
    return sorted(zeiten)[int(0.95 * (len(zeiten) - 1))] * 1000 if zeiten else 0.0


def _stale_vorbereiten(basis: str, ziel: dict) -> dict:
    """Change the stale target once, so the revision the stale clients send is outdated."""
    import requests

    antwort = requests.patch(
        f"{basis}/api/v1/messwerte/{ziel['id']}/",
        headers={"Authorization": f"Token {ziel['tokens'][0]}"},
        json={"wert": str(Decimal(ziel["wert"]) + Decimal("0.5")), "revision": ziel["revision"], **ERKLAERUNG},
        timeout=60,
    )
    antwort.raise_for_status()
    daten = antwort.json()
    return {**ziel, "revision": daten["revision"], "wert": daten["wert"]}


def messen_stichtag(name: str) -> dict:
    from bench.b5_api import _warten

    plan = messen("b7_stichtag", name, "vorbereiten")
    basis = f"http://127.0.0.1:{PORT}"
    server = subprocess.Popen(  # noqa: S603 - fixed argv
        [str(Path(PYTHON).parent / "gunicorn"), "config.wsgi:application", "--workers", "2"]
        + ["--bind", f"127.0.0.1:{PORT}", "--log-level", "warning"],
        cwd=WURZEL,
        env=umgebung(name, DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost"),
    )
    try:
        _warten(f"{basis}/healthz")
        ziel = _stale_vorbereiten(basis, plan["veraltet"])
        bestaetigt = {i: {"wert": w, "revision": r, "bestaetigt": 0} for c in plan["clients"] for i, r, w in c["werte"]}
        # the one change made by _stale_vorbereiten; the stale clients must add none
        bestaetigt[ziel["id"]] = {"wert": ziel["wert"], "revision": ziel["revision"], "bestaetigt": 1}
        speichern, stale_z, stale = _Zaehler(), _Zaehler(), Counter()
        ende = time.monotonic() + DAUER_S
        dauer = _parallel(
            [(_speichernder_client, (basis, c, ende, speichern, bestaetigt)) for c in plan["clients"]]
            + [(_veralteter_client, (basis, t, ziel, ende, stale_z, stale)) for t in ziel["tokens"]]
        )
        health = _Zaehler()
        h_dauer = _parallel([(_healthz_client, (basis, time.monotonic() + HEALTHZ_S, health))] * CLIENTS)
    finally:
        server.terminate()
        server.wait(timeout=30)
    try:
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
            json.dump({"werte": bestaetigt, "history_max": plan["history_max"]}, f)
        pruefung = messen("b7_stichtag", name, "pruefen", f.name)
        Path(f.name).unlink()
    finally:
        aufgeraeumt = messen("b7_stichtag", name, "aufraeumen")
    ok = sum(n for s, n in speichern.status.items() if 200 <= s < 300)
    return {
        "clients": len(plan["clients"]),
        "dauer_s": dauer,
        "gespeichert": ok,
        "geaenderte_messwerte": sum(1 for e in bestaetigt.values() if e["bestaetigt"]) - 1,  # without the stale one
        "saves_s": ok / dauer,
        "p95_ms": _p95(speichern.zeiten),
        "status": {str(k): v for k, v in sorted(speichern.status.items())},
        "server_fehler": sum(n for z in (speichern, stale_z, health) for s, n in z.status.items() if s >= 500),
        "socket_fehler": speichern.socket_fehler + stale_z.socket_fehler + health.socket_fehler,
        "unerwartet": speichern.unerwartet + stale_z.unerwartet,
        "veraltet": dict(stale),
        "healthz": sum(health.status.values()),
        "healthz_s": sum(health.status.values()) / h_dauer,
        "healthz_p95_ms": _p95(health.zeiten),
        "pruefung": pruefung,
        "aufraeumen": aufgeraeumt,
    }


if __name__ == "__main__":
    from bench.umgebung import django_starten

    if sys.argv[1] in ("vorbereiten", "pruefen", "aufraeumen"):
        django_starten()
        ausgeben({"vorbereiten": vorbereiten, "pruefen": pruefen, "aufraeumen": aufraeumen}[sys.argv[1]](*sys.argv[2:]))
    else:
        ausgeben(messen_stichtag(sys.argv[1]))
