"""Personas and stack switches shared by the whole suite.

Personas (CONVENTIONS.md §14): a Sachbearbeiterin of Amt 50, one of Amt 51, the Amtsleitung
of 50, the Dezernat, the Steuerungsunterstützung, the Kämmerei, a Ratsmitglied, an admin,
and anonymous. The unit tree mirrors the demo Kommune in small.

With VOLLER_STACK=1 (set by .ci/run), a skipped PostgreSQL, Redis, Celery-worker or browser
test is turned into a failure: CI must prove the real stack, not skip it.

Every collected test has its own node id, so the summary counts every test that ran: pytest-xdist
schedules by node id and silently runs only one of several items that share it.
"""

from __future__ import annotations

import os
from collections import Counter

import pytest
from rest_framework.test import APIClient
from schemathesis.pytest.plugin import SchemathesisFunction

from organisation.models import Organisationseinheit
from organisation.rollen import Rolle
from tests.factories import PASSWORT, BenutzerFactory, OrganisationseinheitFactory

# Playwright's sync API runs an event loop in the test thread; Django's ORM must still work.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

STACK_MARKER = ("postgres", "redis", "celery_worker", "browser")
VOLLER_STACK = os.environ.get("VOLLER_STACK") == "1"


def _schemathesis_einzeln_benennen(items: list[pytest.Item]) -> None:
    """Give each operation of `schema.parametrize()` its own node id.

    pytest 9.2 builds a Function's node id from `originalname` plus its callspec; schemathesis
    4.32 passes the bare test name as `originalname` and no callspec, so all API operations
    share one node id and `make test` (xdist) ran only the first of them.
    """
    for item in items:
        if isinstance(item, SchemathesisFunction) and item.nodeid != f"{item.parent.nodeid}::{item.name}":
            item._id = item.parent.id.child(item.name)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    _schemathesis_einzeln_benennen(items)
    doppelt = sorted(nodeid for nodeid, anzahl in Counter(item.nodeid for item in items).items() if anzahl > 1)
    if doppelt:
        raise pytest.UsageError(
            "Mehrere Tests teilen sich eine Node-ID; pytest-xdist würde nur einen davon ausführen: "
            + ", ".join(doppelt[:5])
        )


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if VOLLER_STACK and report.skipped and any(item.get_closest_marker(m) for m in STACK_MARKER):
        report.outcome = "failed"
        grund = report.longrepr[-1] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        report.longrepr = f"VOLLER_STACK=1: übersprungener Stack-Test gilt als Fehler: {grund}"


@pytest.fixture
def einheiten(db) -> dict[str, Organisationseinheit]:
    E = Organisationseinheit.Ebene
    dez = OrganisationseinheitFactory(kuerzel="V", name="Dezernat V", ebene=E.DEZERNAT)
    su = OrganisationseinheitFactory(kuerzel="V SU", name="Steuerungsunterstützung", ebene=E.STABSSTELLE, eltern=dez)
    a50 = OrganisationseinheitFactory(kuerzel="50", name="Amt für Soziales", ebene=E.AMT, eltern=dez)
    a50_2 = OrganisationseinheitFactory(kuerzel="50 2", name="Wirtschaftliche Hilfen", ebene=E.ABTEILUNG, eltern=a50)
    a50_21 = OrganisationseinheitFactory(kuerzel="50 21", name="Hilfe zur Pflege", ebene=E.SACHGEBIET, eltern=a50_2)
    a51 = OrganisationseinheitFactory(kuerzel="51", name="Jugendamt", ebene=E.AMT, eltern=dez)
    kaem = OrganisationseinheitFactory(kuerzel="20", name="Stadtkämmerei", ebene=E.AMT)
    return {"V": dez, "V SU": su, "50": a50, "50 2": a50_2, "50 21": a50_21, "51": a51, "20": kaem}


@pytest.fixture
def sachbearbeitung50(einheiten):
    return BenutzerFactory(username="sb50", organisationseinheit=einheiten["50"], rollen=[Rolle.SACHBEARBEITUNG])


@pytest.fixture
def sachbearbeitung51(einheiten):
    return BenutzerFactory(username="sb51", organisationseinheit=einheiten["51"], rollen=[Rolle.SACHBEARBEITUNG])


@pytest.fixture
def amtsleitung50(einheiten):
    return BenutzerFactory(username="al50", organisationseinheit=einheiten["50"], rollen=[Rolle.AMTSLEITUNG])


@pytest.fixture
def dezernat(einheiten):
    return BenutzerFactory(username="dez", organisationseinheit=einheiten["V"], rollen=[Rolle.DEZERNATSLEITUNG])


@pytest.fixture
def steuerung(einheiten):
    return BenutzerFactory(username="su", organisationseinheit=einheiten["V SU"], rollen=[Rolle.STEUERUNG])


@pytest.fixture
def kaemmerei(einheiten):
    return BenutzerFactory(username="kae", organisationseinheit=einheiten["20"], rollen=[Rolle.KAEMMEREI])


@pytest.fixture
def ratsmitglied(einheiten):
    return BenutzerFactory(username="rat1", rollen=[Rolle.RAT])


@pytest.fixture
def administration(einheiten):
    return BenutzerFactory(username="adm", rollen=[Rolle.ADMINISTRATION], is_staff=True)


PERSONAS = [
    "sachbearbeitung50",
    "sachbearbeitung51",
    "amtsleitung50",
    "dezernat",
    "steuerung",
    "kaemmerei",
    "ratsmitglied",
]


@pytest.fixture
def persona(request):
    """Indirect parametrisation: `@pytest.mark.parametrize("persona", [...], indirect=True)`."""
    if request.param is None:
        return None
    return request.getfixturevalue(request.param)


@pytest.fixture
def api():
    """API client factory: `api(user)` is logged in (session), `api(None)` anonymous."""

    def _client(user=None) -> APIClient:
        client = APIClient()
        if user is not None:
            client.force_authenticate(user)
        return client

    return _client


@pytest.fixture
def passwort() -> str:
    return PASSWORT


@pytest.fixture
def celery_worker_echt(transactional_db):
    """A real Celery worker (thread) consuming from Redis, on a queue of this xdist worker."""
    from celery.contrib.testing.worker import start_worker

    from config.celery import app
    from tests.stack import postgres_noetig, redis_noetig

    postgres_noetig()
    redis_noetig()
    queue = f"test-{os.environ.get('PYTEST_XDIST_WORKER', 'master')}"
    vorher = (app.conf.task_always_eager, app.conf.task_default_queue)
    app.conf.task_always_eager = False
    app.conf.task_default_queue = queue
    try:
        with start_worker(
            app,
            pool="solo",
            concurrency=1,
            perform_ping_check=False,
            queues=[queue],
            loglevel="WARNING",
            shutdown_timeout=10,
        ) as worker:
            yield worker
    finally:
        app.conf.task_always_eager, app.conf.task_default_queue = vorher
