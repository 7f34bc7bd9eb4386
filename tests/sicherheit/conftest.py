"""Fixtures for the security tests: the whole demo Kommune, loaded once per module."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import connections


@pytest.fixture(scope="module")
def demo_kommune(django_db_setup, django_db_blocker):
    """The demo data committed once for the module; per-test changes roll back (use `db`)."""
    with django_db_blocker.unblock():
        call_command("demo_daten", verbosity=0)
        yield
        call_command("flush", "--noinput", verbosity=0)
        # The flush's session would otherwise stay open past the session's DROP DATABASE.
        connections.close_all()
