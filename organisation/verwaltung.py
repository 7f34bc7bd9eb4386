"""Writes of the Administration: the Kommune's settings and the tree of Organisationseinheiten.

Each write checks the role (organisation.bearbeitung), validates the whole row at once
(full_clean, so a form or client sees every error together) and records the history.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.bearbeitung import felder_setzen, revision_erhoehen, revision_pruefen, speichern
from core.zwischenspeicher import vergessen
from organisation.bearbeitung import recht_pruefen
from organisation.models import KOMMUNE_ID, Kommune, Organisationseinheit
from organisation.selectors import KOMMUNE_SPEICHER

KOMMUNE_FELDER = (
    "name",
    "schwelle_ueberplanmaessig",
    "schwelle_zur_gaenze",
    "schwelle_ueberwiegend",
    "schwelle_teilweise",
    "erfassungsfrist_tage",
    "mindesteinwohner_raum",
    "kleinzahl_grenze",
)
EINHEIT_FELDER = ("kuerzel", "name", "ebene", "eltern")


@transaction.atomic
def kommune_speichern(*, daten: Mapping[str, Any], user, revision: int | None) -> Kommune:
    """Save the Kommune's settings under the optimistic lock (the first save creates the row)."""
    recht_pruefen(user, "organisation", "change", "kommune")
    kommune = Kommune.objects.select_for_update().filter(pk=KOMMUNE_ID).first()
    if kommune is None:
        kommune = Kommune(pk=KOMMUNE_ID)
        kommune.save()
    revision_pruefen(kommune, revision, pflicht=True)
    if felder_setzen(kommune, {f: daten[f] for f in KOMMUNE_FELDER if f in daten}, nie_aenderbar=()):
        revision_erhoehen(kommune)
        speichern(kommune, user)
    vergessen(KOMMUNE_SPEICHER)
    return kommune


@transaction.atomic
def organisationseinheit_anlegen(*, daten: Mapping[str, Any], user) -> Organisationseinheit:
    recht_pruefen(user, "organisation", "add", "organisationseinheit")
    einheit = Organisationseinheit(**{f: daten.get(f) for f in EINHEIT_FELDER if f in daten})
    return speichern(einheit, user)


@transaction.atomic
def organisationseinheit_aendern(
    *, einheit: Organisationseinheit, daten: Mapping[str, Any], user
) -> Organisationseinheit:
    recht_pruefen(user, "organisation", "change", "organisationseinheit")
    einheit = Organisationseinheit.objects.select_for_update().get(pk=einheit.pk)
    if felder_setzen(einheit, {f: daten[f] for f in EINHEIT_FELDER if f in daten}, nie_aenderbar=()):
        speichern(einheit, user)
    return einheit


def verwendungen(einheit: Organisationseinheit) -> list[str]:
    """What still refers to the unit, e.g. ["3 Benutzer/innen", "2 Kennzahlen"] (one count per relation).

    Every relation of every app counts, so organisation need not know the apps above it;
    only the change history (kept without a database constraint) does not.
    """
    ergebnis = []
    for rel in Organisationseinheit._meta.get_fields(include_hidden=True):
        if not (rel.auto_created and not rel.concrete and (rel.one_to_many or rel.one_to_one)):
            continue
        if rel.on_delete is models.DO_NOTHING:
            continue
        anzahl = rel.related_model._base_manager.filter(**{rel.field.name: einheit}).count()
        if anzahl:
            meta = rel.related_model._meta
            name = meta.verbose_name if anzahl == 1 else meta.verbose_name_plural
            if rel.related_model is Organisationseinheit:
                name = ngettext("untergeordnete Einheit", "untergeordnete Einheiten", anzahl)
            ergebnis.append(f"{anzahl} {name}")
    return ergebnis


@transaction.atomic
def organisationseinheit_loeschen(*, einheit: Organisationseinheit, user) -> None:
    """Delete an unused unit; a unit still referred to is refused with what refers to it."""
    recht_pruefen(user, "organisation", "delete", "organisationseinheit")
    einheit = Organisationseinheit.objects.select_for_update().get(pk=einheit.pk)
    belegt = verwendungen(einheit)
    if belegt:
        raise ValidationError(
            _(
                "„%(einheit)s“ kann nicht gelöscht werden, weil sie noch verwendet wird: %(wo)s. "
                "Bitte diese Einträge zuerst einer anderen Einheit zuordnen."
            )
            % {"einheit": einheit, "wo": ", ".join(belegt)}
        )
    einheit.delete()
