"""Complete before submitted: every due Kennzahl has a value or a reason why it is missing; the
report prints the reason and says how complete it is."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from steuerung.berichte.inhalt import inhalt_bauen, vollstaendigkeit
from steuerung.berichte.workflow import tertialbericht_einreichen
from steuerung.erfassung import messwert_speichern
from steuerung.models.berichte import Berichtsstatus as S
from tests.steuerung.factories_berichte import BKennzahlFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def ohne_wert(berichtsdaten, einheiten, sachbearbeitung50, steuerung):
    """A third Kennzahl of Amt 50 (code K 10, to check natural order) without any value for 2026-T2."""
    return BKennzahlFactory(
        code="K 10",
        bezeichnung="Kurzzeitpflege",
        organisationseinheit=einheiten["50 21"],
        verantwortlich=sachbearbeitung50,
        vertretung=steuerung,
    )


def test_einreichen_wird_abgewiesen_solange_ein_wert_fehlt_und_nennt_die_kennzahl(
    berichtsdaten, ohne_wert, sachbearbeitung50
):
    bericht = berichtsdaten["bericht"]
    with pytest.raises(ValidationError) as fehler:
        tertialbericht_einreichen(bericht=bericht, user=sachbearbeitung50)
    meldung = " ".join(fehler.value.messages)
    assert "fehlt der Wert" in meldung and "K 10 Kurzzeitpflege" in meldung
    assert "K 1 " not in meldung and "K 2" not in meldung
    bericht.refresh_from_db()
    assert bericht.status == S.ENTWURF and not bericht.uebergaenge.exists()


def test_begruendung_warum_der_wert_fehlt_erlaubt_das_einreichen_und_steht_im_bericht(
    berichtsdaten, ohne_wert, sachbearbeitung50
):
    messwert_speichern(
        kennzahl=ohne_wert,
        periode="2026-T2",
        user=sachbearbeitung50,
        revision=None,
        fehlt_begruendung="Statistik liegt erst im März vor",
    )
    bericht = berichtsdaten["bericht"]
    tertialbericht_einreichen(bericht=bericht, user=sachbearbeitung50)
    assert bericht.status == S.EINGEREICHT
    inhalt = inhalt_bauen(organisationseinheit=bericht.organisationseinheit, periode=bericht.periode)
    v = inhalt["zusammenfassung"]["vollstaendigkeit"]
    assert v["text"] == "2 von 3 Kennzahlen mit Wert, 1 begründet fehlend"
    assert [z["code"] for z in inhalt["diagramm"]["balken"]] == ["K 1", "K 2", "K 10"]
    seite = Client()
    seite.force_login(sachbearbeitung50)
    text = seite.get(f"/berichte/{bericht.organisationseinheit_id}/2026-T2/").content.decode()
    assert "2 von 3 Kennzahlen mit Wert, 1 begründet fehlend" in text
    assert "Statistik liegt erst im März vor" in text


def test_ein_nachgetragener_wert_erlaubt_das_einreichen(berichtsdaten, ohne_wert, sachbearbeitung50):
    from decimal import Decimal

    messwert_speichern(kennzahl=ohne_wert, periode="2026-T2", user=sachbearbeitung50, revision=None, wert=Decimal("48"))
    tertialbericht_einreichen(bericht=berichtsdaten["bericht"], user=sachbearbeitung50)
    assert berichtsdaten["bericht"].status == S.EINGEREICHT


def test_freigabeseite_zeigt_fehlende_werte_und_vollstaendigkeit(berichtsdaten, ohne_wert, amtsleitung50):
    c = Client()
    c.force_login(amtsleitung50)
    text = c.get(f"/berichte/{berichtsdaten['bericht'].organisationseinheit_id}/2026-T2/").content.decode()
    assert "2 von 3 Kennzahlen mit Wert, 1 ohne Wert und ohne Begründung" in text
    assert "Vor dem Einreichen fehlt ein Wert oder die Begründung" in text


@pytest.mark.parametrize(
    ("zeilen", "text"),
    [
        ([], "0 von 0 Kennzahlen mit Wert"),
        ([{"ist": "1"}], "1 von 1 Kennzahl mit Wert"),
        (
            [{"ist": "1"}] * 7 + [{"ist": None, "fehlt_begruendung": "Statistik fehlt"}],
            "7 von 8 Kennzahlen mit Wert, 1 begründet fehlend",
        ),
        (
            [{"ist": "1"}, {"ist": None, "fehlt_begruendung": ""}, {"ist": None, "fehlt_begruendung": "x"}],
            "1 von 3 Kennzahlen mit Wert, 1 begründet fehlend, 1 ohne Wert und ohne Begründung",
        ),
    ],
)
def test_vollstaendigkeitstext(zeilen, text):
    assert vollstaendigkeit(zeilen)["text"] == text
