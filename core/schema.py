"""The OpenAPI schema's error answers, documented once for every app (drf-spectacular).

`FehlerSchema` is the project's DEFAULT_SCHEMA_CLASS. On top of what drf-spectacular derives
from a view, every operation documents the error answers it really gives, so a client (and
the schemathesis run in tests/sicherheit) can rely on the listed status codes:

- 400 for a request body, a DELETE (the object is still in use, or a rule refuses it) and a
  GET with query parameters (filters, periods, years);
- 403 always: not logged in, invalid credentials (SessionAuthentication comes first, so DRF
  answers 403, never 401) or a role without the permission;
- 404 for a route with path parameters, and for a paginated list (a page that does not exist);
- 415 for a request body in another media type than the documented ones;
- 429 where the view throttles;
- any further code a view declares in `fehlerantworten` ({action or method: codes}), for
  errors no generic rule can see (an object named in the body outside the user's scope,
  a conflict on a stale `revision`, a login lockout).

Request bodies also state `additionalProperties: false`: unknown and read-only fields are
refused (core.api.strenge_eingabe_einschalten).
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import ResolvedComponent
from rest_framework.settings import api_settings

SCHREIBEND = ("POST", "PUT", "PATCH")
# Query parameters that never answer 400: paging (a missing page is a 404, an odd page size
# falls back to the default) and DRF's ?format= (an unknown format is a 404).
OHNE_400 = ("page", "page_size", api_settings.URL_FORMAT_OVERRIDE)

FEHLERMELDUNG = {
    "type": "object",
    "description": _("Eine deutsche Fehlermeldung."),
    "properties": {"detail": {"type": "string", "description": _("Die Meldung")}},
    "required": ["detail"],
    "example": {"detail": "Nicht gefunden."},
}
FELDFEHLER = {
    "type": "object",
    "description": _(
        "Deutsche Meldungen je Feld (bei verschachtelten Feldern verschachtelt); Fehler, die kein "
        "einzelnes Feld betreffen, stehen unter `non_field_errors` oder `detail`."
    ),
    "additionalProperties": {},
    "example": {
        "gibt_es_nicht": ["Das Feld „gibt_es_nicht“ gibt es hier nicht und wird nicht angenommen. Erlaubt: titel."],
        "titel": ["Dieses Feld ist erforderlich."],
    },
}

# status code -> (component name, schema, description)
ANTWORTEN: dict[int, tuple[str, dict[str, Any], Any]] = {
    400: ("Feldfehler", FELDFEHLER, _("Ungültige Eingabe: die Meldungen nennen jedes abgelehnte Feld.")),
    403: ("Fehlermeldung", FEHLERMELDUNG, _("Nicht angemeldet, ungültige Zugangsdaten oder keine Berechtigung.")),
    404: ("Fehlermeldung", FEHLERMELDUNG, _("Nicht gefunden (oder außerhalb Ihres Zuständigkeitsbereichs).")),
    409: ("Feldfehler", FELDFEHLER, _("Konflikt: der Datensatz wurde inzwischen geändert; nichts wurde gespeichert.")),
    415: ("Fehlermeldung", FEHLERMELDUNG, _("Nicht unterstützter Medientyp des Anfragekörpers.")),
    429: ("Fehlermeldung", FEHLERMELDUNG, _("Zu viele Anfragen: vorübergehend gesperrt.")),
}


class FehlerSchema(AutoSchema):
    """AutoSchema that adds the documented error answers (see the module docstring)."""

    def get_operation(self, path, path_regex, path_prefix, method, registry):
        operation = super().get_operation(path, path_regex, path_prefix, method, registry)
        if operation is None:
            return None
        antworten = operation.setdefault("responses", {})
        for code in sorted(self._fehlercodes(operation)):
            if str(code) in antworten:
                continue
            name, schema, beschreibung = ANTWORTEN[code]
            komponente = ResolvedComponent(name=name, type=ResolvedComponent.SCHEMA, schema=schema, object=name)
            registry.register_on_missing(komponente)
            antworten[str(code)] = {
                "content": {"application/json": {"schema": komponente.ref}},
                "description": str(beschreibung),
            }
        return operation

    def _fehlercodes(self, operation: dict[str, Any]) -> set[int]:
        parameter = operation.get("parameters", [])
        abfrage = {p["name"] for p in parameter if p.get("in") == "query"}
        codes = {403} | set(self._deklariert())
        if "requestBody" in operation:
            codes |= {400, 415}
        if self.method == "DELETE" or (self.method == "GET" and abfrage - set(OHNE_400)):
            codes.add(400)
        if any(p.get("in") == "path" for p in parameter):
            codes.add(404)
        if self.method == "GET" and self._is_list_view() and getattr(self.view, "pagination_class", None):
            codes.add(404)
        if self.view.get_throttles():
            codes.add(429)
        return codes

    def _deklariert(self) -> tuple[int, ...]:
        """Codes the view declares for this operation: `fehlerantworten = {"create": (404,)}`,
        keyed by the viewset action or, on a plain APIView, the lower-case HTTP method."""
        erklaert = getattr(self.view, "fehlerantworten", {})
        schluessel = getattr(self.view, "action", None) or self.method.lower()
        return tuple(erklaert.get(schluessel, ()))

    def _map_serializer(self, serializer, direction, bypass_extensions=False):
        schema = super()._map_serializer(serializer, direction, bypass_extensions)
        if direction == "request" and schema.get("type") == "object" and "properties" in schema:
            schema["additionalProperties"] = False
        return schema
