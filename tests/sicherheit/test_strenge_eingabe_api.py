"""Generated from the OpenAPI schema: every writable operation (POST/PUT/PATCH with a JSON or
multipart body) refuses an unknown field and a field it does not take (read-only) with 400
and a German message naming it; the refusal comes with the other errors of the same input,
so the field alone is enough to provoke it. Runs on the demo Kommune, as the first persona
allowed to write there (the Steuerungsunterstützung for most endpoints)."""

from __future__ import annotations

import pytest
from drf_spectacular.generators import SchemaGenerator

from organisation.models import Benutzer

pytestmark = pytest.mark.django_db

SCHEMA = SchemaGenerator().get_schema(request=None, public=True)
FORMATE = {"application/json": "json", "multipart/form-data": "multipart"}
# Who writes: the Steuerungsunterstützung first; the Administration maintains units, the
# Amtsleitung approves, anonymous users log in.
SCHREIBENDE = ["steuerung", "admin", "amtsleitung50", "sachbearbeitung50", "dezernat", None]


def _komponente(inhalt: dict) -> dict:
    ref = inhalt.get("schema", {}).get("$ref", "")
    return SCHEMA["components"]["schemas"].get(ref.rsplit("/", 1)[-1], {}) if ref else {}


def _schreibende_operationen():
    for pfad, eintrag in SCHEMA["paths"].items():
        for methode, operation in eintrag.items():
            if methode not in ("post", "put", "patch") or "requestBody" not in operation:
                continue
            for medientyp, fmt in FORMATE.items():
                if medientyp in operation["requestBody"]["content"]:
                    yield pytest.param(methode, pfad, fmt, id=f"{methode.upper()} {pfad} {fmt}")


OPERATIONEN = list(_schreibende_operationen())


def _nicht_angenommen(methode: str, pfad: str) -> list[str]:
    """Fields the operation answers with but does not take (read-only there)."""
    operation = SCHEMA["paths"][pfad][methode]
    inhalt = operation["requestBody"]["content"]
    # Uploads (haushalt/import/) take only multipart; their form fields are the request schema.
    anfrage = _komponente(inhalt.get("application/json") or next(iter(inhalt.values())))
    for code in ("200", "201"):
        if code in operation["responses"]:
            antwort = _komponente(operation["responses"][code].get("content", {}).get("application/json", {}))
            return sorted(set(antwort.get("properties", {})) - set(anfrage.get("properties", {})))
    return []


MIT_LESEFELDERN = [p for p in OPERATIONEN if _nicht_angenommen(*p.values[:2])]


def _url(client, pfad: str) -> str | None:
    """The path with `{id}` filled in from the list the client may read (None: nothing there)."""
    if "{id}" not in pfad:
        return pfad
    liste = client.get(pfad.split("{id}")[0])
    if liste.status_code != 200:
        return None
    daten = liste.json()
    zeilen = daten["results"] if isinstance(daten, dict) else daten
    return pfad.replace("{id}", str(zeilen[0]["id"])) if zeilen else None


def _senden(api, methode: str, pfad: str, fmt: str, daten: dict):
    """Send as each writing persona in turn; returns the first answer that is not a 403."""
    antworten = []
    for name in SCHREIBENDE:
        client = api(Benutzer.objects.get(username=name) if name else None)
        url = _url(client, pfad)
        if url is None:
            continue
        antwort = getattr(client, methode)(url, daten, format=fmt)
        antworten.append((name, antwort.status_code))
        if antwort.status_code != 403:
            return antwort
    pytest.fail(f"Keine Persona darf {methode.upper()} {pfad} ausführen: {antworten}")


def _pruefen(antwort, feld: str, text: str) -> None:
    assert antwort.status_code == 400, (antwort.status_code, antwort.content[:300])
    fehler = antwort.json()
    assert feld in fehler, fehler
    meldung = " ".join(str(m) for m in fehler[feld])
    assert f"„{feld}“" in meldung and text in meldung, meldung


def test_es_gibt_schreibende_operationen():
    assert len(OPERATIONEN) >= 80  # 40+ operations, each with JSON and multipart
    assert len(MIT_LESEFELDERN) == len(OPERATIONEN)  # every one answers with an id or a result


@pytest.mark.parametrize("methode,pfad,fmt", OPERATIONEN)
def test_unbekanntes_feld_gibt_400_mit_namen(api, demo_kommune, methode, pfad, fmt):
    assert "400" in SCHEMA["paths"][pfad][methode]["responses"]
    antwort = _senden(api, methode, pfad, fmt, {"gibt_es_nicht": "1"})
    _pruefen(antwort, "gibt_es_nicht", "gibt es hier nicht und wird nicht angenommen")


@pytest.mark.parametrize("methode,pfad,fmt", MIT_LESEFELDERN)
def test_schreibgeschuetzte_felder_geben_400_mit_namen(api, demo_kommune, methode, pfad, fmt):
    felder = _nicht_angenommen(methode, pfad)
    antwort = _senden(api, methode, pfad, fmt, dict.fromkeys(felder, "1"))
    for feld in felder:
        _pruefen(antwort, feld, "wird nicht angenommen")
