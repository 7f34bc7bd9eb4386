"""The Dezernat dashboard of a tertial, computed from the evaluations of steuerung.auswertung.

Everything is loaded with a constant number of queries (the visible Kennzahlen of the year
and their series, then the goals of the year, one query per level) and arranged in Python:
1. `_auswertungen`: each visible Kennzahl evaluated for the period its rhythm reports in the tertial;
2. `_baum`: the goals as a tree (parent rule: steuerung.zielbaum), the Kennzahlen on their goals;
3. `_verdichten`: the roll-up of the Ampeln bottom-up, naming the Kennzahl that causes it;
   `_behalten` then prunes goals outside the scope;
4. `_anzahl_je_bewertung`, `_aufmerksamkeit`: counts per Bewertung and the attention list, each
   row with the reasons that put it there (steuerung.bewertung_text.gruende);
5. `_vollstaendigkeit`: entry completeness per unit (with value, missing with a reason, overdue);
6. `_wirkungsanteile`: share of Outcome/Impact Kennzahlen per Produktgruppe.
The stored, paged view of this result lives in steuerung.lesestand.dashboard.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.utils import timezone

from core.periods import Periode
from core.sortierung import natuerlich
from organisation.selectors import sichtbare_oe_ids
from steuerung import bewertung as bw
from steuerung.auswertung import Auswertung, auswertungen_im_tertial
from steuerung.models import Kennzahl, Leitziel, Massnahme, Produktgruppenziel, Produktziel, Teilziel
from steuerung.zielbaum import ZIELEBENE_TEXT, ZIELEBENEN, Schluessel, eltern_von

__all__ = ["Dashboard", "Knoten", "Vollstaendigkeit", "Wirkungsanteil", "tertial_dashboard"]


@dataclass
class Knoten:
    ebene: str
    ziel: Any
    kennzahlen: list[Auswertung] = field(default_factory=list)
    kinder: list[Knoten] = field(default_factory=list)
    ampel: bw.Ampel = bw.Ampel.GRAU
    ursache: Auswertung | None = None

    @property
    def ebene_text(self) -> str:
        return str(ZIELEBENE_TEXT[self.ebene])

    @property
    def ampel_text(self) -> str:
        return str(self.ampel.label)

    @property
    def ampel_symbol(self) -> str:
        return bw.AMPEL_SYMBOL[self.ampel]

    @property
    def schluessel(self) -> str:
        return f"{self.ebene}-{self.ziel.pk}"


@dataclass
class Vollstaendigkeit:
    organisationseinheit: Any
    faellig: int
    mit_wert: int
    ueberfaellig: list[Auswertung]
    begruendet_fehlend: int = 0

    @property
    def prozent(self) -> Decimal | None:
        return None if not self.faellig else Decimal(self.mit_wert) / Decimal(self.faellig) * 100


@dataclass
class Wirkungsanteil:
    produktgruppe: Any
    gesamt: int
    outcome_impact: int

    @property
    def prozent(self) -> Decimal | None:
        return None if not self.gesamt else Decimal(self.outcome_impact) / Decimal(self.gesamt) * 100


@dataclass
class Dashboard:
    periode: Periode
    pyramide: list[Knoten]
    anzahl_je_bewertung: list[tuple[bw.Bewertung, int]]
    aufmerksamkeit: list[tuple[Auswertung, list[str]]]
    vollstaendigkeit: list[Vollstaendigkeit]
    wirkungsanteile: list[Wirkungsanteil]
    auswertungen: list[Auswertung]


@dataclass
class _Baum:
    """Every goal of the year as a node, with its parent's key (also for goals pruned later)."""

    knoten: dict[Schluessel, Knoten]
    eltern: dict[Schluessel, Schluessel | None]

    @property
    def wurzeln(self) -> list[Knoten]:
        return [kn for s, kn in self.knoten.items() if s[0] == "leitziel"]

    def produktgruppe_von(self, schluessel: Schluessel | None) -> Any:
        """The Produktgruppe of a goal, found by walking up to its Produktgruppenziel."""
        while schluessel and schluessel in self.knoten:
            if schluessel[0] == "produktgruppenziel":
                return self.knoten[schluessel].ziel.produktgruppe
            schluessel = self.eltern.get(schluessel)
        return None


def _auswertungen(periode: Periode, scope: set[int] | None, heute: date) -> list[Auswertung]:
    kennzahlen_qs = Kennzahl.objects.filter(jahr=periode.jahr, archiviert=False).select_related("organisationseinheit")
    if scope is not None:
        kennzahlen_qs = kennzahlen_qs.filter(organisationseinheit_id__in=scope)
    kennzahlen = sorted(
        kennzahlen_qs.order_by("code", "bezeichnung", "pk"),
        key=lambda k: (natuerlich(k.code), natuerlich(k.bezeichnung)),
    )
    return list(auswertungen_im_tertial(kennzahlen, periode, heute=heute).values())


def _baum(jahr: int, auswertungen: list[Auswertung]) -> _Baum:
    ziele = {
        "leitziel": Leitziel.objects.filter(jahr=jahr, archiviert=False),
        "produktgruppenziel": Produktgruppenziel.objects.filter(jahr=jahr, archiviert=False).select_related(
            "produktgruppe"
        ),
        "produktziel": Produktziel.objects.filter(jahr=jahr, archiviert=False),
        "teilziel": Teilziel.objects.filter(jahr=jahr, archiviert=False),
        "massnahme": Massnahme.objects.filter(jahr=jahr, archiviert=False),
    }
    knoten: dict[Schluessel, Knoten] = {}
    for ebene, qs in ziele.items():
        for z in sorted(qs.order_by("code", "pk"), key=lambda z: natuerlich(z.code)):
            knoten[(ebene, z.pk)] = Knoten(ebene, z)
    eltern = {s: eltern_von(kn.ebene, kn.ziel) for s, kn in knoten.items()}
    for schluessel, kn in knoten.items():
        if eltern[schluessel] in knoten:
            knoten[eltern[schluessel]].kinder.append(kn)
    for a in auswertungen:
        for ebene in ZIELEBENEN:
            ziel_id = getattr(a.kennzahl, f"{ebene}_id")
            if ziel_id and (ebene, ziel_id) in knoten:
                knoten[(ebene, ziel_id)].kennzahlen.append(a)
    return _Baum(knoten, eltern)


def _verdichten(knoten: Knoten) -> None:
    for kind in knoten.kinder:
        _verdichten(kind)
    nach_schluessel: dict[Any, Auswertung] = {}
    bausteine = []
    for a in knoten.kennzahlen:
        nach_schluessel[a.kennzahl.pk] = a
        bausteine.append(bw.Baustein(a.ampel, a.kennzahl.pk, a.kennzahl.gewicht))
    for kind in knoten.kinder:
        if kind.ursache is not None:
            nach_schluessel[kind.ursache.kennzahl.pk] = kind.ursache
        bausteine.append(bw.Baustein(kind.ampel, kind.ursache.kennzahl.pk if kind.ursache else None))
    ergebnis = bw.verdichten(bausteine, verfahren=knoten.ziel.rollup)
    knoten.ampel = ergebnis.ampel
    knoten.ursache = nach_schluessel.get(ergebnis.ursache)


def _behalten(knoten: Knoten, scope: set[int] | None) -> bool:
    """Keep a goal the user may see: its unit is in scope or a visible Kennzahl hangs below it."""
    knoten.kinder = [k for k in knoten.kinder if _behalten(k, scope)]
    if scope is None:
        return True
    return knoten.ziel.organisationseinheit_id in scope or bool(knoten.kennzahlen or knoten.kinder)


def _anzahl_je_bewertung(auswertungen: list[Auswertung]) -> list[tuple[bw.Bewertung, int]]:
    zaehler = dict.fromkeys(bw.Bewertung, 0)
    for a in auswertungen:
        if a.faellig:
            zaehler[a.bewertung] += 1
    return list(zaehler.items())


def _aufmerksamkeit(auswertungen: list[Auswertung]) -> list[tuple[Auswertung, list[str]]]:
    """Kennzahlen that need a look, each with the rule that put it there.

    Red, Sorgenampel, overdue, or a red forecast ("Jahresziel gefährdet"): one reason text per
    rule, e.g. "Zielerreichung 62,00 % – teilweise erreicht" rather than the colour it produced.
    """
    liste = []
    for a in auswertungen:
        if gruende := a.gruende(mit_prognose=True):
            liste.append((a, gruende))
    return liste


def _vollstaendigkeit(auswertungen: list[Auswertung]) -> list[Vollstaendigkeit]:
    """Due Kennzahlen, those with a value, those missing with a reason and the overdue ones, per unit."""
    je_einheit: dict[int, Vollstaendigkeit] = {}
    for a in auswertungen:
        if not a.faellig:
            continue
        oe = a.kennzahl.organisationseinheit
        v = je_einheit.setdefault(oe.pk, Vollstaendigkeit(oe, 0, 0, []))
        v.faellig += 1
        v.mit_wert += a.ist is not None
        v.begruendet_fehlend += a.begruendet_fehlend
        if a.ueberfaellig:
            v.ueberfaellig.append(a)
    return sorted(je_einheit.values(), key=lambda v: v.organisationseinheit.kuerzel)


def _wirkungsanteile(auswertungen: list[Auswertung], baum: _Baum) -> list[Wirkungsanteil]:
    """Per Produktgruppe: how many of its Kennzahlen measure Outcome or Impact."""
    anteile: dict[int, Wirkungsanteil] = {}
    for a in auswertungen:
        ebene = next((e for e in ZIELEBENEN if getattr(a.kennzahl, f"{e}_id")), None)
        pg = baum.produktgruppe_von((ebene, getattr(a.kennzahl, f"{ebene}_id"))) if ebene else None
        if pg is None:
            continue
        eintrag = anteile.setdefault(pg.pk, Wirkungsanteil(pg, 0, 0))
        eintrag.gesamt += 1
        eintrag.outcome_impact += a.kennzahl.wirkungsebene in ("outcome", "impact")
    return sorted(anteile.values(), key=lambda w: w.produktgruppe.nummer)


_UNGESETZT: Any = object()


def tertial_dashboard(
    *, periode: Periode, user=None, scope: set[int] | None = _UNGESETZT, heute: date | None = None
) -> Dashboard:
    """Dashboard of a tertial: pyramid with roll-up, counts, attention list, completeness, IOOI share.

    Visibility comes from `user` or, for rebuilding a stored view without a request, from
    `scope` (unit ids, None = all). The steps are listed in the module docstring.
    """
    heute = heute or timezone.localdate()
    if scope is _UNGESETZT:
        scope = sichtbare_oe_ids(user)
    auswertungen = _auswertungen(periode, scope, heute)
    baum = _baum(periode.jahr, auswertungen)
    wurzeln = baum.wurzeln
    for w in wurzeln:
        _verdichten(w)
    return Dashboard(
        periode=periode,
        pyramide=[w for w in wurzeln if _behalten(w, scope)],
        anzahl_je_bewertung=_anzahl_je_bewertung(auswertungen),
        aufmerksamkeit=_aufmerksamkeit(auswertungen),
        vollstaendigkeit=_vollstaendigkeit(auswertungen),
        wirkungsanteile=_wirkungsanteile(auswertungen, baum),
        auswertungen=auswertungen,
    )
