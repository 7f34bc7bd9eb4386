"""Filter types shared by the FilterSets of all apps."""

from __future__ import annotations

import django_filters
from django import forms


class GanzzahlFilter(django_filters.NumberFilter):
    """A whole-number filter (years, ids): "0.5" or "abc" is a 400 with a German message,
    never a decimal reaching an integer lookup."""

    field_class = forms.IntegerField
