"""The city-scale data set: proportional counts and reproducible from its seed."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from controlling.models import Einzelfall, HSKMassnahme
from organisation.models import Organisationseinheit
from sozialraum.models import Indikator, Indikatorwert, Raum
from steuerung.models import (
    Kennzahl,
    Leitziel,
    Massnahme,
    Messwert,
    Produkt,
    Produktgruppenziel,
    Produktziel,
    Teilziel,
    Veroeffentlichung,
)

pytestmark = pytest.mark.django_db


def _laden(seed: int, *berichte: str) -> None:
    call_command("grossstadt_daten", "--faktor", "0.001", "--seed", str(seed), *berichte, stdout=StringIO())


def _zeilen() -> dict[str, list[tuple]]:
    """The generated rows by natural key (no ids, no timestamps)."""
    return {
        "einheiten": sorted(
            Organisationseinheit.objects.filter(kuerzel__startswith="GS").values_list("kuerzel", "name")
        ),
        "kennzahlen": sorted(
            Kennzahl.objects.values_list(
                "code",
                "bezeichnung",
                "messart",
                "richtung",
                "ausgangswert",
                "zielwert",
                "organisationseinheit__kuerzel",
            )
        ),
        "messwerte": sorted(Messwert.objects.values_list("kennzahl__code", "periode", "wert", "begruendung")),
        "massnahmen": sorted(Massnahme.objects.values_list("code", "titel", "teilziel__code", "produktziel__code")),
        "faelle": sorted(
            Einzelfall.objects.values_list(
                "pseudonym",
                "aufnahme",
                "wirkungsbeginn",
                "wirkungsende",
                "vermiedene_kosten_monat",
                "neue_kosten_monat",
            )
        ),
        "indikatorwerte": sorted(
            Indikatorwert.objects.values_list("indikator__schluessel", "raum__schluessel", "jahr", "wert")
        ),
    }


def test_tausendstel_der_grossstadt_legt_anteilige_mengen_an():
    _laden(3)

    assert Organisationseinheit.objects.filter(kuerzel__startswith="GS", ebene="dezernat").count() == 1
    assert Organisationseinheit.objects.filter(kuerzel__startswith="GS", ebene="amt").count() == 1
    assert Produkt.objects.filter(nummer__startswith="9.").count() == 1  # 80 × 0,001 → mindestens 1
    ziele = sum(m.objects.count() for m in (Leitziel, Produktgruppenziel, Produktziel, Teilziel, Massnahme))
    assert ziele == 5  # one per level (2.000 × 0,001 = 2, but every level needs one)
    assert Kennzahl.objects.count() == 10
    assert Messwert.objects.count() == 10 * 30  # ten years of tertial values each
    assert HSKMassnahme.objects.count() == 1
    assert Einzelfall.objects.count() == 50
    assert Raum.objects.count() == 1
    assert Indikator.objects.count() == 1
    assert Indikatorwert.objects.count() == 10  # 1 area × 1 indicator × 10 years
    assert Veroeffentlichung.objects.count() == 1
    assert Veroeffentlichung.objects.get().hash_stimmt()


def test_gleicher_seed_ergibt_dieselben_zeilen_anderer_seed_andere():
    with transaction.atomic():
        _laden(5, "--ohne-berichte")
        erster = _zeilen()
        transaction.set_rollback(True)
    assert not Kennzahl.objects.exists()

    with transaction.atomic():
        _laden(5, "--ohne-berichte")
        zweiter = _zeilen()
        transaction.set_rollback(True)
    _laden(6, "--ohne-berichte")
    anderer = _zeilen()

    assert erster["messwerte"] and erster["faelle"] and erster["indikatorwerte"]
    assert zweiter == erster
    assert anderer["messwerte"] != erster["messwerte"]
    assert anderer["faelle"] != erster["faelle"]


def test_zweites_laden_in_dieselbe_datenbank_wird_mit_meldung_abgelehnt():
    _laden(1, "--ohne-berichte")

    with pytest.raises(CommandError, match="bereits vorhanden"):
        _laden(1, "--ohne-berichte")
    assert Kennzahl.objects.count() == 10
