"""Pages of the Tertialberichte per persona: allowed, 403, 404; actions, history, council pages."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client

from steuerung.erfassung import messwert_speichern
from steuerung.models.berichte import Berichtsstatus as S

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def _seite(bericht) -> str:
    return f"/berichte/{bericht.organisationseinheit_id}/{bericht.periode}/"


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("sachbearbeitung50", 200),
        ("amtsleitung50", 200),
        ("dezernat", 200),
        ("steuerung", 200),
        ("kaemmerei", 200),
        ("sachbearbeitung51", 404),
        ("ratsmitglied", 403),
    ],
    indirect=["persona"],
)
def test_berichtsseite_je_persona(berichtsdaten, persona, status):
    antwort = _client(persona).get(_seite(berichtsdaten["bericht"]))
    assert antwort.status_code == status
    if status == 200:
        text = antwort.content.decode()
        assert "Ambulante Pflegearrangements" in text and "Fallkonferenzen mit den Kliniken" in text
        assert text.index("Zusammenfassung") < text.index("LZ 1")


def test_liste_filtert_und_zeigt_nur_den_eigenen_bereich(berichtsdaten, sachbearbeitung50, ratsmitglied):
    text = _client(sachbearbeitung50).get("/berichte/", {"status": "entwurf"}).content.decode()
    assert "Amt für Soziales" in text and "Jugendamt</td>" not in text
    assert _client(ratsmitglied).get("/berichte/").status_code == 403


def test_sachbearbeitung_reicht_ueber_die_seite_ein_und_sieht_nur_ihre_knoepfe(berichtsdaten, sachbearbeitung50):
    bericht = berichtsdaten["bericht"]
    c = _client(sachbearbeitung50)
    text = c.get(_seite(bericht)).content.decode()
    assert "Bericht einreichen" in text and "Bericht freigeben" not in text
    antwort = c.post(
        _seite(bericht) + "aktion/",
        {"aktion": "einreichen", "einreichen-aktion": "einreichen", "einreichen-erwarteter_status": "entwurf"},
        follow=True,
    )
    bericht.refresh_from_db()
    assert bericht.status == S.EINGEREICHT
    assert "ist jetzt „eingereicht“" in antwort.content.decode()


def test_doppelklick_auf_freigeben_in_der_oberflaeche(berichtsdaten, sachbearbeitung50, amtsleitung50):
    bericht = berichtsdaten["bericht"]
    _client(sachbearbeitung50).post(
        _seite(bericht) + "aktion/",
        {"aktion": "einreichen", "einreichen-aktion": "einreichen", "einreichen-erwarteter_status": "entwurf"},
    )
    c = _client(amtsleitung50)
    daten = {"aktion": "freigeben", "freigeben-aktion": "freigeben", "freigeben-erwarteter_status": "eingereicht"}
    c.post(_seite(bericht) + "aktion/", daten)
    zweite = c.post(_seite(bericht) + "aktion/", daten, follow=True)
    assert "inzwischen geändert" in zweite.content.decode()
    assert bericht.uebergaenge.filter(aktion="freigeben").count() == 1


def test_zurueckgeben_ohne_notiz_zeigt_fehler(berichtsdaten, sachbearbeitung50, amtsleitung50):
    bericht = berichtsdaten["bericht"]
    _client(sachbearbeitung50).post(
        _seite(bericht) + "aktion/",
        {"aktion": "einreichen", "einreichen-aktion": "einreichen", "einreichen-erwarteter_status": "entwurf"},
    )
    antwort = _client(amtsleitung50).post(
        _seite(bericht) + "aktion/",
        {
            "aktion": "zurueckgeben",
            "zurueckgeben-aktion": "zurueckgeben",
            "zurueckgeben-erwarteter_status": "eingereicht",
            "zurueckgeben-text": "",
        },
        follow=True,
    )
    assert "Bitte füllen Sie dieses Feld aus." in antwort.content.decode()
    bericht.refresh_from_db()
    assert bericht.status == S.EINGEREICHT


def test_fremde_rolle_kann_keine_aktion_posten(berichtsdaten, sachbearbeitung50, kaemmerei, sachbearbeitung51):
    bericht = berichtsdaten["bericht"]
    daten = {"aktion": "einreichen", "einreichen-aktion": "einreichen", "einreichen-erwarteter_status": "entwurf"}
    assert _client(kaemmerei).post(_seite(bericht) + "aktion/", daten).status_code == 403
    assert _client(sachbearbeitung51).post(_seite(bericht) + "aktion/", daten).status_code == 404


def test_verlauf_zeigt_wertaenderungen_alt_und_neu(berichtsdaten, sachbearbeitung50):
    kennzahl = berichtsdaten["gruen"]
    messwert_speichern(kennzahl=kennzahl, periode="2026-T2", user=sachbearbeitung50, revision=0, wert=Decimal("48"))
    messwert_speichern(kennzahl=kennzahl, periode="2026-T2", user=sachbearbeitung50, revision=1, wert=Decimal("49.5"))
    text = _client(sachbearbeitung50).get(_seite(berichtsdaten["bericht"])).content.decode()
    assert "Änderungen an Werten" in text
    assert "48,00" in text and "49,50" in text


@pytest.mark.parametrize(
    ("persona", "status"),
    [("ratsmitglied", 200), ("dezernat", 200), ("kaemmerei", 200), ("sachbearbeitung51", 200)],
    indirect=["persona"],
)
def test_ratsseite_und_downloads_je_persona(veroeffentlicht, persona, status):
    c = _client(persona)
    seite = c.get(f"/veroeffentlicht/{veroeffentlicht.pk}/")
    assert seite.status_code == status
    assert c.get(f"/veroeffentlicht/{veroeffentlicht.pk}/pdf/").status_code == status
    assert c.get(f"/veroeffentlicht/{veroeffentlicht.pk}/excel/").status_code == status
    if status == 200:
        text = seite.content.decode()
        assert text.index("Zusammenfassung") < text.index("Was im Plan liegt") < text.index("LZ 1")
        assert "Fallkonferenzen mit den Kliniken" in text and veroeffentlicht.inhalt_hash in text


def test_ratsmitglied_sieht_liste_der_veroeffentlichungen_und_keine_entwuerfe(
    veroeffentlicht, berichtsdaten, ratsmitglied
):
    c = _client(ratsmitglied)
    text = c.get("/veroeffentlicht/").content.decode()
    assert "Tertialbericht 2. Tertial 2026 (Fassung 1)" in text
    assert c.get(_seite(berichtsdaten["bericht51"])).status_code == 403
    pdf = c.get(f"/veroeffentlicht/{veroeffentlicht.pk}/pdf/")
    assert pdf.content == bytes(veroeffentlicht.pdf)


def test_navigation_zeigt_dem_rat_nur_veroeffentlichte_berichte(ratsmitglied, dezernat):
    rat = _client(ratsmitglied).get("/").content.decode()
    assert "Veröffentlichte Berichte" in rat and "/berichte/" not in rat
    assert "/berichte/" in _client(dezernat).get("/").content.decode()
