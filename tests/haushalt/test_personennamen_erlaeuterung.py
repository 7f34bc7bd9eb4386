"""A finance deviation's Begründung and Gegensteuerung are published: no personal names, by the
service, the page and the API alike; nothing changes when a name is refused."""

from __future__ import annotations

from html import unescape

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from haushalt import services
from haushalt.models import Finanzerlaeuterung
from steuerung.models import Produktgruppe

pytestmark = pytest.mark.django_db

MELDUNG = (
    "Bitte keine Personennamen in veröffentlichten Texten (gefunden: „Herr Kunz“). "
    "Nennen Sie Rolle oder Organisationseinheit."
)


def _speichern(user, **daten):
    return services.finanzerlaeuterung_speichern(
        produktgruppe=Produktgruppe.objects.get(nummer="1.31.01"),
        periode="2026-T2",
        daten={"begruendung": "Mehr Fälle.", "gegensteuerung": "Prüfung, Abteilungsleitung 50 2", **daten},
        user=user,
        revision=0,
    )


@pytest.mark.parametrize(
    ("feld", "bezeichnung"),
    [("begruendung", "Begründung der Abweichung"), ("gegensteuerung", "Gegensteuerung")],
)
def test_service_lehnt_namen_ab(haushalt_2026, sachbearbeitung50, feld, bezeichnung):
    with pytest.raises(ValidationError) as fehler:
        _speichern(sachbearbeitung50, **{feld: "Prüfung durch Herr Kunz bis 31.12."})
    assert fehler.value.message_dict == {feld: [f"{bezeichnung}: {MELDUNG}"]}
    assert not Finanzerlaeuterung.objects.exists()


def test_name_eines_benutzers_wird_abgelehnt_rolle_nicht(haushalt_2026, sachbearbeitung50):
    with pytest.raises(ValidationError) as fehler:
        _speichern(sachbearbeitung50, gegensteuerung=f"{sachbearbeitung50.last_name} prüft")
    assert f"„{sachbearbeitung50.last_name}“" in fehler.value.messages[0]
    assert _speichern(sachbearbeitung50).gegensteuerung == "Prüfung, Abteilungsleitung 50 2"


def test_seite_zeigt_die_meldung_und_speichert_nichts(haushalt_2026, einheiten, sachbearbeitung50):
    e = _speichern(sachbearbeitung50)
    gruppe = e.produktgruppe
    c = Client()
    c.force_login(sachbearbeitung50)
    url = f"/finanzen/erlaeuterungen/{einheiten['50'].pk}/2026-T2/"
    antwort = c.post(
        url,
        {
            "produktgruppe": gruppe.pk,
            f"pg{gruppe.pk}-begruendung": "Herr Kunz hat falsch geplant.",
            f"pg{gruppe.pk}-gegensteuerung": "Prüfung, Abteilungsleitung 50 2",
            f"pg{gruppe.pk}-revision": str(e.revision),
        },
    )
    assert antwort.status_code == 200
    assert f"Begründung der Abweichung: {MELDUNG}" in unescape(antwort.content.decode())
    e2 = Finanzerlaeuterung.objects.get()
    assert (e2.begruendung, e2.revision) == ("Mehr Fälle.", e.revision)


def test_api_gibt_400_und_aendert_nichts(api, haushalt_2026, sachbearbeitung50):
    neu = {"produktgruppe": "1.31.01", "periode": "2026-T2", "begruendung": "Herr Kunz", "gegensteuerung": ""}
    angelegt = api(sachbearbeitung50).post("/api/v1/finanzerlaeuterungen/", neu, format="json")
    assert angelegt.status_code == 400
    assert angelegt.json()["begruendung"] == [f"Begründung der Abweichung: {MELDUNG}"]
    assert not Finanzerlaeuterung.objects.exists()
    e = _speichern(sachbearbeitung50)
    geaendert = api(sachbearbeitung50).patch(
        f"/api/v1/finanzerlaeuterungen/{e.pk}/",
        {"gegensteuerung": "Herr Kunz prüft", "revision": e.revision},
        format="json",
    )
    assert geaendert.status_code == 400
    assert geaendert.json()["gegensteuerung"] == [f"Gegensteuerung: {MELDUNG}"]
    e.refresh_from_db()
    assert (e.gegensteuerung, e.revision) == ("Prüfung, Abteilungsleitung 50 2", 1)
