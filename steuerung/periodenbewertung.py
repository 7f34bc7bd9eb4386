"""One Kennzahl judged for one period, the way it is collected (issue "Kennzahlen II"); pure, no ORM.

Steps of `periode_bewerten`:
1. the period's Ist (a rate from its counts, exact) and its own Soll;
2. a `summe` collected per tertial or month is judged on the year to date: Ist kumuliert (all of
   the year's periods up to this one must have a value, else `keine_daten` naming the missing
   ones) against Soll kumuliert (the explicit Sollwerte of those periods when all are set, else
   the year's Soll × elapsed months / 12), ZEG as a plain ratio without baseline interpolation;
   every other Kennzahl keeps the status engine's rules (steuerung.bewertung.status);
3. the forecast (steuerung.prognose; none without a value in the year), judged against the
   Soll at 31.12. by the same rule as the period: "does the year land on target?".

The caller loads the series once and passes it as `Periodenwert`s keyed by period key.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from core.money import runden
from core.periods import Periode, Rhythmus, perioden_im_jahr
from steuerung import bewertung as bw
from steuerung.messarten import SUMME, Periodenwert, ist_wert, ueber_perioden
from steuerung.prognose import VORJAHRE_SAISONAL, Prognose, jahresprognosen

MONATE_IM_JAHR = Decimal(12)


@dataclass(frozen=True)
class Steckbrief:
    """The part of a Kennzahl's profile the rules need (built from the model by the caller)."""

    messart: str
    richtung: str
    ausgangswert: Decimal | None = None
    ausgangsjahr: int | None = None
    zielwert: Decimal | None = None
    zieljahr: int | None = None
    schwellen: bw.Schwellen = field(default_factory=bw.Schwellen)
    skalierung: Decimal = Decimal(100)


@dataclass(frozen=True)
class Periodenbewertung:
    """Everything the rules say about one Kennzahl and period; None where a figure does not apply.

    `ist`/`soll` are the period's own figures. `ist_kumuliert`/`soll_kumuliert` exist only for a
    sub-annual `summe` (`kumuliert`), whose ZEG, Bewertung and Ampel they determine.
    `fehlende_perioden`: the year's periods up to this one without a value (sub-annual `summe`).
    `jahreswert`: the year so far by the Messart's rule (sum, latest stock, Σz/Σn, weighted mean).
    `soll_jahresende`: the Soll at 31.12., against which the preferred forecast is judged.
    """

    periode: Periode
    ist: Decimal | None
    soll: Decimal | None
    zielerreichungsgrad: Decimal | None
    bewertung: bw.Bewertung
    ampel: bw.Ampel
    kumuliert: bool = False
    ist_kumuliert: Decimal | None = None
    soll_kumuliert: Decimal | None = None
    fehlende_perioden: tuple[Periode, ...] = ()
    jahreswert: Decimal | None = None
    soll_jahresende: Decimal | None = None
    prognosen: tuple[Prognose, ...] = ()
    prognose_zielerreichungsgrad: Decimal | None = None
    prognose_bewertung: bw.Bewertung | None = None
    prognose_ampel: bw.Ampel | None = None

    @property
    def prognose(self) -> Prognose | None:
        return self.prognosen[0] if self.prognosen else None

    @property
    def jahresziel_gefaehrdet(self) -> bool:
        """The forecast lands in red: the dashboard's filter "Jahresziel gefährdet"."""
        return self.prognose_ampel == bw.Ampel.ROT


def unterjaehrige_summe(*, messart: str, rhythmus: str) -> bool:
    """Whether a Kennzahl is judged on the year to date: a `summe` collected per tertial or month."""
    return messart == SUMME and rhythmus != Rhythmus.JAHR


def _bis(periode: Periode) -> list[Periode]:
    """The Haushaltsjahr's periods of the same rhythm up to and including `periode`."""
    return [p for p in perioden_im_jahr(periode.jahr, periode.rhythmus) if p.ende <= periode.ende]


def soll_jahr(*, steckbrief: Steckbrief, jahr: int, sollwerte: Mapping[str, Decimal]) -> Decimal | None:
    """Rule 1 of the status engine at 31.12.: the year's explicit Sollwert, else the interpolated one.

    Baseline and target are taken as they are (annual figures), never pro-rated.
    """
    return bw.soll_fuer(
        stichtag=date(jahr, 12, 31),
        sollwert=sollwerte.get(f"{jahr:04d}"),
        ausgangswert=steckbrief.ausgangswert,
        ausgangsjahr=steckbrief.ausgangsjahr,
        zielwert=steckbrief.zielwert,
        zieljahr=steckbrief.zieljahr,
    )


def _anteilig(jahressoll: Decimal | None, monate: int) -> Decimal | None:
    return None if jahressoll is None else runden(jahressoll * Decimal(monate) / MONATE_IM_JAHR, 2)


def soll_kumuliert(*, steckbrief: Steckbrief, periode: Periode, sollwerte: Mapping[str, Decimal]) -> Decimal | None:
    """Σ of the explicit Sollwerte of the year's periods up to `periode` when all are set;
    otherwise the year's Soll × elapsed months / 12 (two decimals)."""
    perioden = _bis(periode)
    if all(p.schluessel in sollwerte for p in perioden):
        return sum((sollwerte[p.schluessel] for p in perioden), Decimal(0))
    return _anteilig(soll_jahr(steckbrief=steckbrief, jahr=periode.jahr, sollwerte=sollwerte), periode.ende.month)


def soll_der_periode(*, steckbrief: Steckbrief, periode: Periode, sollwerte: Mapping[str, Decimal]) -> Decimal | None:
    """A sub-annual sum's own Soll: its explicit Sollwert, else its months' share of the year's Soll."""
    if periode.schluessel in sollwerte:
        return sollwerte[periode.schluessel]
    monate = periode.ende.month - periode.beginn.month + 1
    return _anteilig(soll_jahr(steckbrief=steckbrief, jahr=periode.jahr, sollwerte=sollwerte), monate)


def soll_jahresende(
    *, steckbrief: Steckbrief, jahr: int, rhythmus: str, sollwerte: Mapping[str, Decimal]
) -> Decimal | None:
    """The Soll a forecast to 31.12. is judged against.

    A sub-annual `summe`: its Soll kumuliert at the year's last period (the year total). Every
    other Kennzahl: rule 1 at 31.12. with the Sollwert of the period that ends on 31.12.
    """
    letzte = perioden_im_jahr(jahr, rhythmus)[-1]
    if unterjaehrige_summe(messart=steckbrief.messart, rhythmus=rhythmus):
        return soll_kumuliert(steckbrief=steckbrief, periode=letzte, sollwerte=sollwerte)
    return bw.soll_fuer(
        stichtag=letzte.ende,
        sollwert=sollwerte.get(letzte.schluessel),
        ausgangswert=steckbrief.ausgangswert,
        ausgangsjahr=steckbrief.ausgangsjahr,
        zielwert=steckbrief.zielwert,
        zieljahr=steckbrief.zieljahr,
    )


def _ist(werte: Mapping[str, Periodenwert], schluessel: str, steckbrief: Steckbrief) -> Decimal | None:
    w = werte.get(schluessel)
    return None if w is None else ist_wert(w, messart=steckbrief.messart, skalierung=steckbrief.skalierung)


def prognosen_fuer(
    *, steckbrief: Steckbrief, periode: Periode, werte: Mapping[str, Periodenwert]
) -> tuple[Prognose, ...]:
    """The forecasts to 31.12. from the series up to `periode` (none without a value in its year)."""
    im_jahr = []
    for p in _bis(periode):
        wert = _ist(werte, p.schluessel, steckbrief)
        if wert is not None:
            im_jahr.append((p.ende.month, wert))
    vorjahre = []
    for j in range(periode.jahr - VORJAHRE_SAISONAL, periode.jahr):
        jahr_werte = [
            (p.ende.month, _ist(werte, p.schluessel, steckbrief)) for p in perioden_im_jahr(j, periode.rhythmus)
        ]
        if all(w is not None for _m, w in jahr_werte):
            vorjahre.append([(m, w) for m, w in jahr_werte if w is not None])
    letzte = []
    for w in werte.values():
        wert = ist_wert(w, messart=steckbrief.messart, skalierung=steckbrief.skalierung)
        if wert is not None and w.ende <= periode.ende:
            letzte.append((w.ende, wert))
    return tuple(
        jahresprognosen(
            messart=steckbrief.messart,
            jahr=periode.jahr,
            bis_monat=periode.ende.month,
            werte_im_jahr=im_jahr,
            vorjahre=vorjahre,
            letzte_werte=letzte,
        )
    )


def periode_bewerten(
    *,
    steckbrief: Steckbrief,
    periode: Periode,
    werte: Mapping[str, Periodenwert],
    sollwerte: Mapping[str, Decimal],
) -> Periodenbewertung:
    """Judge one Kennzahl for one period from its series (`werte`, `sollwerte` keyed by period key).

    `werte` may hold any years; the rules use this year up to `periode` and, for the seasonal
    forecast, up to five complete earlier years.
    """
    richtung, schwellen = steckbrief.richtung, steckbrief.schwellen
    ist = _ist(werte, periode.schluessel, steckbrief)
    bis = _bis(periode)
    im_jahr = [werte.get(p.schluessel) or Periodenwert(ende=p.ende, wert=None) for p in bis]
    jahreswert = ueber_perioden(im_jahr, messart=steckbrief.messart, skalierung=steckbrief.skalierung)
    kumuliert = unterjaehrige_summe(messart=steckbrief.messart, rhythmus=periode.rhythmus)
    ist_kum = soll_kum = None
    fehlend: tuple[Periode, ...] = ()
    if kumuliert:
        fehlend = tuple(p for p, w in zip(bis, im_jahr, strict=True) if w.wert is None)
        ist_kum = jahreswert
        soll_kum = soll_kumuliert(steckbrief=steckbrief, periode=periode, sollwerte=sollwerte)
        soll = soll_der_periode(steckbrief=steckbrief, periode=periode, sollwerte=sollwerte)
        # A plain ratio: interpolating from a baseline on pro-rated figures inflates every shortfall.
        zeg = bw.zielerreichungsgrad(ist=ist_kum, soll=soll_kum, ausgangswert=None, richtung=richtung)
    else:
        st = bw.status(
            ist=ist,
            stichtag=periode.ende,
            sollwert=sollwerte.get(periode.schluessel),
            ausgangswert=steckbrief.ausgangswert,
            ausgangsjahr=steckbrief.ausgangsjahr,
            zielwert=steckbrief.zielwert,
            zieljahr=steckbrief.zieljahr,
            richtung=richtung,
            schwellen=schwellen,
        )
        soll, zeg = st.soll, st.zielerreichungsgrad
    bewertung = bw.bewertung_fuer(zeg, schwellen)

    soll_ende = soll_jahresende(
        steckbrief=steckbrief, jahr=periode.jahr, rhythmus=periode.rhythmus, sollwerte=sollwerte
    )
    prognosen = prognosen_fuer(steckbrief=steckbrief, periode=periode, werte=werte)
    p_zeg = p_bewertung = p_ampel = None
    if prognosen:
        p_zeg = bw.zielerreichungsgrad(
            ist=prognosen[0].wert,
            soll=soll_ende,
            ausgangswert=None if kumuliert else steckbrief.ausgangswert,
            richtung=richtung,
        )
        p_bewertung = bw.bewertung_fuer(p_zeg, schwellen)
        p_ampel = bw.ampel_fuer(p_bewertung)
    return Periodenbewertung(
        periode=periode,
        ist=ist,
        soll=soll,
        zielerreichungsgrad=zeg,
        bewertung=bewertung,
        ampel=bw.ampel_fuer(bewertung),
        kumuliert=kumuliert,
        ist_kumuliert=ist_kum,
        soll_kumuliert=soll_kum,
        fehlende_perioden=fehlend,
        jahreswert=jahreswert,
        soll_jahresende=soll_ende,
        prognosen=prognosen,
        prognose_zielerreichungsgrad=p_zeg,
        prognose_bewertung=p_bewertung,
        prognose_ampel=p_ampel,
    )
