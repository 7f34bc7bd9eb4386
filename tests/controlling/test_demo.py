"""Demo data of the HSK-Controlling: complete, plausible and idempotent."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from controlling.models import Einzelfall, HSKMassnahme, Praeventionsprojekt, Verlaufsmonat, Verlaufsstand

pytestmark = pytest.mark.django_db


def _stand():
    return (
        list(Verlaufsmonat.objects.order_by("id").values()),
        list(Verlaufsstand.objects.order_by("id").values()),
        list(Einzelfall.objects.order_by("id").values()),
        HSKMassnahme.history.count(),
        Einzelfall.history.count(),
        list(Praeventionsprojekt.objects.order_by("id").values()),
    )


def test_demodaten_zeigen_zwei_massnahmen_mit_allen_drei_phasen_und_sind_idempotent():
    call_command("demo_daten")
    erster = _stand()
    massnahmen = {m.massnahme.code: m for m in HSKMassnahme.objects.select_related("massnahme", "organisationseinheit")}
    assert set(massnahmen) == {"M HSK 1", "M HSK 2"}
    assert massnahmen["M HSK 1"].organisationseinheit.kuerzel == "51"
    assert massnahmen["M HSK 2"].organisationseinheit.kuerzel == "50"
    for m in massnahmen.values():
        assert 20 <= m.einzelfaelle.count() <= 60
        assert m.einzelfaelle.filter(ergebnis__in=["nicht_erfolgreich", "abgebrochen"]).exists()
        assert m.soll_jahre.count() == 3
        assert m.stellen.exists()
        phasen = set(Verlaufsmonat.objects.filter(hsk_massnahme=m).values_list("phase", flat=True))
        assert phasen == {"investphase", "annaeherungsphase", "ueberschussphase"}
        assert m.verlaufsstand.amortisation
    projekte = Praeventionsprojekt.objects.filter(jahr=2026)
    assert projekte.count() == 10
    assert sum(1 for p in projekte if p.netto < 0) == 1
    call_command("demo_daten")
    assert _stand() == erster
