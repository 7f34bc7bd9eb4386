"""The demo Haushalt on top of the demo Kommune: the Bochum figures, the case-cost split, an
overdue proof of use, and idempotence (a second run changes nothing, not even history)."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from django.core.management import call_command

from demo.daten.haushalt import laden as lade_haushalt_demo
from haushalt.finanzen import Ebene, Vergleich, finanzdatenblatt
from haushalt.models import HaushaltEinstellungen, Haushaltsimport, Haushaltsposition, Produktzuordnung, Zuwendung
from organisation.models import Benutzer

pytestmark = pytest.mark.django_db


def _stand():
    return (
        sorted(Haushaltsposition.objects.values_list("produkt__nummer", "jahr", "zeile", "art", "stichtag", "betrag")),
        Haushaltsimport.objects.count(),
        sorted(Zuwendung.objects.values_list("traeger", "jahr", "bewilligt", "nachweis_faellig")),
        Zuwendung.history.count(),
        Produktzuordnung.history.count(),
        HaushaltEinstellungen.history.count(),
    )


@pytest.fixture
def demo():
    call_command("demo_daten", verbosity=0)
    lade_haushalt_demo()
    return Benutzer.objects.get(username="kaemmerei")


def test_demo_ist_idempotent(demo):
    vorher = _stand()
    lade_haushalt_demo()
    assert _stand() == vorher


def test_finanzdatenblatt_bochum_plan_2021_gegen_ist_2020(demo):
    hzp = finanzdatenblatt(user=demo, ebene=Ebene.PRODUKT, nummer="1.31.01.02", jahr=2021, vergleich=Vergleich.VORJAHR)
    assert (hzp.zuschussbedarf.werte.ansatz, hzp.zuschussbedarf.werte.ist_vorjahr) == (
        D("24289763.00"),
        D("22429603.00"),
    )
    # Haus der Begegnung: a surplus in Ist 2020 (refund from earlier years), as the Jahresbericht notes.
    hilfe_67 = finanzdatenblatt(user=demo, ebene=Ebene.PRODUKT, nummer="1.31.01.03", jahr=2021)
    assert hilfe_67.zuschussbedarf.werte.ist_vorjahr == D("-37539.00")
    bereich = finanzdatenblatt(user=demo, ebene=Ebene.PRODUKTBEREICH, nummer="1.31", jahr=2021)
    assert bereich.bezeichnung == "Soziale Hilfen" and bereich.produkte_gesamt == 21
    assert bereich.zuschussbedarf.werte.ansatz == D("175891515.00")
    assert bereich.je_einwohner.ansatz == D("475.19")  # 370.146 Einwohner
    assert {i.dateiname for i in Haushaltsimport.objects.all()} == {
        "finanzdatenblatt-bochum-plan-2021-ist-2020.csv",
        "haushalt-2025-konstruiert.csv",
        "haushalt-2026-stand-31-08-konstruiert.csv",
    }


def test_hilfe_zur_pflege_hat_einen_sichtbaren_mengen_und_preiseffekt(demo):
    blatt = finanzdatenblatt(user=demo, ebene=Ebene.PRODUKT, nummer="1.31.01.02", jahr=2026)
    fk = blatt.fallkosten
    assert fk.kennzahl.bezeichnung == "Leistungsberechtigte der Hilfe zur Pflege in Einrichtungen"
    assert blatt.zustand_i == "prognose" and fk.grund is None
    a = fk.aufteilung
    assert a.mengeneffekt > D("100000") and a.preiseffekt > D("100000")
    assert (a.kosten_je_fall_p, a.kosten_je_fall_i) == (D("13900.00"), D("14317.00"))
    assert a.mengeneffekt + a.preiseffekt == fk.aufwand_i - fk.aufwand_p


def test_zuwendungen_mit_einem_ueberfaelligen_verwendungsnachweis(demo):
    ueberfaellig = [z for z in Zuwendung.objects.all() if z.nachweis_ueberfaellig()]
    assert [(z.traeger, z.jahr) for z in ueberfaellig] == [("Beratungsstelle Wohnungsnot (Demo-Träger)", 2025)]
    assert Zuwendung.objects.filter(massnahme__code="M 3").exists()
    assert Zuwendung.objects.filter(organisationseinheit__kuerzel="51 3").exists()
