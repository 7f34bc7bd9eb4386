"""Areas of one ebene compared within the city: the composite Sozialraum-Index and one indicator against the mean."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from sozialraum import index as idx
from sozialraum.models import Indikator, Indikatorwert, Raum
from sozialraum.selectors import (
    Zelle,
    einwohner_im_jahr,
    ist_ratssicht,
    mindesteinwohner,
    raeume_fuer,
    sichtbare_raum_ids,
    zelle,
)


@dataclass(frozen=True)
class IndexAnsicht:
    jahr: int
    ebene: str
    methode: str
    schwelle: Decimal
    anzahl: int | None
    ergebnis: idx.Indexergebnis
    raeume: dict[int, Raum]
    einwohner: dict[int, int | None]
    indikatoren: list[Indikator]


def sozialraumindex_berechnen(
    *,
    user,
    jahr: int,
    ebene: str,
    methode: str = idx.METHODE_Z,
    schwelle: Decimal = Decimal("1.0"),
    anzahl: int | None = None,
) -> IndexAnsicht:
    """The composite index over all areas of the ebene; rows the user may not see are dropped.

    It is computed over every area so all roles see the same numbers; for the Rat the
    excluded small areas are not listed at all.
    """
    alle = {r.id: r for r in Raum.objects.filter(ebene=ebene).select_related("eltern")}
    einwohner = einwohner_im_jahr(raum_ids=alle.keys(), jahr=jahr)
    werte: dict[int, dict[int, Decimal]] = defaultdict(dict)
    for raum_id, indikator_id, wert in Indikatorwert.objects.filter(raum_id__in=alle.keys(), jahr=jahr).values_list(
        "raum_id", "indikator_id", "wert"
    ):
        werte[raum_id][indikator_id] = wert
    indikatoren = list(Indikator.objects.filter(gewicht__gt=0))
    ergebnis = idx.sozialraumindex(
        raeume=[idx.RaumEingabe(r.id, r.name, einwohner[r.id], werte.get(r.id, {})) for r in alle.values()],
        indikatoren=[idx.IndikatorEingabe(i.id, i.richtung, i.gewicht) for i in indikatoren],
        methode=methode,
        mindesteinwohner=mindesteinwohner(),
        schwelle=schwelle,
        anzahl=anzahl,
    )
    if ist_ratssicht(user):
        sichtbar = sichtbare_raum_ids(user=user)
        ergebnis = idx.Indexergebnis(
            methode=ergebnis.methode,
            raeume=[z for z in ergebnis.raeume if z.raum in sichtbar],
            ausgeschlossen=[
                a
                for a in ergebnis.ausgeschlossen
                if a.raum in sichtbar and a.grund not in (idx.GRUND_ZU_KLEIN, idx.GRUND_EINWOHNER_UNBEKANNT)
            ],
            mittelwerte=ergebnis.mittelwerte,
            standardabweichungen=ergebnis.standardabweichungen,
        )
    return IndexAnsicht(jahr, ebene, methode, schwelle, anzahl, ergebnis, alle, einwohner, indikatoren)


@dataclass(frozen=True)
class Vergleichszeile:
    raum: Raum
    einwohner: int | None
    zelle: Zelle
    abweichung: Decimal | None
    abweichung_prozent: Decimal | None
    handlungsbedarf: bool | None = None
    rang: int | None = None


@dataclass(frozen=True)
class Raumvergleich:
    jahr: int
    ebene: str
    indikator: Indikator | None  # None = the composite index
    zeilen: list[Vergleichszeile]
    mittelwert: Decimal | None
    hinweis_unterdrueckt: bool


def raumvergleich(*, user, jahr: int, ebene: str, indikator: Indikator | None) -> Raumvergleich:
    """Each visible area of the ebene against the mean of the shown values (the whole).

    Suppressed cells are left out of the mean, so it cannot be used to recover them.
    """
    raeume = list(raeume_fuer(user=user).filter(ebene=ebene).order_by("name"))
    einwohner = einwohner_im_jahr(raum_ids=[r.id for r in raeume], jahr=jahr)
    index_zeilen: dict[int, idx.IndexZeile] = {}
    if indikator is None:
        ansicht = sozialraumindex_berechnen(user=user, jahr=jahr, ebene=ebene)
        index_zeilen = {z.raum: z for z in ansicht.ergebnis.raeume}
        zellen = {r.id: Zelle(index_zeilen[r.id].index if r.id in index_zeilen else None) for r in raeume}
    else:
        roh = dict(
            Indikatorwert.objects.filter(indikator=indikator, jahr=jahr, raum__in=raeume).values_list("raum_id", "wert")
        )
        zellen = {r.id: zelle(wert=roh.get(r.id), indikator=indikator, user=user) for r in raeume}
    vorhanden = [z.wert for z in zellen.values() if z.wert is not None]
    mittel = idx.mittelwert(vorhanden) if vorhanden else None
    zeilen = []
    for r in raeume:
        z = zellen[r.id]
        abw = z.wert - mittel if z.wert is not None and mittel is not None else None
        proz = abw * 100 / mittel if abw is not None and mittel else None
        iz = index_zeilen.get(r.id)
        zeilen.append(
            Vergleichszeile(
                r, einwohner[r.id], z, abw, proz, iz.handlungsbedarf if iz else None, iz.rang if iz else None
            )
        )
    return Raumvergleich(jahr, ebene, indikator, zeilen, mittel, any(z.unterdrueckt for z in zellen.values()))
