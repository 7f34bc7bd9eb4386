"""de-DE number formatting for templates: {{ wert|zahl:2 }}, {{ betrag|euro }}, {{ zeg|zeg }}."""

from decimal import Decimal, InvalidOperation

from django import template

from core.money import format_de
from steuerung.bewertung_text import zeg_text

register = template.Library()


def _decimal(wert):
    if wert is None or wert == "":
        return None
    try:
        return Decimal(str(wert))
    except InvalidOperation:
        return None


@register.filter
def zahl(wert, stellen=2):
    return format_de(_decimal(wert), int(stellen))


@register.filter
def euro(wert, stellen=2):
    return format_de(_decimal(wert), int(stellen), "€")


@register.filter
def prozent(wert, stellen=1):
    return format_de(_decimal(wert), int(stellen), "%")


@register.filter
def periode_text(schluessel):
    """German name of a period key: "2026-T2" -> "2. Tertial 2026" (unknown keys unchanged)."""
    from core.periods import periode

    try:
        return periode(str(schluessel)).bezeichnung
    except ValueError:
        return schluessel


@register.filter
def quote(wert, stellen=1):
    """A share between 0 and 1 as de-DE percent: 0.4 -> "40,0 %"."""
    anteil = _decimal(wert)
    return format_de(None if anteil is None else anteil * 100, int(stellen), "%")


@register.filter
def zeg(wert):
    """A Zielerreichungsgrad as pages say it: "62,00 %", "entgegen der Zielrichtung", "über 200 %".

    Data tables keep the exact number ({{ wert|prozent:2 }}); this is for sentences and tiles.
    """
    return zeg_text(_decimal(wert))
