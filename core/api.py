"""API plumbing shared by all apps."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions, serializers
from rest_framework.views import exception_handler


def fehlerbehandlung(exc, context):
    """Turn model validation errors raised in services into 400 responses (German messages)."""
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
