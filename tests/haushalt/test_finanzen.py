"""Finanzdatenblatt reads: states, Stichtag rule, sums to Produktgruppe and Produktbereich, scope,
Fallzahl from steuerung's evaluation, the series over the years, and the report's finance rows."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from core.periods import tertial
from haushalt import finanzen, kennwerte, services
from haushalt.finanzen import Ebene, NichtGefunden, Vergleich, finanzdatenblatt
from haushalt.models import Haushaltsposition, Produktzuordnung
from haushalt.uebersicht import finanzen_bericht_zeilen, finanzuebersicht
from steuerung.auswertung import kennzahl_auswertung
from steuerung.models import Messwert
from tests.haushalt.conftest import csv_datei
from tests.steuerung.factories import KennzahlFactory

pytestmark = pytest.mark.django_db


def _blatt(user, ebene=Ebene.PRODUKT, nummer="1.31.01.02", jahr=2026, **kwargs):
    return finanzdatenblatt(user=user, ebene=ebene, nummer=nummer, jahr=jahr, **kwargs)


def test_zeilen_summen_und_zuschussbedarf_je_zustand(haushalt_2026, kaemmerei):
    blatt = _blatt(kaemmerei)
    assert [(z.nummer, z.bezeichnung) for z in blatt.zeilen] == [
        (6, "Kostenerstattungen und Kostenumlagen"),
        (11, "Personalaufwendungen"),
        (15, "Transferaufwendungen"),
    ]
    z = blatt.zuschussbedarf.werte
    assert (z.ansatz, z.fortgeschriebener_ansatz, z.ist, z.prognose, z.ist_vorjahr) == (
        D("10000000.00"),  # 12.000.000 + 500.000 − 2.500.000
        None,
        D("8740000.00"),
        D("10510000.00"),  # 13.110.000 − 2.600.000
        D("9000000.00"),
    )
    # A year not closed yet: the Prognose is compared with the Ansatz.
    assert (blatt.zustand_p, blatt.zustand_i) == ("ansatz", "prognose")
    assert (blatt.zuschussbedarf.abweichung, blatt.zuschussbedarf.abweichung_prozent) == (D("510000.00"), D("5.1"))
    assert blatt.ertraege.werte.prognose == D("2600000.00")
    assert blatt.aufwendungen.werte.ansatz == D("12500000.00")
    assert (blatt.ist_stichtag, blatt.prognose_stichtag, blatt.ist_vorjahr_stichtag) == (
        date(2026, 8, 31),
        date(2026, 8, 31),
        date(2025, 12, 31),
    )


def test_vergleich_mit_dem_ist_des_vorjahres(haushalt_2026, kaemmerei):
    blatt = _blatt(kaemmerei, vergleich=Vergleich.VORJAHR)
    assert (blatt.zustand_p, blatt.zustand_i) == ("ist_vorjahr", "prognose")
    assert blatt.zuschussbedarf.abweichung == D("1510000.00")


def test_ohne_ist_und_prognose_steht_der_ansatz_gegen_das_vorjahres_ist(produkte, kaemmerei):
    services.haushalt_importieren(
        name="bochum.csv",
        inhalt=csv_datei("1.31.01.02;15;Ansatz;2021;;24.289.763,00", "1.31.01.02;15;Ist;2020;31.12.2020;22.429.603,00"),
        user=None,
    )
    blatt = _blatt(kaemmerei, jahr=2021, vergleich=Vergleich.VORJAHR)
    assert (blatt.zustand_p, blatt.zustand_i) == ("ist_vorjahr", "ansatz")
    assert (blatt.zuschussbedarf.abweichung, blatt.zuschussbedarf.abweichung_prozent) == (D("1860160.00"), D("8.3"))
    # Compared with its own Ansatz there is nothing to compare.
    blatt = _blatt(kaemmerei, jahr=2021)
    assert blatt.zustand_i is None and blatt.zuschussbedarf.abweichung is None


def test_ist_eines_abgeschlossenen_jahres_geht_der_prognose_vor(haushalt_2026, kaemmerei):
    services.haushalt_importieren(
        name="ist.csv", inhalt=csv_datei("1.31.01.02;15;Ist;2026;31.12.2026;13.000.000,00"), user=None
    )
    blatt = _blatt(kaemmerei)
    assert blatt.zustand_i == "ist"
    assert blatt.zuschussbedarf.werte.ist == D("13000000.00")
    assert blatt.ist_stichtag == date(2026, 12, 31)


def test_stichtag_waehlt_den_neuesten_stand_bis_zu_diesem_tag(haushalt_2026, kaemmerei):
    services.haushalt_importieren(
        name="ist-09.csv", inhalt=csv_datei("1.31.01.02;15;Ist;2026;30.09.2026;9.900.000,00"), user=None
    )
    assert _blatt(kaemmerei).zuschussbedarf.werte.ist == D("9900000.00")
    assert _blatt(kaemmerei, bis=date(2026, 9, 15)).zuschussbedarf.werte.ist == D("8740000.00")
    assert _blatt(kaemmerei, bis=date(2026, 9, 15)).ist_stichtag == date(2026, 8, 31)
    assert _blatt(kaemmerei, bis=date(2026, 8, 30)).zuschussbedarf.werte.ist is None
    # The undated Ansatz counts at every Stichtag.
    assert _blatt(kaemmerei, bis=date(2026, 1, 1)).zuschussbedarf.werte.ansatz == D("10000000.00")


def test_summen_je_produktgruppe_und_produktbereich(haushalt_2026, kaemmerei):
    gruppe = _blatt(kaemmerei, Ebene.PRODUKTGRUPPE, "1.31.01")
    assert gruppe.bezeichnung == "Leistungen nach dem SGB XII"
    assert gruppe.zuschussbedarf.werte.ansatz == D("17000000.00")
    assert gruppe.zuschussbedarf.werte.prognose == D("17860000.00")
    assert [(u.nummer, u.zuschussbedarf.werte.ansatz) for u in gruppe.unterpositionen] == [
        ("1.31.01.01", D("7000000.00")),
        ("1.31.01.02", D("10000000.00")),
    ]
    bereich = _blatt(kaemmerei, Ebene.PRODUKTBEREICH, "1.31")
    assert bereich.zuschussbedarf.werte.ansatz == D("18000000.00")
    assert [(u.nummer, u.zuschussbedarf.werte.prognose) for u in bereich.unterpositionen] == [
        ("1.31.01", D("17860000.00")),
        ("1.31.06", D("1050000.00")),
    ]
    assert bereich.fallkosten is None and not bereich.teilsicht


def test_je_einwohner_wenn_die_einwohnerzahl_gesetzt_ist(haushalt_2026, kaemmerei):
    assert _blatt(kaemmerei).je_einwohner is None
    services.einstellungen_speichern(daten={"einwohnerzahl": 365_000}, user=kaemmerei)
    blatt = _blatt(kaemmerei)
    assert blatt.je_einwohner.ansatz == D("27.40")  # 10.000.000 / 365.000 = 27,397…
    assert blatt.je_einwohner.ist_vorjahr == D("24.66")


def test_fachamt_sieht_nur_eigene_produkte(haushalt_2026, sachbearbeitung50, sachbearbeitung51, dezernat):
    assert _blatt(sachbearbeitung50).zuschussbedarf.werte.ansatz == D("10000000.00")
    with pytest.raises(NichtGefunden):
        _blatt(sachbearbeitung51)
    with pytest.raises(NichtGefunden):
        _blatt(sachbearbeitung51, Ebene.PRODUKTBEREICH, "1.31")
    assert _blatt(sachbearbeitung51, Ebene.PRODUKTBEREICH, "1.36").zuschussbedarf.werte.ansatz == D("18000000.00")
    assert _blatt(dezernat, Ebene.PRODUKTBEREICH, "1.31").produkte_sichtbar == 3


def test_teilsicht_eines_fachamts_wird_ausgewiesen(haushalt_2026, einheiten, sachbearbeitung50):
    Produktzuordnung.objects.filter(produkt__nummer="1.31.01.01").update(organisationseinheit=einheiten["51"])
    gruppe = _blatt(sachbearbeitung50, Ebene.PRODUKTGRUPPE, "1.31.01")
    assert gruppe.teilsicht and (gruppe.produkte_sichtbar, gruppe.produkte_gesamt) == (1, 2)
    assert gruppe.zuschussbedarf.werte.ansatz == D("10000000.00")


def test_unbekannte_einheit_ist_nicht_gefunden(haushalt_2026, kaemmerei):
    for ebene, nummer in ((Ebene.PRODUKT, "9.99"), (Ebene.PRODUKTGRUPPE, "1.31.77"), (Ebene.PRODUKTBEREICH, "7.77")):
        with pytest.raises(NichtGefunden):
            _blatt(kaemmerei, ebene, nummer)


def test_verlauf_des_zuschussbedarfs_ueber_die_jahre(haushalt_2026, kaemmerei):
    verlauf = _blatt(kaemmerei).verlauf
    assert [(j.jahr, j.ansatz, j.ist, j.ist_stichtag, j.prognose) for j in verlauf] == [
        (2025, None, D("9000000.00"), date(2025, 12, 31), None),
        (2026, D("10000000.00"), D("8740000.00"), date(2026, 8, 31), D("10510000.00")),
    ]


# --- Fallzahl and Mengen-/Preiseffekt ---------------------------------------------------------


@pytest.fixture
def fallzahl(haushalt_2026, einheiten):
    """K 1 (Bestand, tertial): Soll 2026 = 1.000 Fälle; values up to 2026-T2 (1.040), none for 2026-T3 yet."""
    kennzahl = KennzahlFactory(
        jahr=2026,
        code="K 1",
        messart="bestand",
        erhebungsrhythmus="tertial",
        ausgangswert=D("1000"),
        ausgangsjahr=2025,
        zielwert=D("1000"),
        zieljahr=2026,
        organisationseinheit=einheiten["50 21"],
    )
    for periode, ende, wert in (
        ("2025-T3", date(2025, 12, 31), "1020"),
        ("2026-T1", date(2026, 4, 30), "1030"),
        ("2026-T2", date(2026, 8, 31), "1040"),
    ):
        Messwert.objects.create(kennzahl=kennzahl, periode=periode, periode_ende=ende, wert=D(wert))
    Produktzuordnung.objects.filter(produkt__nummer="1.31.01.02").update(fallzahl_kennzahl=kennzahl)
    return kennzahl


def test_fallzahl_des_jahres_aus_der_auswertung_der_kennzahl(fallzahl):
    assert finanzen.fallzahl_im_jahr(kennzahl=fallzahl, jahr=2026, zustand="ansatz") == D("1000.00")
    assert finanzen.fallzahl_im_jahr(kennzahl=fallzahl, jahr=2026, zustand="ist") is None  # 2026-T3 not yet
    assert finanzen.fallzahl_im_jahr(kennzahl=fallzahl, jahr=2025, zustand="ist") == D("1020")
    # The Prognose is steuerung's year-end forecast of the Kennzahl (trend of the last values).
    auswertung = kennzahl_auswertung(kennzahl=fallzahl, periode=tertial(2026, 3))
    assert finanzen.fallzahl_im_jahr(kennzahl=fallzahl, jahr=2026, zustand="prognose") == auswertung.prognose.wert
    assert auswertung.prognose.wert == D("1050.08")


def test_mengen_und_preiseffekt_des_beispiels(fallzahl, kaemmerei):
    """Ansatz 12.000.000,00 € for 1.000 Fälle; Ist 13.110.000,00 € for 1.050 Fälle."""
    Messwert.objects.create(kennzahl=fallzahl, periode="2026-T3", periode_ende=date(2026, 12, 31), wert=D("1050"))
    services.haushalt_importieren(
        name="ist.csv", inhalt=csv_datei("1.31.01.02;15;Ist;2026;31.12.2026;13.110.000,00"), user=None
    )
    blatt = _blatt(kaemmerei)
    assert blatt.zustand_i == "ist"
    fk = blatt.fallkosten
    assert fk.grund is None and fk.kennzahl == fallzahl
    assert (fk.fallzahl_p, fk.fallzahl_i, fk.aufwand_p, fk.aufwand_i) == (
        D("1000.00"),
        D("1050"),
        D("12000000.00"),
        D("13110000.00"),
    )
    a = fk.aufteilung
    assert (a.kosten_je_fall_p, a.kosten_je_fall_i, a.mengeneffekt, a.preiseffekt, a.abweichung) == (
        D("12000.00"),
        D("12485.71"),
        D("600000.00"),
        D("510000.00"),
        D("1110000.00"),
    )


def test_mengen_und_preiseffekt_mit_prognose(fallzahl, kaemmerei):
    fk = _blatt(kaemmerei).fallkosten
    assert (fk.fallzahl_p, fk.fallzahl_i, fk.aufwand_i) == (D("1000.00"), D("1050.08"), D("13110000.00"))
    assert fk.aufteilung.mengeneffekt == D("600960.00")  # 50,08 × 12.000
    assert fk.aufteilung.mengeneffekt + fk.aufteilung.preiseffekt == D("1110000.00")


def test_mengen_und_preiseffekt_gegen_das_vorjahres_ist(fallzahl, kaemmerei):
    fk = _blatt(kaemmerei, vergleich=Vergleich.VORJAHR).fallkosten
    assert (fk.fallzahl_p, fk.aufwand_p) == (D("1020"), D("11400000.00"))
    assert fk.aufteilung.mengeneffekt + fk.aufteilung.preiseffekt == D("1710000.00")


def test_ohne_fallzahl_kennzahl_sagt_die_seite_warum(haushalt_2026, kaemmerei):
    assert _blatt(kaemmerei).fallkosten.grund == "Für dieses Produkt ist keine Fallzahl-Kennzahl hinterlegt."


def test_ohne_fallzahl_im_vorjahr_sagt_die_seite_warum(fallzahl, kaemmerei):
    Messwert.objects.filter(periode="2025-T3").delete()
    fk = _blatt(kaemmerei, vergleich=Vergleich.VORJAHR).fallkosten
    assert fk.aufteilung is None and fk.grund == "Für das Ist 2025 liegt keine Fallzahl vor."


def test_unterjaehriges_ist_wird_nicht_aufgeteilt(fallzahl, kaemmerei):
    Haushaltsposition.objects.filter(art="prognose").delete()
    blatt = _blatt(kaemmerei)
    assert blatt.zustand_i == "ist"
    assert blatt.fallkosten.grund == (
        "Das Ist zum Stichtag 31.08.2026 umfasst nicht das ganze Jahr; die Aufteilung braucht das Ist des "
        "ganzen Jahres oder eine Prognose."
    )


# --- Overview and the report's finance section ----------------------------------------------------


def test_finanzuebersicht_je_produktbereich(haushalt_2026, sachbearbeitung50):
    bereiche = finanzuebersicht(user=sachbearbeitung50, jahr=2026)
    assert [b.nummer for b in bereiche] == ["1.31"]
    assert [(z.ebene, z.nummer, z.zuschussbedarf.ansatz) for z in bereiche[0].zeilen] == [
        ("produktgruppe", "1.31.01", D("17000000.00")),
        ("produkt", "1.31.01.01", D("7000000.00")),
        ("produkt", "1.31.01.02", D("10000000.00")),
        ("produktgruppe", "1.31.06", D("1000000.00")),
        ("produkt", "1.31.06.04", D("1000000.00")),
    ]
    assert bereiche[0].zuschussbedarf.prognose == D("18910000.00")


def test_finanzen_bericht_zeilen_je_produktgruppe_der_einheit(haushalt_2026, einheiten):
    zeilen = finanzen_bericht_zeilen(oe=einheiten["50"], jahr=2026, stichtag=date(2026, 8, 31))
    assert [
        (z.produktgruppe.nummer, z.ansatz, z.ist, z.prognose, z.abweichung, z.abweichung_prozent, z.erklaerung_noetig)
        for z in zeilen
    ] == [
        # 17.860.000 − 17.000.000 = 860.000 € (5,1 %): above 100.000 €
        ("1.31.01", D("17000000.00"), D("8740000.00"), D("17860000.00"), D("860000.00"), D("5.1"), True),
        # 50.000 € and 5,0 %: below both thresholds
        ("1.31.06", D("1000000.00"), None, D("1050000.00"), D("50000.00"), D("5.0"), False),
    ]
    assert zeilen[0].ist_stichtag == date(2026, 8, 31) and zeilen[0].prognose_stichtag == date(2026, 8, 31)
    # Only the unit's subtree: Sachgebiet 50 21 has Hilfe zur Pflege only.
    assert [
        (z.produktgruppe.nummer, z.ansatz)
        for z in finanzen_bericht_zeilen(oe=einheiten["50 21"], jahr=2026, stichtag=date(2026, 8, 31))
    ] == [("1.31.01", D("10000000.00"))]
    # Before the forecast's Stichtag there is no forecast, hence no deviation and no duty.
    frueh = finanzen_bericht_zeilen(oe=einheiten["50"], jahr=2026, stichtag=date(2026, 4, 30))
    assert [(z.prognose, z.abweichung, z.erklaerung_noetig) for z in frueh] == [(None, None, False)] * 2


def test_schwellen_der_erklaerungspflicht_sind_einstellbar(haushalt_2026, einheiten, kaemmerei):
    services.einstellungen_speichern(
        daten={"schwelle_prozent": D("4.00"), "schwelle_betrag": D("1000000.00")}, user=kaemmerei
    )
    zeilen = finanzen_bericht_zeilen(oe=einheiten["50"], jahr=2026, stichtag=date(2026, 8, 31))
    assert [z.erklaerung_noetig for z in zeilen] == [True, True]  # 5,1 % and 5,0 % exceed 4 %
    services.einstellungen_speichern(daten={"schwelle_prozent": D("10.00")}, user=kaemmerei)
    zeilen = finanzen_bericht_zeilen(oe=einheiten["50"], jahr=2026, stichtag=date(2026, 8, 31))
    assert [z.erklaerung_noetig for z in zeilen] == [False, False]  # 860.000 € < 1.000.000 €, 5,1 % < 10 %


ERKLAERUNG = [
    # (Ansatz, Prognose) -> nötig, with the defaults 10 % / 100.000 €; compared unrounded
    ((None, None), False),
    (("1000000.00", None), False),
    ((None, "1000000.00"), False),
    (("1000000.00", "1100000.00"), False),  # exactly 100.000 € and exactly 10 %: not above
    (("1000000.00", "1100000.01"), True),  # a cent above both
    (("2000000.00", "2100000.00"), False),  # exactly 100.000 €, 5 %
    (("2000000.00", "2100000.01"), True),  # above the amount only
    (("2000000.00", "1899999.99"), True),  # negative deviation above the amount
    (("500000.00", "550000.00"), False),  # exactly 10 %, 50.000 €
    (("500000.00", "550000.01"), True),  # above the percentage only
    (("500000.00", "449999.99"), True),  # negative, above the percentage only
    (("100000.00", "110040.00"), True),  # 10,04 % is shown as 10,0 % but is above 10 %
    (("0.00", "5000.00"), False),  # Ansatz 0: only the amount rule applies
    (("0.00", "100000.01"), True),
]


@pytest.mark.parametrize(("eingabe", "erwartet"), ERKLAERUNG)
def test_erklaerungspflicht_tabelle(eingabe, erwartet):
    ansatz, prognose = (None if w is None else D(w) for w in eingabe)
    assert (
        kennwerte.erklaerung_noetig(
            ansatz=ansatz, prognose=prognose, schwelle_prozent=D("10"), schwelle_betrag=D("100000")
        )
        is erwartet
    )


@pytest.mark.parametrize(
    ("ansatz", "prognose", "prozent", "betrag", "erwartet"),
    [
        ("1000000.00", "1040000.00", "4.00", "1000000.00", False),  # exactly 4 %
        ("1000000.00", "1040000.01", "4.00", "1000000.00", True),
        ("1000000.00", "1000000.01", "0.00", "1000000.00", True),  # 0 %: every deviation
        ("1000000.00", "1000000.00", "0.00", "0.00", False),  # no deviation
    ],
)
def test_erklaerungspflicht_eigene_schwellen(ansatz, prognose, prozent, betrag, erwartet):
    assert (
        kennwerte.erklaerung_noetig(
            ansatz=D(ansatz), prognose=D(prognose), schwelle_prozent=D(prozent), schwelle_betrag=D(betrag)
        )
        is erwartet
    )


@pytest.mark.parametrize(
    ("ertraege", "aufwendungen", "erwartet"),
    [(None, None, None), ("100.00", None, "-100.00"), (None, "50.00", "50.00"), ("20.00", "50.00", "30.00")],
)
def test_zuschussbedarf_tabelle(ertraege, aufwendungen, erwartet):
    e, a = (None if w is None else D(w) for w in (ertraege, aufwendungen))
    assert kennwerte.zuschussbedarf(ertraege=e, aufwendungen=a) == (None if erwartet is None else D(erwartet))


def test_je_einwohner_und_summe():
    assert kennwerte.je_einwohner(D("1000.00"), 3) == D("333.33")
    assert kennwerte.je_einwohner(D("1000.00"), 0) is None
    assert kennwerte.je_einwohner(None, 3) is None
    assert kennwerte.summe([None, None]) is None
    assert kennwerte.summe([None, D("0.00")]) == D("0.00")
