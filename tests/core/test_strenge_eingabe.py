"""Strict input (CONVENTIONS §16): every serializer refuses keys it does not take.

The check is installed once on DRF's Serializer (core.api.strenge_eingabe_einschalten), so
these plain serializers, defined here without any project base class, are strict too.
"""

from __future__ import annotations

import pytest
from django.http import QueryDict
from rest_framework import serializers

from organisation.models import Organisationseinheit


class Posten(serializers.Serializer):
    jahr = serializers.IntegerField()
    betrag = serializers.DecimalField(max_digits=10, decimal_places=2)


class Plan(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    titel = serializers.CharField()
    notiz = serializers.CharField(required=False)
    stand = serializers.SerializerMethodField()
    posten = Posten(many=True, required=False)
    haupt = Posten(required=False)
    ersteller = serializers.HiddenField(default="system")

    def get_stand(self, obj) -> str:
        return "neu"


def _fehler(daten) -> dict:
    s = Plan(data=daten)
    assert not s.is_valid()
    return s.errors


def test_gueltige_eingabe_wird_angenommen():
    s = Plan(
        data={"titel": "Haushalt", "posten": [{"jahr": 2026, "betrag": "1.50"}], "haupt": {"jahr": 1, "betrag": 2}}
    )
    assert s.is_valid(), s.errors
    assert s.validated_data["titel"] == "Haushalt"


def test_unbekanntes_feld_wird_mit_namen_abgelehnt():
    fehler = _fehler({"titel": "Haushalt", "gibt_es_nicht": 1})
    assert list(fehler) == ["gibt_es_nicht"]
    assert fehler["gibt_es_nicht"] == [
        "Das Feld „gibt_es_nicht“ gibt es hier nicht und wird nicht angenommen. Erlaubt: haupt, notiz, posten, titel."
    ]


@pytest.mark.parametrize("feld", ["id", "stand", "ersteller"])
def test_schreibgeschuetztes_feld_wird_abgelehnt(feld):
    fehler = _fehler({"titel": "Haushalt", feld: "x"})
    assert fehler == {feld: [f"Das Feld „{feld}“ ist schreibgeschützt und wird nicht angenommen."]}


def test_alle_fehler_auf_einmal_auch_wenn_pflichtfelder_fehlen():
    fehler = _fehler({"gibt_es_nicht": 1, "auch_nicht": 2, "id": 3})
    assert set(fehler) == {"titel", "gibt_es_nicht", "auch_nicht", "id"}
    assert fehler["titel"] == ["Dieses Feld ist zwingend erforderlich."]


def test_verschachtelte_serializer_und_listen_sind_streng():
    fehler = _fehler(
        {"titel": "T", "posten": [{"jahr": 2026, "betrag": "1"}, {"jahr": 2026, "betrag": "1", "monat": 3}]}
    )
    assert list(fehler["posten"]) == [1]  # DRF reports list errors by index
    assert list(fehler["posten"][1]) == ["monat"]
    assert "„monat“" in fehler["posten"][1]["monat"][0]
    fehler = _fehler({"titel": "T", "haupt": {"jahr": "x", "betrag": "1", "waehrung": "EUR"}})
    assert set(fehler["haupt"]) == {"jahr", "waehrung"}


def test_formulardaten_mit_verschachtelten_namen_und_csrf_token():
    daten = QueryDict(mutable=True)
    daten.update({"titel": "T", "posten[0]jahr": "2026", "posten[0]betrag": "2", "csrfmiddlewaretoken": "abc"})
    assert Plan(data=daten).is_valid()
    daten["posten[0]monat"] = "3"
    daten["gibt_es_nicht"] = "1"
    s = Plan(data=daten)
    assert not s.is_valid()
    assert set(s.errors) == {"posten", "gibt_es_nicht"}
    assert "monat" in s.errors["posten"][0]  # the first (and only) item


def test_teilaenderung_ist_ebenso_streng():
    s = Plan(data={"notiz": "n", "id": 4}, partial=True)
    assert not s.is_valid()
    assert list(s.errors) == ["id"]


@pytest.mark.django_db
def test_model_serializer_einer_app_lehnt_ab_und_speichert_nichts(api, administration):
    antwort = api(administration).post(
        "/api/v1/organisationseinheiten/",
        {"kuerzel": "99", "name": "Neu", "ebene": "amt", "gibt_es_nicht": True, "id": 5},
        format="json",
    )
    assert antwort.status_code == 400
    assert set(antwort.json()) == {"gibt_es_nicht", "id"}
    assert not Organisationseinheit.objects.filter(kuerzel="99").exists()
    multipart = api(administration).post(
        "/api/v1/organisationseinheiten/", {"kuerzel": "99", "name": "Neu", "ebene": "amt", "gibt_es_nicht": "1"}
    )
    assert multipart.status_code == 400
    assert list(multipart.json()) == ["gibt_es_nicht"]


@pytest.mark.django_db
def test_anmeldung_lehnt_unbekannte_felder_ab(api, sachbearbeitung50, passwort):
    antwort = api().post(
        "/api/v1/auth/token/", {"username": "sb50", "password": passwort, "angemeldet_bleiben": True}, format="json"
    )
    assert antwort.status_code == 400
    assert "angemeldet_bleiben" in antwort.json()
