"""The hash-chained decision log: append, anchor and verify.

A chain alone cannot show that its newest entries were cut off: what is left still links up.
So the log is anchored where others can see it: a publication stores the log's head (entry id
and hash) in its snapshot and prints it. Apps above core register an anchor source
(`ankerquelle_registrieren`, in their AppConfig.ready()); `kette_pruefen` then also fails when an
anchored entry is missing or no longer has the anchored hash.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone

from core.models import Protokolleintrag

START_HASH = "0" * 64
_SPERRE = 4711_0001  # advisory lock id: one writer at a time keeps the chain linear


def _inhalt_hash(
    *, vorher_hash: str, zeitpunkt, benutzername: str, aktion: str, objekt_typ: str, objekt_id: str, daten: dict
) -> str:
    inhalt = json.dumps(
        [vorher_hash, zeitpunkt.isoformat(), benutzername, aktion, objekt_typ, objekt_id, daten],
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
        default=str,
    )
    return hashlib.sha256(inhalt.encode()).hexdigest()


@transaction.atomic
def protokollieren(*, benutzer, aktion: str, objekt, daten: dict | None = None) -> Protokolleintrag:
    """Append one entry; serialised so that concurrent writers cannot fork the chain."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_SPERRE])
    letzter = Protokolleintrag.objects.order_by("-id").values_list("hash", flat=True).first()
    vorher = letzter or START_HASH
    zeitpunkt = timezone.now().replace(microsecond=0)
    daten = json.loads(json.dumps(daten or {}, default=str))
    benutzername = benutzer.get_username() if benutzer else "system"
    objekt_typ = objekt._meta.label_lower
    objekt_id = str(objekt.pk)
    return Protokolleintrag.objects.create(
        zeitpunkt=zeitpunkt,
        benutzer=benutzer if benutzer and benutzer.pk else None,
        benutzername=benutzername,
        aktion=aktion,
        objekt_typ=objekt_typ,
        objekt_id=objekt_id,
        daten=daten,
        vorher_hash=vorher,
        hash=_inhalt_hash(
            vorher_hash=vorher,
            zeitpunkt=zeitpunkt,
            benutzername=benutzername,
            aktion=aktion,
            objekt_typ=objekt_typ,
            objekt_id=objekt_id,
            daten=daten,
        ),
    )


def protokoll_kopf() -> dict:
    """The log's newest entry as an anchor: {"eintrag": id, "hash": hash} (START_HASH for an empty log)."""
    kopf = Protokolleintrag.objects.order_by("-id").values("id", "hash").first()
    return {"eintrag": kopf["id"], "hash": kopf["hash"]} if kopf else {"eintrag": None, "hash": START_HASH}


@dataclass(frozen=True)
class Anker:
    """An entry's hash recorded outside the log; `quelle` says where, in German ("Veröffentlichung …")."""

    quelle: str
    eintrag: int
    hash: str


_ANKERQUELLEN: dict[str, Callable[[], Iterable[Anker]]] = {}


def ankerquelle_registrieren(name: str, quelle: Callable[[], Iterable[Anker]]) -> None:
    """Register (or replace, so a repeated ready() is harmless) a source of anchors."""
    _ANKERQUELLEN[name] = quelle


@dataclass(frozen=True)
class Pruefergebnis:
    geprueft: int
    fehler: list[str]

    @property
    def intakt(self) -> bool:
        return not self.fehler


def kette_pruefen() -> Pruefergebnis:
    """Recompute every hash in order; report each entry whose link or content does not match, and each
    anchor whose entry is missing (the log was cut) or carries another hash."""
    fehler: list[str] = []
    vorher = START_HASH
    anzahl = 0
    hashes: dict[int, str] = {}
    for eintrag in Protokolleintrag.objects.order_by("id").iterator(chunk_size=2000):
        anzahl += 1
        hashes[eintrag.pk] = eintrag.hash
        if eintrag.vorher_hash != vorher:
            fehler.append(f"Eintrag {eintrag.pk}: Verkettung unterbrochen (Vorgänger fehlt oder wurde verändert).")
        erwartet = _inhalt_hash(
            vorher_hash=eintrag.vorher_hash,
            zeitpunkt=eintrag.zeitpunkt,
            benutzername=eintrag.benutzername,
            aktion=eintrag.aktion,
            objekt_typ=eintrag.objekt_typ,
            objekt_id=eintrag.objekt_id,
            daten=eintrag.daten,
        )
        if eintrag.hash != erwartet:
            fehler.append(f"Eintrag {eintrag.pk}: Inhalt wurde nachträglich verändert.")
        vorher = eintrag.hash
    for quelle in _ANKERQUELLEN.values():
        for anker in quelle():
            if anker.eintrag not in hashes:
                fehler.append(
                    f"Eintrag {anker.eintrag} fehlt, auf den {anker.quelle} verweist: "
                    "Das Protokoll wurde gekürzt oder der Eintrag gelöscht."
                )
            elif hashes[anker.eintrag] != anker.hash:
                fehler.append(f"Eintrag {anker.eintrag} trägt nicht mehr den Hash, den {anker.quelle} festhält.")
    return Pruefergebnis(geprueft=anzahl, fehler=fehler)
