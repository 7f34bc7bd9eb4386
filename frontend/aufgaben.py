"""The start page's "Meine Aufgaben": the product layers' task rules combined per role.

A user with several roles gets the union; the list is ordered overdue first, then by deadline.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from controlling import aufgaben as hsk
from organisation.rollen import Rolle
from organisation.selectors import rollen_von
from steuerung.aufgaben import fachamt, leitung, pflege, rat
from steuerung.aufgaben.basis import Aufgabe, ordnen

Regel = Callable[..., list[Aufgabe]]

REGELN: dict[Rolle, list[Regel]] = {
    Rolle.SACHBEARBEITUNG: [fachamt.fehlende_werte, fachamt.zurueckgegebene_berichte, hsk.offene_einzelfaelle],
    Rolle.AMTSLEITUNG: [fachamt.amtsleitung_freigaben, fachamt.vollstaendigkeit],
    Rolle.DEZERNATSLEITUNG: [leitung.dezernat_freigaben, leitung.neu_auffaellige_kennzahlen],
    Rolle.STEUERUNG: [
        pflege.zielsystem_fehlt,
        pflege.smart_luecken,
        pflege.kennzahlen_ohne_soll,
        hsk.veraltete_verlaeufe,
    ],
    Rolle.RAT: [rat.neu_veroeffentlicht],
}


def aufgaben_fuer(user, *, heute: date) -> list[Aufgabe]:
    rollen = rollen_von(user)
    regeln: list[Regel] = []
    for rolle, liste in REGELN.items():
        if str(rolle) in rollen:
            regeln += [r for r in liste if r not in regeln]
    aufgaben: list[Aufgabe] = []
    for regel in regeln:
        aufgaben += [a for a in regel(user=user, heute=heute) if a not in aufgaben]
    return ordnen(aufgaben)
