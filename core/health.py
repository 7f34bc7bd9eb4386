"""Health check for load balancers and operators (no login)."""

from __future__ import annotations

from django.conf import settings
from django.db import connection
from django.http import JsonResponse


def _datenbank_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:  # noqa: BLE001 - any failure means "not ok" for the probe
        return False


def _broker_status() -> str:
    if not settings.REDIS_URL:
        return "eager"
    try:
        import redis

        redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=1, socket_timeout=1).ping()
        return "ok"
    except Exception:  # noqa: BLE001
        return "nicht erreichbar"


def healthz(request):
    db_ok = _datenbank_ok()
    broker = _broker_status()
    status = 200 if db_ok else 503
    return JsonResponse(
        {"status": "ok" if db_ok else "fehler", "datenbank": "ok" if db_ok else "nicht erreichbar", "broker": broker},
        status=status,
    )
