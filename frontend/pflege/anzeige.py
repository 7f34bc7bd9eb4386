"""Values of a maintenance screen as text: German numbers and dates, choice labels, "–" for empty."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import formats
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from frontend.forms.zahlen import zahl_de
from frontend.pflege.konfig import Pflegeseite

LEER = "–"


def text(wert: Any) -> str:
    if wert is None or wert == "":
        return LEER
    if isinstance(wert, bool):
        return _("ja") if wert else _("nein")
    if isinstance(wert, Decimal):
        return zahl_de(wert)
    if isinstance(wert, int):
        return f"{wert:,}".replace(",", ".") if abs(wert) >= 10_000 else str(wert)  # years stay "2025"
    if isinstance(wert, dt.date):
        return formats.date_format(wert, "d.m.Y")
    if isinstance(wert, dict | list):
        return _("hinterlegt")
    return str(wert)


def wert(seite: Pflegeseite, obj: models.Model, name: str, user) -> str:
    """One column or detail value; the screen's own `anzeige` rules first (e.g. suppressed small counts)."""
    if name in seite.anzeige:
        return seite.anzeige[name](obj, user)
    try:
        feld = obj._meta.get_field(name)
    except FieldDoesNotExist:
        return text(getattr(obj, name, None))
    if feld.choices:
        return text(getattr(obj, f"get_{name}_display")())
    if feld.many_to_many:
        return ", ".join(str(o) for o in getattr(obj, name).all()) or LEER
    return text(getattr(obj, name))


def spaltentitel(seite: Pflegeseite, name: str) -> str:
    if name in seite.beschriftung:
        return str(seite.beschriftung[name])
    try:
        return capfirst(seite.modell._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return name
