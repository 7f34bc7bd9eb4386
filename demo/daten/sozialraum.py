"""Demo data of the Sozialraum-Monitoring. Idempotent: keyed by Schlüssel / natural keys.

- Stadtbezirke with their population of 31.12.2021 from the Jahresbericht 2021 of the Amt für
  Soziales Bochum (sum 370.146); the years 2023–2025 and all Stadtteile are demo values.
- Boundaries are schematic rectangles made up for the demo (no official geometry).
- Ten indicators after the Rheinisch-Bergischer Kreis set; values are generated demo values.
- Peer values from the 14-city profiles (Fokusbericht Senioren, Anlage Stadtprofile); the
  peers' populations are rounded demo values and marked as such.
"""

from __future__ import annotations

import hashlib
from decimal import ROUND_HALF_UP, Decimal

from demo.daten.indikatoren import INDIKATOREN
from sozialraum.models import (
    Angebot,
    Foerderung,
    Indikator,
    Indikatorwert,
    Raum,
    RaumEinwohner,
    Traeger,
    Vergleichswert,
)
from steuerung.models import Kennzahl, Massnahme

JAHRE = (2023, 2024, 2025)
SCHEMATISCH = "Schematische Demo-Grenze (Rechteck), keine amtliche Geometrie."

# (schluessel, name, einwohner 2021 (Jahresbericht), Bedarfsfaktor 0..1, lon0, lat0, lon1, lat1)
BEZIRKE = [
    ("BO-1", "Mitte", 103918, Decimal("0.70"), 7.16, 51.46, 7.24, 51.50),
    ("BO-2", "Wattenscheid", 72821, Decimal("0.75"), 7.08, 51.46, 7.16, 51.52),
    ("BO-3", "Nord", 35458, Decimal("0.50"), 7.16, 51.50, 7.28, 51.54),
    ("BO-4", "Ost", 52885, Decimal("0.55"), 7.24, 51.44, 7.34, 51.50),
    ("BO-5", "Süd", 50612, Decimal("0.30"), 7.18, 51.40, 7.24, 51.46),
    ("BO-6", "Südwest", 54452, Decimal("0.20"), 7.08, 51.41, 7.18, 51.46),
]
# Stadtteile (demo values): (bezirk, schluessel, name, einwohner, Bedarfsfaktor)
STADTTEILE = [
    ("BO-1", "BO-1-1", "Innenstadt", 58100, Decimal("0.80")),
    ("BO-1", "BO-1-2", "Hamme", 24600, Decimal("0.85")),
    ("BO-1", "BO-1-3", "Grumme", 21200, Decimal("0.35")),
    ("BO-2", "BO-2-1", "Wattenscheid-Mitte", 38900, Decimal("0.90")),
    ("BO-2", "BO-2-2", "Höntrop", 33280, Decimal("0.40")),
    ("BO-2", "BO-2-3", "Zechensiedlung Holland (Demo)", 640, Decimal("0.95")),
    ("BO-3", "BO-3-1", "Gerthe", 19800, Decimal("0.55")),
    ("BO-3", "BO-3-2", "Hiltrop", 15658, Decimal("0.45")),
    ("BO-4", "BO-4-1", "Langendreer", 31900, Decimal("0.65")),
    ("BO-4", "BO-4-2", "Werne", 20985, Decimal("0.60")),
    ("BO-5", "BO-5-1", "Querenburg", 26400, Decimal("0.55")),
    ("BO-5", "BO-5-2", "Wiemelhausen", 24212, Decimal("0.10")),
    ("BO-6", "BO-6-1", "Weitmar", 31700, Decimal("0.20")),
    ("BO-6", "BO-6-2", "Linden", 22752, Decimal("0.25")),
]

TRAEGER = [
    ("Arbeiterwohlfahrt Unterbezirk (Demo)", "Wohlfahrtsverband"),
    ("Caritasverband (Demo)", "Wohlfahrtsverband"),
    ("Diakonisches Werk (Demo)", "Wohlfahrtsverband"),
    ("Demo-Kommune, Amt für Soziales", "Stadt"),
]
# (traeger, bezeichnung, art, raum, standort, zielgruppe, oeffnungszeiten, foerderung je Jahr)
ANGEBOTE = [
    (
        "Arbeiterwohlfahrt Unterbezirk (Demo)",
        "Seniorenbegegnungsstätte Wattenscheid",
        "begegnung",
        "BO-2-1",
        "Demo-Straße 1",
        "Seniorinnen und Senioren",
        "Mo–Fr 10–17 Uhr",
        "38000.00",
    ),
    (
        "Caritasverband (Demo)",
        "Familienzentrum Hamme",
        "familie",
        "BO-1-2",
        "Beispielweg 12",
        "Familien mit Kindern unter 6",
        "Mo–Do 8–16 Uhr",
        "52000.00",
    ),
    (
        "Diakonisches Werk (Demo)",
        "Schuldner- und Insolvenzberatung",
        "beratung",
        "BO-1-1",
        "Musterplatz 3",
        "überschuldete Haushalte",
        "Di und Do 9–12 Uhr, nach Vereinbarung",
        "61000.00",
    ),
    (
        "Demo-Kommune, Amt für Soziales",
        "Quartiersbüro Querenburg",
        "beratung",
        "BO-5-1",
        "Uni-Center (Demo)",
        "alle Bewohnerinnen und Bewohner",
        "Mo–Fr 9–13 Uhr",
        "45000.00",
    ),
    (
        "Arbeiterwohlfahrt Unterbezirk (Demo)",
        "Jugendtreff Langendreer",
        "jugend",
        "BO-4-1",
        "Demo-Allee 7",
        "Jugendliche von 12 bis 21",
        "Mo–Sa 14–20 Uhr",
        "40000.00",
    ),
    (
        "Caritasverband (Demo)",
        "Nachbarschaftstreff Zechensiedlung",
        "begegnung",
        "BO-2-3",
        "Siedlungsplatz 2",
        "Nachbarschaft",
        "Mi 15–18 Uhr",
        "8000.00",
    ),
]

QUELLE_PEERS = "BMgG, Fokusbericht Senioren, Anlage Stadtprofile; Einwohnerzahl: gerundeter Demowert"
# (kommune, einwohner (Demowert), {schluessel: wert})
PEERS = [
    ("Bremen", 570000, {"begegnungsstaetten-senioren": 31, "beratungsstellen-senioren": 17}),
    ("Dortmund", 590000, {"begegnungsstaetten-senioren": 140}),
    ("Düsseldorf", 620000, {"begegnungsstaetten-senioren": 32}),
    ("Duisburg", 500000, {"beratungsstellen-senioren": 23}),
    ("Leipzig", 600000, {"begegnungsstaetten-senioren": 44, "beratungsstellen-senioren": 10}),
    ("München", 1500000, {"begegnungsstaetten-senioren": 33, "beratungsstellen-senioren": 9}),
    ("Stuttgart", 630000, {"begegnungsstaetten-senioren": 33}),
]
# What each vergleichsschluessel compares (shown instead of the key).
VERGLEICHSBEZEICHNUNGEN = {
    "begegnungsstaetten-senioren": "Begegnungsstätten für Seniorinnen und Senioren",
    "beratungsstellen-senioren": "Beratungsstellen für Seniorinnen und Senioren",
}
KENNZAHL_SCHLUESSEL = [("Begegnung", "begegnungsstaetten-senioren"), ("Beratungsstelle", "beratungsstellen-senioren")]


def _rechteck(lon0: float, lat0: float, lon1: float, lat1: float) -> dict:
    return {
        "type": "Polygon",
        "coordinates": [[[lon0, lat0], [lon1, lat0], [lon1, lat1], [lon0, lat1], [lon0, lat0]]],
    }


def _streifen(box: tuple[float, float, float, float], i: int, n: int) -> tuple[float, float, float, float]:
    lon0, lat0, lon1, lat1 = box
    breite = (lon1 - lon0) / n
    return (round(lon0 + i * breite, 4), lat0, round(lon0 + (i + 1) * breite, 4), lat1)


def _rauschen(*teile: object) -> Decimal:
    """Deterministic pseudo-noise in [-1, 1] so the demo values look natural and stay stable."""
    h = int(hashlib.sha256("|".join(map(str, teile)).encode()).hexdigest()[:8], 16)
    return Decimal(h % 2001 - 1000) / Decimal(1000)


def _einwohner(basis: int, schluessel: str, jahr: int) -> int:
    return int(basis * (1 + _rauschen(schluessel, "ew", jahr) / 100))


def _upsert(model, defaults: dict, **schluessel):
    """update_or_create that saves only real changes, so a second run adds no history rows."""
    objekt = model.objects.filter(**schluessel).first()
    if objekt is None:
        return model.objects.create(**schluessel, **defaults), True
    geaendert = [f for f, w in defaults.items() if getattr(objekt, f) != w]
    for feld in geaendert:
        setattr(objekt, feld, defaults[feld])
    if geaendert:
        objekt.save()
    return objekt, False


def _raum(schluessel: str, **felder) -> Raum:
    raum, _ = _upsert(Raum, felder, schluessel=schluessel)
    return raum


def _indikatorwert(ind: tuple, raum: Raum, einwohner: int, faktor: Decimal, jahr: int) -> Decimal:
    schluessel, *_mitte, basis, spanne, trend, _z, _n = ind
    if schluessel == "kwg-meldungen":
        return Decimal(
            int(
                Decimal(einwohner) / 1000 * (Decimal("0.3") + faktor) * Decimal("1.6")
                + _rauschen(raum.schluessel, jahr)
            )
        )
    if schluessel == "wohnungslose":
        return Decimal(
            int(Decimal(einwohner) / 1000 * faktor * Decimal("0.3") + _rauschen(raum.schluessel, jahr, "w") + 1)
        )
    wert = (
        Decimal(basis)
        + Decimal(spanne) * faktor
        + Decimal(trend) * (jahr - JAHRE[0])
        + _rauschen(schluessel, raum.schluessel, jahr) * Decimal("0.8")
    )
    return max(wert, Decimal("0")).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def laden() -> None:
    stadt_box = (7.08, 51.40, 7.34, 51.54)
    stadt = _raum(
        "BO",
        name="Demo-Kommune",
        ebene="stadt",
        eltern=None,
        grenze=_rechteck(*stadt_box),
        grenze_schematisch=True,
        beschreibung=SCHEMATISCH,
    )
    _upsert(RaumEinwohner, raum=stadt, jahr=2021, defaults={"einwohner": 370146})
    bereiche: list[tuple[Raum, int, Decimal]] = []
    bezirk_box = {}
    for schluessel, name, ew2021, faktor, *box in BEZIRKE:
        bezirk_box[schluessel] = tuple(box)
        raum = _raum(
            schluessel,
            name=name,
            ebene="stadtbezirk",
            eltern=stadt,
            grenze=_rechteck(*box),
            grenze_schematisch=True,
            beschreibung=SCHEMATISCH + " Einwohnerzahl 2021 laut Jahresbericht; 2023–2025 Demowerte.",
        )
        _upsert(RaumEinwohner, raum=raum, jahr=2021, defaults={"einwohner": ew2021})
        bereiche.append((raum, ew2021, faktor))
    for bezirk in bezirk_box:
        teile = [t for t in STADTTEILE if t[0] == bezirk]
        for i, (_b, schluessel, name, ew, faktor) in enumerate(teile):
            raum = _raum(
                schluessel,
                name=name,
                ebene="stadtteil",
                eltern=Raum.objects.get(schluessel=bezirk),
                grenze=_rechteck(*_streifen(bezirk_box[bezirk], i, len(teile))),
                grenze_schematisch=True,
                beschreibung=SCHEMATISCH + " Einwohnerzahlen sind Demowerte.",
            )
            bereiche.append((raum, ew, faktor))
    for raum, ew, _f in bereiche:
        for jahr in JAHRE:
            _upsert(RaumEinwohner, raum=raum, jahr=jahr, defaults={"einwohner": _einwohner(ew, raum.schluessel, jahr)})
    for jahr in JAHRE:
        summe = sum(_einwohner(ew, r.schluessel, jahr) for r, ew, _f in bereiche if r.ebene == "stadtbezirk")
        _upsert(RaumEinwohner, raum=stadt, jahr=jahr, defaults={"einwohner": summe})

    for ind in INDIKATOREN:
        schluessel, bez, bereich, einheit, richtung, gewicht, fallzahl, *_w, zaehler, nenner = ind
        indikator, _ = _upsert(
            Indikator,
            schluessel=schluessel,
            defaults={
                "bezeichnung": bez,
                "bereich": bereich,
                "einheit": einheit,
                "richtung": richtung,
                "gewicht": Decimal(gewicht),
                "ist_fallzahl": fallzahl,
                "zaehler": zaehler,
                "nenner": nenner,
                "datenquelle": "Demowerte (angelehnt an das Indikatorenset des Rheinisch-Bergischen Kreises)",
                "definition": f"{zaehler} bezogen auf {nenner}." if nenner else f"{zaehler} im Jahr.",
            },
        )
        for raum, ew, faktor in bereiche:
            for jahr in JAHRE:
                _upsert(
                    Indikatorwert,
                    indikator=indikator,
                    raum=raum,
                    jahr=jahr,
                    defaults={"wert": _indikatorwert(ind, raum, ew, faktor, jahr)},
                )

    traeger = {}
    for name, art in TRAEGER:
        traeger[name], _ = _upsert(Traeger, name=name, defaults={"art": art})
    for t, bez, art, raum_s, standort, zielgruppe, zeiten, betrag in ANGEBOTE:
        angebot, _ = _upsert(
            Angebot,
            traeger=traeger[t],
            raum=Raum.objects.get(schluessel=raum_s),
            bezeichnung=bez,
            defaults={"art": art, "standort": standort, "zielgruppe": zielgruppe, "oeffnungszeiten": zeiten},
        )
        for jahr in JAHRE:
            _upsert(Foerderung, angebot=angebot, jahr=jahr, defaults={"betrag": Decimal(betrag)})

    for kommune, einwohner, werte in PEERS:
        for schluessel, wert in werte.items():
            _upsert(
                Vergleichswert,
                kommune=kommune,
                vergleichsschluessel=schluessel,
                jahr=2023,
                defaults={
                    "bezeichnung": VERGLEICHSBEZEICHNUNGEN[schluessel],
                    "wert": Decimal(wert),
                    "einwohner": einwohner,
                    "einwohner_demowert": True,
                    "quelle": QUELLE_PEERS,
                },
            )

    # Links into the Zielpyramide only when its demo data exist (demo.daten.steuerung runs first).
    for suchwort, schluessel in KENNZAHL_SCHLUESSEL:
        kennzahl = Kennzahl.objects.filter(bezeichnung__icontains=suchwort, vergleichsschluessel="").first()
        if kennzahl and not Kennzahl.objects.filter(vergleichsschluessel=schluessel).exists():
            Kennzahl.objects.filter(pk=kennzahl.pk).update(vergleichsschluessel=schluessel)
    massnahmen = list(Massnahme.objects.order_by("-jahr", "code")[:2])
    for massnahme, raum_s in zip(massnahmen, ["BO-2-1", "BO-1-2"], strict=False):
        Raum.objects.get(schluessel=raum_s).massnahmen.add(massnahme)
