"""Fixtures of the accessibility browser tests: the demo data loaded once per module.

pytest-django's `live_server` requests `transactional_db`, which flushes the database after
every test; loading the demo (several seconds) per page would make the all-pages check
far too slow. Here `transactional_db` only opens database access, the module-scoped `demo`
fixture loads the demo data once and flushes when the module is done. Tests in this package
therefore must not carry a `django_db` marker, and tests that write data run in the order of
their module (pytest runs a module top to bottom).
"""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import connections

from demo.daten.organisation import DEMO_PASSWORT


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("flush", "--noinput")
        call_command("demo_daten")
        yield
        call_command("flush", "--noinput")
        # The flush's session would otherwise stay open past the session's DROP DATABASE.
        connections.close_all()


@pytest.fixture
def transactional_db(demo, django_db_blocker):
    """Database access for the test and the live server, without the flush after each test."""
    with django_db_blocker.unblock():
        yield


@pytest.fixture
def db(transactional_db):
    """Same as `transactional_db`: pytest-django's own `db` would flush the demo data."""


@pytest.fixture
def anmelden(seite):
    """Log a demo user in and return the page helper."""

    def _anmelden(username: str):
        seite.anmelden(username, DEMO_PASSWORT)
        assert "/anmelden/" not in seite.page.url, f"Anmeldung als {username} fehlgeschlagen"
        return seite

    return _anmelden
