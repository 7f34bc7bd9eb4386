"""Scope of Organisationseinheiten per role: own subtree, Gesamtsicht, nothing for the Rat."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group

from organisation.models import Organisationseinheit
from organisation.rollen import Rolle
from organisation.selectors import fuer_benutzer, sichtbare_oe_ids

pytestmark = pytest.mark.django_db


def _kuerzel(client) -> set[str]:
    antwort = client.get("/api/v1/organisationseinheiten/?page_size=500")
    assert antwort.status_code == 200
    return {r["kuerzel"] for r in antwort.json()["results"]}


def test_sachbearbeitung_sieht_ihren_unterbaum(api, sachbearbeitung50):
    assert _kuerzel(api(sachbearbeitung50)) == {"50", "50 2", "50 21"}


def test_sachbearbeitung_anderer_einheit_sieht_amt_50_nicht(api, sachbearbeitung51, einheiten):
    assert _kuerzel(api(sachbearbeitung51)) == {"51"}
    antwort = api(sachbearbeitung51).get(f"/api/v1/organisationseinheiten/{einheiten['50'].pk}/")
    assert antwort.status_code == 404


def test_dezernat_sieht_sein_dezernat_aber_nicht_die_kaemmerei(api, dezernat):
    assert _kuerzel(api(dezernat)) == {"V", "V SU", "50", "50 2", "50 21", "51"}


@pytest.mark.parametrize("persona", ["steuerung", "kaemmerei"], indirect=True)
def test_gesamtsicht_rollen_sehen_alle_einheiten(api, persona, einheiten):
    assert _kuerzel(api(persona)) == set(einheiten)


def test_ratsmitglied_darf_organisationseinheiten_nicht_lesen(api, ratsmitglied):
    assert api(ratsmitglied).get("/api/v1/organisationseinheiten/").status_code == 403


@pytest.mark.parametrize("persona", ["sachbearbeitung50", "amtsleitung50", "dezernat", "steuerung"], indirect=True)
def test_nur_administration_legt_einheiten_an(api, persona):
    antwort = api(persona).post("/api/v1/organisationseinheiten/", {"kuerzel": "99", "name": "X", "ebene": "amt"})
    assert antwort.status_code == 403
    assert not Organisationseinheit.objects.filter(kuerzel="99").exists()


def test_administration_legt_einheit_an(api, administration):
    antwort = api(administration).post(
        "/api/v1/organisationseinheiten/", {"kuerzel": "99", "name": "Neues Amt", "ebene": "amt"}, format="json"
    )
    assert antwort.status_code == 201, antwort.content


def test_fuer_benutzer_ohne_rolle_liefert_nichts(einheiten):
    from tests.factories import BenutzerFactory

    ohne = BenutzerFactory(username="ohne", organisationseinheit=einheiten["50"])
    assert sichtbare_oe_ids(ohne) == set()
    assert not fuer_benutzer(Organisationseinheit.objects.all(), ohne, oe_feld="id").exists()


def test_alle_rollen_existieren_als_gruppen():
    assert set(Group.objects.values_list("name", flat=True)) >= {str(r) for r in Rolle}


def test_rollen_erhalten_ihre_modellrechte(sachbearbeitung50, ratsmitglied, administration):
    assert sachbearbeitung50.has_perm("organisation.view_organisationseinheit")
    assert not sachbearbeitung50.has_perm("organisation.add_organisationseinheit")
    assert not ratsmitglied.has_perm("organisation.view_organisationseinheit")
    assert administration.has_perm("organisation.add_organisationseinheit")
