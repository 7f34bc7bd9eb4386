"""Saving many Messwerte of one period at once (Excel upload): the steps of messwert_speichern, batch-wise.

Same rules, same order, same German messages as steuerung.erfassung.messwert_speichern, but
each lookup runs once per call instead of once per row: the role and scope checks, the
covering reports (locked in one query), the existing rows (locked in one query) and the person
names (compiled once). Checked rows are written with one bulk insert and one bulk update, their
history rows in bulk (simple_history.utils, same user and type as a single save), and the data
version is raised once (bulk writes send no signals).

Two cases go through messwert_speichern row by row instead, so their outcome matches it
exactly: a file naming a Kennzahl twice (the second row is judged against the first one's
save) and a bulk write the database refuses (somebody saved the same value meanwhile).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from core.bearbeitung import revision_pruefen
from organisation.bearbeitung import einheit_pruefen, recht_pruefen
from organisation.personennamen import Namenspruefung
from steuerung.berichte.sperre import Schreibsperre, sperrende_berichte
from steuerung.erfassung import (
    INHALTSFELDER,
    eingabe_pruefen,
    messwert_speichern,
    periode_pruefen,
    unveraendert,
    vorbereiten,
)
from steuerung.lesestand.basis import datenstand_erhoehen
from steuerung.models import Kennzahl, Messwert

# Checked without a query per row: the Kennzahl was loaded by the caller, the user is the caller
# (a Kennzahl deleted meanwhile makes the insert fail, and the row-wise path reports it).
_OHNE_FREMDSCHLUESSEL = ["kennzahl", "erfasst_von"]
_GESCHRIEBENE_FELDER = [*INHALTSFELDER, "erfasst_von", "erfasst_am", "revision"]
STAPEL = 1000


@dataclass(frozen=True)
class Eintrag:
    """One row to save: the Kennzahl, the revision the user saw, the content (INHALTSFELDER, partial)."""

    kennzahl: Kennzahl
    revision: int | None
    werte: dict[str, Any]


def meldungen(exc: ValidationError | PermissionDenied) -> list[str]:
    """The German texts of a refused save, in the order messwert_speichern's callers show them."""
    if isinstance(exc, PermissionDenied):
        return [str(exc)]
    return [m for ms in exc.message_dict.values() for m in ms] if hasattr(exc, "error_dict") else exc.messages


def _einzeln(eintraege: Sequence[Eintrag], *, periode: str, user, entwurf: bool) -> list[list[str]]:
    fehler: list[list[str]] = []
    for e in eintraege:
        try:
            messwert_speichern(
                kennzahl=e.kennzahl, periode=periode, user=user, revision=e.revision, entwurf=entwurf, **e.werte
            )
        except (ValidationError, PermissionDenied) as exc:
            fehler.append(meldungen(exc))
        else:
            fehler.append([])
    return fehler


def _pruefen(eintraege: Sequence[Eintrag], *, periode: str, user, entwurf: bool) -> tuple[list, list[list[str]]]:
    """Steps before the row lock for every entry: (period, content) per entry, or its messages."""
    berichte = None  # read (and locked) once the period key has proved valid
    namen = Namenspruefung()
    geprueft: list = []
    fehler: list[list[str]] = []
    for e in eintraege:
        try:
            recht_pruefen(user, "steuerung", "add", "messwert")
            recht_pruefen(user, "steuerung", "change", "messwert")
            einheit_pruefen(user, e.kennzahl.organisationseinheit_id)
            p = periode_pruefen(e.kennzahl, periode)
            if berichte is None:
                berichte = sperrende_berichte(
                    organisationseinheiten={k.kennzahl.organisationseinheit_id for k in eintraege},
                    periode=p.schluessel,
                    sperren=True,
                )
            bericht = berichte.get(e.kennzahl.organisationseinheit_id)
            if bericht is not None:
                raise Schreibsperre(bericht=bericht, periode=p.schluessel)
            daten = eingabe_pruefen(kennzahl=e.kennzahl, periode=p, entwurf=entwurf, werte=e.werte, namen=namen)
        except (ValidationError, PermissionDenied) as exc:
            geprueft.append(None)
            fehler.append(meldungen(exc))
        else:
            geprueft.append((p, daten))
            fehler.append([])
    return geprueft, fehler


@transaction.atomic
def messwerte_speichern(*, eintraege: Sequence[Eintrag], periode: str, user, entwurf: bool = True) -> list[list[str]]:
    """Save the entries of `periode`; returns per entry its German messages (empty when it was accepted).

    All or nothing: when any entry has a message, nothing of this call is written; the caller
    reports the messages (the row-wise fallback writes row by row, so the caller rolls back).
    """
    if len({e.kennzahl.pk for e in eintraege}) < len(eintraege):
        return _einzeln(eintraege, periode=periode, user=user, entwurf=entwurf)
    geprueft, fehler = _pruefen(eintraege, periode=periode, user=user, entwurf=entwurf)
    gueltig = [i for i, g in enumerate(geprueft) if g is not None]
    schluessel = {geprueft[i][0].schluessel for i in gueltig}
    vorhanden: dict[int, Messwert] = {}
    for s in schluessel:  # one period in an upload; one query per distinct key otherwise
        vorhanden |= {
            m.kennzahl_id: m
            for m in Messwert.objects.select_for_update(of=("self",))
            .select_related("erfasst_von")
            .filter(kennzahl_id__in=[eintraege[i].kennzahl.pk for i in gueltig], periode=s)
        }
    neu: list[Messwert] = []
    geaendert: list[Messwert] = []
    jetzt = timezone.now()
    for i in gueltig:
        e, (p, daten) = eintraege[i], geprueft[i]
        alt = vorhanden.get(e.kennzahl.pk)
        try:
            # Without a row there is nothing to conflict with; with a row, None ("I saw none") is outdated.
            if alt is not None:
                revision_pruefen(alt, e.revision, pflicht=True)
            if unveraendert(alt, daten):
                continue
            messwert = vorbereiten(vorhanden=alt, kennzahl=e.kennzahl, periode=p, daten=daten, user=user)
            messwert.erfasst_am = jetzt  # auto_now: bulk_update does not set it
            messwert.clean_fields(exclude=_OHNE_FREMDSCHLUESSEL)
            messwert.clean()
        except ValidationError as exc:
            fehler[i] = meldungen(exc)
            continue
        (geaendert if alt is not None else neu).append(messwert)
    if any(fehler):
        return fehler
    try:
        with transaction.atomic():
            if neu:
                bulk_create_with_history(neu, Messwert, batch_size=STAPEL, default_date=jetzt)
            if geaendert:
                bulk_update_with_history(
                    geaendert, Messwert, fields=_GESCHRIEBENE_FELDER, batch_size=STAPEL, default_date=jetzt
                )
    except IntegrityError:
        return _einzeln(eintraege, periode=periode, user=user, entwurf=entwurf)
    if neu or geaendert:
        datenstand_erhoehen()
    return fehler
