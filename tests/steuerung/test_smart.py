"""SMART check: each listed defect is found, with its German sentence (no database)."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from steuerung.smart import KennzahlDaten, ZielDaten, jaehrliche_veraenderung, pruefe_ziel

GUT = KennzahlDaten(
    bezeichnung="Wohngeldhaushalte",
    einheit="Haushalte",
    datenquelle="Wohngeldverfahren",
    richtung="steigend",
    ausgangswert=Decimal("4400"),
    ausgangsjahr=2020,
    zielwert=Decimal("4600"),
    zieljahr=2021,
    wirkungsebene="outcome",
)
ZIEL = ZielDaten(typ="produktziel", titel="Wohnkosten sind tragbar", zielgruppe="Haushalte", kennzahlen=(GUT,))
VOR = "Kennzahl „Wohngeldhaushalte“: "


def test_vollstaendiges_ziel_ist_smart():
    ergebnis = pruefe_ziel(ZIEL)
    assert ergebnis.erfuellt is True
    assert ergebnis.maengel == ()
    assert ergebnis.warnungen == ()


@pytest.mark.parametrize(
    ("aenderung", "mangel"),
    [
        ({"titel": "  "}, "Kein Zieltext (nicht spezifisch)"),
        ({"zielgruppe": ""}, "Keine Zielgruppe und kein Sozialraum benannt (nicht spezifisch)"),
        ({"verantwortlich": False}, "Keine verantwortliche Person benannt"),
        ({"kennzahlen": ()}, "Keine Kennzahl zugeordnet (nicht messbar)"),
    ],
)
def test_mangel_am_ziel_wird_als_deutscher_satz_gemeldet(aenderung, mangel):
    ergebnis = pruefe_ziel(replace(ZIEL, **aenderung))
    assert ergebnis.erfuellt is False
    assert ergebnis.maengel == (mangel,)


def test_sozialraum_ersetzt_die_zielgruppe():
    assert pruefe_ziel(replace(ZIEL, zielgruppe="", sozialraum="Wattenscheid-Mitte")).erfuellt is True


@pytest.mark.parametrize(
    ("aenderung", "mangel"),
    [
        ({"einheit": ""}, "Keine Einheit angegeben (nicht messbar)"),
        ({"datenquelle": " "}, "Keine Datenquelle angegeben (nicht messbar)"),
        ({"ausgangswert": None}, "Kein Ausgangswert (Erreichbarkeit nicht beurteilbar)"),
        ({"zielwert": None}, "Kein Zielwert (Erreichbarkeit nicht beurteilbar)"),
        ({"zielwert": Decimal("4400")}, "Zielwert liegt nicht in Zielrichtung"),
        ({"zielwert": Decimal("4300")}, "Zielwert liegt nicht in Zielrichtung"),
        ({"richtung": "fallend"}, "Zielwert liegt nicht in Zielrichtung"),
        ({"zieljahr": None}, "Kein Zieljahr (nicht terminiert)"),
        ({"zieljahr": 2019}, "Zieljahr liegt vor dem Basisjahr (nicht terminiert)"),
        ({"ausgangsjahr": None}, "Kein Basisjahr zum Ausgangswert (nicht terminiert)"),
        ({"vertretung": False}, "Keine Vertretung benannt"),
        ({"verantwortlich": False}, "Keine verantwortliche Person benannt"),
        (
            {"zielwert": Decimal("5500")},
            "Jährliche Veränderung von 25,0 % liegt über der Plausibilitätsgrenze von 20 % und ist nicht "
            "begründet (nicht realistisch)",
        ),
        (
            {"ausgangswert": Decimal("0"), "zielwert": Decimal("5")},
            "Ausgangswert 0: Veränderung ohne Begründung nicht plausibel (nicht realistisch)",
        ),
    ],
)
def test_mangel_an_der_kennzahl_wird_mit_ihrem_namen_gemeldet(aenderung, mangel):
    ergebnis = pruefe_ziel(replace(ZIEL, kennzahlen=(replace(GUT, **aenderung),)))
    assert ergebnis.maengel == (VOR + mangel,)


def test_begruendung_macht_grosse_veraenderung_plausibel():
    kennzahl = replace(GUT, zielwert=Decimal("8800"))
    assert not pruefe_ziel(replace(ZIEL, kennzahlen=(kennzahl,))).erfuellt
    assert pruefe_ziel(replace(ZIEL, kennzahlen=(kennzahl,), begruendung_plausibilitaet="Wohngeldreform 2023")).erfuellt


def test_plausibilitaetsgrenze_ist_einstellbar():
    kennzahl = replace(GUT, zielwert=Decimal("5500"))
    assert pruefe_ziel(replace(ZIEL, kennzahlen=(kennzahl,)), grenze=Decimal("30")).erfuellt


@pytest.mark.parametrize(
    ("ausgangswert", "zielwert", "ausgangsjahr", "zieljahr", "erwartet"),
    [
        (Decimal("100"), Decimal("130"), 2024, 2025, Decimal("30")),
        (Decimal("100"), Decimal("130"), 2022, 2025, Decimal("10")),
        (Decimal("200"), Decimal("150"), 2025, 2025, Decimal("25")),
        (Decimal("-50"), Decimal("-40"), 2024, 2025, Decimal("20")),
        (Decimal("100"), Decimal("110"), None, 2025, Decimal("10")),
        (Decimal("0"), Decimal("10"), 2024, 2025, None),
    ],
)
def test_jaehrliche_veraenderung_in_prozent(ausgangswert, zielwert, ausgangsjahr, zieljahr, erwartet):
    assert jaehrliche_veraenderung(ausgangswert, zielwert, ausgangsjahr, zieljahr) == erwartet


def test_mehrere_maengel_werden_alle_gemeldet():
    kennzahl = replace(GUT, einheit="", zieljahr=None)
    ergebnis = pruefe_ziel(replace(ZIEL, zielgruppe="", kennzahlen=(kennzahl,)))
    assert ergebnis.maengel == (
        "Keine Zielgruppe und kein Sozialraum benannt (nicht spezifisch)",
        VOR + "Keine Einheit angegeben (nicht messbar)",
        VOR + "Kein Zieljahr (nicht terminiert)",
    )


def test_produktgruppenziel_nur_mit_output_kennzahlen_bekommt_warnung():
    output = replace(GUT, wirkungsebene="output")
    ergebnis = pruefe_ziel(replace(ZIEL, typ="produktgruppenziel", kennzahlen=(output, output)))
    assert ergebnis.erfuellt is True
    assert ergebnis.warnungen == ("Alle Kennzahlen messen nur Output: die Wirkung des Ziels wird nicht gemessen",)


def test_output_warnung_nur_fuer_produktgruppenziele_und_nicht_bei_gemischten_ebenen():
    output = replace(GUT, wirkungsebene="output")
    assert pruefe_ziel(replace(ZIEL, typ="produktziel", kennzahlen=(output,))).warnungen == ()
    assert pruefe_ziel(replace(ZIEL, typ="produktgruppenziel", kennzahlen=(output, GUT))).warnungen == ()


def test_massnahme_ohne_leitziel_ist_eine_luecke():
    ergebnis = pruefe_ziel(replace(ZIEL, typ="massnahme", hat_leitziel=False))
    assert ergebnis.maengel == ("Maßnahme ist keinem Leitziel zugeordnet (hängt an keinem Produkt- oder Teilziel)",)
