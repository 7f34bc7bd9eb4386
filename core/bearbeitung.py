"""The optimistic lock and the field updates shared by every app's write services.

One mechanism, one message: services lock the row, check who may edit it (role and unit,
one layer up where units live), then call `revision_pruefen`; after a real change they call
`revision_erhoehen` and save. A conflict reads the same everywhere and always names the
other change (`MitBearbeitungsstand.letzte_aenderung`).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

from core.models import MitBearbeitungsstand


def konflikt(obj: MitBearbeitungsstand) -> ValidationError:
    """The conflict error for a save against `obj` in its current state, on the `revision` field."""
    meldung = _(
        "Dieser Eintrag wurde inzwischen geändert: %(aenderung)s. Ihre Änderung wurde nicht gespeichert. "
        "Bitte prüfen Sie den aktuellen Stand und speichern Sie erneut."
    ) % {"aenderung": obj.letzte_aenderung()}
    return ValidationError({"revision": ValidationError(meldung, code="konflikt")})


def revision_pruefen(obj: MitBearbeitungsstand, revision: int | None, *, pflicht: bool = False) -> None:
    """Refuse a save based on an outdated `revision` (`obj` is the current, locked row).

    `revision` None means the caller does not take part in the lock (imports, clients that
    never read), unless `pflicht`: then None means "I saw no row yet" and is outdated too.
    """
    if revision is None and not pflicht:
        return
    if revision is None or int(revision) != obj.revision:
        raise konflikt(obj)


def revision_erhoehen(obj: MitBearbeitungsstand) -> None:
    """Count one more saved change; call it once per real change, before saving."""
    obj.revision += 1


def felder_setzen(obj: models.Model, daten: Mapping[str, Any], *, nie_aenderbar: Collection[str]) -> list[str]:
    """Apply changed values; returns the names of the fields that really changed."""
    geaendert = []
    for feld, wert in daten.items():
        if feld in nie_aenderbar:
            continue
        if getattr(obj, feld) != wert:
            setattr(obj, feld, wert)
            geaendert.append(feld)
    return geaendert


def speichern(obj: models.Model, user) -> models.Model:
    """full_clean and save, recording `user` in the change history."""
    obj.full_clean()
    obj._history_user = user
    obj.save()
    return obj
