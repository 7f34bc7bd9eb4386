"""The series of Kennzahlen: values and Sollwerte by period, loaded with a constant number of queries.

A Kennzahl's series spans years: the Zielmatrix of each year holds its own copy of a Kennzahl
(same code and unit), so earlier values are looked up on those copies too.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import F, Q

from steuerung.messarten import Periodenwert
from steuerung.models import Kennzahl, Messwert, Sollwert


@dataclass
class Reihe:
    """Values and Sollwerte of a Kennzahl (and its copies of other years) keyed by period.

    `werte` holds the Stichtag, value and counts of every loaded period; `messwerte` the full rows,
    which the dashboard loads only for the periods it evaluates (a city has hundreds of thousands
    of rows, and only the evaluated period needs comments and explanations).
    """

    messwerte: dict[str, Messwert] = field(default_factory=dict)
    werte: dict[str, Periodenwert] = field(default_factory=dict)
    sollwerte: dict[str, Decimal] = field(default_factory=dict)

    def einsetzen(self, m: Messwert) -> None:
        self.messwerte[m.periode] = m
        self.werte[m.periode] = _periodenwert(m.periode_ende, m.wert, m.zaehler, m.nenner, m.fallzahl)

    def wert(self, schluessel: str) -> Decimal | None:
        w = self.werte.get(schluessel)
        return w.wert if w else None


def _periodenwert(
    ende: date, wert: Decimal | None, zaehler: Decimal | None, nenner: Decimal | None, fallzahl: Decimal | None
) -> Periodenwert:
    return Periodenwert(ende=ende, wert=wert, zaehler=zaehler, nenner=nenner, fallzahl=fallzahl)


def _reihen_key(k: Kennzahl) -> tuple[str, int] | int:
    return (k.code, k.organisationseinheit_id) if k.code else k.pk


def _key(kennzahl_id: int, code: str, oe_id: int) -> tuple[str, int] | int:
    return (code, oe_id) if code else kennzahl_id


def reihen_laden(
    kennzahlen: Iterable[Kennzahl], *, perioden: Iterable[str] | None = None, ab_jahr: int | None = None
) -> dict[int, Reihe]:
    """Series for the given Kennzahlen with a constant number of queries.

    A Kennzahl's own rows win over its copies'. With `perioden`, full Messwert rows are loaded
    only for those period keys and plain (Stichtag, value) pairs for the rest; `ab_jahr` drops
    values of earlier years. Both keep the dashboard of a city from loading every row it has.
    """
    kennzahlen = list(kennzahlen)
    ids = [k.pk for k in kennzahlen]
    codes = {k.code for k in kennzahlen if k.code}
    if not ids:
        return {}
    # The Kennzahlen first, then their values: an OR across the join to Kennzahl ("id in … or
    # code in …") cannot use the index on kennzahl_id and read every Messwert of the city
    # (~80 ms per saved value at 300.000 rows, issue 19 "Stichtag").
    mit_kopien = Kennzahl.objects.filter(Q(pk__in=ids) | Q(code__in=codes)).values("pk") if codes else ids
    messwerte = Messwert.objects.filter(kennzahl_id__in=mit_kopien)
    if ab_jahr is not None:
        messwerte = messwerte.filter(periode_ende__gte=date(ab_jahr, 1, 1))
    kennung = {"k_code": F("kennzahl__code"), "k_oe": F("kennzahl__organisationseinheit_id")}

    werte_je_schluessel: dict[Any, list[tuple[int, str, Periodenwert]]] = defaultdict(list)
    voll_je_schluessel: dict[Any, list[tuple[int, Messwert]]] = defaultdict(list)
    if perioden is None:
        for m in messwerte.annotate(**kennung).select_related("erfasst_von").order_by("periode_ende"):
            voll_je_schluessel[_key(m.kennzahl_id, m.k_code, m.k_oe)].append((m.kennzahl_id, m))
    else:
        zeilen = messwerte.values_list(
            "kennzahl_id",
            "kennzahl__code",
            "kennzahl__organisationseinheit_id",
            "periode",
            "periode_ende",
            "wert",
            "zaehler",
            "nenner",
            "fallzahl",
        )
        for kid, code, oe, periode, ende, *zahlen in zeilen.order_by("periode_ende").iterator(chunk_size=20_000):
            werte_je_schluessel[_key(kid, code, oe)].append((kid, periode, _periodenwert(ende, *zahlen)))
        for m in messwerte.filter(periode__in=list(perioden)).annotate(**kennung).select_related("erfasst_von"):
            voll_je_schluessel[_key(m.kennzahl_id, m.k_code, m.k_oe)].append((m.kennzahl_id, m))

    soll_je_schluessel: dict[Any, list[tuple[int, Sollwert]]] = defaultdict(list)
    for s in Sollwert.objects.filter(kennzahl_id__in=mit_kopien).annotate(**kennung):
        soll_je_schluessel[_key(s.kennzahl_id, s.k_code, s.k_oe)].append((s.kennzahl_id, s))
    ergebnis: dict[int, Reihe] = {}
    for k in kennzahlen:
        reihe = Reihe()
        key = _reihen_key(k)
        # Copies first, then the Kennzahl's own rows, so its own values override.
        for _kid, periode, wert in sorted(werte_je_schluessel.get(key, []), key=lambda e: e[0] == k.pk):
            reihe.werte[periode] = wert
        for _kid, m in sorted(voll_je_schluessel.get(key, []), key=lambda e: e[0] == k.pk):
            reihe.einsetzen(m)
        for _kid, s in sorted(soll_je_schluessel.get(key, []), key=lambda e: e[0] == k.pk):
            reihe.sollwerte[s.periode] = s.wert
        ergebnis[k.pk] = reihe
    return ergebnis
