"""Formatting for the report templates shared by page and PDF (de-DE numbers and dates)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django import template

from core.money import format_de
from steuerung.bewertung_text import ZEG_OBERGRENZE, zeg_berechnung, zeg_text

register = template.Library()


@register.filter
def de_zahl(wert, stellen=2) -> str:
    """ "47.5" → "47,50"; None or empty → "–"."""
    if wert is None or wert == "":
        return "–"
    try:
        return format_de(Decimal(str(wert)), int(stellen))
    except InvalidOperation:
        return "–"


@register.filter
def de_datum(wert) -> str:
    """ISO date or datetime text → "31.12.2025" or "31.12.2025, 14:05 Uhr"."""
    if not wert:
        return "–"
    text = str(wert)
    if "T" in text:
        return datetime.fromisoformat(text).strftime("%d.%m.%Y, %H:%M Uhr")
    return date.fromisoformat(text).strftime("%d.%m.%Y")


@register.filter
def zeg(wert) -> str:
    """A Zielerreichungsgrad as read on pages and in the PDF: "62,00 %", "entgegen der Zielrichtung",
    "über 200 %"; "–" without one. The exact number stays in data tables, the Excel and the API."""
    if wert is None or wert == "":
        return "–"
    try:
        return zeg_text(Decimal(str(wert)))
    except InvalidOperation:
        return "–"


@register.filter
def zeg_ausserhalb(wert) -> bool:
    """Whether the ZEG is read as a phrase (below 0 or above 200 %) rather than as its number."""
    try:
        return wert not in (None, "") and not (0 <= Decimal(str(wert)) <= ZEG_OBERGRENZE)
    except InvalidOperation:
        return False


@register.simple_tag
def zeg_berechnung_text() -> str:
    """The footnote on how the Zielerreichungsgrad is computed (steuerung.bewertung_text)."""
    return zeg_berechnung()
