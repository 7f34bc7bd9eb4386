"""Erfassungsfristen: the last day to enter a period's values, and their maintenance.

The deadline of a period is its own deviating date if the Steuerungsunterstützung set one
(steuerung.models.Erfassungsfrist), else period end + the Kommune's default days
(organisation.Kommune). Reminders, dashboard and evaluations all ask `erfassungsfrist`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.bearbeitung import konflikt, revision_erhoehen, speichern
from core.periods import Periode, Rhythmus, perioden_im_jahr
from core.periods import periode as periode_lesen
from core.zwischenspeicher import gemerkt, vergessen
from organisation.bearbeitung import recht_pruefen
from organisation.selectors import kommune
from steuerung.models import Erfassungsfrist, Kennzahl

FRISTEN_SPEICHER = "steuerung.erfassungsfristen"


def _fristen_laden() -> dict[str, Erfassungsfrist]:
    return {f.periode: f for f in Erfassungsfrist.objects.all()}


def _abweichungen() -> dict[str, Erfassungsfrist]:
    return gemerkt(FRISTEN_SPEICHER, _fristen_laden)


def standardfrist(periode: Periode, *, tage: int | None = None) -> date:
    """Period end + the Kommune's default days (pure when `tage` is given)."""
    return periode.ende + timedelta(days=kommune().erfassungsfrist_tage if tage is None else tage)


def erfassungsfrist(periode: Periode) -> date:
    """Last day to enter a period's values; afterwards missing values are "überfällig"."""
    abweichend = _abweichungen().get(periode.schluessel)
    return abweichend.frist if abweichend else standardfrist(periode)


@dataclass(frozen=True)
class Periodenfrist:
    periode: Periode
    standardfrist: date
    abweichende_frist: date | None
    revision: int  # of the deviating row; 0 while there is none

    @property
    def frist(self) -> date:
        return self.abweichende_frist or self.standardfrist


def periodenfrist(periode: Periode) -> Periodenfrist:
    zeile = _abweichungen().get(periode.schluessel)
    return Periodenfrist(
        periode=periode,
        standardfrist=standardfrist(periode),
        abweichende_frist=zeile.frist if zeile else None,
        revision=zeile.revision if zeile else 0,
    )


def perioden_mit_fristen(*, jahr: int) -> list[Periodenfrist]:
    """The year's tertials, its months when a Kennzahl of that year reports monthly, and the year."""
    rhythmen = [Rhythmus.TERTIAL]
    if Kennzahl.objects.filter(jahr=jahr, erhebungsrhythmus=Rhythmus.MONAT).exists():
        rhythmen.append(Rhythmus.MONAT)
    rhythmen.append(Rhythmus.JAHR)
    return [periodenfrist(p) for r in rhythmen for p in perioden_im_jahr(jahr, r)]


@transaction.atomic
def erfassungsfrist_setzen(*, periode: str, frist: date | None, user, revision: int | None) -> Periodenfrist:
    """Set (or with `frist` None: drop) a period's deviating deadline under the optimistic lock.

    `revision` is the state the caller read: 0 when the period had no deviating deadline.
    """
    recht_pruefen(user, "steuerung", "change", "erfassungsfrist")
    try:
        p = periode_lesen(periode)
    except ValueError as exc:
        raise ValidationError({"periode": str(exc)}) from exc
    zeile = Erfassungsfrist.objects.select_for_update().filter(periode=p.schluessel).first()
    if revision is None:
        raise ValidationError({"revision": _("Bitte den gelesenen Bearbeitungsstand (revision) mitsenden.")})
    if zeile is not None and int(revision) != zeile.revision:
        raise konflikt(zeile)
    if zeile is None and int(revision) != 0:
        raise ValidationError(
            {
                "revision": _(
                    "Diese Frist wurde inzwischen geändert: die abweichende Frist wurde entfernt. Ihre Änderung "
                    "wurde nicht gespeichert. Bitte prüfen Sie den aktuellen Stand und speichern Sie erneut."
                )
            },
            code="konflikt",
        )
    if frist is None:
        if zeile is not None:
            zeile._history_user = user
            zeile.delete()
    elif zeile is None:
        # New rows start at 1, so "no row" (0) and "row as created" never look the same.
        speichern(Erfassungsfrist(periode=p.schluessel, frist=frist, revision=1), user)
    elif zeile.frist != frist:
        zeile.frist = frist
        revision_erhoehen(zeile)
        speichern(zeile, user)
    vergessen(FRISTEN_SPEICHER)
    return periodenfrist(p)
