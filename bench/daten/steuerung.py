"""Zielpyramide of the Großstadt (2.000 goals), 10.000 Kennzahlen and their 30 tertial values each."""

from __future__ import annotations

from decimal import Decimal

from bench.daten import BATCH, JAHR, PRAEFIX, Kontext, anzahl
from core.periods import tertial
from organisation.rollen import Rolle
from steuerung.models import (
    Kennzahl,
    Leitziel,
    Massnahme,
    Messwert,
    Produkt,
    Produktgruppe,
    Produktgruppenziel,
    Produktziel,
    Teilziel,
)
from steuerung.models.auswahl import Messart, Richtung, Wirkungsebene, Zielart

# goals per level at faktor 1 (2.000 in all)
ZIELE = {"leitziel": 10, "produktgruppenziel": 90, "produktziel": 400, "teilziel": 500, "massnahme": 1000}
# share of the Kennzahlen per goal level
KENNZAHL_ANTEILE = (
    ("massnahme", 50),
    ("teilziel", 20),
    ("produktziel", 20),
    ("produktgruppenziel", 8),
    ("leitziel", 2),
)
# ten years of tertials: 2016-T3 … 2026-T2 (2026-T3 is still running)
TERTIALE = [tertial(j, t) for j in range(2016, 2027) for t in (1, 2, 3)][2:32]
ZIELGRUPPEN = ["Familien", "Seniorinnen und Senioren", "Jugendliche", "Menschen mit Behinderungen", "Geflüchtete", ""]
BEGRIFFE = ["Beratung", "Hilfe zur Pflege", "Eingliederung", "Prävention", "Wohnungssicherung", "Erziehungshilfe"]
WIRKUNGSEBENEN = [Wirkungsebene.OUTCOME, Wirkungsebene.OUTCOME, Wirkungsebene.OUTPUT, Wirkungsebene.IMPACT]


def _amt_von(ctx: Kontext, i: int):
    return ctx.aemter[i % len(ctx.aemter)]


def _abteilung_von(ctx: Kontext, amt, rng):
    return rng.choice(ctx.abteilungen[amt.kuerzel])


def ziele_laden(ctx: Kontext) -> None:
    rng = ctx.rng("ziele")
    f = ctx.faktor
    gruppen = Produktgruppe.objects.bulk_create(
        [
            Produktgruppe(nummer=f"9.{50 + i}.01", bezeichnung=f"{PRAEFIX} Produktgruppe {BEGRIFFE[i % 6]} {i + 1}")
            for i in range(anzahl(12, f))
        ]
    )
    produkte = Produkt.objects.bulk_create(
        [
            Produkt(
                nummer=f"{gruppen[i % len(gruppen)].nummer}.{i // len(gruppen) + 1:02d}",
                bezeichnung=f"{PRAEFIX} Produkt {BEGRIFFE[i % 6]} {i + 1}",
                produktgruppe=gruppen[i % len(gruppen)],
            )
            for i in range(anzahl(80, f))
        ]
    )

    def gemeinsam(ebene: str, i: int, oe) -> dict:
        return {
            "jahr": JAHR,
            "code": f"{PRAEFIX} {ebene[:3].upper()} {i + 1}",
            "titel": f"{ebene.capitalize()} {i + 1}: {rng.choice(BEGRIFFE)} ist für {rng.choice(ZIELGRUPPEN) or 'alle'} "
            "gesichert.",
            "zielgruppe": rng.choice(ZIELGRUPPEN),
            "zielart": rng.choice([Zielart.WIRKUNGSZIEL, Zielart.WIRKUNGSZIEL, Zielart.LEISTUNGSZIEL]),
            "wirkungsebene": rng.choice(WIRKUNGSEBENEN),
            "organisationseinheit": oe,
        }

    leitziele = Leitziel.objects.bulk_create(
        [Leitziel(**gemeinsam("leitziel", i, ctx.dezernat)) for i in range(anzahl(ZIELE["leitziel"], f))]
    )
    pgz = Produktgruppenziel.objects.bulk_create(
        [
            Produktgruppenziel(
                **gemeinsam("produktgruppenziel", i, _amt_von(ctx, i)),
                produktgruppe=gruppen[i % len(gruppen)],
                leitziel=leitziele[rng.randrange(len(leitziele))],
            )
            for i in range(anzahl(ZIELE["produktgruppenziel"], f))
        ]
    )
    pz = []
    for i in range(anzahl(ZIELE["produktziel"], f)):
        oben = pgz[rng.randrange(len(pgz))]
        passend = [p for p in produkte if p.produktgruppe_id == oben.produktgruppe_id] or produkte
        pz.append(
            Produktziel(
                **gemeinsam("produktziel", i, _abteilung_von(ctx, oben.organisationseinheit, rng)),
                produkt=passend[rng.randrange(len(passend))],
                produktgruppenziel=oben,
            )
        )
    pz = Produktziel.objects.bulk_create(pz)
    oe_von_pz = {p.pk: p.organisationseinheit for p in pz}
    tz = []
    for i in range(anzahl(ZIELE["teilziel"], f)):
        oben = pz[rng.randrange(len(pz))]
        tz.append(Teilziel(**gemeinsam("teilziel", i, oe_von_pz[oben.pk]), produktziel=oben))
    tz = Teilziel.objects.bulk_create(tz)
    mn = []
    for i in range(anzahl(ZIELE["massnahme"], f)):
        daten = gemeinsam("massnahme", i, None)
        if rng.random() < 0.5:
            oben = tz[rng.randrange(len(tz))]
            daten.update(teilziel=oben, organisationseinheit=oben.organisationseinheit)
        else:
            oben = pz[rng.randrange(len(pz))]
            daten.update(produktziel=oben, organisationseinheit=oben.organisationseinheit)
        mn.append(Massnahme(**daten, massnahmenziel=f"Inanspruchnahme von {rng.choice(BEGRIFFE)} steigt."))
    mn = Massnahme.objects.bulk_create(mn)
    ctx.ziele = {"leitziel": leitziele, "produktgruppenziel": pgz, "produktziel": pz, "teilziel": tz, "massnahme": mn}


def _amt_kuerzel(oe) -> str:
    teile = oe.kuerzel.split()
    return " ".join(teile[:2])


def kennzahlen_laden(ctx: Kontext) -> None:
    rng = ctx.rng("kennzahlen")
    gesamt = anzahl(10000, ctx.faktor)
    ebenen = [e for e, anteil in KENNZAHL_ANTEILE for _ in range(anteil)]
    zeilen = []
    for i in range(gesamt):
        ebene = ebenen[i % len(ebenen)]
        ziele = ctx.ziele[ebene]
        ziel = ziele[rng.randrange(len(ziele))]
        oe = ziel.organisationseinheit
        if oe.pk == ctx.dezernat.pk:  # Leitziel Kennzahlen are collected by one Amt
            oe = ctx.aemter[i % len(ctx.aemter)]
        if i % 40 == 0:  # one in 40 belongs to a small Sachgebiet (the units with published reports)
            oe = ctx.sachgebiete[(i // 40) % len(ctx.sachgebiete)]
        nutzer = ctx.benutzer[_amt_kuerzel(oe)]
        messart = rng.choice([Messart.BESTAND, Messart.BESTAND, Messart.QUOTE, Messart.SUMME])
        richtung = rng.choice([Richtung.STEIGEND, Richtung.FALLEND])
        basis = Decimal(rng.randrange(50, 5000))
        aenderung = Decimal(rng.randrange(5, 30)) / 100
        ziel_wert = basis * (1 + aenderung) if richtung == Richtung.STEIGEND else basis * (1 - aenderung)
        zeilen.append(
            Kennzahl(
                jahr=JAHR,
                code=f"{PRAEFIX} K{i + 1:05d}",
                bezeichnung=f"{rng.choice(BEGRIFFE)}: Kennzahl {i + 1}",
                definition="Anzahl der Fälle zum Stichtag je Tertial.",
                einheit=rng.choice(["Fälle", "%", "€", "Personen"]),
                datenquelle="Fachverfahren",
                messart=messart,
                richtung=richtung,
                ausgangswert=basis,
                ausgangsjahr=2016,
                zielwert=ziel_wert.quantize(Decimal("0.01")),
                zieljahr=2028,
                wirkungsebene=rng.choice(WIRKUNGSEBENEN),
                verantwortlich=nutzer[Rolle.SACHBEARBEITUNG],
                vertretung=nutzer[Rolle.AMTSLEITUNG],
                organisationseinheit=oe,
                **{ebene: ziel},
            )
        )
    ctx.kennzahlen = Kennzahl.objects.bulk_create(zeilen, batch_size=BATCH)


def messwerte_laden(ctx: Kontext) -> None:
    """30 tertial values per Kennzahl as a random walk around the path from baseline to target.

    Written in chunks so the instances of 300.000 rows are never all in memory at once.
    """
    rng = ctx.rng("messwerte")
    stapel: list[Messwert] = []
    for k in ctx.kennzahlen:
        nutzer = ctx.benutzer[_amt_kuerzel(k.organisationseinheit)][Rolle.SACHBEARBEITUNG]
        schritt = (k.zielwert - k.ausgangswert) / 40
        wert = k.ausgangswert
        for p in TERTIALE:
            wert = max(Decimal(0), wert + schritt + Decimal(rng.randrange(-200, 201)) / 100 * abs(schritt or 1))
            rot = rng.random() < 0.08
            stapel.append(
                Messwert(
                    kennzahl_id=k.pk,
                    periode=p.schluessel,
                    periode_ende=p.ende,
                    wert=wert.quantize(Decimal("0.0001")),
                    begruendung="Fallzahlen gestiegen; Ursachen werden mit den Trägern geklärt." if rot else "",
                    gegensteuerung_was="Fallkonferenzen verstärkt" if rot else "",
                    gegensteuerung_wer=nutzer.last_name if rot else "",
                    gegensteuerung_bis=p.ende.replace(day=1) if rot else None,
                    sorgenampel=rng.random() < 0.01,
                    erfasst_von=nutzer,
                )
            )
        if len(stapel) >= 10 * BATCH:
            Messwert.objects.bulk_create(stapel, batch_size=BATCH)
            stapel = []
    Messwert.objects.bulk_create(stapel, batch_size=BATCH)
