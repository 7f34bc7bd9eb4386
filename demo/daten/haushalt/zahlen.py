"""Demo Haushalt, the amounts: Produkte of 1.31 with the Bochum figures and the constructed years.

What is read (GELESEN) and what is constructed (KONSTRUIERT) is said in the package docstring
and per figure below; every amount goes in through the importer as a CSV file.
"""

from __future__ import annotations

import zlib
from datetime import date
from decimal import Decimal

from core.money import cent, format_de, runden
from haushalt import importer, services
from haushalt.bestand import fallzahl_im_jahr
from haushalt.models import Art, HaushaltEinstellungen, Produktzuordnung, Zeile
from organisation.models import Organisationseinheit
from steuerung.models import Kennzahl, Produkt, Produktgruppe

GELESEN = "gelesen"
KONSTRUIERT = "konstruiert"

EINWOHNER = 370_146  # Bochum, 31.12.2021 (Jahresbericht 2021, Bevölkerungsstatistik)
PRODUKTBEREICHE = {"1.31": "Soziale Hilfen", "1.36": "Kinder-, Jugend- und Familienhilfe"}
PRODUKTGRUPPEN = [  # created only where steuerung's demo has none (existing names stay)
    ("1.31.01", "Leistungen nach dem SGB IX, XII und PfG NW (örtlicher Träger)"),
    ("1.31.05", "Sonstige soziale Leistungen"),
    ("1.31.06", "Förderung der Wohlfahrtspflege und des Gemeinwohls"),
    ("1.31.02", "Aufgaben nach dem SGB II"),
    ("1.31.03", "Hilfen für Asylbewerber"),
    ("1.31.04", "Soziale Einrichtungen"),
]
T, E, Z = "transfer", "einrichtung", "zuschuss"
# (nummer, name if missing, type of line split, unit, Plan 2021 Zeile 29, Ist 2020 Zeile 29, pairing)
PRODUKTE = [
    ("1.31.01.01", "Hilfe zur Sicherung des Lebensunterhaltes", T, "50 23", -7_607_280, -10_206_687, "Spaltenfolge"),
    ("1.31.01.02", "Hilfe zur Pflege", T, "50 21", -24_289_763, -22_429_603, "eindeutig"),
    ("1.31.01.03", "Hilfe zur Überwindung besonderer sozialer Schwierigkeiten", Z, "50 34", -43_585, 37_539, "geprüft"),
    ("1.31.01.04", "Aufgaben nach dem PfG NW", Z, "50 32", -6_511_532, -4_730_780, "eindeutig"),
    (
        "1.31.01.05",
        "Grundsicherung im Alter und bei Erwerbsminderung",
        T,
        "50 23",
        -3_616_757,
        -2_517_182,
        "Spaltenfolge",
    ),
    ("1.31.01.06", "Eingliederungshilfe für behinderte Menschen", T, "50 33", -4_196_368, -4_955_497, "eindeutig"),
    ("1.31.01.07", "Hilfe zur Gesundheit", T, "50 23", -10_348_734, -12_217_170, "Spaltenfolge"),
    ("1.31.02.01", "Hilfe für Arbeitsuchende", T, "50 2", -11_750_940, -167_952, "Spaltenfolge"),
    ("1.31.02.02", "Kosten der Unterkunft", T, "50 2", -71_672_385, -36_388_800, "eindeutig"),
    ("1.31.03.01", "Leistungen nach dem AsylbLG", T, "50 23", -9_050_476, -7_020_622, "eindeutig"),
    ("1.31.04.01", "Verwaltung und Betrieb von Einrichtungen", E, "50 31", -1_959_746, -1_531_614, "eindeutig"),
    ("1.31.04.02", "Erstaufnahmeeinrichtung für Geflüchtete", E, "50 34", -677_757, -1_314_265, "Spaltenfolge"),
    ("1.31.04.03", "Heimaufsicht", E, "50 33", -174_812, -44_700, "eindeutig"),
    ("1.31.04.04", "Aufgabenerfüllung für Dritte", E, "50 31", -769_885, -690_644, "Spaltenfolge"),
    ("1.31.05.01", "Wohngeld", E, "50 13", -301_756, -302_330, "Spaltenfolge"),
    ("1.31.05.02", "Sozialversicherungswesen", E, "50 12", -413_253, -404_780, "eindeutig"),
    ("1.31.05.03", "Soziale Leistungen überörtlicher Träger", T, "50 2", -3_669_233, -3_802_648, "Spaltenfolge"),
    ("1.31.06.01", "Förderung der Wohlfahrtspflege", Z, "50 32", -16_768_835, -14_259_620, "Spaltenfolge"),
    ("1.31.06.02", "Zuschüsse für psychosoziale Einrichtungen", Z, "50 11", -779_185, -1_110_903, "geprüft"),
    (
        "1.31.06.04",
        "Zuschüsse für Beratung und Betreuung von Obdach- und Wohnungslosen",
        Z,
        "50 34",
        -1_121_448,
        -2_131_236,
        "Spaltenfolge",
    ),
    ("1.31.06.05", "Förderung von Selbsthilfe und Ehrenamt (Zuschüsse)", Z, "50 11", -167_785, -61_237, "geprüft"),
]
JUGEND = ("1.36.03.02", "51 2", 18_400_000)  # KONSTRUIERT: Zuschussbedarf Ansatz 2025 of Stationäre HzE
HZP = "1.31.01.02"
FALLZAHL_KENNZAHL = "K 1"  # Leistungsberechtigte der Hilfe zur Pflege in Einrichtungen (50 21)
# KONSTRUIERT: Kosten je Fall (Transferaufwand je Leistungsberechtigtem und Jahr) of Hilfe zur Pflege.
KOSTEN_JE_FALL = {2025: (Decimal("13300.00"), Decimal("13898.50")), 2026: (Decimal("13900.00"), Decimal("14317.00"))}

# Shares of the Zuschussbedarf per line (%), by type of Produkt: Aufwand positive, Ertrag negative.
ANTEILE = {
    T: [(Zeile.TRANSFER, 120), (Zeile.PERSONAL, 5), (Zeile.KOSTENERSTATTUNGEN, -25)],
    E: [(Zeile.PERSONAL, 55), (Zeile.SACH_DIENSTLEISTUNGEN, 55), (Zeile.OEFFENTLICH_RECHTLICHE_ENTGELTE, -10)],
    Z: [(Zeile.TRANSFER, 100)],
}
KOPF = "Produkt;Zeile;Art;Jahr;Stichtag;Betrag"


def _zeilen(typ: str, zuschussbedarf: Decimal, *, transfer: Decimal | None = None) -> dict[str, Decimal]:
    """KONSTRUIERT: split a Zuschussbedarf into lines so that Σ Aufwand − Σ Ertrag equals it exactly.

    A surplus (negative Zuschussbedarf, e.g. the Haus der Begegnung's Ist 2020 with a refund from
    earlier years) is booked as sonstige ordentliche Erträge. With `transfer` given, the
    Transferaufwand is fixed and the other lines follow from the type's shares.
    """
    if zuschussbedarf < 0:
        return {Zeile.TRANSFER: Decimal(0), Zeile.SONSTIGE_ERTRAEGE: -zuschussbedarf}
    anteile = ANTEILE[typ]
    if transfer is not None:  # the first share is the Transferaufwand
        basis = transfer * 100 / anteile[0][1]
        return {anteile[0][0]: transfer} | {z: runden(basis * abs(a) / 100, 0) for z, a in anteile[1:]}
    betraege = {z: runden(zuschussbedarf * abs(a) / 100, 0) for z, a in anteile}
    ertrag = sum((betraege[z] for z, a in anteile if a < 0), Decimal(0))
    aufwand = sum((betraege[z] for z, a in anteile if a > 0), Decimal(0))
    betraege[anteile[0][0]] += runden(zuschussbedarf, 0) - (aufwand - ertrag)
    return betraege


def _faktor(nummer: str, jahr: int, art: str) -> Decimal:
    """KONSTRUIERT: a deterministic deviation between −6 % and +9 % per Produkt, year and state."""
    pruef = zlib.crc32(f"{nummer}|{jahr}|{art}".encode()) % 16
    return Decimal(100 + pruef - 6) / 100


def _csv(zeilen: list[tuple[str, str, str, int, date | None, Decimal]]) -> bytes:
    text = [KOPF]
    for nummer, zeile, art, jahr, stichtag, betrag in zeilen:
        tag = stichtag.strftime("%d.%m.%Y") if stichtag else ""
        text.append(f"{nummer};{zeile};{Art(art).label};{jahr};{tag};{format_de(betrag)}")
    return ("\r\n".join(text) + "\r\n").encode("cp1252")


def datei_laden(name: str, zeilen) -> None:
    inhalt = _csv(zeilen)
    pruefung = importer.datei_pruefen(name=name, inhalt=inhalt)
    if not importer.ist_aktueller_stand(pruefung):
        services.haushalt_importieren(name=name, inhalt=inhalt, user=None)


def stammdaten() -> dict[str, Produkt]:
    for nummer, bezeichnung in PRODUKTGRUPPEN:
        Produktgruppe.objects.get_or_create(nummer=nummer, defaults={"bezeichnung": bezeichnung})
    gruppen = {g.nummer: g for g in Produktgruppe.objects.all()}
    produkte = {}
    for nummer, bezeichnung, *_rest in PRODUKTE:
        produkte[nummer], _neu = Produkt.objects.get_or_create(
            nummer=nummer, defaults={"bezeichnung": bezeichnung, "produktgruppe": gruppen[nummer.rsplit(".", 1)[0]]}
        )
    jugend = Produkt.objects.filter(nummer=JUGEND[0]).first()
    if jugend:
        produkte[JUGEND[0]] = jugend
    einheiten = {oe.kuerzel: oe for oe in Organisationseinheit.objects.all()}
    kennzahl = Kennzahl.objects.filter(code=FALLZAHL_KENNZAHL, organisationseinheit__kuerzel="50 21").order_by("-jahr")
    zuordnungen = [(n, k) for n, _b, _t, k, *_r in PRODUKTE] + ([(JUGEND[0], JUGEND[1])] if jugend else [])
    for nummer, kuerzel in zuordnungen:
        werte = {"organisationseinheit": einheiten.get(kuerzel), "transferzeile": Zeile.TRANSFER}
        if nummer == HZP:
            werte["fallzahl_kennzahl"] = kennzahl.first()
        zuordnung, neu = Produktzuordnung.objects.get_or_create(produkt=produkte[nummer], defaults=werte)
        if not neu and any(getattr(zuordnung, f) != w for f, w in werte.items()):
            for f, w in werte.items():
                setattr(zuordnung, f, w)
            zuordnung.save()
    eingestellt, _neu = HaushaltEinstellungen.objects.get_or_create(pk=1)
    soll = {
        "einwohnerzahl": EINWOHNER,
        "einwohner_stichtag": date(2021, 12, 31),
        "produktbereiche": {**eingestellt.produktbereiche, **PRODUKTBEREICHE},
    }
    if any(getattr(eingestellt, f) != w for f, w in soll.items()):
        for f, w in soll.items():
            setattr(eingestellt, f, w)
        eingestellt.save()
    return produkte


def jahresbericht_2021() -> list:
    """GELESEN (Zuschussbedarf per Produkt) with the line split KONSTRUIERT: Plan 2021, Ist 2020."""
    zeilen = []
    for nummer, _b, typ, _k, plan_2021, ist_2020, _paarung in PRODUKTE:
        for art, jahr, stichtag, ergebnis in (
            (Art.ANSATZ, 2021, None, plan_2021),
            (Art.IST, 2020, date(2020, 12, 31), ist_2020),
        ):
            # Zeile 29 is Erträge − Aufwendungen; the Zuschussbedarf is its negative.
            for zeile, betrag in _zeilen(typ, Decimal(-ergebnis)).items():
                zeilen.append((nummer, zeile, art, jahr, stichtag, betrag))
    return zeilen


def _fallzahlen(jahr: int) -> tuple[Decimal | None, Decimal | None, str]:
    """Fälle of Hilfe zur Pflege in Einrichtungen: plan (Soll) and actual (Ist, else the forecast)."""
    kennzahl = Kennzahl.objects.filter(code=FALLZAHL_KENNZAHL, organisationseinheit__kuerzel="50 21").first()
    if kennzahl is None:
        return None, None, Art.IST
    plan = fallzahl_im_jahr(kennzahl=kennzahl, jahr=jahr, zustand=Art.ANSATZ)
    ist = fallzahl_im_jahr(kennzahl=kennzahl, jahr=jahr, zustand=Art.IST)
    if ist is not None:
        return plan, ist, Art.IST
    return plan, fallzahl_im_jahr(kennzahl=kennzahl, jahr=jahr, zustand=Art.PROGNOSE), Art.PROGNOSE


def konstruiert(jahr: int) -> list:
    """KONSTRUIERT: Ansatz, Ist and (for 2026) fortgeschriebener Ansatz and Prognose at 31.08."""
    steigerung = {2025: Decimal("1.12"), 2026: Decimal("1.16")}[jahr]
    zustaende = (
        [(Art.ANSATZ, None), (Art.IST, date(2025, 12, 31))]
        if jahr == 2025
        else [
            (Art.ANSATZ, None),
            (Art.FORTGESCHRIEBENER_ANSATZ, None),
            (Art.IST, date(2026, 8, 31)),
            (Art.PROGNOSE, date(2026, 8, 31)),
        ]
    )
    basis = [(n, t, Decimal(-p)) for n, _b, t, _k, p, _i, _x in PRODUKTE if p < 0]
    basis.append((JUGEND[0], T, Decimal(JUGEND[2]) / Decimal("1.12")))
    f_plan, f_ist, f_art = _fallzahlen(jahr)
    kosten_plan, kosten_ist = KOSTEN_JE_FALL[jahr]
    zeilen = []
    for nummer, typ, plan_2021 in basis:
        ansatz = plan_2021 * steigerung
        for art, stichtag in zustaende:
            transfer = None
            if art == Art.ANSATZ:
                betrag = ansatz
            elif art == Art.FORTGESCHRIEBENER_ANSATZ:
                betrag = ansatz * (Decimal("1.02") if nummer == HZP else 1)
            elif jahr == 2026 and art == Art.IST:
                betrag = ansatz * _faktor(nummer, jahr, Art.PROGNOSE) * 8 / 12  # Ist of eight months
            else:
                betrag = ansatz * _faktor(nummer, jahr, art)
            if nummer == HZP and f_plan is not None and f_ist is not None:
                # Transferaufwand = Fälle × Kosten je Fall; the Ist at 31.08. is eight months of the forecast.
                if art == Art.ANSATZ:
                    transfer = cent(f_plan * kosten_plan)
                elif art == Art.FORTGESCHRIEBENER_ANSATZ:
                    transfer = cent(f_plan * kosten_plan * Decimal("1.02"))
                elif art == f_art or (jahr == 2026 and art == Art.PROGNOSE):
                    transfer = cent(f_ist * kosten_ist)
                else:
                    transfer = cent(f_ist * kosten_ist * 8 / 12)
            for zeile, wert in _zeilen(typ, runden(betrag, 0), transfer=transfer).items():
                zeilen.append((nummer, zeile, art, jahr, stichtag, wert))
    return zeilen
