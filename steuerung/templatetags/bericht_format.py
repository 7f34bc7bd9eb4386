"""Formatting for the report templates shared by page and PDF (de-DE numbers and dates)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django import template

from core.money import format_de

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
