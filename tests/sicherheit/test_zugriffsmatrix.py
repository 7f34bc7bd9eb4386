"""Every URL pattern × method × role answers exactly as declared in `matrix.py`.

Each cell runs in its own savepoint, so a DELETE of one role does not change what the next
role sees. Objects belong to Amt 50: users of other units must get 404 (existence is not
revealed), roles without the right 403, anonymous users 403 (API) or the login page (302).
"""

from __future__ import annotations

import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse
from rest_framework.test import APIClient

from organisation.models import Benutzer
from tests.sicherheit.matrix import AUSGENOMMEN, MATRIX, ROLLEN
from tests.sicherheit.objekte import aufruf, objekte

KENNUNGEN = {
    "sb50": "sachbearbeitung50",
    "sb51": "sachbearbeitung51",
    "al50": "amtsleitung50",
    "dez": "dezernat",
    "su": "steuerung",
    "kae": "kaemmerei",
    "rat": "rat",
    "adm": "admin",
}


def _url_namen() -> dict[str, set[str]]:
    """Every named URL pattern with the HTTP methods its view declares (API: router actions)."""
    namen: dict[str, set[str]] = {}

    def laufen(muster, ns=None, praefix=""):
        for p in muster:
            if isinstance(p, URLResolver):
                if str(p.pattern).startswith("admin/"):
                    continue
                unter = f"{ns}:{p.namespace}" if ns and p.namespace else (p.namespace or ns)
                laufen(p.url_patterns, unter, praefix + str(p.pattern))
            elif p.name:
                name = f"{ns}:{p.name}" if ns else p.name
                aktionen = getattr(p.callback, "actions", None)
                methoden = {m.upper() for m in aktionen} if aktionen else set()
                namen.setdefault(name, set()).update(methoden)

    laufen(get_resolver().url_patterns)
    return namen


def test_matrix_deckt_jede_url_ab():
    fehlend = []
    for name, methoden in sorted(_url_namen().items()):
        erklaert = {m for (n, m) in MATRIX if n == name}
        if not erklaert:
            fehlend.append(f"{name}: keine Zeile")
        for methode in methoden - {"PATCH", "HEAD", "OPTIONS"} - erklaert:
            fehlend.append(f"{name} {methode}")
    unbekannt = sorted({n for n, _ in MATRIX} - set(_url_namen()))
    assert not fehlend, "Nicht in der Zugriffsmatrix: " + ", ".join(fehlend)
    assert not unbekannt, "Matrix nennt URLs, die es nicht gibt: " + ", ".join(unbekannt)
    assert "admin" in AUSGENOMMEN


def _anfrage(rolle: str, benutzer: dict, name: str, methode: str, url: str):
    api = ":" in name and name.split(":")[0].endswith("-api") or not name.startswith("frontend:")
    client = APIClient() if api else Client()
    if rolle != "anonym":
        if api:
            client.force_authenticate(benutzer[rolle])
        else:
            client.force_login(benutzer[rolle])
    aufrufen = getattr(client, methode.lower())
    if methode in ("POST", "PUT", "PATCH"):
        return aufrufen(url, {}, format="json") if api else aufrufen(url, {})
    return aufrufen(url)


@pytest.mark.parametrize(("name", "methode"), sorted(MATRIX))
def test_zugriff_je_rolle_wie_erklaert(demo_kommune, db, name, methode):
    benutzer = {k: Benutzer.objects.get(username=v) for k, v in KENNUNGEN.items()}
    o = objekte()
    kwargs, abfrage = aufruf(name, o)
    url = reverse(name, kwargs=kwargs) + (f"?{abfrage}" if abfrage else "")
    erwartet = MATRIX[(name, methode)].split()
    abweichungen = []
    for rolle, soll in zip(ROLLEN, erwartet, strict=True):
        with transaction.atomic():
            antwort = _anfrage(rolle, benutzer, name, methode, url)
            transaction.set_rollback(True)
        if str(antwort.status_code) != soll:
            abweichungen.append(f"{rolle}: erwartet {soll}, erhalten {antwort.status_code}")
    assert not abweichungen, f"{methode} {url}\n" + "\n".join(abweichungen)
