"""Demo Zielpyramide 2025 and 2026 of the demo Kommune.

Produktgruppen and Produkte follow Produktbereich 1.31 of the Jahresbericht 2021 of the Amt
für Soziales Bochum; baselines are its 2021 figures (Wohngeldhaushalte 4.600, Hilfe zur Pflege
in Einrichtungen 1.826 and häuslich 1.128 at 31.12., 1.830 advised households with housing
problems, 82 evictions prevented). The Jugendamt branch (1.36) carries HSK-Maßnahme "M HSK 1",
Amt 50 the HSK-Maßnahmen "M HSK 2" (Pflegeberatung) and "M HSK 3" (Wohnungssicherung).
Idempotent: goals keyed by (jahr, code), Kennzahlen by (jahr, code).
"""

from __future__ import annotations

from decimal import Decimal

from demo.daten import messwerte
from demo.daten.kennzahlen import KENNZAHLEN
from organisation.models import Benutzer, Organisationseinheit
from steuerung.models import (
    Kennzahl,
    Leitziel,
    Massnahme,
    Produkt,
    Produktgruppe,
    Produktgruppenziel,
    Produktziel,
    Teilziel,
)

JAHRE = (2025, 2026)

PRODUKTGRUPPEN = [
    ("1.31.01", "Leistungen nach dem SGB IX, XII und PfG NW (örtlicher Träger)"),
    ("1.31.05", "Wohngeld und Ausgleichswesen"),
    ("1.31.06", "Förderung der Wohlfahrtspflege und des Gemeinwohls"),
    ("1.36.03", "Hilfen zur Erziehung"),
]
PRODUKTE = [
    ("1.31.01.01", "Hilfe zur Sicherung des Lebensunterhaltes", "1.31.01"),
    ("1.31.01.02", "Hilfe zur Pflege", "1.31.01"),
    ("1.31.01.05", "Grundsicherung im Alter und bei Erwerbsminderung", "1.31.01"),
    ("1.31.05.01", "Wohngeld", "1.31.05"),
    ("1.31.06.01", "Förderung des bürgerschaftlichen Ehrenamtes und der Selbsthilfe", "1.31.06"),
    ("1.31.06.04", "Zuschüsse für Beratung und Betreuung von Obdach- und Wohnungslosen", "1.31.06"),
    ("1.36.03.02", "Stationäre Hilfen zur Erziehung", "1.36.03"),
]

# (code, titel, zielgruppe, oe, verantwortlich)
LEITZIELE = [
    (
        "LZ 1",
        "Ein eigenständiges und selbstbestimmtes Leben innerhalb der Gemeinschaft wird ermöglicht.",
        "alle Bürgerinnen und Bürger",
        "V",
        "dezernat",
    ),
    (
        "LZ 2",
        "Die Sicherung der Lebensqualität für Menschen mit vorübergehendem oder dauerhaftem "
        "Unterstützungsbedarf ist gewährleistet.",
        "Menschen mit Unterstützungsbedarf",
        "V",
        "dezernat",
    ),
    (
        "LZ 3",
        "Wohnungslosigkeit wird vermieden; wer wohnungslos wird, findet schnell wieder eine Wohnung.",
        "von Wohnungslosigkeit bedrohte Haushalte",
        "V",
        "dezernat",
    ),
    (
        "LZ 4",
        "Existenzsichernde Leistungen kommen rechtzeitig und vollständig bei den Berechtigten an.",
        "einkommensschwache Haushalte",
        "V",
        "dezernat",
    ),
    (
        "LZ 5",
        "Kinder und Jugendliche wachsen sicher und möglichst in ihren Familien auf.",
        "Kinder, Jugendliche und ihre Familien",
        "V",
        "dezernat",
    ),
    (
        "LZ 6",
        "Teilhabe und bürgerschaftliches Engagement in den Quartieren sind gestärkt.",
        "Bürgerinnen und Bürger in den Quartieren",
        "V",
        "dezernat",
    ),
]
# (code, titel, zielgruppe, produktgruppe, leitziel, oe, verantwortlich, wirkungsebene)
PRODUKTGRUPPENZIELE = [
    (
        "PGZ 1",
        "Der Grundsatz ‚ambulant vor stationär‘ ist sichergestellt.",
        "Pflegebedürftige Menschen",
        "1.31.01",
        "LZ 1",
        "50 2",
        "amtsleitung50",
        "outcome",
    ),
    (
        "PGZ 2",
        "Menschen mit Unterstützungsbedarf erhalten passgenaue Hilfen aus einer Hand.",
        "",
        "1.31.01",
        "LZ 2",
        "50 3",
        "amtsleitung50",
        "output",
    ),
    (
        "PGZ 3",
        "Drohende Wohnungslosigkeit wird durch frühzeitige Beratung abgewendet.",
        "von Wohnungslosigkeit bedrohte Haushalte",
        "1.31.06",
        "LZ 3",
        "50 34",
        "amtsleitung50",
        "outcome",
    ),
    (
        "PGZ 4",
        "Einkommensschwache Haushalte erhalten Wohngeld zügig und vollständig.",
        "Haushalte mit geringem Einkommen",
        "1.31.05",
        "LZ 4",
        "50 1",
        "amtsleitung50",
        "outcome",
    ),
    (
        "PGZ 5",
        "Kinder und Jugendliche wachsen möglichst in ihrer Herkunftsfamilie auf.",
        "Kinder in stationären Hilfen",
        "1.36.03",
        "LZ 5",
        "51",
        "amtsleitung51",
        "outcome",
    ),
    (
        "PGZ 6",
        "Bürgerschaftliches Engagement älterer Menschen ist gestärkt.",
        "Seniorinnen und Senioren",
        "1.31.06",
        "LZ 6",
        "50 32",
        "amtsleitung50",
        "outcome",
    ),
]
# (code, titel, zielgruppe, produkt, pgz, oe, verantwortlich)
PRODUKTZIELE = [
    (
        "PZ 1",
        "(Seniorinnen und Senioren): Steigerung des Verbleibs in der eigenen Häuslichkeit.",
        "Seniorinnen und Senioren",
        "1.31.01.02",
        "PGZ 1",
        "50 21",
        "sachbearbeitung50",
    ),
    (
        "PZ 2",
        "(Haushalte mit geringem Einkommen): Die Wohnkosten bleiben tragbar.",
        "Haushalte mit geringem Einkommen",
        "1.31.05.01",
        "PGZ 4",
        "50 13",
        "sachbearbeitung50",
    ),
    (
        "PZ 3",
        "(von Wohnungslosigkeit bedrohte Haushalte): Die Wohnung bleibt erhalten.",
        "von Wohnungslosigkeit bedrohte Haushalte",
        "1.31.06.04",
        "PGZ 3",
        "50 34",
        "sachbearbeitung50",
    ),
    (
        "PZ 4",
        "(Kinder in Heimerziehung): Rückkehr in die Familie, wo das Kindeswohl es zulässt.",
        "Kinder in stationären Hilfen",
        "1.36.03.02",
        "PGZ 5",
        "51 2",
        "sachbearbeitung51",
    ),
    (
        "PZ 5",
        "(Seniorinnen und Senioren): Ehrenamtliche Hilfen sind im Quartier erreichbar.",
        "Seniorinnen und Senioren",
        "1.31.06.01",
        "PGZ 6",
        "50 32",
        "sachbearbeitung50",
    ),
]
# (code, titel, zielgruppe, produktziel, oe, verantwortlich)
TEILZIELE = [
    (
        "TZ 1",
        "Pflegebedürftige und Angehörige kennen die ambulanten Hilfen vor einer Heimaufnahme.",
        "pflegende Angehörige",
        "PZ 1",
        "50 32",
        "sachbearbeitung50",
    ),
]
# (code, titel, massnahmenziel, zielgruppe, produktziel, teilziel, oe, verantwortlich, praeventionsform, begruendung)
MASSNAHMEN = [
    (
        "M HSK 1",
        "Rückführung aus stationärer Unterbringung in die Familie",
        "Kinder kehren aus der Heimerziehung dauerhaft in ihre Familie zurück.",
        "Kinder in stationären Hilfen",
        "PZ 4",
        None,
        "51 2",
        "sachbearbeitung51",
        "tertiaer",
        "Zwei zusätzliche Fachkräfte arbeiten ausschließlich an Rückführungen (HSK-Maßnahme); "
        "der Anstieg ist deshalb planbar.",
    ),
    (
        "M HSK 2",
        "Pflegeberatung: ambulant vor stationär",
        "Heimaufnahmen ohne vorherige Pflegeberatung werden vermieden.",
        "Pflegebedürftige und Angehörige",
        None,
        "TZ 1",
        "50 21",
        "sachbearbeitung50",
        "sekundaer",
        "",
    ),
    (
        "M HSK 3",
        "Wohnungssicherung: Räumungen abwenden",
        "Haushalte mit Räumungsklage behalten ihre Wohnung.",
        "von Wohnungslosigkeit bedrohte Haushalte",
        "PZ 3",
        None,
        "50 34",
        "sachbearbeitung50",
        "sekundaer",
        "",
    ),
    (
        "M 3",
        "Ehrenamtliche Besuchsdienste der Seniorenbüros",
        "Steigerung der Inanspruchnahme ehrenamtlicher Hilfen.",
        "alleinlebende Seniorinnen und Senioren",
        "PZ 5",
        None,
        "50 32",
        "sachbearbeitung50",
        "primaer",
        "",
    ),
]


def _sichern(modell, schluessel: dict, werte: dict):
    """update_or_create that saves only on a real change, so a second run adds no history rows."""
    obj = modell.objects.filter(**schluessel).first()
    if obj is None:
        return modell.objects.create(**schluessel, **werte)
    geaendert = [f for f, v in werte.items() if getattr(obj, f) != v]
    if geaendert:
        for feld in geaendert:
            setattr(obj, feld, werte[feld])
        obj.save()
    return obj


def _ziel(modell, jahr: int, code: str, **felder):
    return _sichern(modell, {"jahr": jahr, "code": code}, felder)


def laden() -> None:
    oe = {o.kuerzel: o for o in Organisationseinheit.objects.all()}
    person = {b.username: b for b in Benutzer.objects.all()}
    gruppen = {nr: _sichern(Produktgruppe, {"nummer": nr}, {"bezeichnung": bez}) for nr, bez in PRODUKTGRUPPEN}
    produkte = {
        nr: _sichern(Produkt, {"nummer": nr}, {"bezeichnung": bez, "produktgruppe": gruppen[pg]})
        for nr, bez, pg in PRODUKTE
    }
    for jahr in JAHRE:
        ziele: dict[tuple[str, str], object] = {}
        for code, titel, zielgruppe, kuerzel, wer in LEITZIELE:
            ziele[("leitziel", code)] = _ziel(
                Leitziel,
                jahr,
                code,
                titel=titel,
                zielgruppe=zielgruppe,
                organisationseinheit=oe[kuerzel],
                verantwortlich=person[wer],
                wirkungsebene="impact",
            )
        for code, titel, zielgruppe, pg, lz, kuerzel, wer, ebene in PRODUKTGRUPPENZIELE:
            ziele[("produktgruppenziel", code)] = _ziel(
                Produktgruppenziel,
                jahr,
                code,
                titel=titel,
                zielgruppe=zielgruppe,
                produktgruppe=gruppen[pg],
                leitziel=ziele[("leitziel", lz)],
                organisationseinheit=oe[kuerzel],
                verantwortlich=person[wer],
                wirkungsebene=ebene,
            )
        for code, titel, zielgruppe, produkt, pgz, kuerzel, wer in PRODUKTZIELE:
            ziele[("produktziel", code)] = _ziel(
                Produktziel,
                jahr,
                code,
                titel=titel,
                zielgruppe=zielgruppe,
                produkt=produkte[produkt],
                produktgruppenziel=ziele[("produktgruppenziel", pgz)],
                organisationseinheit=oe[kuerzel],
                verantwortlich=person[wer],
            )
        for code, titel, zielgruppe, pz, kuerzel, wer in TEILZIELE:
            ziele[("teilziel", code)] = _ziel(
                Teilziel,
                jahr,
                code,
                titel=titel,
                zielgruppe=zielgruppe,
                produktziel=ziele[("produktziel", pz)],
                organisationseinheit=oe[kuerzel],
                verantwortlich=person[wer],
            )
        for code, titel, mziel, zielgruppe, pz, tz, kuerzel, wer, praevention, begruendung in MASSNAHMEN:
            ziele[("massnahme", code)] = _ziel(
                Massnahme,
                jahr,
                code,
                titel=titel,
                massnahmenziel=mziel,
                zielgruppe=zielgruppe,
                produktziel=ziele[("produktziel", pz)] if pz else None,
                teilziel=ziele[("teilziel", tz)] if tz else None,
                organisationseinheit=oe[kuerzel],
                verantwortlich=person[wer],
                praeventionsform=praevention,
                begruendung_plausibilitaet=begruendung,
                zielart="leistungsziel",
                wirkungsebene="output",
            )
        for code, bez, einheit, quelle, messart, richtung, rhythmus, basis, basisjahr, ziel, zieljahr, ebene, (
            typ,
            zielcode,
        ), kuerzel, wer, vertretung, definition in KENNZAHLEN:
            _sichern(
                Kennzahl,
                {"jahr": jahr, "code": code},
                {
                    "bezeichnung": bez,
                    "einheit": einheit,
                    "datenquelle": quelle,
                    "messart": messart,
                    "richtung": richtung,
                    "erhebungsrhythmus": rhythmus,
                    "ausgangswert": Decimal(basis) if basis else None,
                    "ausgangsjahr": basisjahr,
                    "zielwert": Decimal(ziel),
                    "zieljahr": zieljahr,
                    "wirkungsebene": ebene,
                    "organisationseinheit": oe[kuerzel],
                    "verantwortlich": person[wer],
                    "vertretung": person[vertretung],
                    "definition": definition,
                    "erhebungsmethode": "Auswertung zum Periodenende",
                    **dict.fromkeys(("leitziel", "produktgruppenziel", "produktziel", "teilziel", "massnahme")),
                    typ: ziele[(typ, zielcode)],
                },
            )
    messwerte.laden()  # Tertialberichte I: values 2025-T1 … 2026-T2
    # Tertialberichte II (approvals, published reports) come after the HSK-Controlling, whose
    # section the reports carry: see demo.daten.TEILE.
