"""The profile of one area: its indicators against the mean of its ebene with trend, offers, linked measures."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch

from organisation.selectors import fuer_benutzer
from sozialraum import index as idx
from sozialraum.models import Angebot, Indikator, Indikatorwert, Raum
from sozialraum.selectors import Zelle, angebote_fuer, raeume_fuer, zelle
from steuerung.models import Kennzahl, Massnahme, Messwert


@dataclass(frozen=True)
class Steckbriefzeile:
    indikator: Indikator
    verlauf: list[tuple[int, Zelle]]
    jahr: int
    zelle: Zelle
    mittelwert: Decimal | None
    vorjahr: Zelle | None
    trend: str | None  # "steigend" | "fallend" | "gleich"
    trend_bewertung: str | None  # "besser" | "schlechter" | "gleich"


@dataclass(frozen=True)
class Steckbrief:
    raum: Raum
    einwohner_je_jahr: list[tuple[int, int]]
    zeilen: list[Steckbriefzeile]
    angebote: list[Angebot]
    massnahmen: list[Massnahme]
    kennzahlen: list[Kennzahl]
    kinder: list[Raum]
    jahr: int | None


def _trend(aktuell: Zelle, vorher: Zelle | None, richtung: str) -> tuple[str | None, str | None]:
    if vorher is None or aktuell.wert is None or vorher.wert is None:
        return None, None
    if aktuell.wert == vorher.wert:
        return "gleich", "gleich"
    steigt = aktuell.wert > vorher.wert
    besser = steigt == (richtung == idx.HOCH_IST_GUT)
    return ("steigend" if steigt else "fallend"), ("besser" if besser else "schlechter")


def steckbrief(*, user, raum: Raum) -> Steckbrief:
    """Profile of one (visible) area: indicators vs. the mean of its ebene with trend, offers,
    linked measures and Kennzahlen (unit-scoped), child areas.

    Steps: 1. values of this area, all years; 2. means per indicator and year over all areas
    of the same ebene; 3. trend of the latest two years. The mean is a computed reference,
    the same for every role: the Rat's suppression of small areas and cells changes what is
    shown (the area's own "< 5"), never the number it is compared with.
    """
    gleiche_ebene = Raum.objects.filter(ebene=raum.ebene).values("id")
    eigene: dict[int, dict[int, Decimal]] = defaultdict(dict)
    indikatoren: dict[int, Indikator] = {}
    for w in Indikatorwert.objects.filter(raum=raum).select_related("indikator"):
        eigene[w.indikator_id][w.jahr] = w.wert
        indikatoren[w.indikator_id] = w.indikator
    alle_werte: dict[tuple[int, int], list[Decimal]] = defaultdict(list)
    for ind_id, jahr, wert in Indikatorwert.objects.filter(
        raum__in=gleiche_ebene, indikator_id__in=indikatoren.keys()
    ).values_list("indikator_id", "jahr", "wert"):
        alle_werte[(ind_id, jahr)].append(wert)
    zeilen = []
    for ind in sorted(indikatoren.values(), key=lambda i: (i.bereich, i.bezeichnung)):
        verlauf = [(j, zelle(wert=w, indikator=ind, user=user)) for j, w in sorted(eigene[ind.id].items())]
        jahr, aktuell = verlauf[-1]
        vorher = verlauf[-2][1] if len(verlauf) > 1 else None
        werte = alle_werte.get((ind.id, jahr), [])
        trend, bewertung = _trend(aktuell, vorher, ind.richtung)
        zeilen.append(
            Steckbriefzeile(
                ind, verlauf, jahr, aktuell, idx.mittelwert(werte) if werte else None, vorher, trend, bewertung
            )
        )
    kennzahlen_qs = fuer_benutzer(Kennzahl.objects.all(), user)
    neueste_messwerte = Prefetch(
        "messwerte", queryset=Messwert.objects.order_by("-periode_ende"), to_attr="messwerte_neueste"
    )
    massnahmen = list(
        fuer_benutzer(raum.massnahmen.all(), user)
        .select_related("organisationseinheit")
        .prefetch_related(Prefetch("kennzahlen", queryset=kennzahlen_qs.prefetch_related(neueste_messwerte)))
        .order_by("jahr", "code")
    )
    kennzahlen = list(
        fuer_benutzer(raum.kennzahlen.all(), user)
        .select_related("organisationseinheit")
        .prefetch_related(neueste_messwerte)
        .order_by("jahr", "code")
    )
    return Steckbrief(
        raum=raum,
        einwohner_je_jahr=list(raum.einwohnerzahlen.order_by("jahr").values_list("jahr", "einwohner")),
        zeilen=zeilen,
        angebote=list(angebote_fuer(user=user).filter(raum=raum).order_by("art", "bezeichnung")),
        massnahmen=massnahmen,
        kennzahlen=kennzahlen,
        kinder=list(raeume_fuer(user=user).filter(eltern=raum).order_by("name")),
        jahr=max((z.jahr for z in zeilen), default=None),
    )
