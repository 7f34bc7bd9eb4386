"""The OpenAPI schema documents the error answers of every operation (core.schema.FehlerSchema).

That the documented codes are the ones really given is checked by the schemathesis run in
tests/sicherheit/test_fuzz_api.py (status_code_conformance); here: the rules themselves.
"""

from __future__ import annotations

import pytest
from drf_spectacular.generators import SchemaGenerator

SCHEMA = SchemaGenerator().get_schema(request=None, public=True)
OPERATIONEN = {
    (methode.upper(), pfad): operation
    for pfad, eintrag in SCHEMA["paths"].items()
    for methode, operation in eintrag.items()
    if methode in ("get", "post", "put", "patch", "delete")
}


def _codes(methode: str, pfad: str) -> set[str]:
    return set(OPERATIONEN[(methode, pfad)]["responses"])


def test_jede_operation_dokumentiert_403_mit_deutscher_fehlermeldung():
    assert len(OPERATIONEN) > 100
    for (methode, pfad), operation in OPERATIONEN.items():
        antwort = operation["responses"]["403"]
        assert antwort["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Fehlermeldung"}
        assert "keine Berechtigung" in antwort["description"], (methode, pfad)


def test_schreibende_operationen_dokumentieren_400_und_415():
    for (methode, pfad), operation in OPERATIONEN.items():
        if "requestBody" in operation:
            assert {"400", "415"} <= set(operation["responses"]), (methode, pfad)
            fehler = operation["responses"]["400"]["content"]["application/json"]["schema"]
            assert fehler == {"$ref": "#/components/schemas/Feldfehler"}


@pytest.mark.parametrize(
    "methode,pfad,erwartet",
    [
        ("GET", "/api/v1/leitziele/", {"200", "400", "403", "404"}),  # filters; a page that does not exist
        ("GET", "/api/v1/leitziele/{id}/", {"200", "403", "404"}),
        ("POST", "/api/v1/leitziele/", {"201", "400", "403", "415"}),
        ("PUT", "/api/v1/leitziele/{id}/", {"200", "400", "403", "404", "415"}),
        ("PATCH", "/api/v1/leitziele/{id}/", {"200", "400", "403", "404", "415"}),
        ("DELETE", "/api/v1/leitziele/{id}/", {"204", "400", "403", "404"}),
        ("GET", "/api/v1/sozialraumindex/", {"200", "400", "403"}),
        ("GET", "/api/v1/zielpyramide/", {"200", "400", "403", "404"}),
        ("GET", "/api/v1/tertial-dashboard/", {"200", "400", "403", "404"}),
        ("GET", "/api/v1/kennzahlen/{id}/auswertung/", {"200", "400", "403", "404"}),
        ("POST", "/api/v1/messwerte/", {"201", "400", "403", "404", "409", "415"}),
        ("PUT", "/api/v1/messwerte/{id}/", {"200", "400", "403", "404", "409", "415"}),
        ("PATCH", "/api/v1/messwerte/{id}/", {"200", "400", "403", "404", "409", "415"}),
        ("POST", "/api/v1/hsk-massnahmen/{id}/berechnen/", {"202", "403", "404"}),
        ("POST", "/api/v1/tertialberichte/{id}/freigeben/", {"200", "400", "403", "404", "415"}),
        ("GET", "/api/v1/berichte/{id}/pdf/", {"200", "403", "404"}),
        ("POST", "/api/v1/auth/token/", {"200", "400", "403", "415", "429"}),
    ],
)
def test_fehlercodes_je_operation(methode, pfad, erwartet):
    assert _codes(methode, pfad) == erwartet


def test_anfragekoerper_verbieten_weitere_felder():
    anfragen = {
        ref["$ref"].rsplit("/", 1)[-1]
        for operation in OPERATIONEN.values()
        for inhalt in operation.get("requestBody", {}).get("content", {}).values()
        if (ref := inhalt.get("schema", {})).get("$ref")
    }
    assert len(anfragen) > 30
    komponenten = SCHEMA["components"]["schemas"]
    for name in anfragen:
        assert komponenten[name]["additionalProperties"] is False, name
    assert komponenten["SollwertRequest"]["additionalProperties"] is False  # nested
    assert "additionalProperties" not in komponenten["Leitziel"]  # answers are not restricted
