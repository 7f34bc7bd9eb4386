"""Maintenance screens for master data ("Stammdaten pflegen").

One configuration per model (`seiten/`), generic list/create/edit/delete views (`views.py`)
that reuse the model's API viewset: its scoped queryset, FilterSet, serializer and
perform_* methods, so the browser writes under exactly the rules and roles of the API.
The hub page lists every registered screen (`registry.py`).
"""
