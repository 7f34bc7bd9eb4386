"""Writes of the Zielpyramide: goals, Maßnahmen, Kennzahlen (versioned) and the year rollover.

Who may write what (issue 3): the Steuerungsunterstützung edits everything; the
Sachbearbeitung edits only Maßnahmen of its own unit and the texts of its unit's Kennzahlen;
everybody else reads. Model permissions say which models a role may write at all; the unit
scope and the Kennzahl field limit are enforced here, so API and UI share them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from core.bearbeitung import felder_setzen, revision_erhoehen, revision_pruefen, speichern
from core.periods import periode as periode_aus_schluessel
from organisation.bearbeitung import einheit_pruefen, recht_pruefen
from organisation.rollen import Rolle
from organisation.selectors import hat_rolle, kommune
from organisation.verantwortung import verantwortliche_pruefen
from steuerung.lesestand.basis import datenstand_erhoehen
from steuerung.models import (
    Kennzahl,
    Kennzahlversion,
    Leitziel,
    Massnahme,
    Messwert,
    Produktgruppenziel,
    Produktziel,
    Sollwert,
    Teilziel,
)
from steuerung.models.kennzahlen import ZIEL_FELDER
from steuerung.selectors import TYP_VON_MODELL, ZIELMODELLE

# Texts of a Kennzahl the Sachbearbeitung may maintain; targets and thresholds are not among them.
KENNZAHL_TEXTFELDER = frozenset({"bezeichnung", "definition", "formel", "einheit", "datenquelle", "erhebungsmethode"})
# Fields whose change after a period has a value breaks the series: new version, reason required.
KENNZAHL_VERSIONIERT = (
    "definition",
    "formel",
    "einheit",
    "messart",
    "skalierung",
    "richtung",
    "erhebungsrhythmus",
    "ausgangswert",
    "ausgangsjahr",
    "zielwert",
    "zieljahr",
    "schwelle_ueberplanmaessig",
    "schwelle_zur_gaenze",
    "schwelle_ueberwiegend",
    "schwelle_teilweise",
    "schwelle_abweichung_prozent",
)
_NIE_AENDERBAR = frozenset({"id", "pk", "revision", "version", "jahr"})


def darf_alles(user) -> bool:
    """The Steuerungsunterstützung (and a superuser) maintains the whole system, in every unit."""
    return bool(user.is_superuser or hat_rolle(user, Rolle.STEUERUNG))


def _verantwortung_pruefen(obj: models.Model, geaendert: Iterable[str] | None = None) -> None:
    """The named persons must be able to own the object (organisation.verantwortung); on a change
    only when a person or the unit changed, so an old assignment does not block unrelated edits."""
    felder = [f for f in ("verantwortlich", "vertretung") if hasattr(obj, f"{f}_id")]
    if geaendert is not None and not set(geaendert) & {*felder, "organisationseinheit"}:
        return
    verantwortliche_pruefen(obj.organisationseinheit_id, {f: getattr(obj, f) for f in felder})


# --- Goals and Maßnahmen -------------------------------------------------------------------


@transaction.atomic
def ziel_anlegen(*, typ: str, daten: Mapping[str, Any], user) -> models.Model:
    """Create a goal of level `typ` (or a Maßnahme) after the role and unit checks."""
    modell = ZIELMODELLE[typ]
    recht_pruefen(user, "steuerung", "add", typ)
    ziel = modell(**{k: v for k, v in daten.items() if k not in _NIE_AENDERBAR or k == "jahr"})
    if not darf_alles(user):
        einheit_pruefen(user, ziel.organisationseinheit_id)
    _verantwortung_pruefen(ziel)
    return speichern(ziel, user)


@transaction.atomic
def ziel_aendern(*, ziel: models.Model, daten: Mapping[str, Any], user, revision: int | None) -> models.Model:
    """Change a goal; refuses an outdated revision and edits outside the user's unit."""
    typ = TYP_VON_MODELL[type(ziel)]
    recht_pruefen(user, "steuerung", "change", typ)
    ziel = type(ziel).objects.select_for_update().get(pk=ziel.pk)
    if not darf_alles(user):
        einheit_pruefen(user, ziel.organisationseinheit_id)
    revision_pruefen(ziel, revision)
    if geaendert := felder_setzen(ziel, daten, nie_aenderbar=_NIE_AENDERBAR):
        if not darf_alles(user):
            einheit_pruefen(user, ziel.organisationseinheit_id)
        _verantwortung_pruefen(ziel, geaendert)
        revision_erhoehen(ziel)
        speichern(ziel, user)
    return ziel


# --- Kennzahlen ------------------------------------------------------------------------------


def _sollwerte_setzen(kennzahl: Kennzahl, sollwerte: Iterable[Mapping[str, Any]]) -> None:
    """Replace the Sollwerte of a Kennzahl; each period key must be valid and unique."""
    fehler, gesehen, neu = [], set(), []
    for eintrag in sollwerte:
        schluessel = str(eintrag.get("periode", "")).strip()
        try:
            periode_aus_schluessel(schluessel)
        except (ValueError, TypeError):
            fehler.append(_("Periode „%(p)s“ ist ungültig (Beispiele: 2025, 2025-T2, 2025-03).") % {"p": schluessel})
            continue
        if schluessel in gesehen:
            fehler.append(_("Für die Periode %(p)s ist der Sollwert doppelt angegeben.") % {"p": schluessel})
            continue
        gesehen.add(schluessel)
        neu.append(Sollwert(kennzahl=kennzahl, periode=schluessel, wert=eintrag.get("wert")))
    if fehler:
        raise ValidationError({"sollwerte": fehler})
    kennzahl.sollwerte.all().delete()
    for sollwert in neu:
        sollwert.full_clean(exclude=["kennzahl"])
    Sollwert.objects.bulk_create(neu)
    datenstand_erhoehen()  # bulk_create sends no signals


def _kennzahl_definition(kennzahl: Kennzahl) -> dict[str, Any]:
    return {feld: (str(v) if (v := getattr(kennzahl, feld)) is not None else None) for feld in KENNZAHL_VERSIONIERT}


SCHWELLEN = ("schwelle_ueberplanmaessig", "schwelle_zur_gaenze", "schwelle_ueberwiegend", "schwelle_teilweise")


def standardschwellen() -> dict[str, Decimal]:
    """The Kommune's Ampel thresholds: starting values of a new Kennzahl (a sent value wins)."""
    eingestellt = kommune()
    return {f: getattr(eingestellt, f) for f in SCHWELLEN}


@transaction.atomic
def kennzahl_anlegen(
    *, daten: Mapping[str, Any], user, sollwerte: Iterable[Mapping[str, Any]] | None = None
) -> Kennzahl:
    recht_pruefen(user, "steuerung", "add", "kennzahl")
    daten = {**standardschwellen(), **daten}
    kennzahl = Kennzahl(**{k: v for k, v in daten.items() if k not in _NIE_AENDERBAR or k == "jahr"})
    if not kennzahl.jahr and kennzahl.ziel is not None:
        kennzahl.jahr = kennzahl.ziel.jahr
    if not darf_alles(user):
        einheit_pruefen(user, kennzahl.organisationseinheit_id)
    _verantwortung_pruefen(kennzahl)
    speichern(kennzahl, user)
    if sollwerte is not None:
        _sollwerte_setzen(kennzahl, sollwerte)
    return kennzahl


@transaction.atomic
def kennzahl_aendern(
    *,
    kennzahl: Kennzahl,
    daten: Mapping[str, Any],
    user,
    revision: int | None,
    grund: str = "",
    sollwerte: Iterable[Mapping[str, Any]] | None = None,
) -> Kennzahl:
    """Change a Kennzahl.

    Steps: lock the row, check revision, check the Sachbearbeitung's field limit, apply the
    changes; if a versioned field changed and a period already has a value, freeze the old
    definition as a Kennzahlversion with the mandatory reason and bump `version`.
    """
    recht_pruefen(user, "steuerung", "change", "kennzahl")
    kennzahl = Kennzahl.objects.select_for_update().get(pk=kennzahl.pk)
    if not darf_alles(user):
        einheit_pruefen(user, kennzahl.organisationseinheit_id)
    revision_pruefen(kennzahl, revision)
    vorher = _kennzahl_definition(kennzahl)
    geaendert = felder_setzen(kennzahl, daten, nie_aenderbar=_NIE_AENDERBAR)
    if not darf_alles(user):
        verboten = sorted(set(geaendert) - KENNZAHL_TEXTFELDER) + (["sollwerte"] if sollwerte is not None else [])
        if verboten:
            raise PermissionDenied(
                _("Sie dürfen nur die Beschreibung einer Kennzahl ändern, nicht: %(felder)s.")
                % {"felder": ", ".join(verboten)}
            )
    _verantwortung_pruefen(kennzahl, geaendert)
    versioniert = [f for f in geaendert if f in KENNZAHL_VERSIONIERT]
    if versioniert:
        letzter = Messwert.objects.filter(kennzahl=kennzahl, wert__isnull=False).order_by("-periode_ende").first()
        if letzter is not None:
            if not grund.strip():
                raise ValidationError(
                    {
                        "grund": _(
                            "Für diese Kennzahl liegen bereits Werte vor (zuletzt %(periode)s). Eine Änderung von "
                            "Definition, Ziel- oder Schwellenwerten braucht einen Grund; sie wird als neue Version "
                            "gespeichert."
                        )
                        % {"periode": periode_aus_schluessel(letzter.periode).bezeichnung}
                    }
                )
            Kennzahlversion.objects.create(
                kennzahl=kennzahl,
                version=kennzahl.version,
                gueltig_bis_periode=letzter.periode,
                definition=vorher,
                grund=grund.strip(),
                geaendert_von=user,
            )
            kennzahl.version += 1
    if geaendert or sollwerte is not None:
        revision_erhoehen(kennzahl)
        speichern(kennzahl, user)
    if sollwerte is not None:
        _sollwerte_setzen(kennzahl, sollwerte)
    return kennzahl


@transaction.atomic
def sollwerte_der_perioden_setzen(
    *, kennzahl: Kennzahl, werte: Mapping[str, Any], user, revision: int | None
) -> Kennzahl:
    """Set the Sollwerte of the given periods (None: no explicit Soll), keeping those of other periods.

    The Sollwert table of one year (steuerung.solltabelle) saves through this, all at once and
    under the Kennzahl's lock; the rules are kennzahl_aendern's (only the Steuerungsunterstützung).
    """
    behalten = [
        {"periode": s.periode, "wert": s.wert}
        for s in Sollwert.objects.filter(kennzahl=kennzahl).exclude(periode__in=werte)
    ]
    neu = [{"periode": p, "wert": w} for p, w in werte.items() if w is not None]
    return kennzahl_aendern(kennzahl=kennzahl, daten={}, user=user, revision=revision, sollwerte=[*behalten, *neu])


# --- Year rollover -----------------------------------------------------------------------------

_ZIEL_KOPIERFELDER = (
    "code",
    "titel",
    "zielgruppe",
    "zielart",
    "wirkungsebene",
    "organisationseinheit_id",
    "verantwortlich_id",
    "begruendung_plausibilitaet",
    "rollup",
)
_KENNZAHL_KOPIERFELDER = tuple(
    f.attname
    for f in Kennzahl._meta.concrete_fields
    if f.name not in {"id", "jahr", "version", "revision", *ZIEL_FELDER}
)


@transaction.atomic
def zielmatrix_uebernehmen(*, von_jahr: int, user) -> dict[str, int]:
    """Copy the Zielmatrix of `von_jahr` into the next year, in one transaction.

    Archived goals and Kennzahlen stay behind. Steps: per level top-down, reuse the next year's goal with the same code or create it,
    re-pointing parents to their copies; then copy each goal's Kennzahlen unless the copied goal
    already has one with the same Bezeichnung. Running it twice creates nothing the second time.
    Returns the number of created rows per kind.
    """
    if not darf_alles(user):
        raise PermissionDenied(_("Nur die Steuerungsunterstützung darf die Zielmatrix übernehmen."))
    nach_jahr = von_jahr + 1
    if not Leitziel.objects.filter(jahr=von_jahr).exists():
        raise ValidationError(
            _("Für %(jahr)s gibt es keine Zielmatrix, die übernommen werden könnte.") % {"jahr": von_jahr}
        )
    kopie: dict[tuple[str, int], models.Model] = {}
    angelegt = dict.fromkeys(ZIELMODELLE, 0) | {"kennzahl": 0}

    def uebernehmen(typ: str, ziel: models.Model, eltern: dict[str, Any]) -> None:
        modell = type(ziel)
        neu = modell.objects.filter(jahr=nach_jahr, code=ziel.code).first()
        if neu is None:
            neu = modell(jahr=nach_jahr, **{f: getattr(ziel, f) for f in _ZIEL_KOPIERFELDER}, **eltern)
            for feld in ("massnahmenziel", "beginn", "ende", "praeventionsform", "produktgruppe_id", "produkt_id"):
                if hasattr(ziel, feld):
                    setattr(neu, feld, getattr(ziel, feld))
            speichern(neu, user)
            angelegt[typ] += 1
        kopie[(typ, ziel.pk)] = neu

    def eltern_von(typ: str, feld: str, wert: int | None) -> models.Model | None:
        return kopie.get((typ, wert)) if wert else None

    for lz in Leitziel.objects.filter(jahr=von_jahr, archiviert=False):
        uebernehmen("leitziel", lz, {})
    for pgz in Produktgruppenziel.objects.filter(jahr=von_jahr, archiviert=False):
        uebernehmen("produktgruppenziel", pgz, {"leitziel": kopie[("leitziel", pgz.leitziel_id)]})
    for pz in Produktziel.objects.filter(jahr=von_jahr, archiviert=False):
        uebernehmen("produktziel", pz, {"produktgruppenziel": kopie[("produktgruppenziel", pz.produktgruppenziel_id)]})
    teilziele = {tz.pk: tz for tz in Teilziel.objects.filter(jahr=von_jahr, archiviert=False)}

    def tiefe(tz: Teilziel) -> int:
        stufe = 0
        while tz.eltern_id in teilziele and stufe < len(teilziele):
            tz, stufe = teilziele[tz.eltern_id], stufe + 1
        return stufe

    for tz in sorted(teilziele.values(), key=tiefe):  # parents before their children
        uebernehmen(
            "teilziel",
            tz,
            {
                "produktziel": kopie[("produktziel", tz.produktziel_id)],
                "eltern": eltern_von("teilziel", "eltern", tz.eltern_id),
            },
        )
    for m in Massnahme.objects.filter(jahr=von_jahr, archiviert=False):
        uebernehmen(
            "massnahme",
            m,
            {
                "produktziel": eltern_von("produktziel", "produktziel", m.produktziel_id),
                "teilziel": eltern_von("teilziel", "teilziel", m.teilziel_id),
            },
        )
    for k in Kennzahl.objects.filter(jahr=von_jahr, archiviert=False):
        typ = next(t for t in ZIEL_FELDER if getattr(k, f"{t}_id"))
        ziel = kopie.get((typ, getattr(k, f"{typ}_id")))
        if ziel is None or Kennzahl.objects.filter(**{typ: ziel}, bezeichnung=k.bezeichnung).exists():
            continue
        neu = Kennzahl(jahr=nach_jahr, **{f: getattr(k, f) for f in _KENNZAHL_KOPIERFELDER}, **{typ: ziel})
        speichern(neu, user)
        angelegt["kennzahl"] += 1
    return angelegt
