"""Formatting of the report's HSK section (page and PDF): months in the German short form."""

from __future__ import annotations

from django import template

register = template.Library()


@register.filter
def de_monat(schluessel) -> str:
    """ "2026-03" → "03/2026"; None or empty → "–"."""
    text = str(schluessel or "")
    if len(text) != 7 or text[4] != "-":
        return "–"
    return f"{text[5:7]}/{text[:4]}"
