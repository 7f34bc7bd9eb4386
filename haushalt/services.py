"""Writes of the Haushalt: imports, settings, a Produkt's finance data, Zuwendungen.

Every write checks the role (model permission) and, where an object belongs to a unit, the
unit scope (core.bearbeitung); forms and serializers only convert input.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.bearbeitung import felder_setzen, revision_pruefen, speichern
from haushalt import importer
from haushalt.models import (
    EINSTELLUNGEN_ID,
    Finanzerlaeuterung,
    HaushaltEinstellungen,
    Haushaltsimport,
    Produktzuordnung,
    Zuwendung,
)
from haushalt.selectors import produktgruppen_fuer
from organisation.bearbeitung import einheit_pruefen, recht_pruefen
from steuerung.berichte.sperre import Schreibsperre, sperrender_bericht
from steuerung.models import Massnahme, Produkt, Produktgruppe, Produktziel
from steuerung.selectors import ziele_fuer

_NIE_AENDERBAR = {"id", "revision"}


# --- Import ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Importergebnis:
    pruefung: importer.Pruefung
    protokoll: Haushaltsimport | None
    status: str  # Haushaltsimport.Status, or "vorschau" for a preview that stored nothing
    ersetzt: int = 0


def _import_recht(user) -> None:
    if user is not None:  # None: the system itself (demo data, management commands)
        recht_pruefen(user, "haushalt", "add", "haushaltsposition")


def _einstellungen_sperren() -> HaushaltEinstellungen:
    # One import at a time: the settings row serves as the lock (PostgreSQL row lock).
    eingestellt, _angelegt = HaushaltEinstellungen.objects.select_for_update().get_or_create(pk=EINSTELLUNGEN_ID)
    return eingestellt


def _protokoll(pruefung: importer.Pruefung, *, inhalt: bytes, user, status: str) -> Haushaltsimport:
    return Haushaltsimport.objects.create(
        dateiname=pruefung.dateiname[:255],
        sha256=pruefung.sha256,
        inhalt=inhalt,
        groesse=pruefung.groesse,
        hochgeladen_von=user,
        status=status,
        zeilen=pruefung.anzahl,
        gruppen=pruefung.gruppen_json(),
        summen=pruefung.summen_json(),
    )


def _anwenden(pruefung: importer.Pruefung, protokoll: Haushaltsimport, user) -> Importergebnis:
    """Write the checked rows unless they are the current state already; record the outcome."""
    if importer.ist_aktueller_stand(pruefung):
        protokoll.status = Haushaltsimport.Status.UNVERAENDERT
        protokoll.save(update_fields=["status"])
        return Importergebnis(pruefung, protokoll, protokoll.status)
    ersetzt = importer.positionen_schreiben(pruefung=pruefung, protokoll=protokoll)
    protokoll.status = Haushaltsimport.Status.UEBERNOMMEN
    protokoll.ersetzt = ersetzt
    protokoll.uebernommen_am = timezone.now()
    protokoll.uebernommen_von = user
    protokoll.save(update_fields=["status", "ersetzt", "uebernommen_am", "uebernommen_von"])
    return Importergebnis(pruefung, protokoll, protokoll.status, ersetzt)


@transaction.atomic
def haushalt_importieren(*, name: str, inhalt: bytes, user, vorschau: bool = False) -> Importergebnis:
    """Check a file and, unless `vorschau`, apply it at once (all rows or none).

    A preview writes nothing at all. Applied, the file is kept with its outcome: its groups
    (Jahr, Art, Stichtag) are replaced in this transaction, or, when they already hold exactly
    this file's rows, nothing changes and the upload is recorded as unchanged.
    """
    _import_recht(user)
    if vorschau:
        return Importergebnis(importer.datei_pruefen(name=name, inhalt=inhalt), None, "vorschau")
    eingestellt = _einstellungen_sperren()
    pruefung = importer.datei_pruefen(name=name, inhalt=inhalt, eingestellt=eingestellt)
    protokoll = _protokoll(pruefung, inhalt=inhalt, user=user, status=Haushaltsimport.Status.VORSCHAU)
    return _anwenden(pruefung, protokoll, user)


@transaction.atomic
def haushalt_upload_vormerken(*, name: str, inhalt: bytes, user) -> Haushaltsimport:
    """Check a file and keep it for review (the page shows the preview and asks to confirm)."""
    _import_recht(user)
    pruefung = importer.datei_pruefen(name=name, inhalt=inhalt)
    return _protokoll(pruefung, inhalt=inhalt, user=user, status=Haushaltsimport.Status.VORSCHAU)


@transaction.atomic
def haushalt_upload_uebernehmen(*, upload: Haushaltsimport, user) -> Importergebnis:
    """Apply a reviewed upload; its bytes are checked again against today's Produkte and settings."""
    _import_recht(user)
    eingestellt = _einstellungen_sperren()
    upload = Haushaltsimport.objects.select_for_update().get(pk=upload.pk)
    if upload.status != Haushaltsimport.Status.VORSCHAU:
        raise ValidationError(
            _("Dieser Upload ist bereits abgeschlossen (%(status)s).") % {"status": upload.get_status_display()}
        )
    pruefung = importer.datei_pruefen(name=upload.dateiname, inhalt=bytes(upload.inhalt), eingestellt=eingestellt)
    upload.summen = pruefung.summen_json()
    upload.save(update_fields=["summen"])
    return _anwenden(pruefung, upload, user)


@transaction.atomic
def haushalt_upload_verwerfen(*, upload: Haushaltsimport, user) -> Haushaltsimport:
    _import_recht(user)
    upload = Haushaltsimport.objects.select_for_update().get(pk=upload.pk)
    if upload.status == Haushaltsimport.Status.VORSCHAU:
        upload.status = Haushaltsimport.Status.VERWORFEN
        upload.save(update_fields=["status"])
    return upload


# --- Settings and a Produkt's finance data -----------------------------------------------------


@transaction.atomic
def einstellungen_speichern(*, daten: Mapping[str, Any], user, revision: int | None = None) -> HaushaltEinstellungen:
    recht_pruefen(user, "haushalt", "change", "haushalteinstellungen")
    eingestellt = _einstellungen_sperren()
    revision_pruefen(eingestellt, revision)
    if felder_setzen(eingestellt, daten, nie_aenderbar=_NIE_AENDERBAR):
        eingestellt.revision += 1
        speichern(eingestellt, user)
    return eingestellt


@transaction.atomic
def produktzuordnung_speichern(
    *, produkt: Produkt, daten: Mapping[str, Any], user, revision: int | None = None
) -> Produktzuordnung:
    """Set a Produkt's responsible unit, Fallzahl-Kennzahl and Transferaufwand line."""
    zuordnung = Produktzuordnung.objects.select_for_update().filter(produkt=produkt).first()
    neu = zuordnung is None
    if zuordnung is None:
        recht_pruefen(user, "haushalt", "add", "produktzuordnung")
        zuordnung = Produktzuordnung(produkt=produkt)
    else:
        recht_pruefen(user, "haushalt", "change", "produktzuordnung")
        einheit_pruefen(user, zuordnung.organisationseinheit_id)
        revision_pruefen(zuordnung, revision)
    if felder_setzen(zuordnung, daten, nie_aenderbar=_NIE_AENDERBAR | {"produkt"}) or neu:
        einheit_pruefen(user, zuordnung.organisationseinheit_id)
        if not neu:
            zuordnung.revision += 1
        speichern(zuordnung, user)
    return zuordnung


# --- Zuwendungen -------------------------------------------------------------------------------


def _verknuepfungen_pruefen(zuwendung: Zuwendung, user) -> None:
    """A Zuwendung may name only a Maßnahme or Produktziel the user can see."""
    if zuwendung.massnahme_id and not ziele_fuer(Massnahme, user).filter(pk=zuwendung.massnahme_id).exists():
        raise ValidationError({"massnahme": _("Diese Maßnahme ist unbekannt.")})
    if zuwendung.produktziel_id and not ziele_fuer(Produktziel, user).filter(pk=zuwendung.produktziel_id).exists():
        raise ValidationError({"produktziel": _("Dieses Produktziel ist unbekannt.")})


@transaction.atomic
def zuwendung_anlegen(*, daten: Mapping[str, Any], user) -> Zuwendung:
    recht_pruefen(user, "haushalt", "add", "zuwendung")
    zuwendung = Zuwendung(**{k: v for k, v in daten.items() if k not in _NIE_AENDERBAR})
    einheit_pruefen(user, zuwendung.organisationseinheit_id)
    _verknuepfungen_pruefen(zuwendung, user)
    return speichern(zuwendung, user)


@transaction.atomic
def zuwendung_aendern(*, zuwendung: Zuwendung, daten: Mapping[str, Any], user, revision: int | None) -> Zuwendung:
    recht_pruefen(user, "haushalt", "change", "zuwendung")
    zuwendung = Zuwendung.objects.select_for_update().get(pk=zuwendung.pk)
    einheit_pruefen(user, zuwendung.organisationseinheit_id)
    revision_pruefen(zuwendung, revision)
    if felder_setzen(zuwendung, daten, nie_aenderbar=_NIE_AENDERBAR):
        einheit_pruefen(user, zuwendung.organisationseinheit_id)
        _verknuepfungen_pruefen(zuwendung, user)
        zuwendung.revision += 1
        speichern(zuwendung, user)
    return zuwendung


@transaction.atomic
def zuwendung_loeschen(*, zuwendung: Zuwendung, user) -> None:
    recht_pruefen(user, "haushalt", "delete", "zuwendung")
    einheit_pruefen(user, zuwendung.organisationseinheit_id)
    zuwendung._history_user = user
    zuwendung.delete()


# --- Explanations of the report's finance section ----------------------------------------------


def _erlaeuterung_sperre_pruefen(produktgruppe: Produktgruppe, periode: str) -> None:
    """Refuse while a report covering a unit responsible for the Produktgruppe is submitted or approved.

    The report rows are locked for the rest of the transaction (as for a Messwert), so a
    submission cannot slip between this check and the save.
    """
    einheiten = (
        Produktzuordnung.objects.filter(produkt__produktgruppe=produktgruppe, organisationseinheit__isnull=False)
        .values_list("organisationseinheit_id", flat=True)
        .distinct()
    )
    for oe_id in sorted(set(einheiten)):
        bericht = sperrender_bericht(organisationseinheit=oe_id, periode=periode, sperren=True)
        if bericht is not None:
            raise Schreibsperre(bericht=bericht, periode=periode)


@transaction.atomic
def finanzerlaeuterung_speichern(
    *, produktgruppe: Produktgruppe, periode: str, daten: Mapping[str, Any], user, revision: int | None = None
) -> Finanzerlaeuterung:
    """Write Begründung and Gegensteuerung of a Produktgruppe's deviation in a tertial.

    Steps: role; scope (a Produktgruppe with a Produkt of the user's units); the report lock;
    the optimistic lock (a form that saw no explanation sends revision 0, the first save makes it
    1, so a second form that saw none is refused); save if changed.
    """
    erlaeuterung = (
        Finanzerlaeuterung.objects.select_for_update().filter(produktgruppe=produktgruppe, periode=periode).first()
    )
    neu = erlaeuterung is None
    recht_pruefen(user, "haushalt", "add" if neu else "change", "finanzerlaeuterung")
    if not produktgruppen_fuer(user=user).filter(pk=produktgruppe.pk).exists():
        raise PermissionDenied(_("Sie dürfen nur Produktgruppen Ihrer eigenen Organisationseinheit erläutern."))
    if neu:
        erlaeuterung = Finanzerlaeuterung(produktgruppe=produktgruppe, periode=periode)
        erlaeuterung.full_clean(exclude=["begruendung", "gegensteuerung"])
        if revision not in (None, 0):
            raise ValidationError(
                {"revision": _("Diese Erläuterung gibt es nicht mehr. Bitte laden Sie die Seite neu.")}
            )
    else:
        revision_pruefen(erlaeuterung, revision)
    _erlaeuterung_sperre_pruefen(produktgruppe, periode)
    werte = {k: (v or "").strip() for k, v in daten.items() if k in ("begruendung", "gegensteuerung")}
    if felder_setzen(erlaeuterung, werte, nie_aenderbar=_NIE_AENDERBAR) or neu:
        # Revision 0 stands for "no explanation yet", so even the first save counts.
        erlaeuterung.revision += 1
        speichern(erlaeuterung, user)
    return erlaeuterung
