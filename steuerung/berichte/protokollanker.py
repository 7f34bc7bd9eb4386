"""Publications as anchors of the decision log (core.protokoll): each snapshot since schema 2
holds the log's head at publication, so a log cut back behind it no longer verifies."""

from __future__ import annotations

import json
from collections.abc import Iterator

from core.periods import periode
from core.protokoll import Anker
from steuerung.models import Veroeffentlichung


def veroeffentlichungsanker() -> Iterator[Anker]:
    """One anchor per publication that carries one (earlier snapshots have none)."""
    zeilen = Veroeffentlichung.objects.select_related("organisationseinheit").order_by("id")
    for v in zeilen.only("id", "periode", "fassung", "inhalt", "organisationseinheit__kuerzel").iterator(
        chunk_size=200
    ):
        kopf = json.loads(v.inhalt).get("bericht", {}).get("protokoll") or {}
        if kopf.get("eintrag") is None:
            continue
        quelle = (
            f"die Veröffentlichung des Tertialberichts {v.organisationseinheit.kuerzel} "
            f"{periode(v.periode).bezeichnung} (Fassung {v.fassung})"
        )
        yield Anker(quelle=quelle, eintrag=int(kopf["eintrag"]), hash=str(kopf["hash"]))
