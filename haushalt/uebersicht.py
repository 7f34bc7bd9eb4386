"""Reads across many Produkte: the finance overview per Produktbereich and the rows of the
tertial report's finance section (per Produktgruppe of a unit, at the tertial's Stichtag)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from haushalt import kennwerte
from haushalt.bestand import Bestand, bestand_laden
from haushalt.finanzen import Ebene, Finanzdatenblatt, NichtGefunden, Werte, finanzdatenblatt
from haushalt.models import Art
from haushalt.selectors import einstellungen, produktbereich_bezeichnung, produktbereich_von, produkte_fuer
from organisation.models import Organisationseinheit
from organisation.selectors import unterbaum_ids
from steuerung.bewertung import abweichung
from steuerung.models import Produkt, Produktgruppe


def _werte(bestand: Bestand, ids: list[int], jahr: int) -> Werte:
    return Werte(
        ansatz=bestand.zuschuss(ids, jahr, Art.ANSATZ),
        fortgeschriebener_ansatz=bestand.zuschuss(ids, jahr, Art.FORTGESCHRIEBENER_ANSATZ),
        ist=bestand.zuschuss(ids, jahr, Art.IST),
        prognose=bestand.zuschuss(ids, jahr, Art.PROGNOSE),
        ist_vorjahr=bestand.zuschuss(ids, jahr - 1, Art.IST),
    )


@dataclass(frozen=True)
class Uebersichtszeile:
    ebene: str  # produktgruppe or produkt
    nummer: str
    bezeichnung: str
    zuschussbedarf: Werte


@dataclass(frozen=True)
class Bereichsblock:
    nummer: str
    bezeichnung: str
    zuschussbedarf: Werte
    zeilen: list[Uebersichtszeile]


def finanzuebersicht(*, user, jahr: int) -> list[Bereichsblock]:
    """Zuschussbedarf of every visible Produkt, its Produktgruppe and Produktbereich (one query for amounts)."""
    produkte = produkte_fuer(user=user).order_by("nummer")
    liste = list(produkte)
    bestand = bestand_laden(produkte=produkte, jahre=[jahr, jahr - 1])
    gruppen: dict[str, list[Produkt]] = defaultdict(list)
    for p in liste:
        gruppen[p.produktgruppe.nummer].append(p)
    bereiche: dict[str, list[str]] = defaultdict(list)
    for nummer in sorted(gruppen):
        bereiche[produktbereich_von(nummer)].append(nummer)
    eingestellt = einstellungen()
    bloecke = []
    for bereich, gruppennummern in sorted(bereiche.items()):
        zeilen = []
        for g in gruppennummern:
            mitglieder = gruppen[g]
            ids = [p.pk for p in mitglieder]
            zeilen.append(
                Uebersichtszeile(
                    "produktgruppe", g, mitglieder[0].produktgruppe.bezeichnung, _werte(bestand, ids, jahr)
                )
            )
            zeilen.extend(
                Uebersichtszeile("produkt", p.nummer, p.bezeichnung, _werte(bestand, [p.pk], jahr)) for p in mitglieder
            )
        ids = [p.pk for g in gruppennummern for p in gruppen[g]]
        bloecke.append(
            Bereichsblock(bereich, produktbereich_bezeichnung(bereich, eingestellt), _werte(bestand, ids, jahr), zeilen)
        )
    return bloecke


@dataclass(frozen=True)
class FinanzberichtZeile:
    """One Produktgruppe of a unit in the tertial report's finance section (Zuschussbedarf)."""

    produktgruppe: Produktgruppe
    ansatz: Decimal | None
    fortgeschriebener_ansatz: Decimal | None
    ist: Decimal | None
    ist_stichtag: date | None
    prognose: Decimal | None  # the Prognose, or the Ist once it covers the whole year
    prognose_stichtag: date | None
    prognose_ist_jahresende: bool  # the year-end figure is the Ist at 31.12. (no Prognose needed)
    abweichung: Decimal | None  # Prognose − Ansatz
    abweichung_prozent: Decimal | None
    erklaerung_noetig: bool


def finanzen_bericht_zeilen(*, oe: Organisationseinheit, jahr: int, stichtag: date) -> list[FinanzberichtZeile]:
    """Per Produktgruppe of the unit's Produkte (unit and units below): Ansatz, Ist up to the
    Stichtag, Prognose for the year end (the latest made up to the Stichtag; once every Produkt's
    Ist reaches 31.12. that Ist is the year end), Abweichung Prognose − Ansatz, and whether it
    needs a Begründung and Gegensteuerung under the Kommune's thresholds (kennwerte.erklaerung_noetig)."""
    produkte = Produkt.objects.filter(
        haushaltszuordnung__organisationseinheit_id__in=unterbaum_ids([oe.pk])
    ).select_related("produktgruppe")
    bestand = bestand_laden(produkte=produkte, jahre=[jahr], bis=stichtag)
    gruppen: dict[int, list[Produkt]] = defaultdict(list)
    for p in produkte:
        gruppen[p.produktgruppe_id].append(p)
    eingestellt = einstellungen()
    zeilen = []
    for mitglieder in sorted(gruppen.values(), key=lambda m: m[0].produktgruppe.nummer):
        ids = [p.pk for p in mitglieder]
        ansatz = bestand.zuschuss(ids, jahr, Art.ANSATZ)
        ist = bestand.zuschuss(ids, jahr, Art.IST)
        ist_tage = bestand.stichtage_von(ids, jahr, Art.IST)
        prognose = bestand.zuschuss(ids, jahr, Art.PROGNOSE)
        prognose_tage = [t for t in bestand.stichtage_von(ids, jahr, Art.PROGNOSE) if t]
        jahresende = date(jahr, 12, 31)
        aus_ist = (
            prognose is None and len(ist_tage) == len(ids) and all(t is not None and t >= jahresende for t in ist_tage)
        )
        if aus_ist:
            prognose, prognose_tage = ist, [t for t in ist_tage if t]
        abw = abweichung(prognose, ansatz)
        ist_daten = [t for t in ist_tage if t]
        zeilen.append(
            FinanzberichtZeile(
                produktgruppe=mitglieder[0].produktgruppe,
                ansatz=ansatz,
                fortgeschriebener_ansatz=bestand.zuschuss(ids, jahr, Art.FORTGESCHRIEBENER_ANSATZ),
                ist=ist,
                ist_stichtag=max(ist_daten) if ist_daten else None,
                prognose=prognose,
                prognose_stichtag=max(prognose_tage) if prognose_tage else None,
                prognose_ist_jahresende=aus_ist,
                abweichung=abw.absolut,
                abweichung_prozent=abw.prozent,
                erklaerung_noetig=kennwerte.erklaerung_noetig(
                    ansatz=ansatz,
                    prognose=prognose,
                    schwelle_prozent=eingestellt.schwelle_prozent,
                    schwelle_betrag=eingestellt.schwelle_betrag,
                ),
            )
        )
    return zeilen


def geld_zum_ziel(*, user, ziel) -> Finanzdatenblatt | None:
    """The money beside a Produktgruppenziel or Produktziel: its Produktgruppe's or Produkt's sheet of the goal's year.

    None where the user may not read that money (no permission, or none of its Produkte is in
    the user's units) or the goal names no Produktgruppe or Produkt.
    """
    if not user.has_perm("haushalt.view_haushaltsposition"):
        return None
    if getattr(ziel, "produkt_id", None):
        ebene, nummer = Ebene.PRODUKT, ziel.produkt.nummer
    elif getattr(ziel, "produktgruppe_id", None):
        ebene, nummer = Ebene.PRODUKTGRUPPE, ziel.produktgruppe.nummer
    else:
        return None
    try:
        return finanzdatenblatt(user=user, ebene=ebene, nummer=nummer, jahr=ziel.jahr)
    except NichtGefunden:
        return None
