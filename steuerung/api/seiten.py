"""Page-number pagination whose total count is remembered per data version.

Counting 300,000 Messwerte costs more than reading a page of them. Every committed change to
Zielsteuerung data raises the data version (steuerung.lesestand.basis), so a count stored under
the version and the exact SQL of the list (filters and visibility scope included) stays right
until the next change.
"""

from __future__ import annotations

import hashlib

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import connection
from django.utils.functional import cached_property

from core.pagination import Seitenweise
from steuerung.lesestand.basis import aktueller_datenstand

DAUER_S = 3600


class _Paginator(Paginator):
    @cached_property
    def count(self) -> int:
        # Inside a transaction its own writes have not raised the version yet (that happens on commit).
        if connection.in_atomic_block or not hasattr(self.object_list, "query"):
            return super().count
        sql, params = self.object_list.query.sql_with_params()
        roh = f"{aktueller_datenstand()}|{sql}|{params!r}"
        schluessel = "api-anzahl:" + hashlib.sha256(roh.encode()).hexdigest()
        anzahl = cache.get(schluessel)
        if anzahl is None:
            anzahl = super().count
            cache.set(schluessel, anzahl, DAUER_S)
        return anzahl


class SeitenweiseNachDatenstand(Seitenweise):
    """For lists of Zielsteuerung data only (their changes raise the data version)."""

    django_paginator_class = _Paginator
