"""User administration: create with roles, one-time link by mail (invitation and reset), deactivation,
all errors at once, and what the other roles get (403)."""

from __future__ import annotations

import re
from unittest import mock

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from organisation.models import Benutzer
from organisation.rollen import Rolle
from tests.factories import PASSWORT, BenutzerFactory

pytestmark = pytest.mark.django_db

NEUES_PASSWORT = "Sonnen-Blume-4711!"


def _angemeldet(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def _anmelden(username: str, passwort: str) -> bool:
    """Log in through the login page (django-axes needs the request)."""
    c = Client()
    antwort = c.post(reverse("frontend:login"), {"username": username, "password": passwort})
    return antwort.status_code == 302 and "_auth_user_id" in c.session


def _link_aus(nachricht) -> str:
    treffer = re.search(r"https?://[^\s]+/passwort/[^\s]+/", nachricht.body)
    assert treffer, nachricht.body
    return "/" + treffer.group(0).split("/", 3)[3]


def _anlegen(client, einheiten, **extra):
    daten = {
        "username": "neu.person",
        "first_name": "Nora",
        "last_name": "Neu",
        "email": "nora.neu@kommune.example",
        "organisationseinheit": einheiten["50"].pk,
        "rollen": [Rolle.SACHBEARBEITUNG.value],
        **extra,
    }
    return client.post(reverse("frontend:benutzer-neu"), daten)


def test_einladung_mit_einmal_link_setzt_passwort_und_erlaubt_anmeldung(administration, einheiten):
    client = _angemeldet(administration)
    antwort = _anlegen(client, einheiten, einladen="1")
    neu = Benutzer.objects.get(username="neu.person")
    assert antwort.status_code == 302
    assert not neu.has_usable_password() and neu.is_active
    assert set(neu.groups.values_list("name", flat=True)) == {"Sachbearbeitung"}
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["nora.neu@kommune.example"]
    assert "Einladung" in mail.outbox[0].subject
    link = _link_aus(mail.outbox[0])

    gast = Client()
    formularseite = gast.get(link, follow=True)
    assert formularseite.status_code == 200 and "new_password1" in formularseite.content.decode()
    setzen = gast.post(
        formularseite.redirect_chain[-1][0], {"new_password1": NEUES_PASSWORT, "new_password2": NEUES_PASSWORT}
    )
    assert setzen.status_code == 302 and setzen.url == reverse("frontend:passwort-gesetzt")
    assert _anmelden("neu.person", NEUES_PASSWORT)

    # One use only: the same link is refused afterwards.
    zweiter = Client().get(link, follow=True)
    assert "nicht mehr gültig" in zweiter.content.decode()
    assert "new_password1" not in zweiter.content.decode()


def test_passwort_zuruecksetzen_fuer_konto_mit_passwort(sachbearbeitung50, administration):
    sachbearbeitung50.email = "sb50@kommune.example"
    sachbearbeitung50.save()
    antwort = _angemeldet(administration).post(reverse("frontend:benutzer-einladen", args=[sachbearbeitung50.pk]))
    assert antwort.status_code == 302
    assert "Passwort" in mail.outbox[0].subject and "/passwort/" in mail.outbox[0].body


def test_fehlgeschlagener_versand_macht_die_anlage_nicht_rueckgaengig(administration, einheiten):
    client = _angemeldet(administration)
    with mock.patch("organisation.einladung.send_mail", side_effect=OSError("SMTP nicht erreichbar")) as senden:
        antwort = _anlegen(client, einheiten, einladen="1")
    assert senden.call_count >= 1  # eager here; a worker retries (see test_versand_wird_wiederholt)
    assert antwort.status_code == 302
    assert Benutzer.objects.filter(username="neu.person", is_active=True).exists()
    seite = client.get(antwort.url)
    assert "konnte nicht versandt werden" in seite.content.decode()


def test_deaktiviertes_konto_kann_sich_nicht_anmelden(sachbearbeitung50, administration):
    assert _anmelden("sb50", PASSWORT)
    antwort = _angemeldet(administration).post(reverse("frontend:benutzer-deaktivieren", args=[sachbearbeitung50.pk]))
    assert antwort.status_code == 302
    sachbearbeitung50.refresh_from_db()
    assert not sachbearbeitung50.is_active
    assert not _anmelden("sb50", PASSWORT)


def test_eigenes_konto_laesst_sich_nicht_deaktivieren(administration):
    _angemeldet(administration).post(reverse("frontend:benutzer-deaktivieren", args=[administration.pk]))
    administration.refresh_from_db()
    assert administration.is_active


def test_falsche_eingaben_zeigen_alle_fehler_und_aendern_nichts(administration, sachbearbeitung50, einheiten):
    vorher = Benutzer.objects.count()
    antwort = _anlegen(
        _angemeldet(administration), einheiten, username="sb50", email="keine-adresse", rollen=["Kaiser"]
    )
    text = antwort.content.decode()
    assert antwort.status_code == 200
    assert "Dieser Benutzername ist bereits vergeben." in text
    assert "Bitte eine gültige E-Mail-Adresse angeben." in text
    assert "Kaiser ist keine gültige Auswahl." in text
    assert Benutzer.objects.count() == vorher


def test_liste_filtert_nach_einheit_rolle_und_status(administration, sachbearbeitung50, sachbearbeitung51, einheiten):
    sachbearbeitung51.is_active = False
    sachbearbeitung51.save()
    client = _angemeldet(administration)
    nach_einheit = client.get(reverse("frontend:benutzer-liste"), {"organisationseinheit": einheiten["50"].pk})
    assert "sb50" in nach_einheit.content.decode() and "sb51" not in nach_einheit.content.decode()
    inaktiv = client.get(reverse("frontend:benutzer-liste"), {"aktiv": "0"}).content.decode()
    assert "sb51" in inaktiv and "sb50" not in inaktiv
    nach_rolle = client.get(reverse("frontend:benutzer-liste"), {"rolle": "Administration"}).content.decode()
    assert ">adm<" in nach_rolle and "sb50" not in nach_rolle
    assert "Letzte Anmeldung" in nach_rolle


@pytest.mark.parametrize(
    "persona", ["sachbearbeitung50", "steuerung", "dezernat", "kaemmerei", "ratsmitglied"], indirect=True
)
def test_andere_rollen_verwalten_keine_konten(persona, sachbearbeitung50):
    client = _angemeldet(persona)
    assert client.get(reverse("frontend:benutzer-liste")).status_code == 403
    assert client.post(reverse("frontend:benutzer-deaktivieren", args=[sachbearbeitung50.pk])).status_code == 403
    sachbearbeitung50.refresh_from_db()
    assert sachbearbeitung50.is_active


def test_administration_sieht_keine_falldaten(administration):
    assert not administration.has_perm("controlling.view_einzelfall")
    assert not administration.has_perm("controlling.change_einzelfall")


def test_api_legt_konto_an_und_sendet_einladung(api, administration, einheiten):
    client = api(administration)
    antwort = client.post(
        "/api/v1/benutzer/",
        {
            "username": "api.person",
            "email": "api@kommune.example",
            "organisationseinheit": einheiten["51"].pk,
            "rollen": ["Amtsleitung"],
            "first_name": "A",
            "last_name": "P",
        },
        format="json",
    )
    assert antwort.status_code == 201, antwort.content
    assert antwort.json()["rollen"] == ["Amtsleitung"]
    einladen = client.post(f"/api/v1/benutzer/{antwort.json()['id']}/einladen/")
    assert einladen.status_code == 200 and einladen.json() == {"art": "einladung", "versendet": True}
    assert len(mail.outbox) == 1
    assert api(einheiten and None).get("/api/v1/benutzer/").status_code == 403


def test_versand_wird_bei_nicht_erreichbarem_mailserver_wiederholt():
    from smtplib import SMTPException

    from organisation.tasks import einmal_link_senden

    assert set(einmal_link_senden.autoretry_for) >= {SMTPException, OSError}
    assert einmal_link_senden.max_retries == 5 and einmal_link_senden.retry_backoff


def _bearbeiten_daten(benutzer, **extra) -> dict:
    return {
        "first_name": benutzer.first_name,
        "last_name": "Geändert",
        "email": "neu@kommune.example",
        "organisationseinheit": benutzer.organisationseinheit_id,
        "rollen": [Rolle.SACHBEARBEITUNG.value],
        **extra,
    }


def test_veralteter_bearbeitungsstand_ueberschreibt_kein_konto(administration, sachbearbeitung50):
    client = _angemeldet(administration)
    pfad = reverse("frontend:benutzer-bearbeiten", args=[sachbearbeitung50.pk])
    assert 'name="revision" value="0"' in client.get(pfad).content.decode()
    assert client.post(pfad, _bearbeiten_daten(sachbearbeitung50, revision="0")).status_code == 302
    sachbearbeitung50.refresh_from_db()
    assert (sachbearbeitung50.last_name, sachbearbeitung50.revision) == ("Geändert", 1)
    # A second administrator still holds the form of revision 0.
    antwort = client.post(pfad, _bearbeiten_daten(sachbearbeitung50, last_name="Zweite Fassung", revision="0"))
    assert antwort.status_code == 200
    assert "inzwischen geändert" in antwort.content.decode()
    sachbearbeitung50.refresh_from_db()
    assert sachbearbeitung50.last_name == "Geändert"


def test_kontoverlauf_ohne_passwort_und_rollenwechsel_zaehlt(administration, sachbearbeitung50):
    client = _angemeldet(administration)
    pfad = reverse("frontend:benutzer-bearbeiten", args=[sachbearbeitung50.pk])
    daten = {**_bearbeiten_daten(sachbearbeitung50), "rollen": [Rolle.AMTSLEITUNG.value], "revision": "0"}
    daten["last_name"], daten["email"] = sachbearbeitung50.last_name, sachbearbeitung50.email or "x@kommune.example"
    assert client.post(pfad, daten).status_code == 302
    sachbearbeitung50.refresh_from_db()
    assert sachbearbeitung50.revision == 1  # the role change alone counts as a change
    eintrag = sachbearbeitung50.history.first()
    assert eintrag.history_user == administration
    assert not hasattr(eintrag, "password") and not hasattr(eintrag, "last_login")


def test_api_konto_mit_veraltetem_stand_409_und_kennung_bleibt(api, administration, sachbearbeitung50):
    client = api(administration)
    pfad = f"/api/v1/benutzer/{sachbearbeitung50.pk}/"
    stand = client.get(pfad).json()
    assert stand["revision"] == 0
    geaendert = client.patch(pfad, {"last_name": "API", "revision": 0}, format="json")
    assert geaendert.status_code == 200, geaendert.content
    assert geaendert.json()["revision"] == 1
    veraltet = client.patch(pfad, {"last_name": "Alt", "revision": 0}, format="json")
    assert veraltet.status_code == 409
    assert "inzwischen geändert" in str(veraltet.json())
    kennung = client.patch(pfad, {"username": "anders", "revision": 1}, format="json")
    assert kennung.status_code == 400
    assert "Kennung bleibt" in str(kennung.json())
    sachbearbeitung50.refresh_from_db()
    assert (sachbearbeitung50.username, sachbearbeitung50.last_name) == ("sb50", "API")


def test_administration_sperrt_sich_nicht_selbst_aus(administration, einheiten):
    client = _angemeldet(administration)
    pfad = reverse("frontend:benutzer-bearbeiten", args=[administration.pk])
    daten = {
        "first_name": "A",
        "last_name": "Dmin",
        "email": "adm@kommune.example",
        "organisationseinheit": "",
        "rollen": [],
        "revision": "0",
    }
    antwort = client.post(pfad, daten)
    assert antwort.status_code == 200
    assert "nicht selbst entziehen" in antwort.content.decode()
    assert administration.groups.filter(name=Rolle.ADMINISTRATION.value).exists()


def test_letztes_administrationskonto_bleibt(administration, einheiten):
    zweite = BenutzerFactory(username="adm2", email="adm2@kommune.example", rollen=[Rolle.ADMINISTRATION])
    client = _angemeldet(zweite)
    # adm2 deactivates adm: allowed, adm2 stays.
    assert client.post(reverse("frontend:benutzer-deaktivieren", args=[administration.pk])).status_code == 302
    administration.refresh_from_db()
    assert not administration.is_active
    # Now adm2 is the last one: a third account with the role may not be removed either way.
    dritte = BenutzerFactory(username="adm3", rollen=[Rolle.ADMINISTRATION])
    client3 = _angemeldet(dritte)
    assert client3.post(reverse("frontend:benutzer-deaktivieren", args=[zweite.pk])).status_code == 302
    zweite.refresh_from_db()
    assert not zweite.is_active
    antwort = _angemeldet(dritte).post(reverse("frontend:benutzer-deaktivieren", args=[dritte.pk]), follow=True)
    assert "eigenes Konto nicht deaktivieren" in antwort.content.decode()


def test_auch_ein_superuser_entzieht_dem_letzten_konto_die_administration_nicht(administration):
    technik = BenutzerFactory(username="technik", is_superuser=True, is_staff=True)
    antwort = _angemeldet(technik).post(
        reverse("frontend:benutzer-bearbeiten", args=[administration.pk]),
        {"first_name": "A", "last_name": "Dmin", "email": "adm@kommune.example", "rollen": [], "revision": "0"},
    )
    assert "letzte aktive Konto mit der Rolle Administration" in antwort.content.decode()
    assert administration.groups.filter(name=Rolle.ADMINISTRATION.value).exists()
