"""Year rollover: copies the whole Zielmatrix once, in one transaction, without duplicates."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from steuerung.models import Kennzahl, Leitziel, Massnahme, Produktgruppenziel, Produktziel, Teilziel
from steuerung.services import zielmatrix_uebernehmen
from tests.steuerung.factories import TeilzielFactory


def _anzahl(jahr):
    return [
        m.objects.filter(jahr=jahr).count()
        for m in (Leitziel, Produktgruppenziel, Produktziel, Teilziel, Massnahme, Kennzahl)
    ]


def test_uebernahme_kopiert_alle_ebenen_mit_richtigen_eltern(pyramide, steuerung):
    TeilzielFactory(code="TZ 1.1", produktziel=pyramide["pz50"], eltern=pyramide["tz50"])
    angelegt = zielmatrix_uebernehmen(von_jahr=2025, user=steuerung)
    assert angelegt == {
        "leitziel": 1,
        "produktgruppenziel": 2,
        "produktziel": 2,
        "teilziel": 2,
        "massnahme": 2,
        "kennzahl": 2,
    }
    assert _anzahl(2026) == _anzahl(2025)
    m1 = Massnahme.objects.get(jahr=2026, code="M 1")
    assert m1.teilziel.jahr == 2026
    assert m1.teilziel.produktziel.produktgruppenziel.leitziel.jahr == 2026
    assert Teilziel.objects.get(jahr=2026, code="TZ 1.1").eltern.code == "TZ 1"
    k = Kennzahl.objects.get(jahr=2026, code="K 1")
    assert (k.produktziel.jahr, k.zielwert, k.version, k.revision) == (2026, pyramide["k50"].zielwert, 1, 0)


def test_zweite_uebernahme_legt_nichts_doppelt_an(pyramide, steuerung):
    zielmatrix_uebernehmen(von_jahr=2025, user=steuerung)
    vorher = _anzahl(2026)
    angelegt = zielmatrix_uebernehmen(von_jahr=2025, user=steuerung)
    assert set(angelegt.values()) == {0}
    assert _anzahl(2026) == vorher


def test_nur_steuerung_darf_uebernehmen(pyramide, amtsleitung50):
    with pytest.raises(PermissionDenied):
        zielmatrix_uebernehmen(von_jahr=2025, user=amtsleitung50)
    assert _anzahl(2026) == [0, 0, 0, 0, 0, 0]


def test_uebernahme_aus_leerem_jahr_gibt_deutsche_meldung(einheiten, steuerung):
    with pytest.raises(ValidationError, match="keine Zielmatrix"):
        zielmatrix_uebernehmen(von_jahr=2019, user=steuerung)
