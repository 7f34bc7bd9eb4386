"""Kommune settings page/API (optimistic lock, all errors at once, readers follow) and units (tree, delete refused in use)."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from organisation.models import Kommune, Organisationseinheit
from organisation.selectors import kommune
from sozialraum.selectors import kleinzahl_text, mindesteinwohner

pytestmark = pytest.mark.django_db

GUELTIG = {
    "name": "Musterstadt",
    "schwelle_ueberplanmaessig": "115",
    "schwelle_zur_gaenze": "100",
    "schwelle_ueberwiegend": "85,5",
    "schwelle_teilweise": "50",
    "erfassungsfrist_tage": "21",
    "mindesteinwohner_raum": "2000",
    "kleinzahl_grenze": "3",
    "revision": "0",
}


def _client(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def test_kommune_speichern_und_leser_folgen(administration, steuerung):
    antwort = _client(administration).post(reverse("frontend:kommune"), GUELTIG)
    assert antwort.status_code == 302
    k = Kommune.objects.get()
    assert (k.name, k.schwelle_ueberwiegend, k.revision) == ("Musterstadt", Decimal("85.5"), 1)
    assert mindesteinwohner() == 2000 and kleinzahl_text() == "< 3"
    # A new Kennzahl starts with the Kommune's thresholds.
    from frontend.views.zielpyramide.formulare import KennzahlFormular

    formular = KennzahlFormular(user=steuerung, nur_texte=False)
    assert formular.initial["schwelle_ueberplanmaessig"] == Decimal("115")


def test_kommune_falsche_eingaben_alle_auf_einmal_nichts_gespeichert(administration):
    daten = {**GUELTIG, "schwelle_zur_gaenze": "abc", "erfassungsfrist_tage": "-1", "kleinzahl_grenze": "0"}
    text = _client(administration).post(reverse("frontend:kommune"), daten).content.decode()
    assert text.count('class="feld feld--fehler"') == 3
    assert not Kommune.objects.exists()


def test_kommune_schwellen_muessen_fallen(administration):
    daten = {**GUELTIG, "schwelle_teilweise": "90"}
    text = _client(administration).post(reverse("frontend:kommune"), daten).content.decode()
    assert "Die Schwellen müssen fallen" in text
    assert not Kommune.objects.exists()


def test_kommune_veralteter_stand_deutsche_konfliktmeldung(administration):
    client = _client(administration)
    client.post(reverse("frontend:kommune"), GUELTIG)
    text = client.post(reverse("frontend:kommune"), {**GUELTIG, "name": "Andere"}).content.decode()
    assert "Dieser Eintrag wurde inzwischen geändert" in text
    assert kommune().name == "Musterstadt"


def test_kommune_api(api, administration, steuerung):
    client = api(administration)
    gelesen = client.get("/api/v1/kommune/").json()
    assert gelesen["erfassungsfrist_tage"] == 15 and gelesen["revision"] == 0
    gesendet = {**gelesen, "erfassungsfrist_tage": 30}
    gesendet.pop("id")
    assert client.put("/api/v1/kommune/", gesendet, format="json").status_code == 200
    assert client.put("/api/v1/kommune/", gesendet, format="json").status_code == 409
    assert api(steuerung).get("/api/v1/kommune/").status_code == 403
    assert _client(steuerung).get(reverse("frontend:kommune")).status_code == 403


def test_einheit_anlegen_und_im_baum(administration, einheiten):
    client = _client(administration)
    antwort = client.post(
        reverse("frontend:einheit-neu"),
        {"kuerzel": "50 3", "name": "Eingliederungshilfe", "ebene": "abteilung", "eltern": einheiten["50"].pk},
    )
    assert antwort.status_code == 302
    seite = client.get(reverse("frontend:einheiten")).content.decode()
    baum = seite[seite.index("<table") :]
    assert baum.index("50 Amt für Soziales") < baum.index("50 3 Eingliederungshilfe") < baum.index("51 Jugendamt")


def test_einheit_nicht_unter_sich_selbst(administration, einheiten):
    url = reverse("frontend:einheit-bearbeiten", args=[einheiten["50"].pk])
    text = (
        _client(administration)
        .post(url, {"kuerzel": "50", "name": "Amt für Soziales", "ebene": "amt", "eltern": einheiten["50 21"].pk})
        .content.decode()
    )
    assert "nicht sich selbst oder einer ihrer Untereinheiten" in text
    einheiten["50"].refresh_from_db()
    assert einheiten["50"].eltern == einheiten["V"]


def test_einheit_in_verwendung_wird_nicht_geloescht(administration, sachbearbeitung50, einheiten, api):
    client = _client(administration)
    antwort = client.post(reverse("frontend:einheit-loeschen", args=[einheiten["50"].pk]), follow=True)
    text = antwort.content.decode()
    assert "kann nicht gelöscht werden" in text and "Benutzer/in" in text and "untergeordnete Einheit" in text
    assert Organisationseinheit.objects.filter(pk=einheiten["50"].pk).exists()
    leer = Organisationseinheit.objects.create(kuerzel="99", name="Leer", ebene="amt")
    assert client.post(reverse("frontend:einheit-loeschen", args=[leer.pk])).status_code == 302
    assert not Organisationseinheit.objects.filter(pk=leer.pk).exists()
    api_antwort = api(administration).delete(f"/api/v1/organisationseinheiten/{einheiten['50 2'].pk}/")
    assert api_antwort.status_code == 400 and "kann nicht gelöscht werden" in api_antwort.json()["detail"]


def test_andere_rollen_pflegen_keine_einheiten(steuerung, einheiten):
    client = _client(steuerung)
    assert client.get(reverse("frontend:einheiten")).status_code == 403
    assert client.post(reverse("frontend:einheit-loeschen", args=[einheiten["51"].pk])).status_code == 403


def test_einheitenbaum_rueckt_je_ebene_mit_gueltigem_css_ein(administration, einheiten):
    """The indent is CSS: a German decimal comma ("1,5rem") would be ignored by the browser."""
    html = _client(administration).get(reverse("frontend:einheiten")).content.decode()
    assert "padding-left: 1.5rem" in html and "padding-left: 4.5rem" in html  # V SU / 50 2 1 (depth 3)
    assert "," not in "".join(re.findall(r"padding-left: ([^\"]*)", html))


def test_eigene_uebersetzungen_siezen():
    with translation.override("de"):
        assert gettext("Enter a valid email address.") == "Bitte eine gültige E-Mail-Adresse angeben."
        assert "dasselbe Passwort" in gettext("Enter the same password as before, for verification.")
