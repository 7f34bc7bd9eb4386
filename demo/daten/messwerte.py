"""Demo values 2025-T1 … 2026-T2 for the demo Kennzahlen (and yearly/monthly ones by their rhythm).

Deterministic: each value is derived from the Kennzahl's own Soll and a target Zielerreichungsgrad
taken from a checksum of its code and period (no randomness), so every run gives the same rows.
Idempotent: keyed by (Kennzahl, Periode); a row is written only when something differs.
A few Kennzahlen are red in 2026 and carry Begründung and Gegensteuerung; one has a Sorgenampel;
one 2026-T2 value is left out so the dashboard shows an overdue entry.
"""

from __future__ import annotations

import zlib
from datetime import date
from decimal import Decimal

from core.money import runden
from core.periods import perioden_im_jahr
from steuerung import bewertung as bw
from steuerung.auswertung import jahreswerte_anteilig
from steuerung.models import Kennzahl, Messwert

BIS = date(2026, 8, 31)  # end of 2026-T2, the last closed tertial of the demo
ZEG_MUSTER = (Decimal("104"), Decimal("96"), Decimal("112"), Decimal("101"), Decimal("88"))
ROT_ZEG = Decimal("62")
BEGRUENDUNG = (
    "Die Fallzahlen entwickeln sich ungünstiger als geplant: mehr Neuanträge nach Pflegegradhöherstufungen "
    "und längere Bearbeitungszeiten wegen unbesetzter Stellen."
)
GEGENSTEUERUNG = "Zusätzliche Fallkonferenzen, Nachbesetzung der Stellen und Beratung vor Antragstellung ausbauen."


def _pruef(*teile: str) -> int:
    return zlib.crc32("|".join(teile).encode())


def _ist(k: Kennzahl, periode, zeg: Decimal) -> Decimal | None:
    ausgangswert, zielwert = jahreswerte_anteilig(k, periode)
    soll = bw.soll_fuer(
        stichtag=periode.ende,
        sollwert=None,
        ausgangswert=ausgangswert,
        ausgangsjahr=k.ausgangsjahr,
        zielwert=zielwert,
        zieljahr=k.zieljahr,
    )
    wert = bw.wert_bei_zeg(zeg=zeg, soll=soll, ausgangswert=ausgangswert, richtung=k.richtung)
    if wert is None:
        return None
    ganzzahlig = all(v is None or v == v.to_integral_value() for v in (k.ausgangswert, k.zielwert))
    return runden(wert, 0 if ganzzahlig else 2)


def _sichern(k: Kennzahl, periode, felder: dict) -> None:
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


def _erklaerung_noetig(k: Kennzahl, periode, wert: Decimal, vorjahr: Decimal | None) -> bool:
    ausgangswert, zielwert = jahreswerte_anteilig(k, periode)
    st = bw.status(
        ist=wert,
        stichtag=periode.ende,
        sollwert=None,
        ausgangswert=ausgangswert,
        ausgangsjahr=k.ausgangsjahr,
        zielwert=zielwert,
        zieljahr=k.zieljahr,
        richtung=k.richtung,
        schwellen=bw.Schwellen(
            k.schwelle_ueberplanmaessig, k.schwelle_zur_gaenze, k.schwelle_ueberwiegend, k.schwelle_teilweise
        ),
    )
    return bw.erklaerung_noetig(
        ampel=st.ampel,
        abweichung_vorjahr_prozent=bw.abweichung(wert, vorjahr).prozent,
        schwelle_prozent=k.schwelle_abweichung_prozent,
    )


def laden() -> None:
    """Steps: compute every value first, then decide the explanation duty with the engine, then save."""
    kennzahlen = list(
        Kennzahl.objects.filter(jahr__in=(2025, 2026)).select_related("verantwortlich").order_by("jahr", "code")
    )
    codes_2026 = sorted({k.code for k in kennzahlen if k.jahr == 2026 and k.code and k.erhebungsrhythmus == "tertial"})
    rote = set(codes_2026[0:1] + codes_2026[2:3])  # two Kennzahlen turn red in 2026
    sorge = codes_2026[1] if len(codes_2026) > 1 else None
    fehlt = codes_2026[-1] if len(codes_2026) > 3 else None
    werte: dict[tuple[str, int, str], Decimal] = {}
    plan = []
    for k in kennzahlen:
        for periode in perioden_im_jahr(k.jahr, k.erhebungsrhythmus):
            if periode.ende > BIS:
                continue
            if k.jahr == 2026 and k.code == fehlt and periode.schluessel == "2026-T2":
                continue
            zeg = ROT_ZEG if k.jahr == 2026 and k.code in rote else ZEG_MUSTER[_pruef(k.code) % len(ZEG_MUSTER)]
            zeg += Decimal(_pruef(k.code, periode.schluessel) % 7 - 3)
            wert = _ist(k, periode, zeg)
            if wert is None:
                continue
            werte[(k.code, k.organisationseinheit_id, periode.schluessel)] = wert
            plan.append((k, periode, wert))
    for k, periode, wert in plan:
        vorjahr = werte.get((k.code, k.organisationseinheit_id, periode.vorjahresperiode().schluessel))
        erklaeren = _erklaerung_noetig(k, periode, wert, vorjahr)
        sorgenampel = k.jahr == 2026 and k.code == sorge and periode.schluessel == "2026-T2"
        _sichern(
            k,
            periode,
            {
                "wert": wert,
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
