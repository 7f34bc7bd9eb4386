"""Evaluation selectors and the dashboard: engine on real rows, roll-up, scope, constant query count."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.periods import periode
from organisation.models import Benutzer
from steuerung.auswertung import kennzahl_auswertung
from steuerung.dashboard import tertial_dashboard
from steuerung.kennzahlverlauf import kennzahl_verlauf
from steuerung.models import Sollwert
from tests.steuerung.factories_tertial import (
    TKennzahlFactory,
    TLeitzielFactory,
    TMesswertFactory,
    TProduktgruppenzielFactory,
    TProduktzielFactory,
)

pytestmark = pytest.mark.django_db
HEUTE = date(2026, 11, 21)


def test_beispiel_der_issue_ueber_die_datenbank(einheiten):
    k = TKennzahlFactory(
        organisationseinheit=einheiten["50"],
        jahr=2022,
        erhebungsrhythmus="jahr",
        ausgangswert=D("44"),
        ausgangsjahr=2020,
        zielwert=D("50"),
        zieljahr=2023,
    )
    TMesswertFactory(kennzahl=k, periode="2021", wert=D("45"))
    TMesswertFactory(kennzahl=k, periode="2022", wert=D("47"))
    a = kennzahl_auswertung(kennzahl=k, periode=periode("2022"))
    assert (a.ist, a.soll, a.zielerreichungsgrad, a.bewertung, a.ampel) == (
        D("47.0000"),
        D("48.00"),
        D("75.00"),
        "teilweise",
        "rot",
    )
    assert (a.vorperiode_wert, a.abweichung_vorperiode.absolut, a.abweichung_vorperiode.prozent) == (
        D("45.0000"),
        D("2.0000"),
        D("4.4"),
    )
    assert (a.vorjahr_wert, a.abweichung_vorjahr.prozent) == (D("45.0000"), D("4.4"))
    assert (a.prognose.wert, a.prognose.methode) == (D("47.00"), "trend")
    assert a.erklaerung_noetig


def test_expliziter_sollwert_und_vorjahreswert_der_kopie_des_vorjahres(einheiten):
    alt = TKennzahlFactory(organisationseinheit=einheiten["50"], jahr=2025, code="KZ 1")
    neu = TKennzahlFactory(organisationseinheit=einheiten["50"], jahr=2026, code="KZ 1", produktziel=alt.produktziel)
    TMesswertFactory(kennzahl=alt, periode="2025-T1", wert=D("40"))
    TMesswertFactory(kennzahl=neu, periode="2026-T1", wert=D("46"))
    Sollwert.objects.create(kennzahl=neu, periode="2026-T1", wert=D("46"))
    a = kennzahl_auswertung(kennzahl=neu, periode=periode("2026-T1"))
    assert (a.soll, a.zielerreichungsgrad, a.ampel) == (D("46.0000"), D("100.00"), "gruen")
    assert (a.vorjahr_wert, a.abweichung_vorjahr.prozent) == (D("40.0000"), D("15.0"))


def test_summenkennzahl_prognostiziert_saisonal_mit_zwei_vorjahren(einheiten):
    k = TKennzahlFactory(organisationseinheit=einheiten["50"], messart="summe", jahr=2026)
    for j, werte in ((2024, ("30", "30", "40")), (2025, ("20", "40", "40"))):
        for t, w in zip((1, 2, 3), werte, strict=True):
            TMesswertFactory(kennzahl=k, periode=f"{j}-T{t}", wert=D(w))
    TMesswertFactory(kennzahl=k, periode="2026-T1", wert=D("30"))
    a = kennzahl_auswertung(kennzahl=k, periode=periode("2026-T1"))
    assert [(p.wert, p.methode) for p in a.prognosen] == [(D("120.00"), "saisonal"), (D("90.00"), "hochrechnung")]


def test_verlauf_enthaelt_soll_und_korridor(einheiten):
    k = TKennzahlFactory(organisationseinheit=einheiten["50"])
    TMesswertFactory(kennzahl=k, periode="2026-T1", wert=D("45"))
    punkte = kennzahl_verlauf(kennzahl=k, bis=periode("2026-T2"))
    assert [p.periode.schluessel for p in punkte] == ["2025-T1", "2025-T2", "2025-T3", "2026-T1", "2026-T2"]
    t1 = punkte[3]
    # Soll 46.66; corridor = values at ZEG 80 % and 110 %: 44 + 2.66 * 0.8 and 44 + 2.66 * 1.1.
    assert (t1.ist, t1.soll, t1.korridor_unten, t1.korridor_oben) == (
        D("45.0000"),
        D("46.66"),
        D("46.1280"),
        D("46.9260"),
    )


def _pyramide(einheiten, *, rot: bool = True):
    lz = TLeitzielFactory(organisationseinheit=einheiten["V"], code="LZ 1")
    pgz = TProduktgruppenzielFactory(organisationseinheit=einheiten["50"], leitziel=lz)
    pz = TProduktzielFactory(organisationseinheit=einheiten["50"], produktgruppenziel=pgz)
    gruen = TKennzahlFactory(organisationseinheit=einheiten["50 21"], produktziel=pz, bezeichnung="Grüne Kennzahl")
    TMesswertFactory(kennzahl=gruen, periode="2026-T2", wert=D("49"))
    schlecht = TKennzahlFactory(
        organisationseinheit=einheiten["50 21"], produktziel=pz, bezeichnung="Rote Kennzahl", wirkungsebene="output"
    )
    TMesswertFactory(kennzahl=schlecht, periode="2026-T2", wert=D("45") if rot else D("49"))
    fehlt = TKennzahlFactory(
        organisationseinheit=einheiten["51"], produktgruppenziel=pgz, produktziel=None, bezeichnung="Ohne Wert"
    )
    return lz, gruen, schlecht, fehlt


def test_dashboard_verdichtet_rot_bis_zum_leitziel_und_nennt_die_ursache(einheiten, dezernat):
    lz, gruen, schlecht, fehlt = _pyramide(einheiten)
    d = tertial_dashboard(periode=periode("2026-T2"), user=dezernat, heute=HEUTE)
    (wurzel,) = d.pyramide
    assert (wurzel.ziel, wurzel.ampel, wurzel.ursache.kennzahl) == (lz, "rot", schlecht)
    pgz = wurzel.kinder[0]
    assert [a.kennzahl for a in pgz.kennzahlen] == [fehlt]
    assert pgz.kinder[0].ampel == "rot"
    zaehler = dict(d.anzahl_je_bewertung)
    assert (zaehler["ueberplanmaessig"], zaehler["nicht"], zaehler["keine_daten"]) == (1, 1, 1)
    # Each reason names the rule that fired (issue "Kennzahlen II"), not just the colour.
    assert {a.kennzahl.bezeichnung: g for a, g in d.aufmerksamkeit} == {
        "Rote Kennzahl": [
            "Zielerreichung 30,03 % – nicht erreicht",
            "überfällig seit 16.09.2026",  # red without explanation stays incomplete
            "Jahresziel gefährdet: Prognose 25,00 % – nicht erreicht",
        ],
        "Ohne Wert": ["überfällig seit 16.09.2026"],
    }
    vollst = {v.organisationseinheit.kuerzel: (v.faellig, v.mit_wert, v.prozent) for v in d.vollstaendigkeit}
    assert vollst == {"50 21": (2, 2, D("100")), "51": (1, 0, D("0"))}
    (anteil,) = d.wirkungsanteile
    assert (anteil.gesamt, anteil.outcome_impact) == (3, 2)


def test_gewichtete_verdichtung_des_ziels(einheiten, dezernat):
    lz, gruen, schlecht, fehlt = _pyramide(einheiten)
    pz = gruen.produktziel
    pz.rollup = "gewichtet"
    pz.save()
    gruen.gewicht = D("3")
    gruen.save()
    d = tertial_dashboard(periode=periode("2026-T2"), user=dezernat, heute=HEUTE)
    produktziel = d.pyramide[0].kinder[0].kinder[0]
    assert (produktziel.ampel, produktziel.ursache.kennzahl) == ("gruen", schlecht)


def test_sachbearbeitung_sieht_im_dashboard_nur_ihre_kennzahlen(einheiten, sachbearbeitung51):
    _pyramide(einheiten)
    d = tertial_dashboard(periode=periode("2026-T2"), user=sachbearbeitung51, heute=HEUTE)
    assert [a.kennzahl.bezeichnung for a in d.auswertungen] == ["Ohne Wert"]
    (wurzel,) = d.pyramide
    # The roll-up uses only what the Jugendamt may see: its own Kennzahl without a value.
    assert (wurzel.ampel, wurzel.ursache) == ("grau", None)


def test_ratsmitglied_sieht_kein_dashboard(einheiten, ratsmitglied):
    _pyramide(einheiten)
    d = tertial_dashboard(periode=periode("2026-T2"), user=ratsmitglied, heute=HEUTE)
    assert (d.pyramide, d.auswertungen) == ([], [])


def test_jahreskennzahl_ist_erst_im_dritten_tertial_faellig(einheiten, dezernat):
    TKennzahlFactory(organisationseinheit=einheiten["50"], erhebungsrhythmus="jahr")
    t2 = tertial_dashboard(periode=periode("2026-T2"), user=dezernat, heute=HEUTE)
    assert (t2.auswertungen[0].erfassungsstatus, t2.vollstaendigkeit) == ("nicht_faellig", [])
    t3 = tertial_dashboard(periode=periode("2026-T3"), user=dezernat, heute=date(2027, 2, 1))
    assert (t3.auswertungen[0].periode.schluessel, t3.auswertungen[0].ueberfaellig) == ("2026", True)


def test_dashboard_braucht_gleich_viele_abfragen_fuer_wenige_und_viele_kennzahlen(
    einheiten, dezernat, django_assert_num_queries
):
    _pyramide(einheiten)
    frisch = Benutzer.objects.get(pk=dezernat.pk)  # no cached roles or scope
    with CaptureQueriesContext(connection) as wenig:
        tertial_dashboard(periode=periode("2026-T2"), user=frisch, heute=HEUTE)
    for i in range(6):
        lz = TLeitzielFactory(organisationseinheit=einheiten["V"], code=f"LZ X{i}")
        pz = TProduktzielFactory(
            organisationseinheit=einheiten["50"],
            produktgruppenziel=TProduktgruppenzielFactory(organisationseinheit=einheiten["50"], leitziel=lz),
        )
        for j in range(4):
            k = TKennzahlFactory(organisationseinheit=einheiten["50 2"], produktziel=pz, code=f"KZ {i}-{j}")
            TMesswertFactory(kennzahl=k, periode="2026-T2", wert=D(40 + j))
            TMesswertFactory(kennzahl=k, periode="2025-T2", wert=D(40 + i))
    frisch = Benutzer.objects.get(pk=dezernat.pk)
    with django_assert_num_queries(len(wenig.captured_queries)):
        d = tertial_dashboard(periode=periode("2026-T2"), user=frisch, heute=HEUTE)
    assert len(d.auswertungen) == 27 and len(d.pyramide) == 7


def test_summenkennzahl_im_tertial_wird_am_jahr_bis_dahin_gegen_das_anteilige_jahressoll_gemessen(einheiten):
    # Issue "Kennzahlen II": annual baseline 300 (2025), annual target 420 (2026). Tertial 1/2026 is
    # judged on the year to date (120) against the year's Soll × 4/12 (140,00) as a plain ratio,
    # not against a pro-rated, interpolated baseline (which gave Soll 113,15 and ZEG 152,09 %).
    k = TKennzahlFactory(
        organisationseinheit=einheiten["50"],
        messart="summe",
        ausgangswert=D("300"),
        ausgangsjahr=2025,
        zielwert=D("420"),
        zieljahr=2026,
    )
    TMesswertFactory(kennzahl=k, periode="2026-T1", wert=D("120"))
    a = kennzahl_auswertung(kennzahl=k, periode=periode("2026-T1"))
    assert (a.soll, a.ist_kumuliert, a.soll_kumuliert, a.zielerreichungsgrad, a.bewertung, a.ampel) == (
        D("140.00"),
        D("120.0000"),
        D("140.00"),
        D("85.71"),
        "ueberwiegend",
        "gelb",
    )


def test_verlauf_einer_unterjaehrigen_summe_mit_eigenem_soll_und_jahr_bis_dahin(einheiten):
    k = TKennzahlFactory(
        organisationseinheit=einheiten["50"],
        messart="summe",
        ausgangswert=D("1830"),
        ausgangsjahr=2021,
        zielwert=D("2000"),
        zieljahr=2026,
    )
    for p, w in (("2026-T1", "656"), ("2026-T2", "660"), ("2026-T3", "420")):
        TMesswertFactory(kennzahl=k, periode=p, wert=D(w))
    punkte = {p.periode.schluessel: p for p in kennzahl_verlauf(kennzahl=k, bis=periode("2026-T3"))}
    t2, t3 = punkte["2026-T2"], punkte["2026-T3"]
    # Own Soll: 4/12 of the year's Soll 2.000; year to date: running sum against Soll kumuliert.
    assert (t3.ist, t3.soll, t3.ist_kumuliert, t3.soll_kumuliert) == (
        D("420.0000"),
        D("666.67"),
        D("1736.0000"),
        D("2000.00"),
    )
    assert (t2.ist_kumuliert, t2.soll_kumuliert) == (D("1316.0000"), D("1333.33"))
    # Corridor as a plain ratio at 80 % and 110 %, per period and cumulative.
    assert (t3.korridor_unten, t3.korridor_oben) == (D("533.3360"), D("733.3370"))
    assert (t3.korridor_kumuliert_unten, t3.korridor_kumuliert_oben) == (D("1600.0000"), D("2200.0000"))
    # 2025 has no values: no running sum, but the year's Soll so far, interpolated by days to 31.12.2025:
    # 1.830 + 170 × 1.461 / 1.826 = 1.966,02.
    assert (punkte["2025-T3"].ist_kumuliert, punkte["2025-T3"].soll_kumuliert) == (None, D("1966.02"))


def test_verlauf_eines_bestands_bleibt_ohne_jahr_bis_dahin(einheiten):
    k = TKennzahlFactory(organisationseinheit=einheiten["50"])
    TMesswertFactory(kennzahl=k, periode="2026-T1", wert=D("45"))
    t1 = kennzahl_verlauf(kennzahl=k, bis=periode("2026-T1"))[-1]
    assert (t1.soll, t1.ist_kumuliert, t1.soll_kumuliert, t1.korridor_kumuliert_unten) == (D("46.66"), None, None, None)


@pytest.mark.parametrize("nur_perioden", [False, True], ids=["alle_zeilen", "dashboard_ladeweg"])
def test_quote_des_jahres_ist_summe_zaehler_durch_summe_nenner_auf_beiden_ladewegen(einheiten, dezernat, nur_perioden):
    k = TKennzahlFactory(
        organisationseinheit=einheiten["50 21"],
        messart="quote",
        skalierung=100,
        ausgangswert=D("10"),
        zielwert=D("20"),
    )
    # 10 of 100 and 45 of 300: the year is 55 / 400 = 13,75 %, not the mean of the rates (12,5 %).
    TMesswertFactory(kennzahl=k, periode="2026-T1", wert=D("10"), zaehler=D("10"), nenner=D("100"))
    TMesswertFactory(kennzahl=k, periode="2026-T2", wert=D("15"), zaehler=D("45"), nenner=D("300"))
    if nur_perioden:
        a = tertial_dashboard(periode=periode("2026-T2"), user=dezernat, heute=HEUTE).auswertungen[0]
    else:
        a = kennzahl_auswertung(kennzahl=k, periode=periode("2026-T2"))
    assert a.jahreswert == D("13.75")


def test_mittelwert_des_jahres_ist_nach_fallzahl_gewichtet(einheiten):
    k = TKennzahlFactory(
        organisationseinheit=einheiten["50 21"],
        messart="mittelwert",
        richtung="fallend",
        ausgangswert=D("40"),
        zielwert=D("30"),
    )
    TMesswertFactory(kennzahl=k, periode="2026-T1", wert=D("30"), fallzahl=D("100"))
    TMesswertFactory(kennzahl=k, periode="2026-T2", wert=D("40"), fallzahl=D("300"))
    a = kennzahl_auswertung(kennzahl=k, periode=periode("2026-T2"))
    assert (a.jahreswert, a.kumuliert, a.prognose.methode) == (D("37.5"), False, "trend")


def test_begruendet_fehlender_wert_ist_nicht_ueberfaellig_und_wird_gezaehlt(einheiten, dezernat):
    lz, gruen, schlecht, fehlt = _pyramide(einheiten)
    TMesswertFactory(kennzahl=fehlt, periode="2026-T2", wert=None, fehlt_begruendung="Statistik liegt erst im März vor")
    d = tertial_dashboard(periode=periode("2026-T2"), user=dezernat, heute=HEUTE)
    a = next(a for a in d.auswertungen if a.kennzahl == fehlt)
    assert (a.erfassungsstatus, a.erfassungsstatus_text, a.ueberfaellig) == (
        "begruendet_fehlend",
        "begründet fehlend",
        False,
    )
    vollst = {v.organisationseinheit.kuerzel: (v.faellig, v.mit_wert, v.begruendet_fehlend) for v in d.vollstaendigkeit}
    assert vollst == {"50 21": (2, 2, 0), "51": (1, 0, 1)}
    assert "Ohne Wert" not in {a.kennzahl.bezeichnung for a, _g in d.aufmerksamkeit}


@pytest.mark.parametrize(
    ("wert", "zeg", "text"),
    [
        (D("40"), D("-150.38"), "entgegen der Zielrichtung"),
        (D("46"), D("75.19"), "75,19 %"),
        (D("50"), D("225.56"), "über 200 %"),
    ],
)
def test_zielerreichung_wird_fuer_seiten_vorgelesen_die_zahl_bleibt_genau(einheiten, wert, zeg, text):
    k = TKennzahlFactory(organisationseinheit=einheiten["50"])
    TMesswertFactory(kennzahl=k, periode="2026-T1", wert=wert)
    a = kennzahl_auswertung(kennzahl=k, periode=periode("2026-T1"))
    assert (a.zielerreichungsgrad, a.zeg_text) == (zeg, text)
