"""Writes of the HSK-Controlling: measures, cases, Präventionsprojekte and the stored curve.

Who may write what: model permissions (controlling/rollen.py) decide which models a role may
write at all; the unit scope (the owning Fachamt's subtree) is enforced here, so API and UI
share it. Every change to a measure or a case requests a (debounced) recomputation.
"""

from __future__ import annotations

import calendar
import logging
import os
import time
from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Sum
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from kombu.exceptions import OperationalError as KombuOperationalError

from controlling import verlauf as kurve
from controlling.fallverlauf import schrittwechsel_vermerken
from controlling.models import (
    Ablaufschritt,
    ArchivierterBeitrag,
    Einzelfall,
    Ergebnis,
    HSKMassnahme,
    HSKSoll,
    Praeventionsbudget,
    Praeventionsprojekt,
    Stelle,
    Verlaufsmonat,
    Verlaufsstand,
)
from controlling.stellen import Stellenzeitraum, personalkosten_jahr_aus_stellen
from core.bearbeitung import (
    einheit_pruefen,
    felder_setzen,
    recht_pruefen,
    revision_pruefen,
    speichern,
)
from core.protokoll import protokollieren
from core.services import auftrag_abschliessen, auftrag_anlegen, auftrag_fortschritt

logger = logging.getLogger(__name__)

# Seconds a change waits before its computation runs: a burst of changes coalesces into one run.
VERZOEGERUNG_SEKUNDEN = getattr(settings, "HSK_VERLAUF_VERZOEGERUNG", 3)
_NIE_AENDERBAR = frozenset({"id", "pk", "revision", "hsk_massnahme"})


# --- helpers -------------------------------------------------------------------------------


# --- HSK-Maßnahmen ---------------------------------------------------------------------------


def _soll_setzen(massnahme: HSKMassnahme, soll: Iterable[Mapping[str, Any]]) -> None:
    eintraege = list(soll)
    jahre = [int(e["jahr"]) for e in eintraege]
    if len(jahre) != len(set(jahre)):
        raise ValidationError({"soll": _("Jedes Haushaltsjahr darf nur einmal ein Soll haben.")})
    massnahme.soll_jahre.exclude(jahr__in=jahre).delete()
    for e in eintraege:
        obj = massnahme.soll_jahre.filter(jahr=e["jahr"]).first() or HSKSoll(hsk_massnahme=massnahme, jahr=e["jahr"])
        obj.betrag = Decimal(e["betrag"])
        obj.full_clean()
        obj.save()


def _stellen_setzen(massnahme: HSKMassnahme, stellen: Iterable[Mapping[str, Any]]) -> None:
    massnahme.stellen.all().delete()
    for s in stellen:
        stelle = Stelle(
            hsk_massnahme=massnahme,
            bezeichnung=s["bezeichnung"],
            vzae=s["vzae"],
            jahreskosten=s["jahreskosten"],
            beginn=s.get("beginn"),
            ende=s.get("ende"),
        )
        try:
            stelle.full_clean()
        except ValidationError as exc:
            # Reported under "stellen", naming the Stelle: the client sent a list.
            raise ValidationError(
                {"stellen": [f"{stelle.bezeichnung}: {meldung}" for meldung in exc.messages]}
            ) from exc
        stelle.save()


def _personalkosten_ableiten(
    massnahme: HSKMassnahme, *, stellen: list[Mapping[str, Any]] | None, gesendet: Decimal | None
) -> None:
    """With Stellen, personalkosten_jahr is derived from them (Σ jahreskosten); a different value is refused.

    `stellen` None means: the measure keeps its stored Stellen.
    """
    if stellen is None:
        stellen = list(massnahme.stellen.values("jahreskosten")) if massnahme.pk else []
    if not stellen:
        if massnahme.personalkosten_jahr is None:
            raise ValidationError(
                {"personalkosten_jahr": _("Bitte die Personalkosten je Jahr angeben oder Stellen erfassen.")}
            )
        return
    abgeleitet = personalkosten_jahr_aus_stellen(stellen)
    if gesendet is not None and Decimal(gesendet) != abgeleitet:
        raise ValidationError(
            {
                "personalkosten_jahr": _(
                    "Die Personalkosten je Jahr ergeben sich aus den Stellen (%(summe)s €) und können nicht "
                    "abweichend angegeben werden."
                )
                % {"summe": formats.number_format(abgeleitet, 2, force_grouping=True)}
            }
        )
    massnahme.personalkosten_jahr = abgeleitet


def _ablaufschritte_setzen(massnahme: HSKMassnahme, namen: Iterable[str]) -> None:
    """Replace the workflow, keeping steps with the same name so cases keep their step.

    Steps: refuse removing steps that cases still use; move kept steps out of the way (unique
    position); then write the final positions.
    """
    namen = [n.strip() for n in namen if n and n.strip()]
    if len(namen) != len(set(namen)):
        raise ValidationError({"ablaufschritte": _("Jeder Ablaufschritt darf nur einmal vorkommen.")})
    entfallen = massnahme.ablaufschritte.exclude(bezeichnung__in=namen)
    belegt = entfallen.filter(einzelfaelle__isnull=False).values_list("bezeichnung", flat=True).distinct()
    if belegt:
        raise ValidationError(
            {
                "ablaufschritte": _("Der Ablaufschritt „%(name)s“ ist noch Einzelfällen zugeordnet.")
                % {"name": belegt[0]}
            }
        )
    entfallen.delete()
    vorhanden = {a.bezeichnung: a for a in massnahme.ablaufschritte.all()}
    for a in vorhanden.values():
        a.reihenfolge += 1000
        a.save(update_fields=["reihenfolge"])
    for position, name in enumerate(namen, start=1):
        schritt = vorhanden.get(name) or Ablaufschritt(hsk_massnahme=massnahme, bezeichnung=name)
        schritt.reihenfolge = position
        schritt.full_clean(validate_constraints=False)
        schritt.save()


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
    stellen = list(stellen)
    _personalkosten_ableiten(massnahme, stellen=stellen, gesendet=daten.get("personalkosten_jahr"))
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
    geaendert = felder_setzen(massnahme, daten, nie_aenderbar=_NIE_AENDERBAR)
    einheit_pruefen(user, massnahme.organisationseinheit_id)
    stellen = None if stellen is None else list(stellen)
    personalkosten_vorher = massnahme.personalkosten_jahr
    _personalkosten_ableiten(massnahme, stellen=stellen, gesendet=daten.get("personalkosten_jahr"))
    geaendert = geaendert or massnahme.personalkosten_jahr != personalkosten_vorher
    if geaendert or soll is not None or stellen is not None or ablaufschritte is not None:
        massnahme.revision += 1
        speichern(massnahme, user)
    if soll is not None:
        _soll_setzen(massnahme, soll)
    if stellen is not None:
        _stellen_setzen(massnahme, stellen)
    if ablaufschritte is not None:
        _ablaufschritte_setzen(massnahme, ablaufschritte)
    verlauf_anfordern(hsk_massnahme_id=massnahme.pk)
    return massnahme


@transaction.atomic
def hsk_massnahme_loeschen(*, massnahme: HSKMassnahme, user) -> None:
    recht_pruefen(user, "controlling", "delete", "hskmassnahme")
    einheit_pruefen(user, massnahme.organisationseinheit_id)
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
        fall.revision += 1
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
        projekt.revision += 1
        projekt.full_clean()
        _obergrenze_pruefen(projekt)
        projekt.save()
    return projekt


# --- the stored curve ----------------------------------------------------------------------


def verlauf_anfordern(*, hsk_massnahme_id: int) -> datetime:
    """Mark the measure's curve as outdated and queue its computation after commit (debounced).

    The marker doubles as the task's token: a task whose token is no longer the newest marker
    skips, so a burst of changes leaves exactly one computation (the last one's).
    """
    from controlling.tasks import verlauf_berechnen  # tasks import services; avoid the cycle

    jetzt = timezone.now()
    Verlaufsstand.objects.update_or_create(hsk_massnahme_id=hsk_massnahme_id, defaults={"angefordert": jetzt})
    token = jetzt.isoformat()
    transaction.on_commit(lambda: _einreihen(verlauf_berechnen, hsk_massnahme_id, token))
    return jetzt


def _einreihen(task, hsk_massnahme_id: int, token: str) -> bool:
    """Queue one computation; a broker outage must not fail the user's save.

    The pending marker is already committed, so `ausstehende_verlaeufe_einreihen` (beat,
    every few minutes) queues it again once the broker answers: nothing is lost.
    """
    try:
        task.apply_async(args=[hsk_massnahme_id], kwargs={"angefordert": token}, countdown=VERZOEGERUNG_SEKUNDEN)
    except (KombuOperationalError, OSError) as exc:
        logger.warning("Broker nicht erreichbar, Neuberechnung %s bleibt vorgemerkt: %s", hsk_massnahme_id, exc)
        return False
    return True


def ausstehende_verlaeufe_einreihen(*, aelter_als_sekunden: int = 60) -> int:
    """Queue every pending computation whose request is older than the debounce window.

    Covers requests whose queueing failed (broker down) or whose task was lost; a task for a
    request that was meanwhile computed simply skips (token check in `verlauf_speichern`).
    """
    from controlling.tasks import verlauf_berechnen

    grenze = timezone.now() - timedelta(seconds=aelter_als_sekunden)
    offen = Verlaufsstand.objects.filter(angefordert__isnull=False, angefordert__lte=grenze)
    anzahl = 0
    for massnahme_id, angefordert in offen.values_list("hsk_massnahme_id", "angefordert"):
        anzahl += _einreihen(verlauf_berechnen, massnahme_id, angefordert.isoformat())
    return anzahl


def _faelle(massnahme_id: int) -> list[kurve.Fall]:
    """All cases of a measure from one values_list query (never one query per case)."""
    return [
        kurve.Fall(wb, we, vk, nk)
        for wb, we, vk, nk in Einzelfall.objects.filter(hsk_massnahme_id=massnahme_id).values_list(
            "wirkungsbeginn", "wirkungsende", "vermiedene_kosten_monat", "neue_kosten_monat"
        )
    ]


def _archiv(massnahme_id: int) -> dict[str, Decimal]:
    """Archived exact numerators of deleted cases per month, from one query."""
    return dict(ArchivierterBeitrag.objects.filter(hsk_massnahme_id=massnahme_id).values_list("monat", "betrag_tage"))


def _stellen(massnahme_id: int) -> list[Stellenzeitraum]:
    """The measure's Stellen with their intervals, from one query."""
    return [
        Stellenzeitraum(jahreskosten=k, beginn=b, ende=e)
        for k, b, e in Stelle.objects.filter(hsk_massnahme_id=massnahme_id)
        .order_by("pk")
        .values_list("jahreskosten", "beginn", "ende")
    ]


def verlauf_aus_daten(*, massnahme: HSKMassnahme, bis: tuple[int, int] | None = None) -> kurve.Verlauf:
    """Compute the curve of a measure from the current data (five queries)."""
    soll = dict(HSKSoll.objects.filter(hsk_massnahme=massnahme).values_list("jahr", "betrag"))
    return kurve.verlauf_berechnen(
        beginn=massnahme.beginn,
        ende=massnahme.ende,
        personalkosten_jahr=massnahme.personalkosten_jahr,
        soll=soll,
        faelle=_faelle(massnahme.pk),
        heute=timezone.localdate(),
        bis=bis,
        archiv=_archiv(massnahme.pk),
        stellen=_stellen(massnahme.pk),
    )


def _test_verzoegerung() -> None:
    """Hook for the killed-worker test only: sleeps inside the write transaction."""
    if os.environ.get("DJANGO_SETTINGS_MODULE") == "config.settings.test":
        sekunden = float(os.environ.get("HSK_TEST_VERZOEGERUNG", "0") or 0)
        if sekunden:
            time.sleep(sekunden)


def verlauf_speichern(*, hsk_massnahme_id: int, angefordert: datetime | None = None) -> str:
    """Compute and store a measure's curve; returns what happened ("berechnet", "uebersprungen", ...).

    Steps:
    1. With a token (`angefordert`): skip unless it is still the newest pending request.
    2. Read the pending marker, then the data, compute in Python.
    3. In one transaction: upsert the month rows (stable ids, identical values on a rerun),
       delete months outside the horizon, update the state and clear the marker only if no
       newer request came in meanwhile. A run killed before commit leaves the old rows intact.
    """
    stand = Verlaufsstand.objects.filter(hsk_massnahme_id=hsk_massnahme_id).first()
    massnahme = HSKMassnahme.objects.filter(pk=hsk_massnahme_id).first()
    if massnahme is None:
        return "geloescht"
    if stand is None:
        stand = Verlaufsstand.objects.create(hsk_massnahme=massnahme)
    if angefordert is not None and stand.angefordert != angefordert:
        return "uebersprungen"
    marker = stand.angefordert
    try:
        ergebnis = verlauf_aus_daten(massnahme=massnahme)
    except ValueError as exc:
        Verlaufsstand.objects.filter(pk=stand.pk).update(fehler=str(exc))
        return "fehler"
    zeilen = [
        Verlaufsmonat(
            hsk_massnahme_id=hsk_massnahme_id,
            monat=m.monat,
            jahr=m.jahr,
            soll=m.soll,
            brutto=m.brutto,
            personalkosten=m.personalkosten,
            netto=m.netto,
            soll_kumuliert=m.soll_kumuliert,
            brutto_kumuliert=m.brutto_kumuliert,
            netto_kumuliert=m.netto_kumuliert,
            phase=m.phase,
        )
        for m in ergebnis.monate
    ]
    felder = [
        "jahr",
        "soll",
        "brutto",
        "personalkosten",
        "netto",
        "soll_kumuliert",
        "brutto_kumuliert",
        "netto_kumuliert",
        "phase",
    ]
    with transaction.atomic():
        Verlaufsmonat.objects.bulk_create(
            zeilen, update_conflicts=True, unique_fields=["hsk_massnahme", "monat"], update_fields=felder
        )
        _test_verzoegerung()
        Verlaufsmonat.objects.filter(hsk_massnahme_id=hsk_massnahme_id).exclude(
            monat__in=[z.monat for z in zeilen]
        ).delete()
        Verlaufsstand.objects.filter(pk=stand.pk).update(
            berechnet=timezone.now(),
            amortisation=ergebnis.amortisation or "",
            fehler="",
            berechnungen=models.F("berechnungen") + 1,
        )
        if marker is not None:
            Verlaufsstand.objects.filter(pk=stand.pk, angefordert=marker).update(angefordert=None)
    return "berechnet"


def alle_verlaeufe_anfordern() -> int:
    """Queue a full recomputation whose progress the UI shows (core Hintergrundauftrag)."""
    from controlling.tasks import alle_verlaeufe_berechnen

    auftrag = auftrag_anlegen(art="hsk_verlaeufe", gesamt=HSKMassnahme.objects.count())

    def einreihen() -> None:
        try:
            alle_verlaeufe_berechnen.delay(auftrag_id=auftrag.pk)
        except (KombuOperationalError, OSError):
            auftrag_abschliessen(
                auftrag_id=auftrag.pk,
                fehler=True,
                meldung=_("Die Warteschlange ist nicht erreichbar. Die nächtliche Neuberechnung holt das nach."),
            )

    transaction.on_commit(einreihen)
    return auftrag.pk


def alle_verlaeufe_speichern(*, auftrag_id: int | None = None) -> int:
    """Recompute every measure's curve, reporting progress; returns the number of measures."""
    ids = list(HSKMassnahme.objects.order_by("pk").values_list("pk", flat=True))
    if auftrag_id is None:
        auftrag_id = auftrag_anlegen(art="hsk_verlaeufe", gesamt=len(ids)).pk
    auftrag_fortschritt(auftrag_id=auftrag_id, erledigt=0)
    fehler = 0
    for nummer, massnahme_id in enumerate(ids, start=1):
        fehler += verlauf_speichern(hsk_massnahme_id=massnahme_id) == "fehler"
        auftrag_fortschritt(auftrag_id=auftrag_id, erledigt=nummer)
    meldung = _("%(n)s Verläufe neu berechnet.") % {"n": len(ids)}
    if fehler:
        meldung += " " + _("%(f)s Verläufe mit Fehler.") % {"f": fehler}
    auftrag_abschliessen(auftrag_id=auftrag_id, meldung=meldung)
    return len(ids)


# --- retention of closed cases (Sozialdatenschutz) ----------------------------------------


def aufbewahrung_stichtag(*, heute: date, monate: int) -> date:
    """`heute` minus `monate` months (day clamped to the month's end): cases ended before it are due."""
    gesamt = heute.year * 12 + heute.month - 1 - monate
    jahr, monat = divmod(gesamt, 12)
    monat += 1
    return date(jahr, monat, min(heute.day, calendar.monthrange(jahr, monat)[1]))


def _faellige_faelle(massnahme: HSKMassnahme, heute: date) -> models.QuerySet[Einzelfall]:
    """Closed cases (ergebnis not offen, wirkungsende set) whose retention period has run out."""
    stichtag = aufbewahrung_stichtag(heute=heute, monate=massnahme.aufbewahrung_monate)
    return Einzelfall.objects.filter(
        hsk_massnahme=massnahme, wirkungsende__isnull=False, wirkungsende__lt=stichtag
    ).exclude(ergebnis=Ergebnis.OFFEN)


def _archivieren(massnahme: HSKMassnahme, beitraege: Mapping[str, tuple[Decimal, int]]) -> None:
    """Add the numerators to the measure's archive rows (created or increased, locked while writing)."""
    vorhanden = {
        a.monat: a
        for a in ArchivierterBeitrag.objects.select_for_update().filter(hsk_massnahme=massnahme, monat__in=beitraege)
    }
    neu = []
    for monat, (betrag, anzahl) in beitraege.items():
        if monat in vorhanden:
            vorhanden[monat].betrag_tage += betrag
            vorhanden[monat].faelle += anzahl
        else:
            neu.append(ArchivierterBeitrag(hsk_massnahme=massnahme, monat=monat, betrag_tage=betrag, faelle=anzahl))
    ArchivierterBeitrag.objects.bulk_update(vorhanden.values(), ["betrag_tage", "faelle"])
    ArchivierterBeitrag.objects.bulk_create(neu)


def _aufbewahrung_massnahme(massnahme: HSKMassnahme, heute: date) -> int:
    """Archive and delete one measure's due cases in one transaction; returns how many were deleted.

    Steps: lock the due cases (a concurrent edit cannot slip in between archiving and
    deleting); add their exact monthly numerators to the archive; delete the cases and
    then their change history (it holds the pseudonym and every old value, so keeping it
    would defeat the deletion); log the count, without pseudonyms, in the decision log.
    """
    with transaction.atomic():
        zeilen = list(
            _faellige_faelle(massnahme, heute)
            .select_for_update()
            .values_list("pk", "wirkungsbeginn", "wirkungsende", "vermiedene_kosten_monat", "neue_kosten_monat")
        )
        if not zeilen:
            return 0
        ids = [z[0] for z in zeilen]
        faelle = [kurve.Fall(wb, we, vk, nk) for _pk, wb, we, vk, nk in zeilen]
        _archivieren(massnahme, kurve.monatsbeitraege(beginn=massnahme.beginn, faelle=faelle))
        Einzelfall.objects.filter(pk__in=ids).delete()
        Einzelfall.history.filter(id__in=ids).delete()
        protokollieren(benutzer=None, aktion="einzelfaelle_geloescht", objekt=massnahme, daten={"anzahl": len(ids)})
    return len(ids)


def einzelfaelle_aufbewahrung_anwenden(*, heute: date | None = None) -> dict[int, int]:
    """Delete every closed case past its measure's retention period, keeping its curve contribution.

    Idempotent: a second run finds nothing due. One transaction per measure, so a failure
    in one measure leaves the others done. The stored curve stays valid as it is: the
    archive adds back exactly what the deleted cases contributed. Returns {measure id: deleted}.
    """
    heute = heute or timezone.localdate()
    ergebnis: dict[int, int] = {}
    for massnahme in HSKMassnahme.objects.order_by("pk"):
        anzahl = _aufbewahrung_massnahme(massnahme, heute)
        if anzahl:
            ergebnis[massnahme.pk] = anzahl
    return ergebnis
