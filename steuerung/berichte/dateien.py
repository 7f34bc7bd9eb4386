"""The stored PDF and Excel file of a published report as a download, shared by the API and the pages."""

from __future__ import annotations

from django.http import HttpResponse

from steuerung.models import Veroeffentlichung

MEDIENTYP = {"pdf": "application/pdf", "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def datei_antwort(v: Veroeffentlichung, art: str) -> HttpResponse:
    """The stored file (`art` "pdf" or "xlsx") of a publication, with the snapshot's hash as a header."""
    inhalt = bytes(v.pdf) if art == "pdf" else bytes(v.excel)
    name = f"Tertialbericht_{v.periode}_{v.organisationseinheit.kuerzel.replace(' ', '-')}_F{v.fassung}.{art}"
    antwort = HttpResponse(inhalt, content_type=MEDIENTYP["pdf" if art == "pdf" else "xlsx"])
    antwort["Content-Disposition"] = f'attachment; filename="{name}"'
    antwort["X-Content-SHA256-Inhalt"] = v.inhalt_hash
    return antwort
