"""Bad input through pages: stored HTML/script is escaped everywhere it is shown; workflow
actions without their mandatory text change nothing and say why in German."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from organisation.models import Benutzer, Organisationseinheit
from steuerung.models import Kennzahl, Leitziel
from steuerung.models.berichte import Berichtsuebergang, Tertialbericht

SKRIPT = "<script>alert(1)</script>"


def _client(username: str) -> Client:
    client = Client()
    client.force_login(Benutzer.objects.get(username=username))
    return client


def test_gespeichertes_skript_wird_auf_jeder_seite_maskiert(demo_kommune, db):
    kennzahl = Kennzahl.objects.get(jahr=2026, code="K 1")
    Kennzahl.objects.filter(pk=kennzahl.pk).update(bezeichnung=SKRIPT, definition=SKRIPT)
    leitziel = Leitziel.objects.get(jahr=2026, code="LZ 1")
    Leitziel.objects.filter(pk=leitziel.pk).update(titel=SKRIPT)
    amt50 = Organisationseinheit.objects.get(kuerzel="50")
    seiten = [
        reverse("frontend:kennzahl-steckbrief", kwargs={"pk": kennzahl.pk}),
        reverse("frontend:kennzahl-auswertung", kwargs={"pk": kennzahl.pk}),
        reverse("frontend:ziel-steckbrief", kwargs={"typ": "leitziel", "pk": leitziel.pk}),
        reverse("frontend:zielpyramide") + "?jahr=2026",
        reverse("frontend:zielsystem-check") + "?jahr=2026",
        reverse("frontend:tertial-dashboard") + "?periode=2026-T2",
        reverse("frontend:tertial-erfassung", kwargs={"oe": kennzahl.organisationseinheit_id, "periode": "2026-T3"}),
        reverse("frontend:bericht", kwargs={"oe": amt50.pk, "periode": "2026-T3"}),
    ]
    client = _client("steuerung")
    for url in seiten:
        antwort = client.get(url)
        assert antwort.status_code == 200, url
        html = antwort.content.decode()
        assert SKRIPT not in html, f"unmaskiertes Skript auf {url}"
        assert "&lt;script&gt;alert(1)" in html or "\\u003Cscript\\u003Ealert(1)" in html, url


@pytest.mark.parametrize(("aktion", "feld"), [("zurueckgeben", "Notiz"), ("wieder_oeffnen", "Begründung")])
def test_workflow_aktion_ohne_pflichttext_aendert_nichts(demo_kommune, db, aktion, feld):
    bericht = Tertialbericht.objects.get(organisationseinheit__kuerzel="51", status="amtsleitung_freigegeben")
    if aktion == "wieder_oeffnen":
        bericht = Tertialbericht.objects.filter(organisationseinheit__kuerzel="50", status="veroeffentlicht").first()
    vorher = (bericht.status, Berichtsuebergang.objects.filter(bericht=bericht).count())
    url = reverse("frontend:bericht-aktion", kwargs={"oe": bericht.organisationseinheit_id, "periode": bericht.periode})
    antwort = _client("dezernat").post(
        url,
        {
            "aktion": aktion,
            f"{aktion}-aktion": aktion,
            f"{aktion}-erwarteter_status": bericht.status,
            f"{aktion}-text": "",
        },
        follow=True,
    )
    assert antwort.status_code == 200
    assert "Bitte füllen Sie dieses Feld aus." in antwort.content.decode()
    bericht.refresh_from_db()
    assert (bericht.status, Berichtsuebergang.objects.filter(bericht=bericht).count()) == vorher
