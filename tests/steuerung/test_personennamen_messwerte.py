"""Published free texts of a Messwert name no person, whichever channel saves them (service, API);
the internal Kommentar may. The form and the Excel upload: tests/frontend/test_veroeffentlichte_texte.py."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError

from steuerung.erfassung import VEROEFFENTLICHTE_TEXTFELDER, messwert_speichern
from steuerung.models import Messwert
from tests.steuerung.factories_tertial import TMesswertFactory

pytestmark = pytest.mark.django_db

MESSWERTE = "/api/v1/messwerte/"
MELDUNG = (
    "Bitte keine Personennamen in veröffentlichten Texten (gefunden: „Frau Meier“). "
    "Nennen Sie Rolle oder Organisationseinheit."
)
ERKLAERT = {
    "begruendung": "Mehr Anträge als erwartet.",
    "gegensteuerung_was": "Zusätzliche Beratungstage",
    "gegensteuerung_wer": "Abteilungsleitung 50 2",
    "gegensteuerung_bis": date(2026, 12, 31),
}


def _zustand():
    return sorted(Messwert.objects.values_list("kennzahl_id", "periode", "wert", "begruendung", "revision"))


@pytest.mark.parametrize(
    ("feld", "extra", "bezeichnung"),
    [
        ("begruendung", {"wert": D("45")}, "Begründung der Abweichung"),
        ("gegensteuerung_was", {"wert": D("45")}, "Gegensteuerungsmaßnahme"),
        ("gegensteuerung_wer", {"wert": D("45")}, "verantwortlich für die Gegensteuerung"),
        ("fehlt_begruendung", {}, "Begründung, warum der Wert fehlt"),
        ("sorgenampel_grund", {"wert": D("49"), "sorgenampel": True}, "Grund der Sorgenampel"),
    ],
)
def test_service_lehnt_namen_in_jedem_veroeffentlichten_feld_ab(
    kennzahl50, sachbearbeitung50, feld, extra, bezeichnung
):
    assert feld in VEROEFFENTLICHTE_TEXTFELDER
    vorher = TMesswertFactory(kennzahl=kennzahl50, periode="2026-T1", wert=D("47"), revision=1)
    daten = {**ERKLAERT, **extra, feld: "verantwortlich: Frau Meier"}
    if feld == "fehlt_begruendung":
        daten = {feld: daten[feld]}
    with pytest.raises(ValidationError) as fehler:
        messwert_speichern(kennzahl=kennzahl50, periode="2026-T1", user=sachbearbeitung50, revision=1, **daten)
    assert fehler.value.message_dict[feld] == [f"{bezeichnung}: {MELDUNG}"]
    vorher.refresh_from_db()
    assert (vorher.wert, vorher.begruendung, vorher.revision) == (D("47"), "", 1)


def test_name_eines_benutzers_wird_abgelehnt(kennzahl50, sachbearbeitung50):
    name = sachbearbeitung50.get_full_name()
    with pytest.raises(ValidationError) as fehler:
        messwert_speichern(
            kennzahl=kennzahl50,
            periode="2026-T1",
            user=sachbearbeitung50,
            revision=None,
            **{**ERKLAERT, "wert": D("45"), "gegensteuerung_wer": name},
        )
    assert f"(gefunden: „{name}“)" in fehler.value.message_dict["gegensteuerung_wer"][0]
    assert not Messwert.objects.exists()


def test_kommentar_ist_intern_und_darf_namen_tragen(kennzahl50, sachbearbeitung50):
    m = messwert_speichern(
        kennzahl=kennzahl50,
        periode="2026-T1",
        user=sachbearbeitung50,
        revision=None,
        wert=D("47"),
        kommentar="Rücksprache mit Frau Müller (Sachgebiet), Zahl vorläufig",
    )
    assert m.kommentar == "Rücksprache mit Frau Müller (Sachgebiet), Zahl vorläufig"


def test_api_anlegen_mit_namen_gibt_400_und_legt_nichts_an(api, sachbearbeitung50, kennzahl50):
    daten = {
        "kennzahl": kennzahl50.pk,
        "periode": "2026-T1",
        "wert": "45",
        **{**ERKLAERT, "gegensteuerung_bis": "2026-12-31"},
        "begruendung": "Krankheit, verantwortlich: Frau Meier",
    }
    antwort = api(sachbearbeitung50).post(MESSWERTE, daten, format="json")
    assert antwort.status_code == 400
    assert antwort.json()["begruendung"] == [f"Begründung der Abweichung: {MELDUNG}"]
    assert not Messwert.objects.exists()


def test_api_aendern_mit_namen_gibt_400_und_aendert_nichts(api, sachbearbeitung50, kennzahl50):
    m = TMesswertFactory(kennzahl=kennzahl50, periode="2026-T1", wert=D("47"), revision=1)
    vorher = _zustand()
    antwort = api(sachbearbeitung50).patch(
        f"{MESSWERTE}{m.pk}/", {"fehlt_begruendung": "kommt von Frau Meier", "wert": None, "revision": 1}, format="json"
    )
    assert antwort.status_code == 400, antwort.json()
    assert antwort.json()["fehlt_begruendung"] == [f"Begründung, warum der Wert fehlt: {MELDUNG}"]
    assert _zustand() == vorher
    # The same write with a role passes.
    ok = api(sachbearbeitung50).patch(
        f"{MESSWERTE}{m.pk}/",
        {"fehlt_begruendung": "kommt vom Sachgebiet 50 21", "wert": None, "revision": 1},
        format="json",
    )
    assert ok.status_code == 200, ok.json()
