"""Whether a Tertialbericht is complete enough to submit; every gap named in one German message each."""

from __future__ import annotations

from django.utils.translation import gettext as _

from core import periods
from organisation.models import Organisationseinheit
from steuerung.berichte import abschnitte
from steuerung.berichte.inhalt import Kennzahlzeile, kennzahlzeilen


def _kennzahl_namen(zeilen: list[Kennzahlzeile], tertial: str) -> str:
    """ "K 3 Kurzzeitpflege; K 7 Heimplätze (Haushaltsjahr 2026)": a row's period only when it is not the tertial."""
    return "; ".join(
        f"{z.code} {z.bezeichnung}".strip() + (f" ({z.periode_bezeichnung})" if z.periode != tertial else "")
        for z in zeilen
    )


def einreichen_luecken(*, organisationseinheit: Organisationseinheit, periode: str) -> list[str]:
    """What stops the report of the unit and tertial from being submitted ([] when nothing).

    Complete means: every due Kennzahl has a value or a reason why it is missing
    (Messwert.fehlt_begruendung); every Kennzahl that needs Begründung and Gegensteuerung has
    them; no contributed section (abschnitte) has an open point.
    """
    zeilen = kennzahlzeilen(organisationseinheit=organisationseinheit, periode=periode)
    gruende = []
    ohne_wert = [z for z in zeilen if z.wert_fehlt_unbegruendet]
    if ohne_wert:
        gruende.append(
            _(
                "Der Bericht kann noch nicht eingereicht werden: Für folgende Kennzahlen fehlt der Wert. Tragen Sie "
                "ihn ein oder begründen Sie im Erfassungsformular, warum er fehlt: %(namen)s"
            )
            % {"namen": _kennzahl_namen(ohne_wert, periode)}
        )
    fehlend = [z for z in zeilen if z.erklaerung_fehlt]
    if fehlend:
        gruende.append(
            _(
                "Der Bericht kann noch nicht eingereicht werden: Für folgende Kennzahlen fehlen Begründung oder "
                "Gegensteuerungsmaßnahme (was, wer, bis wann): %(namen)s"
            )
            % {"namen": _kennzahl_namen(fehlend, periode)}
        )
    offen = abschnitte.offene_punkte(organisationseinheit=organisationseinheit, periode=periods.periode(periode))
    if offen:
        gruende.append(_("Der Bericht kann noch nicht eingereicht werden: %(punkte)s") % {"punkte": " ".join(offen)})
    return gruende
