"""Demo Tertialberichte (after the demo values): every past tertial of Amt 50 published; of the
Jugendamt one report waiting for the Dezernat and a newer one returned with a note.

Idempotent: a report that has left the Entwurf state is not touched again.
"""

from __future__ import annotations

from organisation.models import Benutzer, Organisationseinheit
from steuerung.berichte.inhalt import kennzahlzeilen
from steuerung.berichte.workflow import (
    tertialbericht_einreichen,
    tertialbericht_freigeben,
    tertialbericht_holen_oder_anlegen,
    tertialbericht_veroeffentlichen,
    tertialbericht_zurueckgeben,
)
from steuerung.models import Tertialbericht
from steuerung.models.berichte import Berichtsstatus

VEROEFFENTLICHT_50 = ["2025-T1", "2025-T2", "2025-T3", "2026-T1", "2026-T2"]
KANDIDATEN_51 = ["2026-T2", "2026-T1", "2025-T3", "2025-T2", "2025-T1"]  # newest first
RUECKGABE_NOTIZ = (
    "Bitte die Begründung zu den Rückführungen um die Zahl der offenen Hilfeplanverfahren ergänzen "
    "und den Termin der Gegensteuerung konkretisieren."
)


def _bericht(kuerzel: str, periode: str) -> Tertialbericht | None:
    """The report if it is still untouched (Entwurf without history), else None."""
    einheit = Organisationseinheit.objects.get(kuerzel=kuerzel)
    bericht = tertialbericht_holen_oder_anlegen(organisationseinheit=einheit, periode=periode)
    if bericht.status != Berichtsstatus.ENTWURF or bericht.uebergaenge.exists():
        return None
    return bericht


def _vollstaendig(einheit: Organisationseinheit, periode: str) -> bool:
    zeilen = kennzahlzeilen(organisationseinheit=einheit, periode=periode)
    return not any(z.erklaerung_fehlt or z.wert_fehlt_unbegruendet for z in zeilen)


def laden() -> None:
    nutzer = {
        b.username: b
        for b in Benutzer.objects.filter(
            username__in=["sachbearbeitung50", "amtsleitung50", "sachbearbeitung51", "amtsleitung51", "dezernat"]
        )
    }
    for periode in VEROEFFENTLICHT_50:
        bericht = _bericht("50", periode)
        if bericht is None:
            continue
        tertialbericht_einreichen(bericht=bericht, user=nutzer["sachbearbeitung50"])
        tertialbericht_freigeben(bericht=bericht, user=nutzer["amtsleitung50"])
        tertialbericht_freigeben(bericht=bericht, user=nutzer["dezernat"])
        tertialbericht_veroeffentlichen(bericht=bericht, user=nutzer["dezernat"])
    # The Jugendamt: the two latest tertials it can submit (every value given or its absence
    # explained, complete explanations) become the report waiting for the Dezernat (older) and the
    # returned one (newer).
    einheit51 = Organisationseinheit.objects.get(kuerzel="51")
    einreichbar = [p for p in KANDIDATEN_51 if _vollstaendig(einheit51, p)][:2]
    if len(einreichbar) < 2:
        return
    zurueck_periode, wartend_periode = einreichbar
    wartend = _bericht("51", wartend_periode)
    if wartend is not None:
        tertialbericht_einreichen(bericht=wartend, user=nutzer["sachbearbeitung51"])
        tertialbericht_freigeben(bericht=wartend, user=nutzer["amtsleitung51"])
    zurueck = _bericht("51", zurueck_periode)
    if zurueck is not None:
        tertialbericht_einreichen(bericht=zurueck, user=nutzer["sachbearbeitung51"])
        tertialbericht_zurueckgeben(bericht=zurueck, user=nutzer["amtsleitung51"], notiz=RUECKGABE_NOTIZ)
