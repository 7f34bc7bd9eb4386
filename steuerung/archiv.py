"""Deleting and archiving goals and Kennzahlen: one rule for the pages and the API.

Delete only what nothing depends on (no goal or Maßnahme below, no Kennzahl, no value, no row
of another app such as an HSK-Maßnahme); otherwise the refusal names what depends on it and
points to archiving. Archiving a goal archives its whole subtree with its Kennzahlen, so every
reader filters on the row's own flag; restoring does the same and is refused while the goal
above is still archived. Published reports are snapshots and keep what they showed.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from core.bearbeitung import revision_erhoehen, revision_pruefen
from organisation.bearbeitung import einheit_pruefen, recht_pruefen
from steuerung.models import Kennzahl, Messwert
from steuerung.selectors import TYP_VON_MODELL, ZIELMODELLE
from steuerung.services import darf_alles
from steuerung.zielbaum import eltern_von

# Reverse relations to the goals directly below (Teilziel.kinder: nested Teilziele).
_UNTERZIELE = {
    "leitziel": ("produktgruppenziele",),
    "produktgruppenziel": ("produktziele",),
    "produktziel": ("teilziele", "massnahmen"),
    "teilziel": ("kinder", "massnahmen"),
    "massnahme": (),
}


def _bezeichnung(obj: models.Model) -> str:
    return getattr(obj, "code", "") or str(obj)


def teilbaum(ziel: models.Model) -> list[models.Model]:
    """The goal and every goal or Maßnahme below it, each once, top-down."""
    gesehen: set[tuple[type, int]] = set()
    ergebnis: list[models.Model] = []
    offen = [ziel]
    while offen:
        z = offen.pop(0)
        if (type(z), z.pk) in gesehen:
            continue
        gesehen.add((type(z), z.pk))
        ergebnis.append(z)
        for relation in _UNTERZIELE[TYP_VON_MODELL[type(z)]]:
            offen.extend(getattr(z, relation).all())
    return ergebnis


def _kennzahlen_von(ziel: models.Model) -> models.QuerySet[Kennzahl]:
    return Kennzahl.objects.filter(**{TYP_VON_MODELL[type(ziel)]: ziel})


def _verweigert(obj: models.Model, gruende: list[str]) -> ValidationError:
    return ValidationError(
        _("„%(name)s“ kann nicht gelöscht werden: %(gruende)s – archivieren statt löschen.")
        % {"name": _bezeichnung(obj), "gruende": ", ".join(gruende)}
    )


def _geschuetzt(exc: models.ProtectedError | models.RestrictedError) -> list[str]:
    """'HSK-Maßnahmen (1)' etc. for the rows of other apps that block a delete."""
    anzahl: dict[str, int] = {}
    for obj in getattr(exc, "protected_objects", None) or getattr(exc, "restricted_objects", ()):
        name = str(obj._meta.verbose_name_plural)
        anzahl[name] = anzahl.get(name, 0) + 1
    return [_("hat %(was)s (%(n)s)") % {"was": was, "n": n} for was, n in sorted(anzahl.items())]


def ziel_abhaengigkeiten(ziel: models.Model) -> list[str]:
    """What keeps a goal from being deleted, in words (empty: it may be deleted)."""
    gruende = []
    unter = len(teilbaum(ziel)) - 1
    if unter:
        gruende.append(_("hat untergeordnete Ziele oder Maßnahmen (%(n)s)") % {"n": unter})
    kennzahlen = _kennzahlen_von(ziel).count()
    if kennzahlen:
        gruende.append(_("hat Kennzahlen (%(n)s)") % {"n": kennzahlen})
    return gruende


def kennzahl_abhaengigkeiten(kennzahl: Kennzahl) -> list[str]:
    werte = Messwert.objects.filter(kennzahl=kennzahl).count()
    return [_("Kennzahl hat Werte (%(n)s)") % {"n": werte}] if werte else []


def _loeschen(obj: models.Model, gruende: list[str], user) -> None:
    if gruende:
        raise _verweigert(obj, gruende)
    try:
        with transaction.atomic():
            obj._history_user = user
            obj.delete()
    except (models.ProtectedError, models.RestrictedError) as exc:
        raise _verweigert(obj, _geschuetzt(exc)) from exc


def _rechte_pruefen(user, typ: str, obj: models.Model) -> None:
    recht_pruefen(user, "steuerung", "delete", typ)
    if not darf_alles(user):
        einheit_pruefen(user, obj.organisationseinheit_id)


@transaction.atomic
def ziel_loeschen(*, ziel: models.Model, user) -> None:
    """Delete a goal nothing depends on; otherwise a German refusal that points to archiving."""
    _rechte_pruefen(user, TYP_VON_MODELL[type(ziel)], ziel)
    _loeschen(ziel, ziel_abhaengigkeiten(ziel), user)


@transaction.atomic
def kennzahl_loeschen(*, kennzahl: Kennzahl, user) -> None:
    _rechte_pruefen(user, "kennzahl", kennzahl)
    _loeschen(kennzahl, kennzahl_abhaengigkeiten(kennzahl), user)


def _setzen(obj: models.Model, archiviert: bool, user) -> bool:
    if obj.archiviert == archiviert:
        return False
    obj.archiviert = archiviert
    revision_erhoehen(obj)
    obj._history_user = user
    obj.save(update_fields=["archiviert", "revision"])
    return True


def _oberziel_archiviert(typ: str, obj: models.Model) -> None:
    """Restoring below an archived goal would leave an orphan in the pyramid: refuse it."""
    schluessel = eltern_von(typ, obj)
    if schluessel is None:
        return
    eltern_typ, eltern_id = schluessel
    eltern = ZIELMODELLE[eltern_typ].objects.get(pk=eltern_id)
    if eltern.archiviert:
        raise ValidationError(
            _("Das übergeordnete Ziel „%(name)s“ ist archiviert – bitte zuerst dieses wiederherstellen.")
            % {"name": _bezeichnung(eltern)}
        )


@transaction.atomic
def ziel_archivieren(*, ziel: models.Model, user, archiviert: bool, revision: int | None = None) -> int:
    """Archive (or restore) a goal with its subtree and their Kennzahlen; returns the number of changed rows."""
    typ = TYP_VON_MODELL[type(ziel)]
    _rechte_pruefen(user, typ, ziel)
    ziel = type(ziel).objects.select_for_update().get(pk=ziel.pk)
    revision_pruefen(ziel, revision)
    if not archiviert:
        _oberziel_archiviert(typ, ziel)
    geaendert = 0
    for z in teilbaum(ziel):
        geaendert += _setzen(z, archiviert, user)
        for k in _kennzahlen_von(z):
            geaendert += _setzen(k, archiviert, user)
    return geaendert


@transaction.atomic
def kennzahl_archivieren(*, kennzahl: Kennzahl, user, archiviert: bool, revision: int | None = None) -> int:
    _rechte_pruefen(user, "kennzahl", kennzahl)
    kennzahl = Kennzahl.objects.select_for_update().get(pk=kennzahl.pk)
    revision_pruefen(kennzahl, revision)
    ziel = kennzahl.ziel
    if not archiviert and ziel is not None and ziel.archiviert:
        raise ValidationError(
            _("Das Ziel „%(name)s“ ist archiviert – bitte zuerst dieses wiederherstellen.")
            % {"name": _bezeichnung(ziel)}
        )
    return int(_setzen(kennzahl, archiviert, user))
