"""Writes of the tertial data entry: Messwerte with optimistic locking and the explanation duty.

Rules (issue "Tertialberichte I"), shared by form, Excel upload and API:
- only units in the user's scope; the period must match the Kennzahl's Erhebungsrhythmus;
- `revision` is the state the user saw (None = "there was no value yet"); any other state
  means somebody saved in between: refused with a German message naming the other change;
- a red Ampel or a deviation to last year above the Kennzahl's threshold requires Begründung
  and Gegensteuerung (was, wer, bis) before the value counts as complete; a draft
  (`entwurf=True`) may be saved without them and stays marked incomplete;
- unchanged input changes nothing (no new revision, no history row);
- the published free texts name no person (organisation.personennamen); the Kommentar is an
  internal note and may.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from core.bearbeitung import konflikt, revision_erhoehen, revision_pruefen
from core.money import format_de
from core.periods import Periode
from core.periods import periode as periode_aus_schluessel
from organisation.bearbeitung import einheit_pruefen, recht_pruefen
from organisation.personennamen import Namenspruefung, personennamen_fehler
from steuerung.auswertung import ERKLAERUNGSFELDER, auswerten
from steuerung.berichte.sperre import messwert_aenderung_pruefen
from steuerung.messarten import messwert_eingabe
from steuerung.models import Kennzahl, Messwert
from steuerung.reihen import reihen_laden

INHALTSFELDER = (
    "wert",
    "kommentar",
    "nachweis",
    "begruendung",
    "gegensteuerung_was",
    "gegensteuerung_wer",
    "gegensteuerung_bis",
    "sorgenampel",
    "sorgenampel_grund",
    "zaehler",
    "nenner",
    "fallzahl",
    "fehlt_begruendung",
)

# Free texts printed in the published report: no personal names (organisation.personennamen).
# "kommentar" and "nachweis" are internal and never reach the council.
VEROEFFENTLICHTE_TEXTFELDER = (
    "begruendung",
    "gegensteuerung_was",
    "gegensteuerung_wer",
    "fehlt_begruendung",
    "sorgenampel_grund",
)
_BEZEICHNUNGEN = {f: Messwert._meta.get_field(f).verbose_name for f in VEROEFFENTLICHTE_TEXTFELDER}


def periode_pruefen(kennzahl: Kennzahl, schluessel: str) -> Periode:
    """Parse a period key and check it fits the Kennzahl's rhythm (German ValidationError otherwise)."""
    try:
        p = periode_aus_schluessel(schluessel)
    except ValueError as exc:
        raise ValidationError({"periode": str(exc)}) from exc
    if p.rhythmus != kennzahl.erhebungsrhythmus:
        raise ValidationError(
            {
                "periode": _("Die Kennzahl „%(k)s“ wird je %(r)s erhoben; „%(p)s“ passt nicht dazu.")
                % {"k": kennzahl, "r": kennzahl.get_erhebungsrhythmus_display(), "p": schluessel}
            }
        )
    return p


def erklaerung_pruefen(*, kennzahl: Kennzahl, periode: Periode, daten: dict[str, Any]) -> list[str]:
    """Names of the explanation fields still missing for these values (empty when none is required)."""
    reihe = reihen_laden([kennzahl])[kennzahl.pk]
    vorlaeufig = Messwert(kennzahl=kennzahl, periode=periode.schluessel, periode_ende=periode.ende, **daten)
    reihe.einsetzen(vorlaeufig)
    a = auswerten(kennzahl, periode, reihe)
    return [feld for feld in ERKLAERUNGSFELDER if a.erklaerung_noetig and not daten.get(feld)]


def eingabe_pruefen(
    *,
    kennzahl: Kennzahl,
    periode: Periode,
    entwurf: bool,
    werte: dict[str, Any],
    namen: Namenspruefung | None = None,
) -> dict[str, Any]:
    """The normalised content fields of one entry (`werte`: the keyword arguments of messwert_speichern).

    Raises a ValidationError keyed by field with every German message of the entry. `namen`
    lets a caller checking many entries read and compile the person names once.
    """
    # Counts, the computed rate and a value-less entry (steuerung.messarten, issue "Kennzahlen II").
    eingabe = messwert_eingabe(
        messart=kennzahl.messart,
        skalierung=Decimal(kennzahl.skalierung),
        wert=werte.get("wert"),
        zaehler=werte.get("zaehler"),
        nenner=werte.get("nenner"),
        fallzahl=werte.get("fallzahl"),
        fehlt_begruendung=werte.get("fehlt_begruendung", ""),
        entwurf=entwurf,
        sorgenampel=werte.get("sorgenampel", False),
    )
    wert = eingabe.wert
    daten: dict[str, Any] = {
        "wert": wert,
        "kommentar": (werte.get("kommentar") or "").strip(),
        "nachweis": (werte.get("nachweis") or "").strip(),
        "begruendung": (werte.get("begruendung") or "").strip(),
        "gegensteuerung_was": (werte.get("gegensteuerung_was") or "").strip(),
        "gegensteuerung_wer": (werte.get("gegensteuerung_wer") or "").strip(),
        "gegensteuerung_bis": werte.get("gegensteuerung_bis"),
        "sorgenampel": bool(werte.get("sorgenampel", False)),
        "sorgenampel_grund": (werte.get("sorgenampel_grund") or "").strip(),
        "zaehler": werte.get("zaehler"),
        "nenner": werte.get("nenner"),
        "fallzahl": werte.get("fallzahl"),
        "fehlt_begruendung": (werte.get("fehlt_begruendung") or "").strip(),
    }
    fehler: dict[str, str] = dict(eingabe.fehler)
    for feld, text in personennamen_fehler(
        {f: daten[f] for f in VEROEFFENTLICHTE_TEXTFELDER}, bezeichnungen=_BEZEICHNUNGEN, pruefung=namen
    ).items():
        fehler.setdefault(feld, text)
    if daten["sorgenampel"] and not daten["sorgenampel_grund"]:
        fehler["sorgenampel_grund"] = _("Bitte begründen Sie die Sorgenampel.")
    if not entwurf and wert is not None:
        for feld in erklaerung_pruefen(kennzahl=kennzahl, periode=periode, daten=daten):
            fehler[feld] = _(
                "Pflichtangabe: Die Ampel ist rot oder die Abweichung zum Vorjahr übersteigt %(s)s %%. "
                "Ohne diese Angabe können Sie nur als Entwurf speichern."
            ) % {"s": format_de(kennzahl.schwelle_abweichung_prozent, 0)}
    if fehler:
        raise ValidationError(fehler)
    return daten


def unveraendert(vorhanden: Messwert | None, daten: dict[str, Any]) -> bool:
    """Unchanged input changes nothing (no new revision, no history row)."""
    return vorhanden is not None and all(getattr(vorhanden, f) == daten[f] for f in INHALTSFELDER)


def vorbereiten(*, vorhanden: Messwert | None, kennzahl: Kennzahl, periode: Periode, daten: dict, user) -> Messwert:
    """The row to save: the existing one or a new one, with the new content, the user and one more revision."""
    messwert = vorhanden or Messwert(kennzahl=kennzahl, periode=periode.schluessel, periode_ende=periode.ende)
    for feld, inhalt in daten.items():
        setattr(messwert, feld, inhalt)
    messwert.erfasst_von = user
    revision_erhoehen(messwert)
    return messwert


@transaction.atomic
def messwert_speichern(
    *,
    kennzahl: Kennzahl,
    periode: str,
    user,
    revision: int | None,
    entwurf: bool = False,
    wert: Decimal | None = None,
    kommentar: str = "",
    nachweis: str = "",
    begruendung: str = "",
    gegensteuerung_was: str = "",
    gegensteuerung_wer: str = "",
    gegensteuerung_bis: date | None = None,
    sorgenampel: bool = False,
    sorgenampel_grund: str = "",
    zaehler: Decimal | None = None,
    nenner: Decimal | None = None,
    fallzahl: Decimal | None = None,
    fehlt_begruendung: str = "",
) -> Messwert:
    """Save the Ist of a Kennzahl for a period.

    Steps: check scope and period; lock the existing row; refuse an outdated revision; without
    `entwurf` require the explanation where the engine asks for it; skip unchanged input;
    full_clean, save, bump the revision. steuerung.erfassung_stapel applies the same steps to
    many rows at once (Excel upload).
    """
    werte = {
        "wert": wert,
        "kommentar": kommentar,
        "nachweis": nachweis,
        "begruendung": begruendung,
        "gegensteuerung_was": gegensteuerung_was,
        "gegensteuerung_wer": gegensteuerung_wer,
        "gegensteuerung_bis": gegensteuerung_bis,
        "sorgenampel": sorgenampel,
        "sorgenampel_grund": sorgenampel_grund,
        "zaehler": zaehler,
        "nenner": nenner,
        "fallzahl": fallzahl,
        "fehlt_begruendung": fehlt_begruendung,
    }
    recht_pruefen(user, "steuerung", "add", "messwert")
    recht_pruefen(user, "steuerung", "change", "messwert")
    einheit_pruefen(user, kennzahl.organisationseinheit_id)
    p = periode_pruefen(kennzahl, periode)
    # Tertialberichte II: an approved report locks its period's values.
    messwert_aenderung_pruefen(kennzahl=kennzahl, periode=p.schluessel)
    daten = eingabe_pruefen(kennzahl=kennzahl, periode=p, entwurf=entwurf, werte=werte)

    vorhanden = (
        # of=self: PostgreSQL refuses FOR UPDATE on the nullable side of the erfasst_von outer join.
        Messwert.objects.select_for_update(of=("self",))
        .select_related("erfasst_von")
        .filter(kennzahl=kennzahl, periode=p.schluessel)
        .first()
    )
    # Without a row there is nothing to conflict with: a value the user saw may have been
    # deleted meanwhile, and saving anew is safe. With a row, None ("I saw none") is outdated.
    if vorhanden is not None:
        revision_pruefen(vorhanden, revision, pflicht=True)
    if unveraendert(vorhanden, daten):
        return vorhanden
    messwert = vorbereiten(vorhanden=vorhanden, kennzahl=kennzahl, periode=p, daten=daten, user=user)
    messwert.full_clean(validate_constraints=vorhanden is not None)
    try:
        with transaction.atomic():
            messwert.save()
    except IntegrityError as exc:
        # Somebody created the row between our read and our insert.
        anderer = Messwert.objects.select_related("erfasst_von").get(kennzahl=kennzahl, periode=p.schluessel)
        raise konflikt(anderer) from exc
    return messwert
