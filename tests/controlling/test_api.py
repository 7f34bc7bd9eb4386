"""HSK-Controlling API: each persona sees exactly what DOMAIN.md §2/§7 allows."""

from __future__ import annotations

from decimal import Decimal

import pytest

from controlling import verlauf_speicher
from controlling.models import Einzelfall, Praeventionsbudget, Verlaufsmonat
from tests.controlling.factories import PraeventionsprojektFactory

pytestmark = pytest.mark.django_db

ALLE = ["sachbearbeitung50", "sachbearbeitung51", "amtsleitung50", "dezernat", "steuerung", "kaemmerei", "ratsmitglied"]


def berechnen(*massnahmen):
    for m in massnahmen:
        verlauf_speicher.verlauf_speichern(hsk_massnahme_id=m.pk)


@pytest.mark.parametrize(
    ("persona", "erwartet"),
    [
        ("sachbearbeitung50", {"Pflegeberatung ambulant vor stationär"}),
        ("sachbearbeitung51", {"Rückführung aus stationärer Unterbringung"}),
        ("amtsleitung50", {"Pflegeberatung ambulant vor stationär"}),
        ("dezernat", {"Pflegeberatung ambulant vor stationär", "Rückführung aus stationärer Unterbringung"}),
        ("steuerung", {"Pflegeberatung ambulant vor stationär", "Rückführung aus stationärer Unterbringung"}),
        ("kaemmerei", {"Pflegeberatung ambulant vor stationär", "Rückführung aus stationärer Unterbringung"}),
        ("administration", {"Pflegeberatung ambulant vor stationär", "Rückführung aus stationärer Unterbringung"}),
    ],
    indirect=["persona"],
)
def test_massnahmenliste_zeigt_nur_sichtbare_einheiten(api, persona, erwartet, hsk50, hsk51):
    antwort = api(persona).get("/api/v1/hsk-massnahmen/")
    assert antwort.status_code == 200
    assert {m["bezeichnung"] for m in antwort.json()["results"]} == erwartet


def test_ratsmitglied_sieht_keine_hsk_massnahmen(api, ratsmitglied, hsk50):
    assert api(ratsmitglied).get("/api/v1/hsk-massnahmen/").status_code == 403
    assert api(ratsmitglied).get(f"/api/v1/hsk-massnahmen/{hsk50.pk}/verlauf/").status_code == 403


def test_massnahme_einer_anderen_einheit_ist_404(api, sachbearbeitung51, hsk50):
    assert api(sachbearbeitung51).get(f"/api/v1/hsk-massnahmen/{hsk50.pk}/").status_code == 404
    assert api(sachbearbeitung51).get(f"/api/v1/hsk-massnahmen/{hsk50.pk}/verlauf/").status_code == 404
    assert api(sachbearbeitung51).post(f"/api/v1/hsk-massnahmen/{hsk50.pk}/berechnen/").status_code == 404


def test_massnahme_liefert_soll_als_liste_und_erwartete_einsparung(api, steuerung, hsk50):
    hsk50.annahme_faelle = 650
    hsk50.annahme_erfolgsquote = Decimal("0.40")
    hsk50.annahme_vermiedene_kosten_jahr = Decimal("12000.00")
    hsk50.save()
    daten = api(steuerung).get(f"/api/v1/hsk-massnahmen/{hsk50.pk}/").json()
    assert daten["soll"] == [{"jahr": 2024, "betrag": "50000.00"}, {"jahr": 2025, "betrag": "90000.00"}]
    assert daten["erwartete_einsparung_jahr"] == "3120000.00"
    assert daten["personalkosten_jahr"] == "60000.00"
    assert [a["bezeichnung"] for a in daten["ablaufschritte"]][:2] == ["Fallvorauswahl", "Betreuung"]


@pytest.mark.parametrize(
    ("persona", "anzahl"),
    [("sachbearbeitung50", 3), ("sachbearbeitung51", 3), ("amtsleitung50", 3), ("steuerung", 6)],
    indirect=["persona"],
)
def test_einzelfaelle_sieht_nur_die_eigene_einheit_und_die_steuerung(api, persona, anzahl, hsk50, hsk51):
    antwort = api(persona).get("/api/v1/einzelfaelle/")
    assert antwort.status_code == 200
    assert antwort.json()["count"] == anzahl


@pytest.mark.parametrize("persona", ["dezernat", "kaemmerei", "ratsmitglied", "administration"], indirect=True)
def test_dezernat_kaemmerei_und_rat_sehen_keine_einzelfaelle(api, persona, hsk50):
    fall = hsk50.einzelfaelle.first()
    assert api(persona).get("/api/v1/einzelfaelle/").status_code == 403
    assert api(persona).get(f"/api/v1/einzelfaelle/{fall.pk}/").status_code == 403


def test_einzelfall_einer_anderen_einheit_ist_404(api, sachbearbeitung51, hsk50):
    fall = hsk50.einzelfaelle.first()
    assert api(sachbearbeitung51).get(f"/api/v1/einzelfaelle/{fall.pk}/").status_code == 404
    assert api(sachbearbeitung51).patch(f"/api/v1/einzelfaelle/{fall.pk}/", {"bemerkung": "x"}).status_code == 404


def _neuer_fall(massnahme, **werte):
    daten = {
        "hsk_massnahme": massnahme.pk,
        "pseudonym": "D-004",
        "aufnahme": "2024-05-02",
        "wirkungsbeginn": "2024-06-01",
        "vermiedene_kosten_monat": "3500.00",
    }
    daten.update(werte)
    return daten


def test_sachbearbeitung_legt_einzelfall_an_und_der_verlauf_wird_neu_angefordert(
    api, sachbearbeitung50, hsk50, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        antwort = api(sachbearbeitung50).post("/api/v1/einzelfaelle/", _neuer_fall(hsk50), format="json")
    assert antwort.status_code == 201, antwort.json()
    assert antwort.json()["neue_kosten_monat"] == "0.00"
    hsk50.verlaufsstand.refresh_from_db()
    assert hsk50.verlaufsstand.berechnet is not None
    assert not hsk50.verlaufsstand.ausstehend
    juni = Verlaufsmonat.objects.get(hsk_massnahme=hsk50, monat="2024-06")
    assert juni.brutto == Decimal("6500.00") + Decimal("3500.00")


def test_einzelfall_fuer_fremde_massnahme_wird_abgelehnt(api, sachbearbeitung50, hsk51):
    antwort = api(sachbearbeitung50).post("/api/v1/einzelfaelle/", _neuer_fall(hsk51), format="json")
    assert antwort.status_code == 400
    assert "hsk_massnahme" in antwort.json()
    assert not Einzelfall.objects.filter(pseudonym="D-004").exists()


def test_dezernat_darf_keine_einzelfaelle_anlegen(api, dezernat, hsk50):
    assert api(dezernat).post("/api/v1/einzelfaelle/", _neuer_fall(hsk50), format="json").status_code == 403


@pytest.mark.parametrize(
    ("werte", "feld", "text"),
    [
        ({"wirkungsende": "2024-05-31"}, "wirkungsende", "nicht vor dem Wirkungsbeginn"),
        ({"wirkungsbeginn": "2024-01-01"}, "wirkungsbeginn", "nicht vor dem Beginn der Maßnahme (10.02.2024)"),
        ({"vermiedene_kosten_monat": "-1.00"}, "vermiedene_kosten_monat", ""),
        ({"pseudonym": "Max Mustermann"}, "pseudonym", "Namen, Anschriften"),
        ({"pseudonym": "K-01.02.2010"}, "pseudonym", "Geburtsdaten"),
        ({"pseudonym": "A-001"}, "pseudonym", "bereits vergeben"),
        ({"zielerreichungsgrad": 6}, "zielerreichungsgrad", ""),
    ],
)
def test_ungueltiger_einzelfall_wird_mit_deutscher_meldung_abgelehnt(api, sachbearbeitung50, hsk50, werte, feld, text):
    vorher = Einzelfall.objects.count()
    antwort = api(sachbearbeitung50).post("/api/v1/einzelfaelle/", _neuer_fall(hsk50, **werte), format="json")
    assert antwort.status_code == 400
    fehler = antwort.json()
    meldungen = " ".join(fehler.get(feld, []) + fehler.get("non_field_errors", []) + fehler.get("__all__", []))
    assert meldungen, fehler
    assert text in meldungen
    assert Einzelfall.objects.count() == vorher


def test_veralteter_bearbeitungsstand_wird_abgelehnt_und_nennt_die_andere_aenderung(
    api, sachbearbeitung50, amtsleitung50, hsk50
):
    fall = hsk50.einzelfaelle.get(pseudonym="C-003")
    url = f"/api/v1/einzelfaelle/{fall.pk}/"
    erste = api(amtsleitung50).patch(url, {"ergebnis": "erfolgreich", "revision": 0}, format="json")
    assert erste.status_code == 200
    assert erste.json()["revision"] == 1
    zweite = api(sachbearbeitung50).patch(url, {"ergebnis": "abgebrochen", "revision": 0}, format="json")
    assert zweite.status_code == 400
    text = str(zweite.json())
    assert "inzwischen geändert" in text
    assert "al50" in text or "Test" in text
    fall.refresh_from_db()
    assert fall.ergebnis == "erfolgreich"


def test_verlauf_liefert_das_rechenbeispiel_im_vertragsformat(api, dezernat, hsk50):
    # Contract amended by "HSK-Controlling II": read at a Stichtag after the horizon, every month is Ist.
    berechnen(hsk50)
    daten = api(dezernat).get(f"/api/v1/hsk-massnahmen/{hsk50.pk}/verlauf/?stichtag=2026-10-31").json()
    assert set(daten) == {
        "stand",
        "aktuell",
        "stichtag",
        "monate",
        "jahre",
        "aktuelle_phase",
        "aktuelle_phase_seit",
        "rueckfall_seit",
        "amortisation",
        "amortisation_prognose",
    }
    assert daten["aktuell"] is True
    assert daten["stichtag"] == "2026-10-31"
    assert daten["amortisation"] == "2025-01"
    assert daten["amortisation_prognose"] == "2025-01"
    assert daten["monate"][0] == {
        "monat": "2024-02",
        "soll": "3067.48",
        "brutto": "0.00",
        "personalkosten": "3448.28",
        "netto": "-3448.28",
        "soll_kumuliert": "3067.48",
        "brutto_kumuliert": "0.00",
        "netto_kumuliert": "-3448.28",
        "art": "ist",
        "phase": "investphase",
        "phase_kandidat": "investphase",
        "rueckfall": False,
    }
    assert daten["jahre"][0] == {
        "jahr": 2024,
        "soll": "50000.00",
        "soll_bis_stichtag": "50000.00",
        "brutto_ist": "52740.00",
        "personalkosten_ist": "53448.28",
        "netto_ist": "-708.28",
        "brutto_prognose": "52740.00",
        "personalkosten_prognose": "53448.28",
        "netto_prognose": "-708.28",
    }
    assert daten["jahre"][1]["netto_ist"] == "20400.00"


def test_verlauf_mit_bis_wird_aus_aktuellen_daten_gerechnet(api, steuerung, hsk50):
    daten = api(steuerung).get(f"/api/v1/hsk-massnahmen/{hsk50.pk}/verlauf/?bis=2024-12&stichtag=2026-10-31").json()
    assert daten["monate"][-1]["monat"] == "2024-12"
    assert daten["amortisation"] is None
    falsch = api(steuerung).get(f"/api/v1/hsk-massnahmen/{hsk50.pk}/verlauf/?bis=2024-13")
    assert falsch.status_code == 400
    zu_lang = api(steuerung).get(f"/api/v1/hsk-massnahmen/{hsk50.pk}/verlauf/?bis=2050-01")
    assert zu_lang.status_code == 400
    assert "240 Monate" in str(zu_lang.json())


def test_ohne_berechnung_ist_der_verlauf_leer_und_nicht_aktuell(api, steuerung, hsk50):
    daten = api(steuerung).get(f"/api/v1/hsk-massnahmen/{hsk50.pk}/verlauf/?stichtag=2026-10-31").json()
    assert daten == {
        "stand": None,
        "aktuell": False,
        "stichtag": "2026-10-31",
        "monate": [],
        "jahre": [],
        "aktuelle_phase": None,
        "aktuelle_phase_seit": None,
        "rueckfall_seit": None,
        "amortisation": None,
        "amortisation_prognose": None,
    }


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("sachbearbeitung50", 202),
        ("amtsleitung50", 202),
        ("steuerung", 202),
        ("dezernat", 403),
        ("kaemmerei", 403),
        ("ratsmitglied", 403),
    ],
    indirect=["persona"],
)
def test_neuberechnung_anstossen(api, persona, status, hsk50, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        antwort = api(persona).post(f"/api/v1/hsk-massnahmen/{hsk50.pk}/berechnen/")
    assert antwort.status_code == status
    assert Verlaufsmonat.objects.filter(hsk_massnahme=hsk50).exists() == (status == 202)


@pytest.mark.parametrize(
    ("persona", "anzahl", "brutto"),
    [
        ("steuerung", 2, "105480.00"),
        ("kaemmerei", 2, "105480.00"),
        ("dezernat", 2, "105480.00"),
        ("sachbearbeitung50", 1, "52740.00"),
    ],
    indirect=["persona"],
)
def test_portfolio_summiert_die_sichtbaren_massnahmen(api, persona, anzahl, brutto, hsk50, hsk51):
    berechnen(hsk50, hsk51)
    daten = api(persona).get("/api/v1/hsk-massnahmen/portfolio/?jahr=2024&stichtag=2026-10-31").json()
    assert daten["jahr"] == 2024
    assert len(daten["massnahmen"]) == anzahl
    # At this Stichtag all of 2024 is Ist: Ist and Prognose of the year agree.
    assert daten["summe"]["brutto_ist"] == brutto
    assert daten["summe"]["brutto_prognose"] == brutto
    assert daten["massnahmen"][0]["soll"] == "50000.00"
    # The phase is now the sequence's phase at the Stichtag (December 2024 alone said "ueberschussphase";
    # three months of Annäherung from 2025-01 bring the Rückfall in 2025-03).
    assert daten["massnahmen"][0]["aktuelle_phase"] == "annaeherungsphase"
    assert daten["massnahmen"][0]["rueckfall_seit"] == "2025-03"
    assert daten["massnahmen"][0]["amortisation"] == "2025-01"


def test_portfolio_lehnt_ungueltiges_jahr_ab_und_rat_hat_keinen_zugriff(api, steuerung, ratsmitglied, hsk50):
    assert api(steuerung).get("/api/v1/hsk-massnahmen/portfolio/?jahr=zwei").status_code == 400
    assert api(ratsmitglied).get("/api/v1/hsk-massnahmen/portfolio/?jahr=2024").status_code == 403


def test_steuerung_legt_hsk_massnahme_mit_soll_stellen_und_ablauf_an(api, steuerung, einheiten, hsk50):
    daten = {
        "bezeichnung": "Neue Maßnahme",
        "massnahme": hsk50.massnahme_id,
        "organisationseinheit": einheiten["51"].pk,
        "wirkungshypothese": "Fachkräfte vermeiden Heimunterbringung.",
        "beginn": "2026-01-01",
        "personalkosten_jahr": "120000.00",
        "stellen": [{"bezeichnung": "Sozialarbeit", "vzae": "2.00", "jahreskosten": "120000.00"}],
        "soll": [{"jahr": 2026, "betrag": "100000.00"}, {"jahr": 2027, "betrag": "200000.00"}],
        "ablaufschritte": [{"bezeichnung": "Fallvorauswahl"}, {"bezeichnung": "Betreuung"}],
    }
    antwort = api(steuerung).post("/api/v1/hsk-massnahmen/", daten, format="json")
    assert antwort.status_code == 201, antwort.json()
    ergebnis = antwort.json()
    assert ergebnis["soll"] == daten["soll"]
    assert [a["reihenfolge"] for a in ergebnis["ablaufschritte"]] == [1, 2]
    geaendert = api(steuerung).patch(
        f"/api/v1/hsk-massnahmen/{ergebnis['id']}/",
        {"revision": 0, "soll": [{"jahr": 2026, "betrag": "90000.00"}], "ende": "2025-12-31"},
        format="json",
    )
    assert geaendert.status_code == 400
    assert "Ende der Maßnahme" in str(geaendert.json())


def test_sachbearbeitung_darf_massnahmen_nur_lesen(api, sachbearbeitung50, hsk50):
    assert api(sachbearbeitung50).patch(f"/api/v1/hsk-massnahmen/{hsk50.pk}/", {"bezeichnung": "x"}).status_code == 403


def test_ablaufschritt_mit_faellen_kann_nicht_entfernt_werden(api, steuerung, hsk50):
    antwort = api(steuerung).patch(
        f"/api/v1/hsk-massnahmen/{hsk50.pk}/",
        {"ablaufschritte": [{"bezeichnung": "Fallvorauswahl"}]},
        format="json",
    )
    assert antwort.status_code == 400
    assert "noch Einzelfällen zugeordnet" in str(antwort.json())
    assert hsk50.ablaufschritte.count() == 4


def test_praeventionsbilanz_berechnet_den_praeventionsfaktor(api, steuerung, kaemmerei, ratsmitglied, einheiten):
    PraeventionsprojektFactory(organisationseinheit=einheiten["50"], kosten=Decimal("10000.00"))
    PraeventionsprojektFactory(
        organisationseinheit=einheiten["51"], kosten=Decimal("20000.00"), geschaetzte_einsparung=Decimal("64200.00")
    )
    for user in (steuerung, kaemmerei):
        daten = api(user).get("/api/v1/praeventionsprojekte/bilanz/?jahr=2025").json()
        assert daten == {
            "jahr": 2025,
            "kosten": "30000.00",
            "einsparung": "96300.00",
            "netto": "66300.00",
            "faktor": "3.21",
        }
    assert api(ratsmitglied).get("/api/v1/praeventionsprojekte/bilanz/?jahr=2025").status_code == 403
    assert api(ratsmitglied).get("/api/v1/praeventionsprojekte/").status_code == 403


def test_praeventionsprojekt_ueber_der_budgetobergrenze_wird_abgelehnt(api, steuerung, einheiten):
    Praeventionsbudget.objects.create(jahr=2025, obergrenze=Decimal("15000.00"))
    PraeventionsprojektFactory(organisationseinheit=einheiten["50"], kosten=Decimal("10000.00"))
    antwort = api(steuerung).post(
        "/api/v1/praeventionsprojekte/",
        {
            "bezeichnung": "Zu teuer",
            "jahr": 2025,
            "organisationseinheit": einheiten["50"].pk,
            "kosten": "6000.00",
            "geschaetzte_einsparung": "1000.00",
            "begruendung": "Test",
        },
        format="json",
    )
    assert antwort.status_code == 400
    assert "Budgetobergrenze" in str(antwort.json())


def test_sachbearbeitung51_sieht_nur_eigene_praeventionsprojekte(api, sachbearbeitung51, einheiten):
    PraeventionsprojektFactory(organisationseinheit=einheiten["50"], bezeichnung="Fremd")
    PraeventionsprojektFactory(organisationseinheit=einheiten["51"], bezeichnung="Eigen")
    antwort = api(sachbearbeitung51).get("/api/v1/praeventionsprojekte/")
    assert [p["bezeichnung"] for p in antwort.json()["results"]] == ["Eigen"]
