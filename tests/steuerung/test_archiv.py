"""Deleting and archiving goals and Kennzahlen: the same rule for pages and API."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client

from steuerung.models import Kennzahl, Massnahme, Messwert, Produktziel, Teilziel
from tests.steuerung.factories import KennzahlFactory, MassnahmeFactory

pytestmark = pytest.mark.django_db


def client_fuer(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def _messwert(kennzahl, periode="2025-T1", wert="10"):
    from core.periods import periode as p

    return Messwert.objects.create(kennzahl=kennzahl, periode=periode, periode_ende=p(periode).ende, wert=Decimal(wert))


def test_kennzahl_mit_werten_wird_nicht_geloescht_sondern_mit_grund_abgelehnt(api, steuerung, pyramide):
    k = pyramide["k50"]
    _messwert(k)
    antwort = api(steuerung).delete(f"/api/v1/kennzahlen/{k.pk}/")
    assert antwort.status_code == 400
    assert "Kennzahl hat Werte (1) – archivieren statt löschen." in str(antwort.json())
    seite = client_fuer(steuerung).post(f"/kennzahlen/{k.pk}/loeschen/", {"bestaetigt": "on"}, follow=True)
    seite = seite.content.decode()
    assert "Kennzahl hat Werte (1) – archivieren statt löschen." in seite
    assert Kennzahl.objects.filter(pk=k.pk).exists()


def test_ziel_mit_unterzielen_und_kennzahlen_wird_nicht_geloescht(api, steuerung, pyramide):
    pz = pyramide["pz50"]
    antwort = api(steuerung).delete(f"/api/v1/produktziele/{pz.pk}/")
    assert antwort.status_code == 400
    text = str(antwort.json())
    assert "hat untergeordnete Ziele oder Maßnahmen (2)" in text and "hat Kennzahlen (1)" in text
    assert "archivieren statt löschen" in text
    seite = client_fuer(steuerung).get(f"/zielpyramide/produktziel/{pz.pk}/").content.decode()
    assert "Löschen ist nicht möglich" in seite and "Endgültig löschen" not in seite and "Archivieren" in seite
    assert Produktziel.objects.filter(pk=pz.pk).exists()


def test_ziel_ohne_abhaengigkeiten_wird_geloescht(steuerung, pyramide, einheiten):
    m = MassnahmeFactory(code="M 9", produktziel=pyramide["pz50"], organisationseinheit=einheiten["50"])
    c = client_fuer(steuerung)
    assert "Endgültig löschen" in c.get(f"/zielpyramide/massnahme/{m.pk}/").content.decode()
    # Without the ticked box nothing is deleted; the page says why.
    ohne = c.post(f"/zielpyramide/massnahme/{m.pk}/loeschen/", follow=True).content.decode()
    assert "Bitte bestätigen Sie das Löschen" in ohne
    assert Massnahme.objects.filter(pk=m.pk).exists()
    antwort = c.post(f"/zielpyramide/massnahme/{m.pk}/loeschen/", {"bestaetigt": "on"})
    assert antwort.status_code == 302
    assert not Massnahme.objects.filter(pk=m.pk).exists()


def test_archivieren_nimmt_den_teilbaum_aus_pyramide_und_filter_zeigt_ihn(steuerung, pyramide):
    c = client_fuer(steuerung)
    pz = pyramide["pz50"]
    antwort = c.post(
        f"/zielpyramide/produktziel/{pz.pk}/archivieren/", {"aktion": "archivieren", "revision": "0"}, follow=True
    )
    assert "„PZ 1“ wurde archiviert." in antwort.content.decode()
    for obj in (pz, pyramide["tz50"], pyramide["m50"], pyramide["k50"]):
        obj.refresh_from_db()
        assert obj.archiviert, obj
    assert pz.history.first().history_user == steuerung
    seite = c.get("/zielpyramide/?jahr=2025").content.decode()
    assert "PZ 1" not in seite and "PZ 2" in seite
    mit = c.get("/zielpyramide/?jahr=2025&archivierte=on").content.decode()
    assert "PZ 1" in mit and "archiviert" in mit
    api_baum = str(c.get("/api/v1/zielpyramide/?jahr=2025&tiefe=alle").json())
    assert "'PZ 1'" not in api_baum
    assert "'PZ 1'" in str(c.get("/api/v1/zielpyramide/?jahr=2025&tiefe=alle&archivierte=true").json())
    ebene = f"/api/v1/zielpyramide/?jahr=2025&knoten=produktgruppenziel-{pyramide['pgz50'].pk}"
    assert c.get(ebene).json()["knoten"] == []  # the stored one-level view, too
    assert [k["code"] for k in c.get(ebene + "&archivierte=true").json()["knoten"]] == ["PZ 1"]


def test_wiederherstellen_unter_archiviertem_ziel_wird_abgelehnt(steuerung, pyramide):
    c = client_fuer(steuerung)
    pz, tz = pyramide["pz50"], pyramide["tz50"]
    c.post(f"/zielpyramide/produktziel/{pz.pk}/archivieren/", {"aktion": "archivieren"})
    seite = c.post(f"/zielpyramide/teilziel/{tz.pk}/archivieren/", {"aktion": "wiederherstellen"}, follow=True)
    assert "ist archiviert – bitte zuerst dieses wiederherstellen" in seite.content.decode()
    assert Teilziel.objects.get(pk=tz.pk).archiviert
    c.post(f"/zielpyramide/produktziel/{pz.pk}/archivieren/", {"aktion": "wiederherstellen"})
    assert not Kennzahl.objects.get(pk=pyramide["k50"].pk).archiviert
    assert not Teilziel.objects.get(pk=tz.pk).archiviert


def test_archivieren_mit_veraltetem_stand_meldet_konflikt(steuerung, pyramide):
    k = pyramide["k50"]
    seite = client_fuer(steuerung).post(
        f"/kennzahlen/{k.pk}/archivieren/", {"aktion": "archivieren", "revision": "7"}, follow=True
    )
    assert "Dieser Eintrag wurde inzwischen geändert" in seite.content.decode()
    k.refresh_from_db()
    assert not k.archiviert


def test_api_archivieren_und_patch_des_feldes_abgelehnt(api, steuerung, sachbearbeitung50, pyramide):
    k = pyramide["k50"]
    antwort = api(steuerung).post(f"/api/v1/kennzahlen/{k.pk}/archivieren/", {"archiviert": True}, format="json")
    assert antwort.status_code == 200 and antwort.json()["archiviert"] is True
    assert api(steuerung).get("/api/v1/kennzahlen/?archiviert=true").json()["count"] == 1
    patch = api(steuerung).patch(f"/api/v1/kennzahlen/{k.pk}/", {"archiviert": False}, format="json")
    assert patch.status_code == 400 and "schreibgeschützt" in str(patch.json())
    m = pyramide["m50"]
    verboten = api(sachbearbeitung50).post(f"/api/v1/massnahmen/{m.pk}/archivieren/", {"archiviert": True})
    assert verboten.status_code == 403


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("sachbearbeitung50", 403),
        ("sachbearbeitung51", 404),
        ("amtsleitung50", 403),
        ("dezernat", 403),
        ("kaemmerei", 403),
        ("ratsmitglied", 403),
    ],
    indirect=["persona"],
)
def test_loeschen_und_archivieren_je_rolle(persona, status, pyramide):
    c = client_fuer(persona)
    k, tz = pyramide["k50"], pyramide["tz50"]
    urls = [
        f"/kennzahlen/{k.pk}/loeschen/",
        f"/kennzahlen/{k.pk}/archivieren/",
        f"/zielpyramide/teilziel/{tz.pk}/loeschen/",
        f"/zielpyramide/teilziel/{tz.pk}/archivieren/",
    ]
    for url in urls:
        assert c.post(url, {"aktion": "archivieren"}).status_code == status, url
    assert not Kennzahl.objects.get(pk=k.pk).archiviert


def test_archivierte_kennzahl_fehlt_in_der_erfassung(steuerung, pyramide):
    from core.periods import periode
    from steuerung.erfassungszeilen import erfassung_zeilen

    k = pyramide["k50"]
    argumente = {"organisationseinheit_id": k.organisationseinheit_id, "periode": periode("2025-T1"), "user": steuerung}
    assert [a.kennzahl.pk for a in erfassung_zeilen(**argumente)] == [k.pk]
    Kennzahl.objects.filter(pk=k.pk).update(archiviert=True)
    assert erfassung_zeilen(**argumente) == []


def test_zielmatrix_uebernahme_laesst_archivierte_zurueck(steuerung, pyramide):
    from steuerung.services import zielmatrix_uebernehmen

    KennzahlFactory(code="K 7", produktziel=pyramide["pz51"], archiviert=True)
    angelegt = zielmatrix_uebernehmen(von_jahr=2025, user=steuerung)
    assert angelegt["kennzahl"] == 2
    assert not Kennzahl.objects.filter(jahr=2026, code="K 7").exists()
