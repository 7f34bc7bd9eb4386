"""Acceptance test of issue 18: a whole steering year in the browser, from an empty database.

Only one Administration account is created directly; everything else happens through the pages:
units, accounts and invitations, Stammdaten, Zielpyramide with a Kennzahl and its Sollwerte, the
Erfassungsfrist, an HSK-Maßnahme, Sozialraum data with an Excel import, value entry, an HSK
Einzelfall, the report workflow up to publication and the Ratsmitglied reading the report.
The ORM is only read (assertions); the invitation mails come from the locmem outbox.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal
from urllib.parse import urlsplit

import pytest
from django.core import mail

from core.periods import letztes_beendetes_tertial
from organisation.models import Benutzer, Kommune, Organisationseinheit
from organisation.rollen import Rolle
from organisation.services import rollenrechte_synchronisieren
from tests.factories import BenutzerFactory

pytestmark = pytest.mark.django_db(transaction=True)

ADMIN_PASSWORT = "Verwaltung-2026!"
KOMMUNE = "Stadt Musterhausen"
# username -> (first name, last name, unit code or None, role label, password set via the link)
PERSONEN = {
    "s.steuer": ("Stefanie", "Steuer", "V SU", "Steuerungsunterstützung", "Steuern-im-Jahr-1!"),
    "s.sach": ("Sven", "Sachbearbeiter", "50", "Sachbearbeitung", "Werte-erfassen-2!"),
    "a.amt": ("Anna", "Amtsleiterin", "50", "Amtsleitung", "Freigabe-Amt-3!"),
    "d.dez": ("Dora", "Dezernentin", "V", "Dezernatsleitung", "Freigabe-Dez-4!"),
    "r.rat": ("Rainer", "Ratsherr", None, "Rat / Ausschuss", "Lesen-im-Rat-5!"),
}


def _klick(seite, name: str, *, rolle: str = "button") -> None:
    seite.page.get_by_role(rolle, name=name, exact=True).click()
    seite.page.wait_for_load_state("networkidle")


def _haupt(seite) -> str:
    return seite.page.locator("main").inner_text()


def _meldungen(seite) -> str:
    return seite.page.locator(".meldungen").inner_text()


def _als(seite, username: str) -> None:
    seite.page.context.clear_cookies()
    passwort = ADMIN_PASSWORT if username == "admin" else PERSONEN[username][4]
    seite.anmelden(username, passwort)
    assert seite.page.get_by_role("link", name="Abmelden").count() or "Abmelden" in seite.page.content()


def _startseite_festhalten(seite, rolle: str) -> None:
    seite.besuchen("/")
    seite.screenshot(f"jahr-start-{rolle}")


# --- 1. Administration ---------------------------------------------------------------------


def _einheit_anlegen(seite, kuerzel: str, name: str, ebene: str, eltern: str | None) -> None:
    p = seite.page
    seite.besuchen("/verwaltung/einheiten/")
    _klick(seite, "Organisationseinheit anlegen", rolle="link")
    p.get_by_label("Kürzel").fill(kuerzel)
    p.get_by_label("Bezeichnung").fill(name)
    p.get_by_label("Ebene").select_option(ebene)
    if eltern:
        p.get_by_label("übergeordnete Einheit").select_option(label=eltern)
    _klick(seite, "Speichern")
    assert f"{kuerzel} {name}" in _haupt(seite)


def _konto_anlegen_und_einladen(seite, username: str) -> None:
    vorname, nachname, einheit, rolle, _passwort = PERSONEN[username]
    p = seite.page
    seite.besuchen("/verwaltung/benutzer/")
    _klick(seite, "Konto anlegen", rolle="link")
    p.get_by_label("Benutzername").fill(username)
    p.get_by_label("Vorname").fill(vorname)
    p.get_by_label("Nachname").fill(nachname)
    p.get_by_label("E-Mail-Adresse").fill(f"{username}@musterhausen.example")
    if einheit:
        label = Organisationseinheit.objects.get(kuerzel=einheit)
        p.get_by_label("Organisationseinheit").select_option(label=f"{label.kuerzel} {label.name}")
    p.get_by_label(rolle, exact=True).check()
    _klick(seite, "Speichern und Einladung senden")
    assert "wurde versandt" in _meldungen(seite), _haupt(seite)[:1500]


def _passwort_ueber_einladung_setzen(seite, username: str) -> None:
    """The invited person opens the one-time link of the mail (path only: the live server's port differs)."""
    nachricht = next(m for m in reversed(mail.outbox) if m.to == [f"{username}@musterhausen.example"])
    link = re.search(r"https?://\S+/passwort/\S+/", nachricht.body).group(0)
    seite.page.context.clear_cookies()
    seite.besuchen(urlsplit(link).path)
    p = seite.page
    assert f"Bitte legen Sie das Passwort für die Kennung „{username}“ fest." in _haupt(seite)
    passwort = PERSONEN[username][4]
    p.locator("#id_new_password1").fill(passwort)
    p.locator("#id_new_password2").fill(passwort)
    _klick(seite, "Passwort speichern")
    assert "Ihr Passwort ist gespeichert" in _haupt(seite)
    seite.pruefe_barrierefreiheit()
    # One use only: the same link is dead now.
    seite.besuchen(urlsplit(link).path)
    assert "Dieser Link ist nicht mehr gültig" in _haupt(seite)


def administration_richtet_ein(seite) -> None:
    _als(seite, "admin")
    _startseite_festhalten(seite, "administration")

    seite.besuchen("/verwaltung/kommune/")
    seite.page.get_by_label("Name der Kommune").fill(KOMMUNE)
    _klick(seite, "Speichern")
    assert "Die Einstellungen der Kommune wurden gespeichert." in _meldungen(seite)
    assert Kommune.objects.get().name == KOMMUNE

    _einheit_anlegen(seite, "V", "Dezernat V – Soziales", "dezernat", None)
    _einheit_anlegen(seite, "50", "Amt für Soziales", "amt", "V Dezernat V – Soziales")
    _einheit_anlegen(seite, "V SU", "Steuerungsunterstützung", "stabsstelle", "V Dezernat V – Soziales")
    assert dict(Organisationseinheit.objects.values_list("kuerzel", "eltern__kuerzel")) == {
        "V": None,
        "50": "V",
        "V SU": "V",
    }

    for username in PERSONEN:
        _konto_anlegen_und_einladen(seite, username)
    assert len(mail.outbox) == len(PERSONEN)
    for username, (_v, _n, einheit, rolle, _p) in PERSONEN.items():
        b = Benutzer.objects.get(username=username)
        assert not b.has_usable_password()
        assert (b.organisationseinheit.kuerzel if b.organisationseinheit else None) == einheit
        assert b.groups.count() == 1
    seite.besuchen("/verwaltung/benutzer/")
    seite.screenshot("jahr-verwaltung-benutzer")

    for username in PERSONEN:
        _passwort_ueber_einladung_setzen(seite, username)
    assert all(b.has_usable_password() for b in Benutzer.objects.all())


# --- the year -------------------------------------------------------------------------------


def test_ein_steuerungsjahr_im_browser(seite):
    rollenrechte_synchronisieren()  # a transactional test starts from a flushed database
    BenutzerFactory(
        username="admin",
        first_name="Ada",
        last_name="Admin",
        rollen=[Rolle.ADMINISTRATION],
        password=ADMIN_PASSWORT,
    )
    seite.page.on("dialog", lambda d: d.accept())
    tertial = letztes_beendetes_tertial(date.today())

    administration_richtet_ein(seite)
