"""Demo values 2025-T1 … 2026-T2 for the demo Kennzahlen (and yearly/monthly ones by their rhythm).

Deterministic: each value is derived from the Kennzahl's own Soll and a target Zielerreichungsgrad
taken from a checksum of its code and period (no randomness), so every run gives the same rows.
A sum collected per tertial gets its period's share of the year's Soll, so it is judged on the
year to date like every real one (steuerung.periodenbewertung); an average carries its Fallzahl.
Idempotent: keyed by (Kennzahl, Periode); a row is written only when something differs.
Two Kennzahlen are red in 2026 and carry Begründung and Gegensteuerung; one has a Sorgenampel;
one 2026-T2 value is left out so the dashboard shows an overdue entry. The Beratene Haushalte
carry the figures of the issue "Kennzahlen II" (656, 660 and an early 420 for 2026-T3: 86,80 %
of the year's Soll so far, not a ZEG of −335 % against a pro-rated baseline).
"""

from __future__ import annotations

import zlib
from collections import defaultdict
from datetime import date
from decimal import Decimal

from core.money import runden
from core.periods import Periode, perioden_im_jahr
from core.periods import periode as periode_aus
from steuerung import bewertung as bw
from steuerung.auswertung import steckbrief_von
from steuerung.messarten import MITTELWERT, Periodenwert
from steuerung.models import Kennzahl, Messwert
from steuerung.periodenbewertung import periode_bewerten, soll_der_periode, unterjaehrige_summe

BIS = date(2026, 8, 31)  # end of 2026-T2, the last closed tertial of the demo
ZEG_MUSTER = (Decimal("104"), Decimal("96"), Decimal("112"), Decimal("101"), Decimal("88"))
ROT_ZEG = Decimal("62")
ROTE = {"K 1", "K 3"}  # red in 2026
SORGE = "K 2"  # Sorgenampel in 2026-T2
FEHLT = "K 9"  # no value for 2026-T2: overdue
# Values given as they are: the example of the issue "Kennzahlen II" (Beratene Haushalte mit Wohnproblemen).
FESTE_WERTE = {
    ("K 6", "2026-T1"): Decimal("656"),
    ("K 6", "2026-T2"): Decimal("660"),
    ("K 6", "2026-T3"): Decimal("420"),
}
BEGRUENDUNG = (
    "Die Fallzahlen entwickeln sich ungünstiger als geplant: mehr Neuanträge als erwartet "
    "und längere Bearbeitungszeiten wegen unbesetzter Stellen."
)
GEGENSTEUERUNG = "Zusätzliche Fallkonferenzen, Nachbesetzung der Stellen und Beratung vor Antragstellung ausbauen."


def _pruef(*teile: str) -> int:
    return zlib.crc32("|".join(teile).encode())


def _ist(k: Kennzahl, periode: Periode, zeg: Decimal) -> Decimal | None:
    """The value that gives `zeg`: a sub-annual sum against its period's share of the year's Soll
    (so the year to date lands near `zeg` too), everything else against the interpolated Soll."""
    if unterjaehrige_summe(messart=k.messart, rhythmus=k.erhebungsrhythmus):
        soll = soll_der_periode(steckbrief=steckbrief_von(k), periode=periode, sollwerte={})
        wert = bw.wert_bei_zeg(zeg=zeg, soll=soll, ausgangswert=None, richtung=k.richtung)
    else:
        soll = bw.soll_fuer(
            stichtag=periode.ende,
            sollwert=None,
            ausgangswert=k.ausgangswert,
            ausgangsjahr=k.ausgangsjahr,
            zielwert=k.zielwert,
            zieljahr=k.zieljahr,
        )
        wert = bw.wert_bei_zeg(zeg=zeg, soll=soll, ausgangswert=k.ausgangswert, richtung=k.richtung)
    if wert is None:
        return None
    ganzzahlig = all(v is None or v == v.to_integral_value() for v in (k.ausgangswert, k.zielwert))
    return runden(wert, 0 if ganzzahlig and k.messart != MITTELWERT else 2)


def _fallzahl(k: Kennzahl, periode: Periode) -> Decimal | None:
    """Cases an average was taken over (decided Wohngeld applications per tertial), for the weighted year."""
    return Decimal(280 + _pruef(k.code, periode.schluessel, "faelle") % 60) if k.messart == MITTELWERT else None


def _sichern(k: Kennzahl, periode: Periode, felder: dict) -> None:
    m = Messwert.objects.filter(kennzahl=k, periode=periode.schluessel).first()
    if m is None:
        Messwert.objects.create(kennzahl=k, periode=periode.schluessel, periode_ende=periode.ende, revision=1, **felder)
        return
    geaendert = [f for f, v in felder.items() if getattr(m, f) != v]
    if geaendert:
        for f in geaendert:
            setattr(m, f, felder[f])
        m.revision += 1
        m.save()


def _erklaerung_noetig(k: Kennzahl, periode: Periode, reihe: dict[str, Periodenwert]) -> bool:
    """The engine's explanation duty for the planned series (same rules as steuerung.auswertung)."""
    bewertet = periode_bewerten(steckbrief=steckbrief_von(k), periode=periode, werte=reihe, sollwerte={})
    wert = reihe[periode.schluessel].wert
    vorjahr = reihe.get(periode.vorjahresperiode().schluessel)
    return bw.erklaerung_noetig(
        ampel=bewertet.ampel,
        abweichung_vorjahr_prozent=bw.abweichung(wert, vorjahr.wert if vorjahr else None).prozent,
        schwelle_prozent=k.schwelle_abweichung_prozent,
    )


def _perioden(k: Kennzahl) -> list[Periode]:
    perioden = [p for p in perioden_im_jahr(k.jahr, k.erhebungsrhythmus) if p.ende <= BIS]
    perioden += [periode_aus(s) for c, s in FESTE_WERTE if c == k.code and periode_aus(s).ende > BIS]
    return [p for p in perioden if p.jahr == k.jahr]


def laden() -> None:
    """Steps: compute every value first, then decide the explanation duty with the engine, then save."""
    kennzahlen = list(
        Kennzahl.objects.filter(jahr__in=(2025, 2026)).select_related("verantwortlich").order_by("jahr", "code")
    )
    # One series per Kennzahl code and unit across the years' copies, as steuerung.reihen reads it.
    reihen: dict[tuple[str, int], dict[str, Periodenwert]] = defaultdict(dict)
    plan = []
    for k in kennzahlen:
        for periode in _perioden(k):
            if k.jahr == 2026 and k.code == FEHLT and periode.schluessel == "2026-T2":
                continue
            wert = FESTE_WERTE.get((k.code, periode.schluessel))
            if wert is None:
                zeg = ROT_ZEG if k.jahr == 2026 and k.code in ROTE else ZEG_MUSTER[_pruef(k.code) % len(ZEG_MUSTER)]
                zeg += Decimal(_pruef(k.code, periode.schluessel) % 7 - 3)
                wert = _ist(k, periode, zeg)
            if wert is None:
                continue
            fallzahl = _fallzahl(k, periode)
            reihen[(k.code, k.organisationseinheit_id)][periode.schluessel] = Periodenwert(
                ende=periode.ende, wert=wert, fallzahl=fallzahl
            )
            plan.append((k, periode, wert, fallzahl))
    for k, periode, wert, fallzahl in plan:
        erklaeren = _erklaerung_noetig(k, periode, reihen[(k.code, k.organisationseinheit_id)])
        sorgenampel = k.jahr == 2026 and k.code == SORGE and periode.schluessel == "2026-T2"
        _sichern(
            k,
            periode,
            {
                "wert": wert,
                "fallzahl": fallzahl,
                "kommentar": "Auswertung aus dem Fachverfahren zum Periodenende.",
                "erfasst_von": k.verantwortlich,
                "begruendung": BEGRUENDUNG if erklaeren else "",
                "gegensteuerung_was": GEGENSTEUERUNG if erklaeren else "",
                "gegensteuerung_wer": "Abteilungsleitung" if erklaeren else "",
                "gegensteuerung_bis": date(2026, 12, 31) if erklaeren else None,
                "sorgenampel": sorgenampel,
                "sorgenampel_grund": (
                    "Zwei Träger haben Kündigungen angekündigt; die Zahlen zeigen das noch nicht."
                    if sorgenampel
                    else ""
                ),
            },
        )
