"""Writes of the HSK-Controlling: measures, cases, Präventionsprojekte, and curve requests.

Who may write what: model permissions (controlling/rollen.py) decide which models a role may
write at all; the unit scope (the owning Fachamt's subtree) is enforced here, so API and UI
share it. Every change to a measure or a case requests a (debounced) recomputation: the
request is marked here and queued after commit (controlling.tasks), which computes and stores
the curve (controlling.verlauf_speicher).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Sum
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from controlling import tasks
from controlling.fallverlauf import schrittwechsel_vermerken
from controlling.massnahmenpruefung import (
    ablaufschritte_pruefen,
    alles_pruefen,
    namen_lesen,
    neue_stellen,
    soll_pruefen,
)
from controlling.models import (
    Ablaufschritt,
    Einzelfall,
    HSKMassnahme,
    HSKSoll,
    Praeventionsbudget,
    Praeventionsprojekt,
    Verlaufsstand,
)
from core.bearbeitung import felder_setzen, revision_erhoehen, revision_pruefen, speichern
from core.services import auftrag_anlegen
from organisation.bearbeitung import einheit_pruefen, recht_pruefen

_NIE_AENDERBAR = frozenset({"id", "pk", "revision", "hsk_massnahme"})


# --- HSK-Maßnahmen ---------------------------------------------------------------------------


def _soll_setzen(massnahme: HSKMassnahme, soll: Iterable[Mapping[str, Any]]) -> None:
    eintraege = list(soll)
    soll_pruefen(eintraege)
    jahre = [int(e["jahr"]) for e in eintraege]
    massnahme.soll_jahre.exclude(jahr__in=jahre).delete()
    for e in eintraege:
        obj = massnahme.soll_jahre.filter(jahr=e["jahr"]).first() or HSKSoll(hsk_massnahme=massnahme, jahr=e["jahr"])
        obj.betrag = Decimal(e["betrag"])
        obj.full_clean()
        obj.save()


def _stellen_setzen(massnahme: HSKMassnahme, stellen: Iterable[Mapping[str, Any]]) -> None:
    """Replace the Stellen (checked as a whole before anything is written)."""
    neu = neue_stellen(massnahme, stellen)
    massnahme.stellen.all().delete()
    for stelle in neu:
        stelle.save()


def _ablaufschritte_setzen(massnahme: HSKMassnahme, namen: Iterable[str]) -> None:
    """Replace the workflow, keeping steps with the same name so cases keep their step.

    Steps: refuse removing steps that cases still use; move kept steps out of the way (unique
    position); then write the final positions.
    """
    namen = namen_lesen(namen)
    ablaufschritte_pruefen(massnahme, namen)
    massnahme.ablaufschritte.exclude(bezeichnung__in=namen).delete()
    vorhanden = {a.bezeichnung: a for a in massnahme.ablaufschritte.all()}
    for a in vorhanden.values():
        a.reihenfolge += 1000
        a.save(update_fields=["reihenfolge"])
    for position, name in enumerate(namen, start=1):
        schritt = vorhanden.get(name) or Ablaufschritt(hsk_massnahme=massnahme, bezeichnung=name)
        schritt.reihenfolge = position
        schritt.full_clean(validate_constraints=False)
        schritt.save()


def _liste(werte: Iterable | None) -> list | None:
    return None if werte is None else list(werte)


@transaction.atomic
def hsk_massnahme_anlegen(
    *,
    daten: Mapping[str, Any],
    user,
    soll: Iterable[Mapping[str, Any]] = (),
    stellen: Iterable[Mapping[str, Any]] = (),
    ablaufschritte: Iterable[str] = (),
) -> HSKMassnahme:
    recht_pruefen(user, "controlling", "add", "hskmassnahme")
    massnahme = HSKMassnahme(**{k: v for k, v in daten.items() if k not in _NIE_AENDERBAR})
    einheit_pruefen(user, massnahme.organisationseinheit_id)
    soll, stellen, ablaufschritte = list(soll), list(stellen), list(ablaufschritte)
    alles_pruefen(
        massnahme,
        gesendet=daten.get("personalkosten_jahr"),
        soll=soll,
        stellen=stellen,
        ablaufschritte=ablaufschritte,
    )
    speichern(massnahme, user)
    Verlaufsstand.objects.create(hsk_massnahme=massnahme)
    _soll_setzen(massnahme, soll)
    _stellen_setzen(massnahme, stellen)
    _ablaufschritte_setzen(massnahme, ablaufschritte)
    verlauf_anfordern(hsk_massnahme_id=massnahme.pk)
    return massnahme


@transaction.atomic
def hsk_massnahme_aendern(
    *,
    massnahme: HSKMassnahme,
    daten: Mapping[str, Any],
    user,
    revision: int | None,
    soll: Iterable[Mapping[str, Any]] | None = None,
    stellen: Iterable[Mapping[str, Any]] | None = None,
    ablaufschritte: Iterable[str] | None = None,
) -> HSKMassnahme:
    """Change a measure (and optionally replace Soll, Stellen, Ablaufschritte); refuses outdated revisions."""
    recht_pruefen(user, "controlling", "change", "hskmassnahme")
    massnahme = HSKMassnahme.objects.select_for_update().get(pk=massnahme.pk)
    einheit_pruefen(user, massnahme.organisationseinheit_id)
    revision_pruefen(massnahme, revision)
    personalkosten_vorher = massnahme.personalkosten_jahr
    geaendert = felder_setzen(massnahme, daten, nie_aenderbar=_NIE_AENDERBAR)
    einheit_pruefen(user, massnahme.organisationseinheit_id)
    soll, stellen, ablaufschritte = _liste(soll), _liste(stellen), _liste(ablaufschritte)
    alles_pruefen(
        massnahme,
        gesendet=daten.get("personalkosten_jahr"),
        soll=soll,
        stellen=stellen,
        ablaufschritte=ablaufschritte,
    )
    geaendert = geaendert or massnahme.personalkosten_jahr != personalkosten_vorher
    if geaendert or soll is not None or stellen is not None or ablaufschritte is not None:
        revision_erhoehen(massnahme)
        speichern(massnahme, user)
    if soll is not None:
        _soll_setzen(massnahme, soll)
    if stellen is not None:
        _stellen_setzen(massnahme, stellen)
    if ablaufschritte is not None:
        _ablaufschritte_setzen(massnahme, ablaufschritte)
    verlauf_anfordern(hsk_massnahme_id=massnahme.pk)
    return massnahme


def loeschhindernisse(massnahme: HSKMassnahme) -> list[str]:
    """Why a measure may not be deleted: its cases, its computed curve up to now, archived contributions.

    A measure has no status to archive it by; it is ended by setting its Ende instead.
    """
    gruende = []
    faelle = massnahme.einzelfaelle.count()
    if faelle:
        gruende.append(_("Die Maßnahme hat Einzelfälle (%(n)s).") % {"n": faelle})
    # A curve only of future months is a plan, not history: such a measure may still be deleted.
    bis_heute = f"{timezone.localdate():%Y-%m}"
    if massnahme.verlaufsmonate.filter(monat__lte=bis_heute).exists() or massnahme.archivierte_beitraege.exists():
        gruende.append(_("Für die Maßnahme ist bereits ein Konsolidierungsverlauf mit Ist-Monaten berechnet."))
    return gruende


LOESCHEN_STATT = gettext_lazy(
    "Eine HSK-Maßnahme kann nicht archiviert werden; beenden Sie sie stattdessen, indem Sie unter "
    "„Bearbeiten“ ein Ende eintragen. Ihr Verlauf und ihre Fälle bleiben dann erhalten."
)


@transaction.atomic
def hsk_massnahme_loeschen(*, massnahme: HSKMassnahme, user) -> None:
    """Delete a measure without cases and without a computed curve; otherwise refuse with the reason."""
    recht_pruefen(user, "controlling", "delete", "hskmassnahme")
    einheit_pruefen(user, massnahme.organisationseinheit_id)
    gruende = loeschhindernisse(massnahme)
    if gruende:
        raise ValidationError(" ".join([*gruende, str(LOESCHEN_STATT)]))
    massnahme._history_user = user
    try:
        massnahme.delete()
    except models.ProtectedError as exc:
        raise ValidationError(_("Die Maßnahme hat noch Einzelfälle und kann nicht gelöscht werden.")) from exc


# --- Einzelfälle -----------------------------------------------------------------------------


@transaction.atomic
def einzelfall_anlegen(*, hsk_massnahme: HSKMassnahme, daten: Mapping[str, Any], user) -> Einzelfall:
    recht_pruefen(user, "controlling", "add", "einzelfall")
    einheit_pruefen(user, hsk_massnahme.organisationseinheit_id)
    fall = Einzelfall(hsk_massnahme=hsk_massnahme, **{k: v for k, v in daten.items() if k not in _NIE_AENDERBAR})
    speichern(fall, user)
    schrittwechsel_vermerken(fall=fall, vorher_id=None, user=user)
    verlauf_anfordern(hsk_massnahme_id=hsk_massnahme.pk)
    return fall


@transaction.atomic
def einzelfall_aendern(*, fall: Einzelfall, daten: Mapping[str, Any], user, revision: int | None) -> Einzelfall:
    """Change a case; refuses an outdated revision (the message names the other change)."""
    recht_pruefen(user, "controlling", "change", "einzelfall")
    fall = Einzelfall.objects.select_for_update().select_related("hsk_massnahme").get(pk=fall.pk)
    einheit_pruefen(user, fall.hsk_massnahme.organisationseinheit_id)
    revision_pruefen(fall, revision)
    schritt_vorher = fall.ablaufschritt_id
    if felder_setzen(fall, daten, nie_aenderbar=_NIE_AENDERBAR):
        revision_erhoehen(fall)
        speichern(fall, user)
        schrittwechsel_vermerken(fall=fall, vorher_id=schritt_vorher, user=user)
        verlauf_anfordern(hsk_massnahme_id=fall.hsk_massnahme_id)
    return fall


@transaction.atomic
def einzelfall_loeschen(*, fall: Einzelfall, user) -> None:
    recht_pruefen(user, "controlling", "delete", "einzelfall")
    einheit_pruefen(user, fall.hsk_massnahme.organisationseinheit_id)
    massnahme_id = fall.hsk_massnahme_id
    fall._history_user = user
    fall.delete()
    verlauf_anfordern(hsk_massnahme_id=massnahme_id)


# --- Präventionsbudget ---------------------------------------------------------------------


def _obergrenze_pruefen(projekt: Praeventionsprojekt) -> None:
    budget = Praeventionsbudget.objects.filter(jahr=projekt.jahr).first()
    if budget is None:
        return
    andere = (
        Praeventionsprojekt.objects.filter(jahr=projekt.jahr).exclude(pk=projekt.pk).aggregate(s=Sum("kosten"))["s"]
    )
    if (andere or Decimal("0")) + projekt.kosten > budget.obergrenze:
        raise ValidationError(
            {
                "kosten": _("Die Kosten überschreiten die Budgetobergrenze %(jahr)s von %(grenze)s €.")
                % {"jahr": projekt.jahr, "grenze": formats.number_format(budget.obergrenze, 2, force_grouping=True)}
            }
        )


@transaction.atomic
def praeventionsprojekt_anlegen(*, daten: Mapping[str, Any], user) -> Praeventionsprojekt:
    recht_pruefen(user, "controlling", "add", "praeventionsprojekt")
    projekt = Praeventionsprojekt(**{k: v for k, v in daten.items() if k not in _NIE_AENDERBAR})
    einheit_pruefen(user, projekt.organisationseinheit_id)
    projekt.full_clean()
    _obergrenze_pruefen(projekt)
    projekt.save()
    return projekt


@transaction.atomic
def praeventionsprojekt_aendern(
    *, projekt: Praeventionsprojekt, daten: Mapping[str, Any], user, revision: int | None
) -> Praeventionsprojekt:
    recht_pruefen(user, "controlling", "change", "praeventionsprojekt")
    projekt = Praeventionsprojekt.objects.select_for_update().get(pk=projekt.pk)
    einheit_pruefen(user, projekt.organisationseinheit_id)
    revision_pruefen(projekt, revision)
    if felder_setzen(projekt, daten, nie_aenderbar=_NIE_AENDERBAR):
        revision_erhoehen(projekt)
        projekt.full_clean()
        _obergrenze_pruefen(projekt)
        projekt.save()
    return projekt


@transaction.atomic
def praeventionsbudget_speichern(
    *, budget: Praeventionsbudget | None, daten: Mapping[str, Any], user
) -> Praeventionsbudget:
    """Create or change a year's ceiling; it must not fall below what the year's projects already cost."""
    recht_pruefen(user, "controlling", "change" if budget and budget.pk else "add", "praeventionsbudget")
    if budget is not None and budget.pk:
        budget = Praeventionsbudget.objects.select_for_update().get(pk=budget.pk)
    budget = budget or Praeventionsbudget()
    for feld, wert in daten.items():
        if feld not in _NIE_AENDERBAR:
            setattr(budget, feld, wert)
    budget.full_clean()
    kosten = Praeventionsprojekt.objects.filter(jahr=budget.jahr).aggregate(s=Sum("kosten"))["s"] or Decimal("0")
    if budget.obergrenze < kosten:
        raise ValidationError(
            {
                "obergrenze": _(
                    "Die Projekte %(jahr)s kosten bereits %(kosten)s €; die Budgetobergrenze darf nicht darunter liegen."
                )
                % {"jahr": budget.jahr, "kosten": formats.number_format(kosten, 2, force_grouping=True)}
            }
        )
    budget.save()
    return budget


@transaction.atomic
def praeventionsbudget_loeschen(*, budget: Praeventionsbudget, user) -> None:
    """Removing a ceiling leaves the year without one (projects are then not capped)."""
    recht_pruefen(user, "controlling", "delete", "praeventionsbudget")
    budget.delete()


# --- curve requests ------------------------------------------------------------------------


def verlauf_anfordern(*, hsk_massnahme_id: int) -> datetime:
    """Mark the measure's curve as outdated and queue its computation after commit (debounced).

    The marker doubles as the task's token: a task whose token is no longer the newest marker
    skips, so a burst of changes leaves exactly one computation (the last one's).
    """
    jetzt = timezone.now()
    Verlaufsstand.objects.update_or_create(hsk_massnahme_id=hsk_massnahme_id, defaults={"angefordert": jetzt})
    token = jetzt.isoformat()
    transaction.on_commit(lambda: tasks.verlauf_einreihen(hsk_massnahme_id=hsk_massnahme_id, angefordert=token))
    return jetzt


def alle_verlaeufe_anfordern() -> int:
    """Queue a full recomputation whose progress the UI shows (core Hintergrundauftrag)."""
    auftrag = auftrag_anlegen(art="hsk_verlaeufe", gesamt=HSKMassnahme.objects.count())
    transaction.on_commit(lambda: tasks.alle_verlaeufe_einreihen(auftrag_id=auftrag.pk))
    return auftrag.pk
