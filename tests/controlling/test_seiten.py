"""HSK pages per persona: allowed, forbidden (403) and invisible across units (404)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client

from controlling import verlauf_speicher
from controlling.models import Einzelfall
from core.models import Hintergrundauftrag
from tests.controlling.factories import PraeventionsprojektFactory

pytestmark = pytest.mark.django_db


def client_fuer(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


@pytest.fixture
def berechnet(hsk50, hsk51):
    for m in (hsk50, hsk51):
        verlauf_speicher.verlauf_speichern(hsk_massnahme_id=m.pk)
    return hsk50, hsk51


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("sachbearbeitung50", 200),
        ("amtsleitung50", 200),
        ("dezernat", 200),
        ("steuerung", 200),
        ("kaemmerei", 200),
        ("ratsmitglied", 403),
    ],
    indirect=["persona"],
)
def test_massnahmenseiten_je_rolle(persona, status, berechnet):
    hsk50, _ = berechnet
    c = client_fuer(persona)
    for url in ("/hsk/", f"/hsk/{hsk50.pk}/", "/hsk/portfolio/?jahr=2024", "/hsk/praeventionsbudget/"):
        assert c.get(url).status_code == status, url


def test_massnahmenseite_zeigt_diagramm_textalternative_und_datentabelle(steuerung, berechnet):
    hsk50, _ = berechnet
    inhalt = client_fuer(steuerung).get(f"/hsk/{hsk50.pk}/").content.decode()
    assert "Plan- und Ist-Einsparungen (in 1.000 €)" in inhalt
    assert 'id="hsk-figur"' in inhalt
    assert "amortisiert sich ab Januar 2025" in inhalt
    assert "3.067,48" in inhalt and "-3.448,28" in inhalt
    assert "Fallvorauswahl" in inhalt and "Rückführung" in inhalt
    assert "berechnet am" in inhalt
    assert "Einzelfälle ansehen" in inhalt


def test_dezernat_sieht_auf_der_massnahmenseite_nur_fallzahlen(dezernat, berechnet):
    hsk50, _ = berechnet
    inhalt = client_fuer(dezernat).get(f"/hsk/{hsk50.pk}/").content.decode()
    assert "3 dokumentierte Fälle" in inhalt
    assert "Einzelfälle ansehen" not in inhalt
    assert "A-001" not in inhalt
    assert "Neu berechnen" not in inhalt


def test_massnahme_einer_anderen_einheit_ist_404(sachbearbeitung51, berechnet):
    hsk50, _ = berechnet
    c = client_fuer(sachbearbeitung51)
    assert c.get(f"/hsk/{hsk50.pk}/").status_code == 404
    assert c.get(f"/hsk/{hsk50.pk}/einzelfaelle/").status_code == 404
    assert c.post(f"/hsk/{hsk50.pk}/berechnen/").status_code == 404
    fall = hsk50.einzelfaelle.first()
    assert c.get(f"/hsk/einzelfaelle/{fall.pk}/").status_code == 404


@pytest.mark.parametrize("persona", ["dezernat", "kaemmerei", "ratsmitglied"], indirect=True)
def test_ratsmitglied_dezernat_und_kaemmerei_sehen_keine_einzelfaelle(persona, hsk50):
    c = client_fuer(persona)
    fall = hsk50.einzelfaelle.first()
    assert c.get(f"/hsk/{hsk50.pk}/einzelfaelle/").status_code == 403
    assert c.get(f"/hsk/einzelfaelle/{fall.pk}/").status_code == 403
    assert c.get(f"/hsk/{hsk50.pk}/einzelfaelle/neu/").status_code == 403


def test_fallliste_filtert_nach_ablaufschritt_und_ergebnis(sachbearbeitung50, hsk50):
    c = client_fuer(sachbearbeitung50)
    alle = c.get(f"/hsk/{hsk50.pk}/einzelfaelle/").content.decode()
    assert all(p in alle for p in ("A-001", "B-002", "C-003"))
    abgebrochen = c.get(f"/hsk/{hsk50.pk}/einzelfaelle/?ergebnis=abgebrochen").content.decode()
    assert "B-002" in abgebrochen and "A-001" not in abgebrochen
    schritt = hsk50.ablaufschritte.get(bezeichnung="Betreuung")
    betreuung = c.get(f"/hsk/{hsk50.pk}/einzelfaelle/?ablaufschritt={schritt.pk}").content.decode()
    assert "C-003" in betreuung and "B-002" not in betreuung


def test_fallformular_warnt_vor_namen_und_speichert_gueltigen_fall(sachbearbeitung50, hsk50):
    c = client_fuer(sachbearbeitung50)
    formular = c.get(f"/hsk/{hsk50.pk}/einzelfaelle/neu/").content.decode()
    assert "keine Namen, Anschriften oder Geburtsdaten" in formular
    daten = {
        "pseudonym": "D-004",
        "aufnahme": "2024-05-02",
        "wirkungsbeginn": "2024-06-01",
        "vermiedene_kosten_monat": "3.500,00",
        "neue_kosten_monat": "",
        "ergebnis": "offen",
        "revision": "0",
    }
    antwort = c.post(f"/hsk/{hsk50.pk}/einzelfaelle/neu/", daten)
    assert antwort.status_code == 302
    fall = Einzelfall.objects.get(pseudonym="D-004")
    assert fall.vermiedene_kosten_monat == Decimal("3500.00")
    assert fall.neue_kosten_monat == Decimal("0")


@pytest.mark.parametrize(
    ("werte", "meldung"),
    [
        ({"pseudonym": "Erika Musterfrau"}, "Namen, Anschriften"),
        ({"wirkungsende": "2024-05-01"}, "nicht vor dem Wirkungsbeginn"),
        ({"vermiedene_kosten_monat": "-5"}, "nicht negativ"),
        ({"vermiedene_kosten_monat": "viel"}, "keine gültige Zahl"),
        ({"wirkungsbeginn": "2023-12-01"}, "nicht vor dem Beginn der Maßnahme"),
    ],
)
def test_fallformular_zeigt_deutsche_fehlermeldungen(sachbearbeitung50, hsk50, werte, meldung):
    daten = {
        "pseudonym": "D-004",
        "aufnahme": "2024-05-02",
        "wirkungsbeginn": "2024-06-01",
        "vermiedene_kosten_monat": "3.500,00",
        "ergebnis": "offen",
        "revision": "0",
        **werte,
    }
    antwort = client_fuer(sachbearbeitung50).post(f"/hsk/{hsk50.pk}/einzelfaelle/neu/", daten)
    assert antwort.status_code == 200
    assert meldung in antwort.content.decode()
    assert not Einzelfall.objects.filter(pseudonym=daten["pseudonym"]).exists()


def test_fallformular_zeigt_alle_fehler_nach_einem_absenden(sachbearbeitung50, hsk50):
    """Field errors (number, pseudonym) and the model's rules (dates) come back together."""
    daten = {
        "pseudonym": "Erika Musterfrau",
        "aufnahme": "31.02.2024",
        "wirkungsbeginn": "01.12.2023",
        "wirkungsende": "01.11.2023",
        "vermiedene_kosten_monat": "viel",
        "ergebnis": "offen",
        "revision": "0",
    }
    antwort = client_fuer(sachbearbeitung50).post(f"/hsk/{hsk50.pk}/einzelfaelle/neu/", daten)
    inhalt = antwort.content.decode()
    assert antwort.status_code == 200
    for meldung in (
        "Namen, Anschriften",
        "im Format TT.MM.JJJJ",
        "keine gültige Zahl",
        "nicht vor dem Beginn der Maßnahme",
        "nicht vor dem Wirkungsbeginn",
    ):
        assert meldung in inhalt, meldung
    assert not Einzelfall.objects.filter(
        hsk_massnahme=hsk50, aufnahme__isnull=False, pseudonym__contains="Erika"
    ).exists()


def test_fallformular_nimmt_deutsches_datum_und_zeigt_es_deutsch(sachbearbeitung50, hsk50):
    c = client_fuer(sachbearbeitung50)
    daten = {
        "pseudonym": "D-005",
        "aufnahme": "02.05.2024",
        "wirkungsbeginn": "01.06.2024",
        "vermiedene_kosten_monat": "100,00",
        "ergebnis": "offen",
        "revision": "0",
    }
    assert c.post(f"/hsk/{hsk50.pk}/einzelfaelle/neu/", daten).status_code == 302
    fall = Einzelfall.objects.get(pseudonym="D-005")
    assert fall.aufnahme.isoformat() == "2024-05-02"
    seite = c.get(f"/hsk/einzelfaelle/{fall.pk}/").content.decode()
    assert 'value="02.05.2024"' in seite and 'placeholder="TT.MM.JJJJ"' in seite and "data-datum" in seite


def test_fallformular_lehnt_veralteten_bearbeitungsstand_ab(sachbearbeitung50, hsk50):
    fall = hsk50.einzelfaelle.get(pseudonym="C-003")
    Einzelfall.objects.filter(pk=fall.pk).update(revision=3)
    daten = {
        "pseudonym": "C-003",
        "aufnahme": "2024-02-15",
        "wirkungsbeginn": "2024-11-20",
        "vermiedene_kosten_monat": "4.200,00",
        "ergebnis": "erfolgreich",
        "revision": "0",
    }
    antwort = client_fuer(sachbearbeitung50).post(f"/hsk/einzelfaelle/{fall.pk}/", daten)
    assert antwort.status_code == 200
    assert "inzwischen geändert" in antwort.content.decode()
    fall.refresh_from_db()
    assert fall.ergebnis == "offen"


def test_portfolio_zeigt_summenzeile(kaemmerei, berechnet):
    inhalt = client_fuer(kaemmerei).get("/hsk/portfolio/?jahr=2024").content.decode()
    assert "105.480,00 €" in inhalt  # Ist brutto of both measures
    assert "100.000,00 €" in inhalt  # Soll of both measures
    assert "Summe" in inhalt


def test_praeventionsbudget_zeigt_praeventionsfaktor(steuerung, einheiten):
    PraeventionsprojektFactory(organisationseinheit=einheiten["50"], jahr=2025)
    inhalt = client_fuer(steuerung).get("/hsk/praeventionsbudget/?jahr=2025").content.decode()
    assert "1 : 3,21" in inhalt


@pytest.mark.parametrize(
    ("persona", "status"), [("steuerung", 302), ("sachbearbeitung50", 403), ("dezernat", 403)], indirect=["persona"]
)
def test_vollstaendige_neuberechnung_nur_fuer_die_steuerung(
    persona, status, berechnet, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        antwort = client_fuer(persona).post("/hsk/neuberechnung/")
    assert antwort.status_code == status
    if status == 302:
        auftrag = Hintergrundauftrag.objects.get(art="hsk_verlaeufe")
        seite = client_fuer(persona).get(antwort.url).content.decode()
        assert "2 von 2 Maßnahmen (100 %)" in seite
        assert auftrag.status == "erledigt"


def test_neu_berechnen_fuer_das_fachamt(sachbearbeitung50, hsk50, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        antwort = client_fuer(sachbearbeitung50).post(f"/hsk/{hsk50.pk}/berechnen/")
    assert antwort.status_code == 302
    hsk50.verlaufsstand.refresh_from_db()
    assert hsk50.verlaufsstand.berechnet is not None


def test_navigation_zeigt_hsk_nur_berechtigten_rollen(steuerung, ratsmitglied):
    assert "HSK-Controlling" in client_fuer(steuerung).get("/").content.decode()
    assert "HSK-Controlling" not in client_fuer(ratsmitglied).get("/").content.decode()
