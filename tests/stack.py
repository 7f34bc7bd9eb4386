"""Helpers for tests that need the real stack: skip locally, fail under VOLLER_STACK=1."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.db import connection


def postgres_noetig() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("braucht PostgreSQL (DATABASE_URL=postgres://...)")


def redis_noetig() -> None:
    if not settings.REDIS_URL:
        pytest.skip("braucht Redis (REDIS_URL=redis://...)")
    import redis

    try:
        redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=2).ping()
    except redis.exceptions.ConnectionError as exc:
        pytest.skip(f"Redis nicht erreichbar: {exc}")
