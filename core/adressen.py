"""The application's absolute address for links in e-mails (one rule for every mail)."""

from __future__ import annotations

from django.conf import settings


def basis_url(anfrage_basis: str | None = None) -> str:
    """DJANGO_BASIS_URL when configured; else the address of the request that caused the mail (a host
    Django accepted via ALLOWED_HOSTS); else the local demo's address."""
    return (settings.BASIS_URL or anfrage_basis or settings.BASIS_URL_ERSATZ).rstrip("/")


def absolut(pfad: str, anfrage_basis: str | None = None) -> str:
    return basis_url(anfrage_basis) + pfad
