"""900 areas (Stadt > Stadtbezirke > Quartiere) with 30 indicators over ten years (2016–2025)."""

from __future__ import annotations

from decimal import Decimal

from bench.daten import BATCH, PRAEFIX, Kontext, anzahl
from sozialraum.models import Bereich, Ebene, Indikator, Indikatorwert, Raum, RaumEinwohner

JAHRE = range(2016, 2026)


def laden(ctx: Kontext) -> None:
    rng = ctx.rng("sozialraum")
    n_raeume = anzahl(900, ctx.faktor)
    stadt = Raum.objects.create(schluessel=f"{PRAEFIX}-STADT", name="Großstadt", ebene=Ebene.STADT)
    n_bezirke = max(1, min(n_raeume - 1, round(n_raeume / 90)))
    bezirke = Raum.objects.bulk_create(
        [
            Raum(
                schluessel=f"{PRAEFIX}-{b + 1:02d}", name=f"Stadtbezirk {b + 1}", ebene=Ebene.STADTBEZIRK, eltern=stadt
            )
            for b in range(n_bezirke if n_raeume > 1 else 0)
        ]
    )
    quartiere = Raum.objects.bulk_create(
        [
            Raum(
                schluessel=f"{PRAEFIX}-{q % n_bezirke + 1:02d}-{q + 1:03d}",
                name=f"Quartier {q + 1}",
                ebene=Ebene.QUARTIER,
                eltern=bezirke[q % n_bezirke],
            )
            for q in range(max(0, n_raeume - 1 - len(bezirke)))
        ]
    )
    raeume = [stadt, *bezirke, *quartiere]
    bereiche = list(Bereich)
    indikatoren = Indikator.objects.bulk_create(
        [
            Indikator(
                schluessel=f"{PRAEFIX.lower()}-indikator-{i + 1:02d}",
                bezeichnung=f"Großstadt-Indikator {i + 1}",
                bereich=bereiche[i % len(bereiche)],
                einheit="%",
                gewicht=Decimal(1 + i % 3),
                ist_fallzahl=i % 5 == 0,
            )
            for i in range(anzahl(30, ctx.faktor))
        ]
    )
    RaumEinwohner.objects.bulk_create(
        [RaumEinwohner(raum=r, jahr=j, einwohner=rng.randrange(1000, 20000)) for r in raeume for j in JAHRE],
        batch_size=BATCH,
    )
    stapel = []
    for ind in indikatoren:
        for r in raeume:
            wert = Decimal(rng.randrange(100, 3000)) / 100
            for j in JAHRE:
                wert = max(Decimal(0), wert + Decimal(rng.randrange(-100, 101)) / 100)
                stapel.append(Indikatorwert(indikator_id=ind.pk, raum_id=r.pk, jahr=j, wert=wert))
        if len(stapel) >= 10 * BATCH:
            Indikatorwert.objects.bulk_create(stapel, batch_size=BATCH)
            stapel = []
    Indikatorwert.objects.bulk_create(stapel, batch_size=BATCH)
