"""Kennzahlen II in the API: rates from Zähler/Nenner, Fallzahl, value-less entries with a reason,
Messart `mittelwert` and the Skalierung of a Kennzahl, per persona."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from steuerung.models import Kennzahl, Kennzahlversion, Messwert
from tests.steuerung.factories_tertial import TKennzahlFactory, TMesswertFactory

pytestmark = pytest.mark.django_db

MESSWERTE = "/api/v1/messwerte/"
KENNZAHLEN = "/api/v1/kennzahlen/"


@pytest.fixture
def quote50(einheiten):
    """Anteil ambulanter Hilfen in % (rising; 55 % in 2024, 65 % in 2027): 12,5 % is far below, 60 % near."""
    return TKennzahlFactory(
        organisationseinheit=einheiten["50 21"],
        messart="quote",
        skalierung=100,
        einheit="%",
        ausgangswert=D("55"),
        zielwert=D("65"),
    )


@pytest.fixture
def mittelwert50(einheiten):
    return TKennzahlFactory(
        organisationseinheit=einheiten["50 21"],
        messart="mittelwert",
        richtung="fallend",
        einheit="Tage",
        ausgangswert=D("12"),
        zielwert=D("8"),
    )


@pytest.mark.parametrize("persona", ["sachbearbeitung50", "amtsleitung50", "steuerung"], indirect=True)
def test_erfassende_rollen_geben_zaehler_und_nenner_an_und_der_wert_wird_berechnet(api, persona, quote50):
    antwort = api(persona).post(
        MESSWERTE, {"kennzahl": quote50.pk, "periode": "2026-T1", "zaehler": "120", "nenner": "200"}, format="json"
    )
    assert antwort.status_code == 201, antwort.content
    daten = antwort.json()
    assert (daten["wert"], daten["zaehler"], daten["nenner"], daten["fallzahl"]) == (
        "60.0000",
        "120.0000",
        "200.0000",
        None,
    )
    m = Messwert.objects.get()
    assert (m.wert, m.zaehler, m.nenner, m.erfasst_von) == (D("60"), D("120"), D("200"), persona)


@pytest.mark.parametrize("persona", ["dezernat", "kaemmerei", "ratsmitglied"], indirect=True)
def test_lesende_rollen_duerfen_keine_zaehler_und_keine_begruendung_anlegen(api, persona, quote50):
    client = api(persona)
    for daten in ({"zaehler": "120", "nenner": "200"}, {"fehlt_begruendung": "Statistik liegt erst im März vor"}):
        antwort = client.post(MESSWERTE, {"kennzahl": quote50.pk, "periode": "2026-T1", **daten}, format="json")
        assert antwort.status_code == 403
    assert not Messwert.objects.exists()


def test_kennzahl_eines_anderen_amtes_ist_auch_mit_zaehlern_nicht_gefunden(api, sachbearbeitung51, quote50):
    antwort = api(sachbearbeitung51).post(
        MESSWERTE, {"kennzahl": quote50.pk, "periode": "2026-T1", "zaehler": "1", "nenner": "2"}, format="json"
    )
    assert antwort.status_code == 404
    m = TMesswertFactory(kennzahl=quote50, wert=D("60"), zaehler=D("120"), nenner=D("200"))
    antwort = api(sachbearbeitung51).patch(f"{MESSWERTE}{m.pk}/", {"nenner": "100", "revision": 0}, format="json")
    assert antwort.status_code == 404
    assert Messwert.objects.get().nenner == D("200")


def test_getippte_quote_die_auf_zwei_stellen_passt_wird_durch_die_berechnete_ersetzt(api, sachbearbeitung50, quote50):
    antwort = api(sachbearbeitung50).post(
        MESSWERTE,
        {"kennzahl": quote50.pk, "periode": "2026-T1", "zaehler": "2", "nenner": "3", "wert": "66.67"},
        format="json",
    )
    assert antwort.status_code == 201, antwort.content
    assert antwort.json()["wert"] == "66.6667"


@pytest.mark.parametrize(
    ("daten", "feld", "meldung"),
    [
        ({"zaehler": "5", "nenner": "0"}, "nenner", "Der Nenner muss größer als 0 sein."),
        ({"zaehler": "5"}, "nenner", "Zum Zähler fehlt der Nenner."),
        ({"nenner": "5"}, "zaehler", "Zum Nenner fehlt der Zähler."),
        ({"zaehler": "-5", "nenner": "10"}, "zaehler", "Der Zähler darf nicht negativ sein."),
        (
            {"zaehler": "120", "nenner": "200", "wert": "61"},
            "wert",
            "Der Wert 61,00 passt nicht zu Zähler und Nenner (120 / 200 × 100 = 60,00). "
            "Lassen Sie den Wert leer, er wird berechnet.",
        ),
        (
            {"kommentar": "noch offen"},
            "wert",
            "Bitte einen Wert eingeben oder begründen, warum er fehlt. "
            "Ohne beides können Sie nur als Entwurf speichern.",
        ),
        (
            {"wert": "60", "fehlt_begruendung": "Statistik fehlt"},
            "fehlt_begruendung",
            "Ein Wert und eine Begründung, warum er fehlt, schließen sich aus. Bitte nur eines angeben.",
        ),
        (
            {"wert": "60", "fallzahl": "12"},
            "fallzahl",
            "Eine Fallzahl gibt es nur bei einer Kennzahl der Messart Mittelwert.",
        ),
        ({"zaehler": "viel", "nenner": "3"}, "zaehler", "Eine gültige Zahl ist erforderlich."),
    ],
)
def test_widerspruechliche_angaben_geben_400_auf_deutsch_und_aendern_nichts(
    api, sachbearbeitung50, quote50, daten, feld, meldung
):
    antwort = api(sachbearbeitung50).post(
        MESSWERTE, {"kennzahl": quote50.pk, "periode": "2026-T1", **daten}, format="json"
    )
    assert antwort.status_code == 400
    assert antwort.json()[feld] == [meldung]
    assert not Messwert.objects.exists()


def test_zaehler_bei_einer_bestandskennzahl_wird_abgelehnt(api, sachbearbeitung50, kennzahl50):
    antwort = api(sachbearbeitung50).post(
        MESSWERTE, {"kennzahl": kennzahl50.pk, "periode": "2026-T1", "zaehler": "1", "nenner": "2"}, format="json"
    )
    assert antwort.status_code == 400
    assert antwort.json()["zaehler"] == ["Zähler und Nenner gibt es nur bei einer Kennzahl der Messart Quote."]
    assert not Messwert.objects.exists()


def test_eintrag_ohne_wert_mit_begruendung_warum_er_fehlt(api, sachbearbeitung50, quote50):
    antwort = api(sachbearbeitung50).post(
        MESSWERTE,
        {"kennzahl": quote50.pk, "periode": "2026-T1", "fehlt_begruendung": "Statistik liegt erst im März vor"},
        format="json",
    )
    assert antwort.status_code == 201, antwort.content
    assert (antwort.json()["wert"], antwort.json()["fehlt_begruendung"]) == (None, "Statistik liegt erst im März vor")


def test_entwurf_darf_weiter_ohne_wert_und_ohne_begruendung_gespeichert_werden(api, sachbearbeitung50, quote50):
    antwort = api(sachbearbeitung50).post(
        MESSWERTE, {"kennzahl": quote50.pk, "periode": "2026-T1", "kommentar": "folgt", "entwurf": True}, format="json"
    )
    assert antwort.status_code == 201, antwort.content


def test_mittelwert_mit_fallzahl(api, sachbearbeitung50, mittelwert50):
    antwort = api(sachbearbeitung50).post(
        MESSWERTE,
        {"kennzahl": mittelwert50.pk, "periode": "2026-T1", "wert": "9.5", "fallzahl": "312", "entwurf": True},
        format="json",
    )
    assert antwort.status_code == 201, antwort.content
    assert (antwort.json()["wert"], antwort.json()["fallzahl"]) == ("9.5000", "312.0000")
    negativ = api(sachbearbeitung50).patch(
        f"{MESSWERTE}{antwort.json()['id']}/", {"fallzahl": "-1", "revision": 1}, format="json"
    )
    assert negativ.status_code == 400
    assert negativ.json()["fallzahl"] == ["Die Fallzahl darf nicht negativ sein."]


def test_aenderung_neuer_zaehler_berechnet_den_wert_neu(api, sachbearbeitung50, quote50):
    client = api(sachbearbeitung50)
    erstellt = client.post(
        MESSWERTE, {"kennzahl": quote50.pk, "periode": "2026-T1", "zaehler": "120", "nenner": "200"}, format="json"
    ).json()
    url = f"{MESSWERTE}{erstellt['id']}/"
    antwort = client.patch(url, {"zaehler": "124", "revision": 1}, format="json")
    assert antwort.status_code == 200, antwort.content
    assert (antwort.json()["wert"], antwort.json()["revision"]) == ("62.0000", 2)


def test_aenderung_begruendung_ersetzt_den_wert_und_ein_neuer_wert_die_begruendung(api, sachbearbeitung50, quote50):
    client = api(sachbearbeitung50)
    erstellt = client.post(
        MESSWERTE, {"kennzahl": quote50.pk, "periode": "2026-T1", "zaehler": "120", "nenner": "200"}, format="json"
    ).json()
    url = f"{MESSWERTE}{erstellt['id']}/"
    ohne = client.patch(url, {"fehlt_begruendung": "Zahlen waren falsch", "revision": 1}, format="json")
    assert ohne.status_code == 200, ohne.content
    assert [ohne.json()[f] for f in ("wert", "zaehler", "nenner")] == [None, None, None]
    mit = client.patch(url, {"wert": "61", "revision": 2}, format="json")
    assert mit.status_code == 200, mit.content
    assert (mit.json()["wert"], mit.json()["fehlt_begruendung"]) == ("61.0000", "")


def test_getippter_wert_zu_alten_zaehlern_wird_abgelehnt(api, sachbearbeitung50, quote50):
    client = api(sachbearbeitung50)
    erstellt = client.post(
        MESSWERTE, {"kennzahl": quote50.pk, "periode": "2026-T1", "zaehler": "120", "nenner": "200"}, format="json"
    ).json()
    antwort = client.patch(f"{MESSWERTE}{erstellt['id']}/", {"wert": "70", "revision": 1}, format="json")
    assert antwort.status_code == 400
    assert "passt nicht zu Zähler und Nenner" in antwort.json()["wert"][0]
    assert Messwert.objects.get().wert == D("60")


# --- Kennzahlen: Messart mittelwert and Skalierung ----------------------------------------------


def _neue_kennzahl(einheiten, pz, user, **daten):
    return {
        "bezeichnung": "Anteil Heimaufnahmen je 1.000 Pflegebedürftige",
        "einheit": "je 1.000",
        "richtung": "fallend",
        "verantwortlich": user.pk,
        "vertretung": user.pk,
        "organisationseinheit": einheiten["50"].pk,
        "produktziel": pz.pk,
        **daten,
    }


def test_steuerung_legt_mittelwert_und_quote_je_tausend_an(api, steuerung, einheiten, kennzahl50, sachbearbeitung50):
    client = api(steuerung)
    quote = client.post(
        KENNZAHLEN,
        _neue_kennzahl(einheiten, kennzahl50.produktziel, sachbearbeitung50, messart="quote", skalierung=1000),
        format="json",
    )
    assert quote.status_code == 201, quote.content
    assert (quote.json()["messart"], quote.json()["skalierung"]) == ("quote", 1000)
    mittel = client.post(
        KENNZAHLEN,
        _neue_kennzahl(einheiten, kennzahl50.produktziel, sachbearbeitung50, messart="mittelwert", bezeichnung="Dauer"),
        format="json",
    )
    assert mittel.status_code == 201, mittel.content
    assert (mittel.json()["messart"], mittel.json()["skalierung"]) == ("mittelwert", 100)


def test_ungueltige_skalierung_gibt_400_auf_deutsch(api, steuerung, einheiten, kennzahl50, sachbearbeitung50):
    antwort = api(steuerung).post(
        KENNZAHLEN,
        _neue_kennzahl(einheiten, kennzahl50.produktziel, sachbearbeitung50, messart="quote", skalierung=50),
        format="json",
    )
    assert antwort.status_code == 400
    assert antwort.json()["skalierung"] == ['"50" ist keine gültige Option.']
    assert not Kennzahl.objects.filter(messart="quote").exists()


def test_skalierung_aendern_nach_werten_braucht_einen_grund_und_wird_versioniert(api, steuerung, quote50):
    TMesswertFactory(kennzahl=quote50, wert=D("60"), zaehler=D("120"), nenner=D("200"))
    url = f"{KENNZAHLEN}{quote50.pk}/"
    ohne = api(steuerung).patch(url, {"skalierung": 1, "revision": 0}, format="json")
    assert ohne.status_code == 400 and "grund" in ohne.json()
    mit = api(steuerung).patch(url, {"skalierung": 1, "revision": 0, "grund": "Anteil statt Prozent"}, format="json")
    assert mit.status_code == 200, mit.content
    assert Kennzahlversion.objects.get(kennzahl=quote50).definition["skalierung"] == "100"


def test_sachbearbeitung_darf_die_skalierung_nicht_aendern(api, sachbearbeitung50, quote50):
    antwort = api(sachbearbeitung50).patch(
        f"{KENNZAHLEN}{quote50.pk}/", {"skalierung": 1000, "revision": 0}, format="json"
    )
    assert antwort.status_code == 403
    quote50.refresh_from_db()
    assert quote50.skalierung == 100


def test_skalierung_einer_fremden_kennzahl_ist_nicht_gefunden(api, sachbearbeitung51, quote50):
    antwort = api(sachbearbeitung51).patch(
        f"{KENNZAHLEN}{quote50.pk}/", {"skalierung": 1000, "revision": 0}, format="json"
    )
    assert antwort.status_code == 404


# --- The database holds the rules too --------------------------------------------------------


@pytest.mark.parametrize(
    ("felder", "meldung"),
    [
        ({"wert": D("1"), "fehlt_begruendung": "fehlt"}, "Ein Wert und eine Begründung, warum er fehlt, schließen"),
        ({"wert": D("1"), "zaehler": D("1")}, "Zähler und Nenner gehören zusammen und ergeben den Wert."),
        ({"wert": None, "zaehler": D("1"), "nenner": D("2")}, "Zähler und Nenner gehören zusammen"),
        ({"wert": D("1"), "zaehler": D("1"), "nenner": D("0")}, "Der Nenner muss größer als 0 sein."),
        ({"wert": D("1"), "zaehler": D("-1"), "nenner": D("2")}, "Der Zähler darf nicht negativ sein."),
        ({"wert": D("1"), "fallzahl": D("-1")}, "Die Fallzahl darf nicht negativ sein."),
    ],
)
def test_pruefbedingungen_der_datenbank(quote50, felder, meldung):
    m = Messwert(kennzahl=quote50, periode="2026-T1", periode_ende=date(2026, 4, 30), **felder)
    with pytest.raises(ValidationError) as fehler:
        m.full_clean()
    assert any(meldung in text for text in fehler.value.messages)
    with pytest.raises(IntegrityError), transaction.atomic():
        m.save()


def test_skalierung_ausserhalb_von_1_100_1000_verletzt_die_pruefbedingung(quote50):
    with pytest.raises(IntegrityError), transaction.atomic():
        Kennzahl.objects.filter(pk=quote50.pk).update(skalierung=7)
