"""Money beside the Zielpyramide: the Zuschussbedarf of each Produktgruppenziel's Produktgruppe
and each Produktziel's Produkt, for the pyramid's optional money view."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Q

from haushalt.bestand import bestand_laden
from haushalt.models import Art
from haushalt.selectors import produkte_fuer
from steuerung.models import Produktgruppenziel, Produktziel

LESEN = "haushalt.view_haushaltsposition"


@dataclass(frozen=True)
class Knotengeld:
    """Zuschussbedarf of the year: Ansatz and the latest Ist with its Stichtag."""

    ansatz: Decimal | None
    ist: Decimal | None
    ist_stichtag: date | None


def darf_lesen(user) -> bool:
    return user.has_perm(LESEN)


def zuschussbedarf_je_ziel(*, user, jahr: int, ziele: Iterable[tuple[str, int]]) -> dict[tuple[str, int], Knotengeld]:
    """(typ, id) → Knotengeld for the Produktgruppenziele and Produktziele among `ziele`.

    Only Produkte the user may read count: a Fachamt sees the sum of its own Produkte of a
    Produktgruppe, the Kämmerei all of them. Without the permission the answer is empty.
    """
    if not darf_lesen(user):
        return {}
    ids: dict[str, list[int]] = defaultdict(list)
    for typ, pk in ziele:
        ids[typ].append(pk)
    gruppe_von = dict(
        Produktgruppenziel.objects.filter(pk__in=ids["produktgruppenziel"]).values_list("pk", "produktgruppe_id")
    )
    produkt_von = dict(Produktziel.objects.filter(pk__in=ids["produktziel"]).values_list("pk", "produkt_id"))
    produkte = produkte_fuer(user=user).filter(
        Q(produktgruppe_id__in=set(gruppe_von.values())) | Q(pk__in=set(produkt_von.values()))
    )
    je_gruppe: dict[int, list[int]] = defaultdict(list)
    sichtbar: set[int] = set()
    for pk, gruppe in produkte.values_list("pk", "produktgruppe_id"):
        je_gruppe[gruppe].append(pk)
        sichtbar.add(pk)
    bestand = bestand_laden(produkte=produkte, jahre=[jahr])

    def geld(produkt_ids: list[int]) -> Knotengeld | None:
        ansatz = bestand.zuschuss(produkt_ids, jahr, Art.ANSATZ)
        ist = bestand.zuschuss(produkt_ids, jahr, Art.IST)
        if ansatz is None and ist is None:
            return None
        stichtage = [t for t in bestand.stichtage_von(produkt_ids, jahr, Art.IST) if t]
        return Knotengeld(ansatz=ansatz, ist=ist, ist_stichtag=max(stichtage) if stichtage else None)

    ergebnis: dict[tuple[str, int], Knotengeld] = {}
    for ziel_pk, gruppe in gruppe_von.items():
        if je_gruppe.get(gruppe) and (g := geld(je_gruppe[gruppe])):
            ergebnis[("produktgruppenziel", ziel_pk)] = g
    for ziel_pk, produkt in produkt_von.items():
        if produkt in sichtbar and (g := geld([produkt])):
            ergebnis[("produktziel", ziel_pk)] = g
    return ergebnis
