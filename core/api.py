"""API plumbing shared by all apps."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import ProtectedError, RestrictedError
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, serializers
from rest_framework.routers import DefaultRouter
from rest_framework.settings import api_settings
from rest_framework.utils import html
from rest_framework.views import exception_handler


def fehlerbehandlung(exc, context):
    """Turn model validation errors raised in services into 400 responses (German messages)."""
    if isinstance(exc, ProtectedError | RestrictedError):
        exc = exceptions.ValidationError(
            {
                "detail": _(
                    "Der Datensatz wird noch verwendet und kann nicht gelöscht werden. Bitte zuerst die abhängigen Einträge entfernen."
                )
            }
        )
    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        exc = exceptions.ValidationError(detail=detail)
    return exception_handler(exc, context)


class DezimalFeld(serializers.DecimalField):
    """Decimal as string with fixed places (money: 2)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", 14)
        kwargs.setdefault("decimal_places", 2)
        super().__init__(**kwargs)


class Router(DefaultRouter):
    """The project's API router: numeric ids only, no format suffixes, no root view.

    A non-numeric id ("null,null") then simply does not match a route (404) instead of
    reaching the ORM; format suffixes would only double every route.
    """

    include_root_view = False
    include_format_suffixes = False

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("trailing_slash", True)
        super().__init__(*args, **kwargs)

    def get_lookup_regex(self, viewset, lookup_prefix=""):
        if not getattr(viewset, "lookup_value_regex", None):
            viewset.lookup_value_regex = r"[0-9]+"
        return super().get_lookup_regex(viewset, lookup_prefix)


# --- Strict input (CONVENTIONS §16) ---------------------------------------------------------

# Form and query input name nested values "feld[0]unterfeld" or "feld.schluessel" (DRF's HTML
# parsing); the part before the first bracket or dot is the field they belong to.
_HTML_FELDNAME = re.compile(r"^[^\[.]+")


def nicht_angenommene_felder(serializer: serializers.Serializer, daten: Any) -> dict[str, list[str]]:
    """German errors for the keys of `daten` the serializer does not take (unknown or read-only).

    Form and query input (a QueryDict) may also carry the transport keys of Django and DRF
    (the CSRF token, `?format=`); they are not data and are not reported.
    """
    if not isinstance(daten, Mapping):
        return {}
    felder = serializer.fields
    schreibbar = {
        name for name, feld in felder.items() if not feld.read_only and not isinstance(feld, serializers.HiddenField)
    }
    ist_formular = html.is_html_input(daten)
    fehler: dict[str, list[str]] = {}
    for schluessel in daten:
        name = schluessel
        if ist_formular:
            treffer = _HTML_FELDNAME.match(str(schluessel))
            name = treffer.group(0) if treffer else str(schluessel)
            if name not in felder and name in ("csrfmiddlewaretoken", api_settings.URL_FORMAT_OVERRIDE):
                continue
        if name in schreibbar:
            continue
        if name in felder:
            text = _("Das Feld „%(feld)s“ ist schreibgeschützt und wird nicht angenommen.") % {"feld": name}
        else:
            text = _("Das Feld „%(feld)s“ gibt es hier nicht und wird nicht angenommen. Erlaubt: %(erlaubt)s.") % {
                "feld": name,
                "erlaubt": ", ".join(sorted(schreibbar)) or "–",
            }
        fehler.setdefault(name, []).append(str(text))
    return fehler


def _streng(original: Callable[[serializers.Serializer, Any], Any]) -> Callable[[serializers.Serializer, Any], Any]:
    """Wrap Serializer.to_internal_value: refused keys are reported together with the field
    errors of the same input (a client sees every problem at once), and nothing is saved."""

    def to_internal_value(self: serializers.Serializer, data: Any) -> Any:
        abgelehnt = nicht_angenommene_felder(self, data)
        try:
            werte = original(self, data)
        except exceptions.ValidationError as exc:
            if abgelehnt and isinstance(exc.detail, dict):
                detail = dict(exc.detail)
                for name, meldungen in abgelehnt.items():
                    bisher = detail.get(name, [])
                    detail[name] = [*(bisher if isinstance(bisher, list) else [bisher]), *meldungen]
                raise exceptions.ValidationError(detail) from exc
            raise
        if abgelehnt:
            raise exceptions.ValidationError(abgelehnt)
        return werte

    to_internal_value.streng = True
    return to_internal_value


def strenge_eingabe_einschalten() -> None:
    """Make every DRF serializer reject input keys it does not take (unknown or read-only).

    Installed once on `rest_framework.serializers.Serializer` (CoreConfig.ready), so every
    serializer of every app, nested ones and list items included, is strict without opting
    in; a write with a misspelt or read-only field answers 400 naming it instead of silently
    dropping it.
    """
    if getattr(serializers.Serializer.to_internal_value, "streng", False):
        return
    serializers.Serializer.to_internal_value = _streng(serializers.Serializer.to_internal_value)
