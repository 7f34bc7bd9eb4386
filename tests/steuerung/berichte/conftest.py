"""Fixtures of the Tertialbericht tests (report of Amt 50 for 2026-T2, and a published one)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from organisation.rollen import Rolle
from steuerung.berichte.workflow import (
    tertialbericht_einreichen,
    tertialbericht_freigeben,
    tertialbericht_holen_oder_anlegen,
    tertialbericht_veroeffentlichen,
)
from tests.factories import BenutzerFactory
from tests.steuerung.factories_berichte import BKennzahlFactory, BMesswertFactory, rote_kennzahl_mit_erklaerung


@pytest.fixture
def berichtsdaten(einheiten, sachbearbeitung50, steuerung):
    """Amt 50 (via 50 2): a green and an explained red Kennzahl for 2026-T2; Amt 51: one green Kennzahl."""
    gemeinsam = {"verantwortlich": sachbearbeitung50, "vertretung": steuerung}
    gruen = BKennzahlFactory(
        code="K 1",
        bezeichnung="Pflegebedürftige zu Hause versorgt",
        organisationseinheit=einheiten["50 2"],
        **gemeinsam,
    )
    BMesswertFactory(kennzahl=gruen, periode="2026-T2", wert=Decimal("49"))
    rot = BKennzahlFactory(
        code="K 2", bezeichnung="Ambulante Pflegearrangements", organisationseinheit=einheiten["50 2"], **gemeinsam
    )
    rote_kennzahl_mit_erklaerung(kennzahl=rot)
    k51 = BKennzahlFactory(
        code="K 9",
        bezeichnung="Rückführungen in die Familie",
        organisationseinheit=einheiten["51"],
        verantwortlich=steuerung,
        vertretung=steuerung,
    )
    BMesswertFactory(kennzahl=k51, periode="2026-T2", wert=Decimal("49"))
    bericht = tertialbericht_holen_oder_anlegen(organisationseinheit=einheiten["50"], periode="2026-T2")
    bericht51 = tertialbericht_holen_oder_anlegen(organisationseinheit=einheiten["51"], periode="2026-T2")
    return {"gruen": gruen, "rot": rot, "k51": k51, "bericht": bericht, "bericht51": bericht51}


@pytest.fixture
def veroeffentlicht(berichtsdaten, sachbearbeitung50, amtsleitung50, dezernat):
    """The report of Amt 50 walked through the whole workflow and published."""
    bericht = berichtsdaten["bericht"]
    tertialbericht_einreichen(bericht=bericht, user=sachbearbeitung50)
    tertialbericht_freigeben(bericht=bericht, user=amtsleitung50)
    tertialbericht_freigeben(bericht=bericht, user=dezernat)
    return tertialbericht_veroeffentlichen(bericht=bericht, user=dezernat)


@pytest.fixture
def zweite_steuerung(einheiten):
    return BenutzerFactory(username="su2", organisationseinheit=einheiten["V SU"], rollen=[Rolle.STEUERUNG])
