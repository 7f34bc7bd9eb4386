"""Reflow (WCAG 1.4.10, 400 % zoom = 320 CSS px): the main pages need no horizontal scrolling;
wide tables scroll inside a named, focusable frame instead, and axe still finds nothing serious."""

from __future__ import annotations

import pytest

from controlling.models import HSKMassnahme
from organisation.models import Organisationseinheit
from tests.e2e.barrierefreiheit.tastatur import anmelden

SEITEN = [
    ("steuerung", lambda: "/"),
    ("steuerung", lambda: "/zielpyramide/"),
    ("steuerung", lambda: "/zielpyramide/check/"),
    ("dezernat", lambda: "/tertial/dashboard/"),
    ("sachbearbeitung50", lambda: f"/erfassung/{Organisationseinheit.objects.get(kuerzel='50 21').pk}/2026-T3/"),
    ("amtsleitung50", lambda: "/berichte/"),
    ("rat", lambda: "/veroeffentlicht/"),
    ("kaemmerei", lambda: "/hsk/"),
    ("kaemmerei", lambda: "/hsk/portfolio/"),
    ("kaemmerei", lambda: f"/hsk/{HSKMassnahme.objects.order_by('pk').first().pk}/"),
    ("steuerung", lambda: "/sozialraum/"),
    ("steuerung", lambda: "/sozialraum/index/"),
    ("kaemmerei", lambda: "/finanzen/produkte/1.31.01.02/?jahr=2026"),
    ("sachbearbeitung50", lambda: "/zuwendungen/?jahr=2025"),
]

_RAHMEN_JS = """() => [...document.querySelectorAll(".tabellenrahmen")]
  .filter(r => r.scrollWidth > r.clientWidth + 1)
  .map(r => ({tabindex: r.getAttribute("tabindex"), name: r.getAttribute("aria-label") || ""}))"""


@pytest.mark.parametrize("username", sorted({u for u, _ in SEITEN}))
def test_seiten_passen_in_320_pixel_breite(seite, username):
    anmelden(seite, username)
    seite.page.set_viewport_size({"width": 320, "height": 800})
    for u, pfad in SEITEN:
        if u != username:
            continue
        seite.besuchen(pfad())
        breite = seite.page.evaluate("document.documentElement.scrollWidth")
        assert breite <= 320, f"{pfad()}: Seite ist {breite}px breit"
        for r in seite.page.evaluate(_RAHMEN_JS):
            assert r["tabindex"] == "0" and r["name"], f"{pfad()}: scrollbare Tabelle ohne Tastaturzugang {r}"
