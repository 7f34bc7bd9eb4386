"""Demo reports: published ones per past tertial, one returned with a note, one waiting for the Dezernat."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from steuerung.models import Berichtsuebergang, Tertialbericht, Veroeffentlichung

pytestmark = pytest.mark.django_db


def _stand():
    return (
        sorted(Tertialbericht.objects.values_list("organisationseinheit__kuerzel", "periode", "status")),
        Berichtsuebergang.objects.count(),
        sorted(Veroeffentlichung.objects.values_list("periode", "inhalt_hash")),
    )


def test_demo_berichte_sind_vollstaendig_und_idempotent():
    call_command("demo_daten")
    erster = _stand()
    call_command("demo_daten")
    assert _stand() == erster
    berichte = {(oe, p): s for oe, p, s in erster[0]}
    for periode in ["2025-T1", "2025-T2", "2025-T3", "2026-T1", "2026-T2"]:
        assert berichte[("50", periode)] == "veroeffentlicht"
    jugendamt = {s: p for (oe, p), s in berichte.items() if oe == "51"}
    assert set(jugendamt) == {"amtsleitung_freigegeben", "zurueckgegeben"}
    assert jugendamt["zurueckgegeben"] > jugendamt["amtsleitung_freigegeben"]
    zurueck = Tertialbericht.objects.get(organisationseinheit__kuerzel="51", status="zurueckgegeben")
    assert zurueck.notiz.startswith("Bitte")
    assert all(v.hash_stimmt() for v in Veroeffentlichung.objects.all())
