"""100 HSK-Maßnahmen with 500 Einzelfälle each over five years (2022–2026)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from bench.daten import BATCH, PRAEFIX, Kontext, anzahl
from controlling.models import Ablaufschritt, Einzelfall, HSKMassnahme, HSKSoll, Stelle, Verlaufsstand
from controlling.models.einzelfaelle import Ergebnis

SCHRITTE = ["Fallvorauswahl", "Betreuung", "Rückführung"]
JAHRE = range(2022, 2027)
ENDE = date(2026, 11, 20)


def laden(ctx: Kontext) -> None:
    rng = ctx.rng("hsk")
    n_massnahmen = anzahl(100, ctx.faktor)
    n_faelle = anzahl(50000, ctx.faktor)
    massnahmen_ziele = ctx.ziele["massnahme"]
    massnahmen = []
    for i in range(n_massnahmen):
        ziel = massnahmen_ziele[i % len(massnahmen_ziele)]
        massnahmen.append(
            HSKMassnahme(
                bezeichnung=f"{PRAEFIX} HSK {i + 1:03d}: Rückführung aus stationärer Hilfe",
                massnahme=ziel,
                organisationseinheit=ctx.aemter[i % len(ctx.aemter)],
                wirkungshypothese="Intensive Fallarbeit vermeidet stationäre Unterbringung.",
                beginn=date(2022, 1 + rng.randrange(6), 1),
                personalkosten_jahr=Decimal(60000 * rng.randrange(1, 5)),
                annahme_faelle=500,
                annahme_erfolgsquote=Decimal("0.4000"),
                annahme_vermiedene_kosten_jahr=Decimal("24000.00"),
            )
        )
    massnahmen = HSKMassnahme.objects.bulk_create(massnahmen)
    Verlaufsstand.objects.bulk_create([Verlaufsstand(hsk_massnahme=m) for m in massnahmen])
    HSKSoll.objects.bulk_create(
        [
            HSKSoll(hsk_massnahme=m, jahr=j, betrag=Decimal(100000 * (j - 2021) * rng.randrange(1, 4)))
            for m in massnahmen
            for j in JAHRE
        ]
    )
    Stelle.objects.bulk_create(
        [
            Stelle(hsk_massnahme=m, bezeichnung=f"Sozialarbeit {s}", vzae=Decimal("1.00"), jahreskosten=Decimal(60000))
            for m in massnahmen
            for s in (1, 2)
        ]
    )
    schritte = Ablaufschritt.objects.bulk_create(
        [
            Ablaufschritt(hsk_massnahme=m, reihenfolge=r, bezeichnung=name)
            for m in massnahmen
            for r, name in enumerate(SCHRITTE, start=1)
        ]
    )
    schritte_von = {}
    for s in schritte:
        schritte_von.setdefault(s.hsk_massnahme_id, []).append(s)

    faelle = []
    for nr in range(n_faelle):
        m = massnahmen[nr % n_massnahmen]
        aufnahme = m.beginn + timedelta(days=rng.randrange((ENDE - m.beginn).days))
        beginn = aufnahme + timedelta(days=rng.randrange(10, 90)) if rng.random() < 0.8 else None
        if beginn is not None and beginn > ENDE:
            beginn = None
        ende = None
        if beginn is not None and rng.random() < 0.4:
            ende = beginn + timedelta(days=rng.randrange(30, 900))
        erfolg = Ergebnis.ERFOLGREICH if beginn else rng.choice([Ergebnis.OFFEN, Ergebnis.NICHT_ERFOLGREICH])
        faelle.append(
            Einzelfall(
                hsk_massnahme_id=m.pk,
                pseudonym=f"{PRAEFIX}{nr % n_massnahmen + 1:03d}-{nr // n_massnahmen + 1:05d}",
                ablaufschritt=schritte_von[m.pk][2 if beginn else 1],
                aufnahme=aufnahme,
                wirkungsbeginn=beginn,
                wirkungsende=ende,
                vermiedene_kosten_monat=Decimal(rng.randrange(50000, 450000)) / 100,
                neue_kosten_monat=Decimal(rng.randrange(0, 80000)) / 100,
                ergebnis=erfolg,
                zielerreichungsgrad=rng.randrange(1, 6) if beginn else None,
            )
        )
    Einzelfall.objects.bulk_create(faelle, batch_size=BATCH)
