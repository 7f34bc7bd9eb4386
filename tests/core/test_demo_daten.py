from __future__ import annotations

import pytest
from django.core.management import call_command

from organisation.models import Benutzer, Organisationseinheit

pytestmark = pytest.mark.django_db


def _stand():
    return (
        list(Organisationseinheit.objects.order_by("kuerzel").values_list("kuerzel", "name", "eltern__kuerzel")),
        list(
            Benutzer.objects.order_by("username").values_list("username", "password", "organisationseinheit__kuerzel")
        ),
    )


def test_demo_daten_zweimal_geladen_aendert_nichts():
    call_command("demo_daten")
    erster = _stand()
    call_command("demo_daten")
    assert _stand() == erster
    assert Organisationseinheit.objects.get(kuerzel="50 21").eltern.kuerzel == "50 2"
    assert Benutzer.objects.filter(groups__name="Rat").count() == 1


def test_demo_zugaenge_nennen_eine_kennung_je_rolle(capsys):
    call_command("demo_zugaenge")
    ausgabe = capsys.readouterr().out
    for kennung in ["dezernat", "steuerung", "amtsleitung50", "sachbearbeitung50", "kaemmerei", "rat", "admin"]:
        assert kennung in ausgabe
