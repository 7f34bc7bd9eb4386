"""The rule against person references in published texts (organisation.personennamen)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from organisation.personennamen import personenbezuege, personennamen_fehler, personennamen_pruefen
from tests.factories import BenutzerFactory

# Names of users as benutzernamen() would list them (full name, last name).
NAMEN = ["Sabine Beispiel", "Beispiel", "Karl Demo-Kämmerei", "Demo-Kämmerei", "Ole Li"]


@pytest.mark.parametrize(
    ("text", "gefunden"),
    [
        # (a) salutation followed by a capitalised word
        ("verantwortlich: Frau Meier", ["Frau Meier"]),
        ("Herr Schmidt klärt das", ["Herr Schmidt"]),
        ("mit Herrn Özdemir abgestimmt", ["Herrn Özdemir"]),
        ("Herr Dr. Schmidt (Abteilungsleitung)", ["Herr Dr. Schmidt"]),
        ("Frau Prof. Dr. Roth", ["Frau Prof. Dr. Roth"]),
        ("Frau  Meier und Herr Kunz", ["Frau  Meier", "Herr Kunz"]),
        ("Rücksprache (Frau Müller-Lüdenscheidt)", ["Frau Müller-Lüdenscheidt"]),
        # (b) a Benutzer's full name or last name, as a whole word
        ("Sabine Beispiel übernimmt", ["Sabine Beispiel"]),
        ("zuständig: Beispiel", ["Beispiel"]),
        ("bis Ende Mai (Demo-Kämmerei)", ["Demo-Kämmerei"]),
        ("Ole Li prüft", ["Ole Li"]),
        # not a person
        ("Ausbau der Plätze im Frauenhaus", []),
        ("Sanierung Herrenhaus", []),
        ("frau meier", []),
        ("herr schmidt", []),
        ("Frau und Mann gleichermaßen", []),
        ("Frauen und Herren", []),
        ("Abteilungsleitung 50 2", []),
        ("Beispielrechnung der Kämmerei", []),
        ("Kämmerei", []),
        ("Li", []),  # a last name below three letters counts only with the first name
        ("Fallkonferenzen mit den Kliniken", []),
        ("", []),
    ],
)
def test_personenbezuege(text, gefunden):
    assert personenbezuege(text, namen=NAMEN) == gefunden


@pytest.mark.django_db
def test_namen_kommen_aus_den_benutzern():
    BenutzerFactory(username="mt", first_name="Martina", last_name="Tischler")
    BenutzerFactory(username="xy", first_name="Xaver", last_name="Ax")
    assert personenbezuege("Abstimmung mit Tischler") == ["Tischler"]
    assert personenbezuege("Martina Tischler (Sachgebiet)") == ["Martina Tischler"]
    assert personenbezuege("Die Tischlerei liefert") == []
    assert personenbezuege("Ax prüft") == []  # two letters: too short on its own
    assert personenbezuege("Xaver Ax prüft") == ["Xaver Ax"]


@pytest.mark.django_db
def test_meldung_nennt_feld_und_fund():
    fehler = personennamen_fehler(
        {"begruendung": "verantwortlich: Frau Meier", "gegensteuerung": "Abteilungsleitung 50 2"},
        bezeichnungen={"begruendung": "Begründung", "gegensteuerung": "Gegensteuerung"},
    )
    assert fehler == {
        "begruendung": "Begründung: Bitte keine Personennamen in veröffentlichten Texten "
        "(gefunden: „Frau Meier“). Nennen Sie Rolle oder Organisationseinheit."
    }
    with pytest.raises(ValidationError) as e:
        personennamen_pruefen({"x": "Herr Kunz"}, bezeichnungen={"x": "Text"})
    assert list(e.value.message_dict) == ["x"]
    personennamen_pruefen({"x": "", "y": "Team Nord"}, bezeichnungen={})
