"""Stored read views (see steuerung.models.lesestand): data version, staleness, rebuild, reads.

Every committed change to Zielsteuerung data raises the data version once per transaction
(signals below, plus explicit calls where rows are written in bulk). A stored view is served
while its version and day are current; otherwise the next read rebuilds it from the live
selectors, so a stored view can be stale for no longer than until the next read.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from organisation.selectors import sichtbare_oe_ids
from steuerung.models import Datenstand, Lesestand, Lesestandeintrag
from steuerung.zielbaum import ZIELEBENEN

BEREICH = "steuerung"
KNOTEN, KENNZAHL, AUFMERKSAMKEIT, ZEILE = (a.value for a in Lesestandeintrag.Art)
Eintrag = dict[str, Any]
Bauplan = Callable[[date], tuple[dict[str, Any], list[Eintrag]]]


def _erhoehen(bereich: str) -> None:
    if not Datenstand.objects.filter(pk=bereich).update(version=F("version") + 1):
        Datenstand.objects.get_or_create(pk=bereich)
        Datenstand.objects.filter(pk=bereich).update(version=F("version") + 1)


class _Vormerkung:
    """Shared by the commit hooks of one transaction, so only the first one raises the version."""

    erledigt = False


def datenstand_erhoehen(bereich: str = BEREICH, **_signal: Any) -> None:
    """Raise the data version of `bereich` once after the current transaction commits.

    After commit, so a view rebuilt meanwhile is never stamped newer than the data it read;
    a rolled-back change raises nothing. Every saved row registers a hook (an import of
    10,000 rows registers 10,000), but they share one `_Vormerkung` and only the first that
    runs writes: one short UPDATE per transaction, outside it, so imports hold no lock on the
    counter.
    """
    verbindung = transaction.get_connection()
    vormerkungen = verbindung.__dict__.setdefault("_lesestand_vormerkungen", {})
    vormerkung = vormerkungen.get(bereich)
    if vormerkung is None or vormerkung.erledigt:
        vormerkung = vormerkungen[bereich] = _Vormerkung()

    def erhoehen() -> None:
        if not vormerkung.erledigt:
            vormerkung.erledigt = True
            _erhoehen(bereich)

    transaction.on_commit(erhoehen)


def aktueller_datenstand(bereich: str = BEREICH) -> int:
    return Datenstand.objects.filter(pk=bereich).values_list("version", flat=True).first() or 0


def signale_verbinden(modelle: Iterable[type], bereich: str = BEREICH) -> None:
    """Every saved or deleted row of `modelle` raises the data version of `bereich`."""
    empfaenger = datenstand_erhoehen if bereich == BEREICH else functools.partial(datenstand_erhoehen, bereich)
    for modell in modelle:
        uid = f"lesestand-{modell._meta.label_lower}" + ("" if bereich == BEREICH else f"-{bereich}")
        post_save.connect(empfaenger, sender=modell, dispatch_uid=uid + "-save", weak=False)
        post_delete.connect(empfaenger, sender=modell, dispatch_uid=uid + "-delete", weak=False)


def sicht_von(user) -> str:
    """Key of the user's visibility scope: users with the same scope share a stored view."""
    scope = sichtbare_oe_ids(user)
    if scope is None:
        return "alle"
    if not scope:
        return "keine"
    return "oe-" + hashlib.sha256(",".join(map(str, sorted(scope))).encode()).hexdigest()[:32]


KNOTEN_MUSTER = re.compile(rf"^({'|'.join(ZIELEBENEN)})-\d{{1,12}}$")


class KnotenUnbekannt(LookupError):
    """The node is not part of the user's stored view (or not a node key at all)."""


def stand_wenn_aktuell(art: str, schluessel: str, sicht: str, *, bereich: str = BEREICH) -> Lesestand | None:
    """The stored view if it is current (same data version and day), else None; never rebuilds.

    Without its summary (`daten`, loaded on access): callers read rows, and a dashboard's summary is large.
    """
    stand = Lesestand.objects.filter(art=art, schluessel=schluessel, sicht=sicht).defer("daten").first()
    if stand is not None and stand.datenstand == aktueller_datenstand(bereich) and stand.tag == timezone.localdate():
        return stand
    return None


def stand_holen(art: str, schluessel: str, sicht: str, bauen: Bauplan, *, bereich: str = BEREICH) -> Lesestand:
    """The current stored view, rebuilt first when the data of `bereich` or the day changed since it was built."""
    version = aktueller_datenstand(bereich)
    heute = timezone.localdate()
    stand = Lesestand.objects.filter(art=art, schluessel=schluessel, sicht=sicht).first()
    if stand is not None and stand.datenstand == version and stand.tag == heute:
        return stand
    daten, eintraege = bauen(heute)
    try:
        with transaction.atomic():
            Lesestand.objects.filter(art=art, schluessel=schluessel, sicht=sicht).delete()
            stand = Lesestand.objects.create(
                art=art, schluessel=schluessel, sicht=sicht, datenstand=version, tag=heute, daten=daten
            )
            Lesestandeintrag.objects.bulk_create(
                (Lesestandeintrag(stand=stand, **e) for e in eintraege), batch_size=2000
            )
    except IntegrityError:
        # A concurrent request stored the same view first; it was built from the same data.
        stand = Lesestand.objects.get(art=art, schluessel=schluessel, sicht=sicht)
    return stand


def eintraege(
    stand: Lesestand,
    art: str,
    *,
    eltern: str = "",
    von: int = 0,
    bis: int | None = None,
    daten: dict[str, Any] | None = None,
) -> list[Eintrag]:
    """Rows of one level (children of `eltern`), in their stored order, optionally a slice.

    Without `daten` the slice is by stored position (an index range). With `daten` (e.g.
    {"jahresziel_gefaehrdet": True}) only rows whose data have these values count, and `von`/`bis`
    slice the matching rows.
    """
    qs = Lesestandeintrag.objects.filter(stand=stand, art=art, eltern=eltern)
    if daten:
        qs = qs.filter(**{f"daten__{feld}": wert for feld, wert in daten.items()}).order_by("position")
        return list(qs.values_list("daten", flat=True)[von:bis])
    qs = qs.filter(position__gte=von)
    if bis is not None:
        qs = qs.filter(position__lt=bis)
    return list(qs.order_by("position").values_list("daten", flat=True))


def knoten_holen(stand: Lesestand, schluessel: str) -> Eintrag:
    """One goal node of a stored view by its key ("produktziel-12"); KnotenUnbekannt otherwise."""
    gefunden = eintraege_nach_schluessel(stand, KNOTEN, [schluessel]) if KNOTEN_MUSTER.match(schluessel) else []
    if not gefunden:
        raise KnotenUnbekannt(schluessel)
    return gefunden[0]


def eintraege_nach_schluessel(stand: Lesestand, art: str, schluessel: Iterable[str]) -> list[Eintrag]:
    schluessel = list(schluessel)
    if not schluessel:
        return []
    zeilen = dict(
        Lesestandeintrag.objects.filter(stand=stand, art=art, schluessel__in=schluessel).values_list(
            "schluessel", "daten"
        )
    )
    return [zeilen[s] for s in schluessel if s in zeilen]
