"""The rows of the entry form: a unit's Kennzahlen of one rhythm, each evaluated for the period."""

from __future__ import annotations

from core.periods import Periode
from core.sortierung import natuerlich
from core.zwischenspeicher import zwischenspeicher
from organisation.selectors import fuer_benutzer
from steuerung.auswertung import Auswertung, auswerten
from steuerung.models import Kennzahl
from steuerung.reihen import reihen_laden


def erfassung_zeilen(*, organisationseinheit_id: int, periode: Periode, user) -> list[Auswertung]:
    """All Kennzahlen of a unit that take values in the period's rhythm, evaluated for the entry form."""
    kennzahlen = sorted(
        fuer_benutzer(
            Kennzahl.objects.filter(
                organisationseinheit_id=organisationseinheit_id,
                jahr=periode.jahr,
                erhebungsrhythmus=periode.rhythmus,
                archiviert=False,
            ).select_related("organisationseinheit"),
            user,
        ).order_by("code", "bezeichnung", "pk"),
        key=lambda k: (natuerlich(k.code), natuerlich(k.bezeichnung)),
    )
    reihen = reihen_laden(kennzahlen)
    with zwischenspeicher():  # the deadlines once, not per Kennzahl
        return [auswerten(k, periode, reihen[k.pk]) for k in kennzahlen]
