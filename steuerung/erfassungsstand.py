"""How far the entry of each unit and tertial has come: due, entered and missing values, report status.

Shared by the entry overview (status and deadline per unit and tertial) and the start page's
tasks (missing values of the Sachbearbeitung, completeness for the Amtsleitung). Loaded with three
queries for any number of units and tertials: the Kennzahlen of the years, their Messwerte of
the due periods, the reports of the tertials (plus the unit tree for covering reports).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.periods import Periode, letztes_beendetes_tertial, periode, tertial_von
from organisation.models import Organisationseinheit
from steuerung.auswertung import erfassungsfrist, periode_fuer_rhythmus
from steuerung.models import Kennzahl, Messwert, Tertialbericht
from steuerung.models.berichte import Berichtsstatus

S = Berichtsstatus


class Eintragsstatus(models.TextChoices):
    OFFEN = "offen", _("offen")
    IN_ARBEIT = "in_arbeit", _("in Arbeit")
    EINGEREICHT = "eingereicht", _("eingereicht")
    ZURUECKGEGEBEN = "zurueckgegeben", _("zurückgegeben")
    FREIGEGEBEN = "freigegeben", _("freigegeben")
    VEROEFFENTLICHT = "veroeffentlicht", _("veröffentlicht")


# Entry is still the Sachbearbeitung's job in these states.
NOCH_ZU_ERFASSEN = frozenset({Eintragsstatus.OFFEN, Eintragsstatus.IN_ARBEIT, Eintragsstatus.ZURUECKGEGEBEN})

_AUS_BERICHT = {
    S.EINGEREICHT: Eintragsstatus.EINGEREICHT,
    S.ZURUECKGEGEBEN: Eintragsstatus.ZURUECKGEGEBEN,
    S.AMTSLEITUNG_FREIGEGEBEN: Eintragsstatus.FREIGEGEBEN,
    S.DEZERNAT_FREIGEGEBEN: Eintragsstatus.FREIGEGEBEN,
    S.VEROEFFENTLICHT: Eintragsstatus.VEROEFFENTLICHT,
}


def eintragsstatus(*, berichtsstatus: str | None, vorhanden: int) -> Eintragsstatus:
    """The status of a unit's entry for a tertial (pure): the report's state once it left the draft,
    otherwise "in Arbeit" as soon as any value or reason is stored, else "offen"."""
    if berichtsstatus in _AUS_BERICHT:
        return _AUS_BERICHT[berichtsstatus]
    return Eintragsstatus.IN_ARBEIT if vorhanden else Eintragsstatus.OFFEN


def erfassungstertial(*, heute: date, letztes_offen: bool) -> Periode:
    """The tertial to enter now (pure): the last ended one while any unit still has to enter it,
    otherwise the running one."""
    return letztes_beendetes_tertial(heute) if letztes_offen else tertial_von(heute)


@dataclass
class Erfassungsstand:
    """Entry of one unit for one period of values (a tertial, or a month/year a Kennzahl reports in it)."""

    organisationseinheit: Organisationseinheit
    tertial: Periode
    periode: Periode
    faellig: int = 0
    erfasst: int = 0  # a value, or a reason why it is missing
    vorhanden: int = 0  # any stored row, drafts included
    berichtsstatus: str | None = None

    @property
    def fehlend(self) -> int:
        return self.faellig - self.erfasst

    @property
    def frist(self) -> date:
        return erfassungsfrist(self.periode)

    @property
    def status(self) -> Eintragsstatus:
        return eintragsstatus(berichtsstatus=self.berichtsstatus, vorhanden=self.vorhanden)


def _berichtsstatus(oe_id: int, tertial: str, eltern: dict[int, int | None], berichte: dict) -> str | None:
    """The state of the report covering the unit: its own or the nearest parent's that left the draft."""
    eigener = berichte.get((oe_id, tertial))
    aktuell: int | None = oe_id
    gesehen: set[int] = set()
    while aktuell is not None and aktuell not in gesehen:
        gesehen.add(aktuell)
        status = berichte.get((aktuell, tertial))
        if status is not None and status != S.ENTWURF:
            return status
        aktuell = eltern.get(aktuell)
    return eigener


def erfassungsstaende(*, scope: set[int] | None, tertiale: list[Periode]) -> list[Erfassungsstand]:
    """Entry per unit (within `scope`, None = all) and period of values due in each tertial.

    Steps: 1. the Kennzahlen of the tertials' years and the period each reports in a tertial
    (steuerung.auswertung.periode_fuer_rhythmus, yearly ones only in Tertial 3); 2. their stored
    Messwerte of those periods; 3. the reports of the tertials, a parent's report covering its units.
    Units without a due Kennzahl do not appear. Sorted by tertial, unit code and period.
    """
    kennzahlen = Kennzahl.objects.filter(jahr__in={t.jahr for t in tertiale})
    if scope is not None:
        kennzahlen = kennzahlen.filter(organisationseinheit_id__in=scope)
    zeilen = list(kennzahlen.values_list("id", "organisationseinheit_id", "erhebungsrhythmus", "jahr"))
    faellig: dict[tuple[int, str, str], list[int]] = defaultdict(list)
    for t in tertiale:
        for kid, oe_id, rhythmus, jahr in zeilen:
            p, ist_faellig = periode_fuer_rhythmus(rhythmus, t)
            if jahr == t.jahr and ist_faellig:
                faellig[(oe_id, t.schluessel, p.schluessel)].append(kid)
    if not faellig:
        return []
    perioden = {p for _oe, _t, p in faellig}
    kennzahl_ids = {kid for ids in faellig.values() for kid in ids}
    messwerte = {
        (kid, p): erfasst
        for kid, p, erfasst in Messwert.objects.filter(kennzahl_id__in=kennzahl_ids, periode__in=perioden)
        .annotate(
            erfasst=models.Case(
                models.When(models.Q(wert__isnull=False) | ~models.Q(fehlt_begruendung=""), then=True),
                default=False,
                output_field=models.BooleanField(),
            )
        )
        .values_list("kennzahl_id", "periode", "erfasst")
    }
    berichte = {
        (oe_id, p): status
        for oe_id, p, status in Tertialbericht.objects.filter(periode__in=[t.schluessel for t in tertiale]).values_list(
            "organisationseinheit_id", "periode", "status"
        )
    }
    einheiten = {oe.pk: oe for oe in Organisationseinheit.objects.all()}
    eltern = {oe.pk: oe.eltern_id for oe in einheiten.values()}
    ergebnis = []
    for (oe_id, t, p), ids in faellig.items():
        stand = Erfassungsstand(einheiten[oe_id], periode(t), periode(p), faellig=len(ids))
        stand.erfasst = sum(1 for kid in ids if messwerte.get((kid, p)))
        stand.vorhanden = sum(1 for kid in ids if (kid, p) in messwerte)
        stand.berichtsstatus = _berichtsstatus(oe_id, t, eltern, berichte)
        ergebnis.append(stand)
    return sorted(ergebnis, key=lambda s: (s.tertial, s.organisationseinheit.kuerzel, s.periode))


def je_einheit_und_tertial(staende: list[Erfassungsstand]) -> dict[tuple[int, str], Erfassungsstand]:
    """The periods of one unit and tertial summed up into one entry (the tertial as its period)."""
    summe: dict[tuple[int, str], Erfassungsstand] = {}
    for s in staende:
        schluessel = (s.organisationseinheit.pk, s.tertial.schluessel)
        ziel = summe.setdefault(
            schluessel, Erfassungsstand(s.organisationseinheit, s.tertial, s.tertial, berichtsstatus=s.berichtsstatus)
        )
        ziel.faellig += s.faellig
        ziel.erfasst += s.erfasst
        ziel.vorhanden += s.vorhanden
    return summe
