"""Archiving a Kennzahl takes it out of the dashboard and future reports, not out of published ones."""

from __future__ import annotations

import pytest

from core.periods import periode
from steuerung.archiv import kennzahl_archivieren
from steuerung.berichte.inhalt import kennzahlzeilen
from steuerung.dashboard import tertial_dashboard
from steuerung.models import Veroeffentlichung

pytestmark = pytest.mark.django_db


def _kennzahlen_im_dashboard(user) -> set[int]:
    d = tertial_dashboard(periode=periode("2026-T2"), user=user)
    return {a.kennzahl.pk for a, _gruende in d.aufmerksamkeit} | {
        a.kennzahl.pk for k in _alle(d.pyramide) for a in k.kennzahlen
    }


def _alle(knoten):
    for k in knoten:
        yield k
        yield from _alle(k.kinder)


def test_archivierte_kennzahl_fehlt_im_dashboard_und_neuen_bericht_veroeffentlichter_bleibt(
    steuerung, einheiten, berichtsdaten, veroeffentlicht
):
    rot = berichtsdaten["rot"]
    vorher = Veroeffentlichung.objects.get(pk=veroeffentlicht.pk)
    inhalt_vorher, hash_vorher = vorher.inhalt, vorher.inhalt_hash
    assert rot.bezeichnung in inhalt_vorher
    assert rot.pk in _kennzahlen_im_dashboard(steuerung)
    assert rot.pk in [z.kennzahl_id for z in kennzahlzeilen(organisationseinheit=einheiten["50"], periode="2026-T2")]
    kennzahl_archivieren(kennzahl=rot, user=steuerung, archiviert=True)

    assert rot.pk not in _kennzahlen_im_dashboard(steuerung)
    assert berichtsdaten["gruen"].pk in _kennzahlen_im_dashboard(steuerung)
    assert berichtsdaten["gruen"].pk in [
        z.kennzahl_id for z in kennzahlzeilen(organisationseinheit=einheiten["50"], periode="2026-T2")
    ]
    assert rot.pk not in [
        z.kennzahl_id for z in kennzahlzeilen(organisationseinheit=einheiten["50"], periode="2026-T2")
    ]
    nachher = Veroeffentlichung.objects.get(pk=veroeffentlicht.pk)
    assert (nachher.inhalt, nachher.inhalt_hash) == (inhalt_vorher, hash_vorher)
    assert nachher.hash_stimmt()
