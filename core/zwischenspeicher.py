"""A memo for small, rarely changed rows (settings), valid for one request or one block.

Settings such as the Kommune's Erfassungsfrist are read by code that runs once per
Kennzahl; without a memo a page would ask the database once per row. The memo lives only
inside `zwischenspeicher()` (the middleware opens one per request), so another process's
change is seen by the next request, and nothing survives between tests. Outside a block
every read goes to the database.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

T = TypeVar("T")

_speicher: ContextVar[dict[str, Any] | None] = ContextVar("zwischenspeicher", default=None)


@contextmanager
def zwischenspeicher() -> Iterator[None]:
    """Open a memo for the block (nested blocks share the outer one)."""
    if _speicher.get() is not None:
        yield
        return
    token = _speicher.set({})
    try:
        yield
    finally:
        _speicher.reset(token)


def gemerkt(schluessel: str, laden: Callable[[], T]) -> T:
    """`laden()` once per block; outside a block on every call."""
    speicher = _speicher.get()
    if speicher is None:
        return laden()
    if schluessel not in speicher:
        speicher[schluessel] = laden()
    return speicher[schluessel]


def vergessen(schluessel: str) -> None:
    """Drop a memo after a write, so the rest of the block reads the new state."""
    speicher = _speicher.get()
    if speicher is not None:
        speicher.pop(schluessel, None)


class ZwischenspeicherMiddleware:
    """One memo per request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with zwischenspeicher():
            return self.get_response(request)
