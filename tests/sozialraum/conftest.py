"""A small Sozialraum data set: two scored Stadtteile, one below the minimum population."""

from __future__ import annotations

from decimal import Decimal

import pytest

from sozialraum.models import Angebot, Indikator, Indikatorwert, Raum, RaumEinwohner, Traeger, Vergleichswert


def _rechteck(x0, y0, x1, y1):
    return {"type": "Polygon", "coordinates": [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]]}


@pytest.fixture
def sozialraumdaten(db):
    stadt = Raum.objects.create(schluessel="S", name="Teststadt", ebene="stadt", grenze=_rechteck(7, 51, 7.3, 51.3))
    altstadt = Raum.objects.create(
        schluessel="S-1", name="Altstadt", ebene="stadtteil", eltern=stadt, grenze=_rechteck(7, 51, 7.1, 51.3)
    )
    hafen = Raum.objects.create(
        schluessel="S-2", name="Hafenviertel", ebene="stadtteil", eltern=stadt, grenze=_rechteck(7.1, 51, 7.2, 51.3)
    )
    klein = Raum.objects.create(
        schluessel="S-3", name="Kleinsiedlung", ebene="stadtteil", eltern=stadt, grenze=_rechteck(7.2, 51, 7.3, 51.3)
    )
    for raum, ew in [(stadt, 8600), (altstadt, 5000), (hafen, 3000), (klein, 600)]:
        RaumEinwohner.objects.create(raum=raum, jahr=2025, einwohner=ew)
    RaumEinwohner.objects.create(raum=altstadt, jahr=2024, einwohner=4900)
    quote = Indikator.objects.create(
        schluessel="quote", bezeichnung="SGB-II-Quote", bereich="arbeit_soziales", einheit="%"
    )
    faelle = Indikator.objects.create(
        schluessel="faelle", bezeichnung="Wohnungslose", bereich="arbeit_soziales", gewicht=0, ist_fallzahl=True
    )
    werte = [
        (quote, altstadt, 2024, "9"),
        (quote, altstadt, 2025, "8"),
        (quote, hafen, 2025, "12"),
        (quote, klein, 2025, "30"),
        (faelle, altstadt, 2025, "3"),
        (faelle, hafen, 2025, "12"),
        (faelle, klein, 2025, "2"),
    ]
    for ind, raum, jahr, wert in werte:
        Indikatorwert.objects.create(indikator=ind, raum=raum, jahr=jahr, wert=Decimal(wert))
    traeger = Traeger.objects.create(name="Testträger")
    Angebot.objects.create(bezeichnung="Stadtteilbüro Altstadt", art="beratung", traeger=traeger, raum=altstadt)
    Angebot.objects.create(bezeichnung="Treff Kleinsiedlung", art="begegnung", traeger=traeger, raum=klein)
    for kommune, wert, ew in [("A-Stadt", "10", 100000), ("B-Stadt", "30", 100000), ("C-Stadt", "20", 200000)]:
        Vergleichswert.objects.create(
            kommune=kommune, vergleichsschluessel="treffs", jahr=2025, wert=Decimal(wert), einwohner=ew
        )
    return {
        "stadt": stadt,
        "altstadt": altstadt,
        "hafen": hafen,
        "klein": klein,
        "quote": quote,
        "faelle": faelle,
        "traeger": traeger,
    }
