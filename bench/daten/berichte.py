"""50 published Tertialberichte, each through the real workflow (submit, two approvals, publish).

The reports are those of the small Sachgebiete for the past tertials of the year; publishing builds the
snapshot, its PDF and Excel, so this is the slowest part of the load per row.
"""

from __future__ import annotations

from bench.daten import JAHR, Kontext, anzahl
from organisation.rollen import Rolle
from steuerung.berichte.workflow import (
    tertialbericht_einreichen,
    tertialbericht_freigeben,
    tertialbericht_holen_oder_anlegen,
    tertialbericht_veroeffentlichen,
)
from steuerung.models import Messwert

PERIODEN = [f"{JAHR}-T1", f"{JAHR}-T2"]


def laden(ctx: Kontext) -> None:
    n = anzahl(50, ctx.faktor)
    plan = [(einheit, periode) for periode in PERIODEN for einheit in ctx.sachgebiete][:n]
    steuerung = ctx.zentral["steuerung"]
    for einheit, periode in plan:
        # The generated explanations are complete except where the engine asks for more: fill them,
        # as a unit would before submitting.
        Messwert.objects.filter(
            kennzahl__organisationseinheit=einheit, kennzahl__jahr=JAHR, periode=periode, begruendung=""
        ).update(
            begruendung="Abweichung erläutert.",
            gegensteuerung_was="Fallsteuerung angepasst",
            gegensteuerung_wer="Abteilungsleitung",
            gegensteuerung_bis=f"{JAHR}-12-31",
        )
        amt = ctx.benutzer[" ".join(einheit.kuerzel.split()[:2])]
        bericht = tertialbericht_holen_oder_anlegen(organisationseinheit=einheit, periode=periode)
        tertialbericht_einreichen(bericht=bericht, user=amt[Rolle.SACHBEARBEITUNG])
        tertialbericht_freigeben(bericht=bericht, user=amt[Rolle.AMTSLEITUNG])
        tertialbericht_freigeben(bericht=bericht, user=ctx.zentral["dezernat"])
        tertialbericht_veroeffentlichen(bericht=bericht, user=steuerung)
