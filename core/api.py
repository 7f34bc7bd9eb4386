"""API plumbing shared by all apps."""

from __future__ import annotations

from collections.abc import Mapping

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import ProtectedError, RestrictedError
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, serializers
from rest_framework.routers import DefaultRouter
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


class StrengeFelder:
    """Serializer mixin: fields it does not take (unknown or read-only) are refused with a German 400.

    Without it DRF silently drops them, and a client never learns that its "stellen_neu" or
    a changed read-only value did nothing.
    """

    def to_internal_value(self, data):
        if isinstance(data, Mapping):
            erlaubt = {name for name, feld in self.fields.items() if not feld.read_only}
            fremd = sorted(str(name) for name in data if name not in erlaubt)
            if fremd:
                raise serializers.ValidationError(
                    {
                        name: [_("Dieses Feld ist unbekannt oder nicht änderbar und wird nicht angenommen.")]
                        for name in fremd
                    }
                )
        return super().to_internal_value(data)
