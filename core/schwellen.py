"""The four Ampel thresholds (Zielerreichungsgrad in %): one definition for the Kommune's defaults and
each Kennzahl's own copy, so labels, precision and start values cannot drift apart."""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

STANDARD = {
    "schwelle_ueberplanmaessig": Decimal("110"),
    "schwelle_zur_gaenze": Decimal("100"),
    "schwelle_ueberwiegend": Decimal("80"),
    "schwelle_teilweise": Decimal("50"),
}
_TEXTE = {
    "schwelle_ueberplanmaessig": _("Schwelle überplanmäßig (ZEG > %)"),
    "schwelle_zur_gaenze": _("Schwelle zur Gänze (ZEG ≥ %)"),
    "schwelle_ueberwiegend": _("Schwelle überwiegend (ZEG ≥ %)"),
    "schwelle_teilweise": _("Schwelle teilweise (ZEG ≥ %)"),
}


def schwellenfeld(name: str) -> models.DecimalField:
    return models.DecimalField(_TEXTE[name], max_digits=6, decimal_places=2, default=STANDARD[name])
