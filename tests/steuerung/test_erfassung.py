"""Entry services: optimistic locking, explanation duty, drafts, scope and period checks."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from core.periods import periode
from steuerung.auswertung import Erfassungsstatus, auswerten, kennzahl_auswertung
from steuerung.erfassung import messwert_speichern
from steuerung.models import Messwert
from steuerung.reihen import reihen_laden
from tests.factories import BenutzerFactory
from tests.steuerung.factories_tertial import TMesswertFactory

pytestmark = pytest.mark.django_db

ERKLAERUNG = {
    "begruendung": "Mehr Anträge als erwartet.",
    "gegensteuerung_was": "Zusätzliche Beratungstage",
    "gegensteuerung_wer": "Abteilung 50 2",
    "gegensteuerung_bis": date(2026, 12, 31),
}


def test_sachbearbeitung_speichert_neuen_wert_mit_revision_eins(kennzahl50, sachbearbeitung50):
    m = messwert_speichern(kennzahl=kennzahl50, periode="2026-T1", user=sachbearbeitung50, revision=None, wert=D("47"))
    assert (m.wert, m.revision, m.erfasst_von, m.periode_ende) == (D("47"), 1, sachbearbeitung50, date(2026, 4, 30))


def test_zweite_speicherung_mit_altem_stand_wird_abgelehnt_und_nennt_die_andere_aenderung(
    kennzahl50, sachbearbeitung50, amtsleitung50
):
    m = messwert_speichern(kennzahl=kennzahl50, periode="2026-T1", user=sachbearbeitung50, revision=None, wert=D("47"))
    messwert_speichern(
        kennzahl=kennzahl50,
        periode="2026-T1",
        user=amtsleitung50,
        revision=m.revision,
        wert=D("48"),
        kommentar="korrigiert",
    )
    with pytest.raises(ValidationError) as fehler:
        messwert_speichern(
            kennzahl=kennzahl50, periode="2026-T1", user=sachbearbeitung50, revision=m.revision, wert=D("46.9")
        )
    text = fehler.value.message_dict["revision"][0]
    assert "inzwischen geändert" in text and "48,00" in text and "korrigiert" in text
    assert amtsleitung50.get_full_name() in text
    assert Messwert.objects.get().wert == D("48")


def test_gleichzeitiges_anlegen_wird_als_konflikt_abgelehnt(kennzahl50, sachbearbeitung50, amtsleitung50):
    messwert_speichern(kennzahl=kennzahl50, periode="2026-T1", user=amtsleitung50, revision=None, wert=D("47"))
    with pytest.raises(ValidationError) as fehler:
        messwert_speichern(kennzahl=kennzahl50, periode="2026-T1", user=sachbearbeitung50, revision=None, wert=D("49"))
    assert "revision" in fehler.value.message_dict
    assert Messwert.objects.get().wert == D("47")


def test_unveraenderte_eingabe_erzeugt_keine_neue_revision(kennzahl50, sachbearbeitung50):
    m = messwert_speichern(kennzahl=kennzahl50, periode="2026-T1", user=sachbearbeitung50, revision=None, wert=D("47"))
    wieder = messwert_speichern(
        kennzahl=kennzahl50, periode="2026-T1", user=sachbearbeitung50, revision=1, wert=D("47.0000")
    )
    assert wieder.revision == 1 and m.history.count() == 1


def test_roter_wert_braucht_begruendung_und_gegensteuerung(kennzahl50, sachbearbeitung50):
    with pytest.raises(ValidationError) as fehler:
        messwert_speichern(kennzahl=kennzahl50, periode="2026-T1", user=sachbearbeitung50, revision=None, wert=D("45"))
    assert set(fehler.value.message_dict) == set(ERKLAERUNG)
    assert "Pflichtangabe" in fehler.value.message_dict["begruendung"][0]
    assert not Messwert.objects.exists()
    m = messwert_speichern(
        kennzahl=kennzahl50, periode="2026-T1", user=sachbearbeitung50, revision=None, wert=D("45"), **ERKLAERUNG
    )
    a = kennzahl_auswertung(kennzahl=kennzahl50, periode=periode("2026-T1"))
    assert (m.revision, a.ampel, a.erfassungsstatus) == (1, "rot", Erfassungsstatus.VOLLSTAENDIG)


def test_entwurf_darf_unvollstaendig_sein_und_ist_so_markiert(kennzahl50, sachbearbeitung50):
    messwert_speichern(
        kennzahl=kennzahl50, periode="2026-T1", user=sachbearbeitung50, revision=None, wert=D("45"), entwurf=True
    )
    a = kennzahl_auswertung(kennzahl=kennzahl50, periode=periode("2026-T1"))
    assert a.erfassungsstatus == Erfassungsstatus.ENTWURF
    assert a.fehlende_angaben == [
        "Begründung",
        "Gegensteuerungsmaßnahme (was)",
        "Gegensteuerung verantwortlich (wer)",
        "Gegensteuerung bis (wann)",
    ]


def test_grosse_abweichung_zum_vorjahr_verlangt_erklaerung_auch_bei_gruen(kennzahl50, sachbearbeitung50):
    TMesswertFactory(kennzahl=kennzahl50, periode="2025-T1", wert=D("30"))
    with pytest.raises(ValidationError) as fehler:
        messwert_speichern(kennzahl=kennzahl50, periode="2026-T1", user=sachbearbeitung50, revision=None, wert=D("47"))
    assert "begruendung" in fehler.value.message_dict
    kennzahl50.schwelle_abweichung_prozent = D("60")
    kennzahl50.save()
    m = messwert_speichern(kennzahl=kennzahl50, periode="2026-T1", user=sachbearbeitung50, revision=None, wert=D("47"))
    assert m.wert == D("47")


@pytest.mark.parametrize(
    ("schluessel", "meldung"),
    [("2026-T4", "keine gültige Periode"), ("2026", "passt nicht dazu"), ("2026-03", "passt nicht dazu")],
)
def test_falsche_periode_wird_deutsch_abgelehnt(kennzahl50, sachbearbeitung50, schluessel, meldung):
    with pytest.raises(ValidationError) as fehler:
        messwert_speichern(kennzahl=kennzahl50, periode=schluessel, user=sachbearbeitung50, revision=None, wert=D("1"))
    assert meldung in fehler.value.message_dict["periode"][0]


def test_sorgenampel_braucht_einen_grund(kennzahl50, sachbearbeitung50):
    with pytest.raises(ValidationError) as fehler:
        messwert_speichern(
            kennzahl=kennzahl50, periode="2026-T1", user=sachbearbeitung50, revision=None, sorgenampel=True
        )
    assert "sorgenampel_grund" in fehler.value.message_dict


def test_sachbearbeitung_eines_anderen_amtes_darf_nicht_erfassen(kennzahl50, sachbearbeitung51):
    with pytest.raises(PermissionDenied):
        messwert_speichern(kennzahl=kennzahl50, periode="2026-T1", user=sachbearbeitung51, revision=None, wert=D("47"))


@pytest.mark.parametrize("persona", ["dezernat", "kaemmerei", "ratsmitglied"], indirect=True)
def test_lesende_rollen_duerfen_nicht_erfassen(kennzahl50, persona):
    with pytest.raises(PermissionDenied):
        messwert_speichern(kennzahl=kennzahl50, periode="2026-T1", user=persona, revision=None, wert=D("47"))


def test_steuerungsunterstuetzung_erfasst_fuer_jede_einheit(kennzahl50, steuerung):
    m = messwert_speichern(kennzahl=kennzahl50, periode="2026-T1", user=steuerung, revision=None, wert=D("47"))
    assert m.erfasst_von == steuerung


def test_fehlender_wert_ist_nach_der_erfassungsfrist_ueberfaellig(kennzahl50, settings):
    settings.ERFASSUNGSFRIST_TAGE = 15
    reihe = reihen_laden([kennzahl50])[kennzahl50.pk]
    p = periode("2026-T2")
    assert not auswerten(kennzahl50, p, reihe, heute=date(2026, 9, 15)).ueberfaellig
    spaet = auswerten(kennzahl50, p, reihe, heute=date(2026, 9, 16))
    assert (spaet.ueberfaellig, spaet.erfassungsstatus, spaet.frist) == (True, "fehlt", date(2026, 9, 15))
    settings.ERFASSUNGSFRIST_TAGE = 30
    assert not auswerten(kennzahl50, p, reihe, heute=date(2026, 9, 16)).ueberfaellig


def test_nachname_der_erfassenden_person_steht_im_konflikt(kennzahl50, einheiten):
    from organisation.rollen import Rolle

    person = BenutzerFactory(
        first_name="Erika", last_name="Muster", organisationseinheit=einheiten["50"], rollen=[Rolle.SACHBEARBEITUNG]
    )
    messwert_speichern(kennzahl=kennzahl50, periode="2026-T1", user=person, revision=None, wert=D("47"))
    with pytest.raises(ValidationError) as fehler:
        messwert_speichern(kennzahl=kennzahl50, periode="2026-T1", user=person, revision=0, wert=D("48"))
    assert "Erika Muster" in fehler.value.message_dict["revision"][0]
