"""Writes of the Sozialraum-Monitoring: keyword-only, atomic, validated, optimistic lock."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.bearbeitung import revision_erhoehen, revision_pruefen
from core.models import MitBearbeitungsstand
from sozialraum.models import Indikator, Raum, RaumEinwohner, Traeger

M = TypeVar("M", bound=models.Model)


@transaction.atomic
def objekt_speichern(*, instanz: M, daten: Mapping[str, Any], revision: int | None = None, user=None) -> M:
    """Create or update one object: lock and revision check, full_clean, save, revision + 1.

    The check runs against the locked row as stored, not against `instanz`, which was read
    before the lock and may be stale.
    """
    if instanz.pk:
        gesperrt = type(instanz).objects.select_for_update().filter(pk=instanz.pk).first()
        if isinstance(instanz, MitBearbeitungsstand):
            if gesperrt is not None:
                revision_pruefen(gesperrt, revision)
                instanz.revision = gesperrt.revision
            revision_erhoehen(instanz)
    for feld, wert in daten.items():
        setattr(instanz, feld, wert)
    instanz.full_clean()
    instanz._history_user = user
    instanz.save()
    return instanz


@transaction.atomic
def raum_speichern(
    *,
    raum: Raum | None,
    daten: Mapping[str, Any],
    einwohner_je_jahr: Iterable[Mapping[str, int]] | None = None,
    einwohner: int | None = None,
    massnahmen: Iterable[Any] | None = None,
    kennzahlen: Iterable[Any] | None = None,
    revision: int | None = None,
    user=None,
) -> Raum:
    """Save an area and, when given, replace its population series and linked measures/Kennzahlen.

    `einwohner` is the current year's population: it creates or updates that year's entry and
    leaves the other years alone (with `einwohner_je_jahr` both must agree on that year).
    A parent must not be the area itself or one of its descendants (no cycles).
    """
    jahr = timezone.localdate().year
    if einwohner is not None and einwohner_je_jahr is not None:
        einwohner_je_jahr = list(einwohner_je_jahr)
        if any(int(e["jahr"]) == jahr and e["einwohner"] != einwohner for e in einwohner_je_jahr):
            raise ValidationError(
                {
                    "einwohner": _(
                        "Die Einwohnerzahl weicht von der Angabe für %(jahr)s in einwohner_je_jahr ab. "
                        "Bitte nur eine der beiden Angaben senden oder dieselbe Zahl."
                    )
                    % {"jahr": jahr}
                }
            )
    raum = raum or Raum()
    eltern = daten.get("eltern", raum.eltern if raum.pk else None)
    if raum.pk and eltern is not None:
        knoten = eltern
        while knoten is not None:
            if knoten.pk == raum.pk:
                raise ValidationError({"eltern": _("Der übergeordnete Raum darf nicht unterhalb dieses Raums liegen.")})
            knoten = knoten.eltern
    raum = objekt_speichern(instanz=raum, daten=daten, revision=revision, user=user)
    if einwohner_je_jahr is not None:
        jahre = [int(e["jahr"]) for e in einwohner_je_jahr]
        if len(jahre) != len(set(jahre)):
            raise ValidationError({"einwohner_je_jahr": _("Jedes Jahr darf nur einmal vorkommen.")})
        raum.einwohnerzahlen.exclude(jahr__in=jahre).delete()
        for eintrag in einwohner_je_jahr:
            _einwohner_setzen(raum=raum, jahr=int(eintrag["jahr"]), einwohner=eintrag["einwohner"])
    if einwohner is not None:
        _einwohner_setzen(raum=raum, jahr=jahr, einwohner=einwohner)
    if massnahmen is not None:
        raum.massnahmen.set(massnahmen)
    if kennzahlen is not None:
        raum.kennzahlen.set(kennzahlen)
    return raum


def _einwohner_setzen(*, raum: Raum, jahr: int, einwohner: int) -> None:
    zeile = RaumEinwohner.objects.filter(raum=raum, jahr=jahr).first() or RaumEinwohner(raum=raum, jahr=jahr)
    zeile.einwohner = einwohner
    zeile.full_clean()
    zeile.save()


def _verwendung(instanz: models.Model) -> str | None:
    """Why an object may not be deleted; None when it is not in use.

    Indikatorwerte hang on their Raum and Indikator with CASCADE (the values belong to them),
    so deleting either would silently take the values along: refused like a protected link.
    """
    if isinstance(instanz, Raum):
        if instanz.werte.exists():
            return _("Raum hat Indikatorwerte – löschen nicht möglich.")
        if instanz.kinder.exists():
            return _("Raum hat untergeordnete Räume – löschen nicht möglich.")
        if instanz.angebote.exists():
            return _("Raum hat Angebote – löschen nicht möglich.")
    if isinstance(instanz, Indikator) and instanz.werte.exists():
        return _("Indikator hat Werte – löschen nicht möglich.")
    if isinstance(instanz, Traeger) and instanz.angebote.exists():
        return _("Träger hat Angebote – löschen nicht möglich.")
    return None


@transaction.atomic
def objekt_loeschen(*, instanz: models.Model, user=None) -> None:
    """Delete one object unless it is still in use (German reason as ValidationError)."""
    grund = _verwendung(instanz)
    if grund is None:
        instanz._history_user = user
        try:
            instanz.delete()
        except models.ProtectedError:
            grund = _("Der Datensatz wird noch verwendet – löschen nicht möglich.")
    if grund is not None:
        raise ValidationError(grund)
