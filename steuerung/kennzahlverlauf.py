"""The chart series of one Kennzahl: Ist, Soll and the green corridor per period over the years."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from core.periods import Periode, perioden_im_jahr
from steuerung import bewertung as bw
from steuerung.auswertung import steckbrief_von
from steuerung.models import Kennzahl
from steuerung.periodenbewertung import soll_der_periode, soll_kumuliert, unterjaehrige_summe
from steuerung.reihen import reihen_laden


@dataclass
class Verlaufspunkt:
    """One period of the chart: its own Ist, Soll and corridor; for a sub-annual sum also the year to date.

    `ist_kumuliert` is None when a period of the year up to this one has no value (no honest sum);
    the cumulative fields are None for every other Kennzahl.
    """

    periode: Periode
    ist: Decimal | None
    soll: Decimal | None
    korridor_unten: Decimal | None
    korridor_oben: Decimal | None
    ist_kumuliert: Decimal | None = None
    soll_kumuliert: Decimal | None = None
    korridor_kumuliert_unten: Decimal | None = None
    korridor_kumuliert_oben: Decimal | None = None


def _korridor(
    kennzahl: Kennzahl, soll: Decimal | None, ausgangswert: Decimal | None
) -> tuple[Decimal | None, Decimal | None]:
    """The values at the ZEG of "überwiegend" and "überplanmäßig": the green-to-yellow band of the chart."""
    grenzen = [
        bw.wert_bei_zeg(zeg=z, soll=soll, ausgangswert=ausgangswert, richtung=kennzahl.richtung)
        for z in (kennzahl.schwelle_ueberwiegend, kennzahl.schwelle_ueberplanmaessig)
    ]
    werte = [g for g in grenzen if g is not None]
    return (min(werte), max(werte)) if werte else (None, None)


def kennzahl_verlauf(*, kennzahl: Kennzahl, bis: Periode, jahre: int = 2) -> list[Verlaufspunkt]:
    """Ist and Soll per period of the Kennzahl's rhythm over the last `jahre` years up to `bis`.

    A sub-annual sum gets its period's own Soll (explicit, else its months' share of the year's
    Soll) and a plain-ratio corridor, plus the year to date (running Σ, Soll kumuliert) by which
    it is judged; no baseline is pro-rated.
    """
    reihe = reihen_laden([kennzahl])[kennzahl.pk]
    steckbrief = steckbrief_von(kennzahl)
    kumuliert = unterjaehrige_summe(messart=kennzahl.messart, rhythmus=kennzahl.erhebungsrhythmus)
    punkte = []
    for j in range(bis.jahr - jahre + 1, bis.jahr + 1):
        summe: Decimal | None = Decimal(0)
        for p in perioden_im_jahr(j, kennzahl.erhebungsrhythmus):
            if p.ende > bis.ende:
                continue
            ist = reihe.wert(p.schluessel)
            if not kumuliert:
                soll = bw.soll_fuer(
                    stichtag=p.ende,
                    sollwert=reihe.sollwerte.get(p.schluessel),
                    ausgangswert=kennzahl.ausgangswert,
                    ausgangsjahr=kennzahl.ausgangsjahr,
                    zielwert=kennzahl.zielwert,
                    zieljahr=kennzahl.zieljahr,
                )
                punkte.append(Verlaufspunkt(p, ist, soll, *_korridor(kennzahl, soll, kennzahl.ausgangswert)))
                continue
            soll = soll_der_periode(steckbrief=steckbrief, periode=p, sollwerte=reihe.sollwerte)
            soll_kum = soll_kumuliert(steckbrief=steckbrief, periode=p, sollwerte=reihe.sollwerte)
            summe = None if summe is None or ist is None else summe + ist
            punkte.append(
                Verlaufspunkt(
                    p,
                    ist,
                    soll,
                    *_korridor(kennzahl, soll, None),
                    ist_kumuliert=summe,
                    soll_kumuliert=soll_kum,
                    korridor_kumuliert_unten=_korridor(kennzahl, soll_kum, None)[0],
                    korridor_kumuliert_oben=_korridor(kennzahl, soll_kum, None)[1],
                )
            )
    return punkte
