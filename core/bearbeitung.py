"""Shared rules of write services: role and unit checks, optimistic lock, field updates.

Every app's services call these, so a conflict or a refused edit reads the same everywhere.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from organisation.selectors import sichtbare_oe_ids


def recht_pruefen(user, app_label: str, aktion: str, modell: str) -> None:
    if not user.has_perm(f"{app_label}.{aktion}_{modell}"):
        raise PermissionDenied(_("Ihre Rolle darf dies nicht ändern."))


def einheit_pruefen(user, oe_id: int | None) -> None:
    scope = sichtbare_oe_ids(user)
    if scope is not None and oe_id not in scope:
        raise PermissionDenied(_("Sie dürfen nur Einträge Ihrer eigenen Organisationseinheit bearbeiten."))


def andere_aenderung(obj: models.Model) -> str:
    """Describe the last saved change of an object (who, when, which fields) for a conflict message."""
    verlauf = list(obj.history.all()[:2]) if hasattr(obj, "history") else []
    if not verlauf:
        return ""
    letzte = verlauf[0]
    wer = str(letzte.history_user) if letzte.history_user else _("unbekannt")
    wann = formats.date_format(timezone.localtime(letzte.history_date), "d.m.Y H:i")
    felder = ""
    if len(verlauf) == 2:
        aenderungen = letzte.diff_against(verlauf[1]).changes
        felder = ", ".join(f"{c.field}: „{c.old}“ → „{c.new}“" for c in aenderungen[:3] if c.field != "revision")
    text = _("Zuletzt geändert von %(wer)s am %(wann)s") % {"wer": wer, "wann": wann}
    return f"{text} ({felder})" if felder else text


def revision_pruefen(obj: models.Model, revision: int | None) -> None:
    """Refuse a save based on an outdated `revision`, naming the other change."""
    if revision is not None and int(revision) != obj.revision:
        raise ValidationError(
            _(
                "Dieser Eintrag wurde zwischenzeitlich geändert (Bearbeitungsstand %(neu)s statt %(alt)s). "
                "Ihre Änderung wurde nicht gespeichert. %(andere)s. Bitte laden Sie die Seite neu."
            )
            % {"neu": obj.revision, "alt": revision, "andere": andere_aenderung(obj)},
            code="konflikt",
        )


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
