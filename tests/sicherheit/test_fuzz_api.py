"""The OpenAPI schema fuzzed with schemathesis: every operation, a valid token, no 5xx, every
status code is documented for its operation (core.schema) and every documented response
matches the schema. Examples per operation are bounded for CI (FUZZ_BEISPIELE, default 4).

Requests with a method the path does not have (schemathesis' coverage phase tries TRACE,
QUERY, ...) are not an operation of the schema: for them the `unsupported_method` check
demands 405 with an Allow header instead."""

from __future__ import annotations

import os

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase
from hypothesis import settings as hypothesis_settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.generation.meta import CoverageScenario
from schemathesis.specs.openapi.checks import (
    response_schema_conformance,
    status_code_conformance,
    unsupported_method,
)

BEISPIELE = int(os.environ.get("FUZZ_BEISPIELE", "4"))

schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", get_wsgi_application())


@pytest.fixture(autouse=True)
def verbindung_offen_halten():
    """schemathesis calls the real WSGI handler, whose request signals would close the test's
    database connection inside its transaction; Django's own test client detaches them too."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def token(demo_kommune, db):
    from organisation.models import Benutzer

    return Token.objects.get_or_create(user=Benutzer.objects.get(username="steuerung"))[0].key


@schema.parametrize()
@hypothesis_settings(
    max_examples=BEISPIELE,
    deadline=None,
    derandomize=True,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_api_hält_bei_zufallseingaben_schema_und_antwortet_nie_mit_5xx(case, token):
    case.call_and_validate(headers={"Authorization": f"Token {token}"}, checks=pruefungen(case))


def pruefungen(case) -> list:
    daten = getattr(getattr(case.meta, "phase", None), "data", None)
    if getattr(daten, "scenario", None) == CoverageScenario.UNSPECIFIED_HTTP_METHOD:
        return [not_a_server_error, unsupported_method]
    return [not_a_server_error, status_code_conformance, response_schema_conformance]
