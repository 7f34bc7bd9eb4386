from __future__ import annotations

import pytest

from demo.daten import organisation as organisation_demo
from demo.daten import sozialraum as sozialraum_demo
from sozialraum.models import Indikator, Indikatorwert, Raum, RaumEinwohner, Vergleichswert

pytestmark = pytest.mark.django_db


def _stand():
    return (
        list(Raum.objects.order_by("schluessel").values_list("schluessel", "name", "eltern__schluessel", "grenze")),
        list(
            RaumEinwohner.objects.order_by("raum__schluessel", "jahr").values_list(
                "raum__schluessel", "jahr", "einwohner"
            )
        ),
        list(
            Indikatorwert.objects.order_by("id").values_list(
                "indikator__schluessel", "raum__schluessel", "jahr", "wert"
            )
        ),
        Indikatorwert.history.count(),
        list(Vergleichswert.objects.order_by("id").values_list("kommune", "vergleichsschluessel", "wert")),
    )


def test_demodaten_zweimal_geladen_aendern_nichts():
    organisation_demo.laden()
    sozialraum_demo.laden()
    erster = _stand()
    sozialraum_demo.laden()
    assert _stand() == erster


def test_demodaten_stadtbezirke_nach_jahresbericht():
    sozialraum_demo.laden()
    bezirke = dict(
        RaumEinwohner.objects.filter(raum__ebene="stadtbezirk", jahr=2021).values_list("raum__name", "einwohner")
    )
    assert bezirke == {
        "Mitte": 103918,
        "Wattenscheid": 72821,
        "Nord": 35458,
        "Ost": 52885,
        "Süd": 50612,
        "Südwest": 54452,
    }
    assert sum(bezirke.values()) == 370146
    assert 8 <= Indikator.objects.count() <= 12
    assert RaumEinwohner.objects.filter(raum__ebene="stadtteil", jahr=2025, einwohner__lt=1000).exists()
    assert all(r.grenze_schematisch for r in Raum.objects.all())


def test_demodaten_haben_fuer_jeden_schluessel_eine_bezeichnung():
    organisation_demo.laden()
    sozialraum_demo.laden()
    assert not Vergleichswert.objects.filter(bezeichnung="").exists()
    assert set(Vergleichswert.objects.values_list("vergleichsschluessel", "bezeichnung").distinct()) == {
        ("begegnungsstaetten-senioren", "Begegnungsstätten für Seniorinnen und Senioren"),
        ("beratungsstellen-senioren", "Beratungsstellen für Seniorinnen und Senioren"),
    }
