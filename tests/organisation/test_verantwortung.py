"""Who may own a goal or Kennzahl: a person of the unit's line in a role that works on goals."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from organisation.rollen import Rolle
from organisation.verantwortung import linie_ids, verantwortliche, verantwortliche_pruefen
from tests.factories import BenutzerFactory


@pytest.mark.parametrize(
    ("einheit", "linie"),
    [
        ("50", {"V", "50", "50 2", "50 21"}),  # parents and everything below
        ("50 21", {"V", "50", "50 2", "50 21"}),
        ("51", {"V", "51"}),
        ("V", {"V", "V SU", "50", "50 2", "50 21", "51"}),
        ("20", {"20"}),
    ],
)
def test_linie_einer_einheit(einheiten, einheit, linie):
    assert linie_ids(einheiten[einheit].pk) == {einheiten[k].pk for k in linie}


@pytest.mark.parametrize(
    ("person", "darf"),
    [
        ("sachbearbeitung50", True),
        ("amtsleitung50", True),
        ("dezernat", True),  # Dezernat V lies above Amt 50
        ("sachbearbeitung51", False),  # another Amt
        ("steuerung", False),  # V SU is a sibling, not in Amt 50's line
        ("kaemmerei", False),
        ("ratsmitglied", False),
    ],
)
def test_verantwortlich_fuer_eine_kennzahl_des_amtes_50(request, einheiten, person, darf):
    benutzer = request.getfixturevalue(person)
    assert (benutzer in verantwortliche(einheiten["50"].pk)) is darf
    if darf:
        verantwortliche_pruefen(einheiten["50"].pk, {"verantwortlich": benutzer})
    else:
        with pytest.raises(ValidationError) as fehler:
            verantwortliche_pruefen(einheiten["50"].pk, {"verantwortlich": benutzer, "vertretung": None})
        assert set(fehler.value.message_dict) == {"verantwortlich"}
        assert "kann hier nicht verantwortlich sein" in fehler.value.message_dict["verantwortlich"][0]


def test_inaktive_person_und_person_ohne_rolle_sind_nicht_verantwortlich(einheiten):
    inaktiv = BenutzerFactory(organisationseinheit=einheiten["50"], rollen=[Rolle.SACHBEARBEITUNG], is_active=False)
    ohne_rolle = BenutzerFactory(organisationseinheit=einheiten["50"])
    assert not verantwortliche(einheiten["50"].pk).filter(pk__in=[inaktiv.pk, ohne_rolle.pk]).exists()
