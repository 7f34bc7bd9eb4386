"""Stammdaten pflegen: hub, Zielsystem (Produktgruppen, Produkte) and Präventionsbudget screens per role."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client

from controlling.models import Praeventionsbudget, Praeventionsprojekt
from steuerung.models import Produkt, Produktgruppe
from tests.factories import BenutzerFactory

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _main(antwort) -> str:
    text = antwort.content.decode()
    return text[text.index("<main") : text.index("</main>")]


@pytest.fixture
def gruppe(db):
    gruppe = Produktgruppe.objects.create(nummer="1.31.01", bezeichnung="Hilfe zur Pflege")
    Produkt.objects.create(nummer="1.31.01.02", bezeichnung="Ambulante Pflege", produktgruppe=gruppe)
    return gruppe


@pytest.fixture
def projekt(einheiten):
    return Praeventionsprojekt.objects.create(
        bezeichnung="Familienlotsen",
        jahr=2026,
        organisationseinheit=einheiten["50"],
        kosten=Decimal("10000"),
        geschaetzte_einsparung=Decimal("30000"),
        begruendung="drei vermiedene Heimunterbringungen",
    )


# --- hub and navigation --------------------------------------------------------------------


def test_steuerung_sieht_alle_gruppen_im_hub(steuerung):
    text = _main(_client(steuerung).get("/stammdaten/"))
    for titel in ("Zielsystem", "HSK und Prävention", "Sozialraum", "Produktgruppen", "Präventionsbudgets", "Räume"):
        assert titel in text


def test_ratsmitglied_sieht_nur_den_sozialraum_im_hub(ratsmitglied):
    text = _main(_client(ratsmitglied).get("/stammdaten/"))
    assert "Räume" in text and "Indikatorwerte" in text
    assert "Produktgruppen" not in text and "Präventionsprojekte" not in text


def test_ohne_rolle_kein_hub_und_kein_menueeintrag(einheiten):
    client = _client(BenutzerFactory(username="ohne-rolle"))
    assert client.get("/stammdaten/").status_code == 403
    assert 'href="/stammdaten/"' not in client.get("/").content.decode()


def test_menueeintrag_fuer_leserollen(sachbearbeitung50):
    assert 'href="/stammdaten/"' in _client(sachbearbeitung50).get("/").content.decode()


# --- Produktgruppen and Produkte -------------------------------------------------------------


def test_steuerung_legt_produktgruppe_an(steuerung):
    client = _client(steuerung)
    assert "Neu anlegen" in _main(client.get("/stammdaten/produktgruppen/"))
    antwort = client.post("/stammdaten/produktgruppen/neu/", {"nummer": "1.36.02", "bezeichnung": "Jugendarbeit"})
    assert antwort.status_code == 302
    assert Produktgruppe.objects.filter(nummer="1.36.02", bezeichnung="Jugendarbeit").exists()
    assert "1.36.02" in _main(client.get("/stammdaten/produktgruppen/?q=1.36"))


def test_leserolle_sieht_nur_lesend(sachbearbeitung50, gruppe):
    client = _client(sachbearbeitung50)
    assert "Neu anlegen" not in _main(client.get("/stammdaten/produktgruppen/"))
    text = _main(client.get(f"/stammdaten/produktgruppen/{gruppe.pk}/"))
    assert "<form" not in text and "Hilfe zur Pflege" in text and "darf diese Angaben lesen" in text
    assert client.post(f"/stammdaten/produktgruppen/{gruppe.pk}/", {"nummer": "9"}).status_code == 403
    assert client.get("/stammdaten/produktgruppen/neu/").status_code == 403
    assert client.post(f"/stammdaten/produktgruppen/{gruppe.pk}/loeschen/").status_code == 403
    assert Produktgruppe.objects.get(pk=gruppe.pk).nummer == "1.31.01"


def test_alle_fehler_auf_einmal_und_nichts_gespeichert(steuerung, gruppe):
    vorher = Produkt.objects.count()
    antwort = _client(steuerung).post(
        "/stammdaten/produkte/neu/", {"nummer": "1.31.01.02", "bezeichnung": "", "produktgruppe": "999999"}
    )
    text = _main(antwort)
    assert antwort.status_code == 200
    assert "fehler-zusammenfassung" in text
    assert "Bezeichnung: Dieses Feld ist zwingend erforderlich." in text
    assert "Produktgruppe: Bitte eine gültige Auswahl treffen." in text
    assert "Nummer: Produkt mit diesem Wert für das Feld Nummer existiert bereits." in text  # the serializer's rule
    assert 'value="1.31.01.02"' in text  # the input stays in the form
    assert Produkt.objects.count() == vorher


def test_produktgruppe_mit_produkten_wird_nicht_geloescht(steuerung, gruppe):
    client = _client(steuerung)
    bestaetigung = _main(client.get(f"/stammdaten/produktgruppen/{gruppe.pk}/loeschen/"))
    # The confirmation page already gives the reason (trial run, rolled back) instead of a delete button.
    assert "Produktgruppe hat Produkte – löschen nicht möglich." in bestaetigung
    assert "Endgültig löschen" not in bestaetigung and "endgültig gelöscht" not in bestaetigung
    assert Produktgruppe.objects.filter(pk=gruppe.pk).exists() and gruppe.produkte.count() == 1
    text = _main(client.post(f"/stammdaten/produktgruppen/{gruppe.pk}/loeschen/"))
    assert "Produktgruppe hat Produkte – löschen nicht möglich." in text
    assert Produktgruppe.objects.filter(pk=gruppe.pk).exists()


def test_freie_produktgruppe_wird_nach_bestaetigung_geloescht(steuerung):
    frei = Produktgruppe.objects.create(nummer="9.99", bezeichnung="frei")
    bestaetigung = _main(_client(steuerung).get(f"/stammdaten/produktgruppen/{frei.pk}/loeschen/"))
    assert "Endgültig löschen" in bestaetigung and "nicht gelöscht werden" not in bestaetigung
    assert Produktgruppe.objects.filter(pk=frei.pk).exists()  # the trial deletion was rolled back
    antwort = _client(steuerung).post(f"/stammdaten/produktgruppen/{frei.pk}/loeschen/", follow=True)
    assert "wurde gelöscht" in antwort.content.decode()
    assert not Produktgruppe.objects.filter(pk=frei.pk).exists()


# --- Präventionsprojekte and Budgetobergrenze ------------------------------------------------


def test_fremde_einheit_sieht_projekt_nicht(sachbearbeitung51, sachbearbeitung50, projekt):
    assert _client(sachbearbeitung51).get(f"/stammdaten/praeventionsprojekte/{projekt.pk}/").status_code == 404
    assert "Familienlotsen" not in _main(_client(sachbearbeitung51).get("/stammdaten/praeventionsprojekte/"))
    assert _client(sachbearbeitung50).get(f"/stammdaten/praeventionsprojekte/{projekt.pk}/").status_code == 200


def _projektdaten(projekt, **aenderung) -> dict:
    daten = {
        "bezeichnung": projekt.bezeichnung,
        "jahr": "2026",
        "organisationseinheit": str(projekt.organisationseinheit_id),
        "kosten": "12.345,50",
        "geschaetzte_einsparung": "30.000",
        "begruendung": projekt.begruendung,
        "revision": str(projekt.revision),
    }
    return {**daten, **aenderung}


def test_projekt_mit_deutschen_zahlen_aendern(steuerung, projekt):
    antwort = _client(steuerung).post(f"/stammdaten/praeventionsprojekte/{projekt.pk}/", _projektdaten(projekt))
    assert antwort.status_code == 302
    projekt.refresh_from_db()
    assert projekt.kosten == Decimal("12345.50") and projekt.revision == 1


def test_veralteter_bearbeitungsstand_gibt_konflikt(steuerung, projekt):
    client = _client(steuerung)
    assert client.post(f"/stammdaten/praeventionsprojekte/{projekt.pk}/", _projektdaten(projekt)).status_code == 302
    veraltet = _projektdaten(projekt, kosten="1,00", revision="0")
    text = _main(client.post(f"/stammdaten/praeventionsprojekte/{projekt.pk}/", veraltet))
    assert "Dieser Eintrag wurde inzwischen geändert" in text
    projekt.refresh_from_db()
    assert projekt.kosten == Decimal("12345.50")


def test_obergrenze_des_budgets_gilt_auch_im_formular(steuerung, projekt):
    Praeventionsbudget.objects.create(jahr=2026, obergrenze=Decimal("11000"))
    text = _main(_client(steuerung).post(f"/stammdaten/praeventionsprojekte/{projekt.pk}/", _projektdaten(projekt)))
    assert "Kosten: Die Kosten überschreiten die Budgetobergrenze 2026 von 11.000,00 €." in text
    projekt.refresh_from_db()
    assert projekt.kosten == Decimal("10000")


def test_budgetobergrenze_nicht_unter_den_projektkosten(steuerung, projekt):
    client = _client(steuerung)
    text = _main(client.post("/stammdaten/praeventionsbudgets/neu/", {"jahr": "2026", "obergrenze": "5.000"}))
    assert "die Budgetobergrenze darf nicht darunter liegen" in text
    assert not Praeventionsbudget.objects.exists()
    assert (
        client.post("/stammdaten/praeventionsbudgets/neu/", {"jahr": "2026", "obergrenze": "50.000"}).status_code == 302
    )
    assert Praeventionsbudget.objects.get(jahr=2026).obergrenze == Decimal("50000")


def test_praeventionsseite_verlinkt_die_pflege_nur_fuer_die_steuerung(steuerung, kaemmerei, projekt):
    text = _main(_client(steuerung).get("/hsk/praeventionsbudget/?jahr=2026"))
    assert "Projekt anlegen" in text and "Budgetobergrenze festlegen" in text
    assert f"/stammdaten/praeventionsprojekte/{projekt.pk}/" in text
    text = _main(_client(kaemmerei).get("/hsk/praeventionsbudget/?jahr=2026"))
    assert "Projekt anlegen" not in text and "Budgetobergrenze festlegen" not in text


def test_budget_api_regel_wie_im_formular(api, steuerung, projekt):
    antwort = api(steuerung).post("/api/v1/praeventionsbudgets/", {"jahr": 2026, "obergrenze": "100.00"}, format="json")
    assert antwort.status_code == 400
    assert "nicht darunter liegen" in str(antwort.json())
