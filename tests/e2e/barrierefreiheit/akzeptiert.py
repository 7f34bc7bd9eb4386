"""Accepted axe findings of impact "moderate" or "minor": rule id -> reason.

Anything not listed here fails the all-pages check. Keep this list short and honest; the
"Erklärung zur Barrierefreiheit" names the same findings.
"""

from __future__ import annotations

AKZEPTIERT: dict[str, str] = {}
