"""Demo values: deterministic, idempotent, with red Kennzahlen that carry explanations."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from core.periods import periode
from organisation.models import Benutzer
from steuerung.dashboard import tertial_dashboard
from steuerung.models import Messwert

pytestmark = pytest.mark.django_db


def _stand():
    return list(
        Messwert.objects.order_by("kennzahl__jahr", "kennzahl__code", "periode").values_list(
            "kennzahl__code", "periode", "wert", "revision", "begruendung", "sorgenampel"
        )
    )


def test_demo_messwerte_zweimal_geladen_aendern_nichts():
    call_command("demo_daten")
    erster = _stand()
    historie = Messwert.history.count()
    call_command("demo_daten")
    assert _stand() == erster and Messwert.history.count() == historie
    assert {p for _c, p, *_r in erster} >= {"2025-T1", "2025-T3", "2026-T1", "2026-T2"}


def test_dashboard_der_demo_zeigt_rote_kennzahlen_mit_gegensteuerung():
    call_command("demo_daten")
    d = tertial_dashboard(periode=periode("2026-T2"), user=Benutzer.objects.get(username="dezernat"))
    rote = [a for a in d.auswertungen if a.ampel == "rot"]
    assert len(rote) >= 2
    assert all(a.messwert.begruendung and a.messwert.gegensteuerung_wer for a in rote)
    assert any(a.ueberfaellig for a in d.auswertungen)
    assert any(a.sorgenampel for a in d.auswertungen)
    assert any(w.ampel == "rot" for w in d.pyramide)
