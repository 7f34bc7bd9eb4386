"""Fixtures for the security tests: the whole demo Kommune, loaded once per module."""

from __future__ import annotations

import pytest
from django.core.management import call_command


@pytest.fixture(scope="module")
def demo_kommune(django_db_setup, django_db_blocker):
    """The demo data committed once for the module; per-test changes roll back (use `db`)."""
    with django_db_blocker.unblock():
        call_command("demo_daten", verbosity=0)
        yield
        call_command("flush", "--noinput", verbosity=0)
