"""The Sollwert table on the Kennzahl page: one row per period of a Haushaltsjahr, German numbers.

Reading uses steuerung.solltabelle (the engine's interpolation next to empty cells); saving goes
through steuerung.services.sollwerte_der_perioden_setzen, all rows at once.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from frontend.forms.zahlen import DeDezimalFeld
from steuerung.auswertung import steckbrief_von
from steuerung.models import Kennzahl
from steuerung.services import darf_alles
from steuerung.solltabelle import sollperioden, solltabelle


def darf_sollwerte_pflegen(user) -> bool:
    """Sollwerte are targets: only who may change a Kennzahl entirely (kennzahl_aendern's rule)."""
    return bool(user.has_perm("steuerung.change_kennzahl") and darf_alles(user))


def feldname(schluessel: str) -> str:
    return f"soll_{schluessel}"


class SollwertFormular(forms.Form):
    """One optional German number per period; `revision` is the Kennzahl's (optimistic lock)."""

    revision = forms.IntegerField(
        widget=forms.HiddenInput,
        error_messages={"required": _("Der Bearbeitungsstand fehlt. Bitte laden Sie die Seite neu.")},
    )
    jahr = forms.IntegerField(widget=forms.HiddenInput, min_value=2000, max_value=2100)

    def __init__(self, *args, kennzahl: Kennzahl, jahr: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.perioden = sollperioden(rhythmus=kennzahl.erhebungsrhythmus, haushaltsjahr=jahr)
        vorhanden = {s.periode: s.wert for s in kennzahl.sollwerte.all()}
        self.fields["revision"].initial = kennzahl.revision
        self.fields["jahr"].initial = jahr
        for p in self.perioden:
            self.fields[feldname(p.schluessel)] = DeDezimalFeld(
                label=_("Soll %(periode)s") % {"periode": p.bezeichnung},
                required=False,
                max_digits=18,
                decimal_places=4,
                initial=vorhanden.get(p.schluessel),
            )

    def werte(self) -> dict[str, Any]:
        return {p.schluessel: self.cleaned_data.get(feldname(p.schluessel)) for p in self.perioden}


def jahr_der_tabelle(request, kennzahl: Kennzahl) -> int:
    roh = request.GET.get("solljahr") or request.POST.get("jahr") or ""
    return int(roh) if roh.isdigit() and 2000 <= int(roh) <= 2100 else kennzahl.jahr


def solltabelle_kontext(kennzahl: Kennzahl, *, jahr: int, user, formular: SollwertFormular | None = None) -> dict:
    """Rows with the explicit Soll, what an empty cell would mean, and (for maintainers) the input."""
    sollwerte = {s.periode: s.wert for s in kennzahl.sollwerte.all()}
    zeilen = solltabelle(
        steckbrief=steckbrief_von(kennzahl),
        rhythmus=kennzahl.erhebungsrhythmus,
        haushaltsjahr=jahr,
        sollwerte=sollwerte,
    )
    darf = darf_sollwerte_pflegen(user)
    if darf and formular is None:
        formular = SollwertFormular(kennzahl=kennzahl, jahr=jahr)
    jahre = sorted({kennzahl.jahr, kennzahl.jahr + 1, jahr, *(int(s[:4]) for s in sollwerte)})
    return {
        "solljahr": jahr,
        "solljahre": jahre,
        "sollformular": formular if darf else None,
        "sollzeilen": [{"z": z, "feld": formular[feldname(z.periode.schluessel)] if darf else None} for z in zeilen],
    }
