"""Browser: the Administration creates a unit and an account with a role and sends the invitation."""

from __future__ import annotations

import pytest
from django.core import mail

from organisation.models import Benutzer, Organisationseinheit
from organisation.rollen import Rolle
from organisation.services import rollenrechte_synchronisieren
from tests.factories import BenutzerFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_administration_legt_einheit_und_konto_an_und_laedt_ein(seite, passwort):
    rollenrechte_synchronisieren()  # a transactional test starts from a flushed database
    dezernat = Organisationseinheit.objects.create(kuerzel="V", name="Dezernat V", ebene="dezernat")
    BenutzerFactory(username="verwalter", rollen=[Rolle.ADMINISTRATION])
    seite.anmelden("verwalter", passwort)
    p = seite.page

    seite.besuchen("/verwaltung/einheiten/")
    p.get_by_role("link", name="Organisationseinheit anlegen").click()
    p.get_by_label("Kürzel").fill("50 4")
    p.get_by_label("Bezeichnung").fill("Teilhabe")
    p.get_by_label("Ebene").select_option("abteilung")
    p.get_by_label("übergeordnete Einheit").select_option(str(dezernat.pk))
    p.get_by_role("button", name="Speichern").click()
    p.wait_for_load_state("networkidle")
    assert "50 4 Teilhabe" in p.content()
    seite.pruefe_barrierefreiheit()

    seite.besuchen("/verwaltung/benutzer/")
    p.get_by_role("link", name="Konto anlegen").click()
    p.get_by_label("Benutzername").fill("t.teilhabe")
    p.get_by_label("Vorname").fill("Tina")
    p.get_by_label("Nachname").fill("Teilhabe")
    p.get_by_label("E-Mail-Adresse").fill("tina.teilhabe@kommune.example")
    p.get_by_label("Organisationseinheit").select_option(label="50 4 Teilhabe")
    p.get_by_label("Sachbearbeitung").check()
    p.get_by_role("button", name="Speichern und Einladung senden").click()
    p.wait_for_load_state("networkidle")
    assert "wurde versandt" in p.content()
    seite.pruefe_barrierefreiheit()
    seite.screenshot("verwaltung-konto-eingeladen")

    neu = Benutzer.objects.get(username="t.teilhabe")
    assert neu.organisationseinheit.kuerzel == "50 4"
    assert list(neu.groups.values_list("name", flat=True)) == ["Sachbearbeitung"]
    assert len(mail.outbox) == 1 and "/passwort/" in mail.outbox[0].body
