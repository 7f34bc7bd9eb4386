"""Reads of the tertial report: series of Kennzahlen, the evaluation of one Kennzahl, entry rows.

Everything is loaded with a constant number of queries (Kennzahlen, their series of Messwerte
and Sollwerte) and evaluated in Python by the pure status engine, so the query count does not
grow with the number of Kennzahlen. The dashboard built from these evaluations: steuerung.dashboard.

A Kennzahl's series spans years: the Zielmatrix of each year holds its own copy of a Kennzahl
(same code and unit), so earlier values are looked up on those copies too.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.periods import Periode, Rhythmus, monat, perioden_im_jahr
from core.periods import jahr as jahr_periode
from core.sortierung import natuerlich
from organisation.selectors import fuer_benutzer
from steuerung import bewertung as bw
from steuerung import bewertung_text as bt
from steuerung.messarten import Periodenwert
from steuerung.models import Kennzahl, Messwert, Sollwert
from steuerung.periodenbewertung import (
    Steckbrief,
    periode_bewerten,
    soll_der_periode,
    soll_kumuliert,
    unterjaehrige_summe,
)
from steuerung.prognose import VORJAHRE_SAISONAL, Prognose

ERKLAERUNGSFELDER = {
    "begruendung": _("Begründung"),
    "gegensteuerung_was": _("Gegensteuerungsmaßnahme (was)"),
    "gegensteuerung_wer": _("Gegensteuerung verantwortlich (wer)"),
    "gegensteuerung_bis": _("Gegensteuerung bis (wann)"),
}


class Erfassungsstatus:
    VOLLSTAENDIG = "vollstaendig"
    ENTWURF = "entwurf"
    FEHLT = "fehlt"
    # No value, but a reason why it is missing ("Statistik liegt erst im März vor"): not overdue.
    BEGRUENDET_FEHLEND = "begruendet_fehlend"
    NICHT_FAELLIG = "nicht_faellig"


ERFASSUNGSSTATUS_TEXT = {
    Erfassungsstatus.VOLLSTAENDIG: _("vollständig"),
    Erfassungsstatus.ENTWURF: _("Entwurf (unvollständig)"),
    Erfassungsstatus.FEHLT: _("fehlt"),
    Erfassungsstatus.BEGRUENDET_FEHLEND: _("begründet fehlend"),
    Erfassungsstatus.NICHT_FAELLIG: _("noch nicht fällig"),
}


def erfassungsfrist(periode: Periode) -> date:
    """Last day to enter a period's values; afterwards missing values are "überfällig"."""
    return periode.ende + timedelta(days=settings.ERFASSUNGSFRIST_TAGE)


def schwellen_von(kennzahl: Kennzahl) -> bw.Schwellen:
    return bw.Schwellen(
        ueberplanmaessig=kennzahl.schwelle_ueberplanmaessig,
        zur_gaenze=kennzahl.schwelle_zur_gaenze,
        ueberwiegend=kennzahl.schwelle_ueberwiegend,
        teilweise=kennzahl.schwelle_teilweise,
    )


def steckbrief_von(kennzahl: Kennzahl) -> Steckbrief:
    """The part of a Kennzahl's profile the pure rules (steuerung.periodenbewertung) need."""
    return Steckbrief(
        messart=kennzahl.messart,
        richtung=kennzahl.richtung,
        ausgangswert=kennzahl.ausgangswert,
        ausgangsjahr=kennzahl.ausgangsjahr,
        zielwert=kennzahl.zielwert,
        zieljahr=kennzahl.zieljahr,
        schwellen=schwellen_von(kennzahl),
        skalierung=Decimal(kennzahl.skalierung),
    )


@dataclass
class Reihe:
    """Values and Sollwerte of a Kennzahl (and its copies of other years) keyed by period.

    `werte` holds the Stichtag, value and counts of every loaded period; `messwerte` the full rows,
    which the dashboard loads only for the periods it evaluates (a city has hundreds of thousands
    of rows, and only the evaluated period needs comments and explanations).
    """

    messwerte: dict[str, Messwert] = field(default_factory=dict)
    werte: dict[str, Periodenwert] = field(default_factory=dict)
    sollwerte: dict[str, Decimal] = field(default_factory=dict)

    def einsetzen(self, m: Messwert) -> None:
        self.messwerte[m.periode] = m
        self.werte[m.periode] = _periodenwert(m.periode_ende, m.wert, m.zaehler, m.nenner, m.fallzahl)

    def wert(self, schluessel: str) -> Decimal | None:
        w = self.werte.get(schluessel)
        return w.wert if w else None


def _periodenwert(
    ende: date, wert: Decimal | None, zaehler: Decimal | None, nenner: Decimal | None, fallzahl: Decimal | None
) -> Periodenwert:
    return Periodenwert(ende=ende, wert=wert, zaehler=zaehler, nenner=nenner, fallzahl=fallzahl)


@dataclass
class Auswertung:
    """The engine's verdict on one Kennzahl and period, plus entry completeness.

    `ist` is the stored value (what was entered); ZEG, Bewertung and Ampel come from
    steuerung.periodenbewertung: for a sub-annual `summe` (`kumuliert`) they judge the year to
    date (`ist_kumuliert` against `soll_kumuliert`), the period's own `soll` stays visible.
    `prognose_*` judge the preferred forecast against the Soll at 31.12. (None without forecast).
    """

    kennzahl: Kennzahl
    periode: Periode
    messwert: Messwert | None
    ist: Decimal | None
    soll: Decimal | None
    zielerreichungsgrad: Decimal | None
    bewertung: bw.Bewertung
    ampel: bw.Ampel
    vorperiode: Periode
    vorperiode_wert: Decimal | None
    abweichung_vorperiode: bw.Abweichung
    vorjahr: Periode
    vorjahr_wert: Decimal | None
    abweichung_vorjahr: bw.Abweichung
    prognosen: list[Prognose]
    erklaerung_noetig: bool
    fehlende_angaben: list[str]
    erfassungsstatus: str
    frist: date
    ueberfaellig: bool
    faellig: bool = True
    kumuliert: bool = False
    ist_kumuliert: Decimal | None = None
    soll_kumuliert: Decimal | None = None
    fehlende_perioden: tuple[Periode, ...] = ()
    jahreswert: Decimal | None = None
    soll_jahresende: Decimal | None = None
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

    @property
    def fehlt_begruendung(self) -> str:
        """Why the value is missing, as entered ("" when there is a value or no reason)."""
        return self.messwert.fehlt_begruendung if self.messwert else ""

    @property
    def begruendet_fehlend(self) -> bool:
        return self.erfassungsstatus == Erfassungsstatus.BEGRUENDET_FEHLEND

    @property
    def vollstaendig(self) -> bool:
        return self.erfassungsstatus == Erfassungsstatus.VOLLSTAENDIG

    @property
    def sorgenampel(self) -> bool:
        return bool(self.messwert and self.messwert.sorgenampel)

    @property
    def ueberfaellig_seit(self) -> date:
        """The first day after the Frist (the Frist is the last day to enter the value)."""
        return self.frist + timedelta(days=1)

    @property
    def zeg_text(self) -> str:
        """The ZEG as pages say it ("entgegen der Zielrichtung" below 0, "über 200 %" above 200)."""
        return bt.zeg_text(self.zielerreichungsgrad)

    @property
    def prognose_zeg_text(self) -> str:
        return bt.zeg_text(self.prognose_zielerreichungsgrad)

    @property
    def bewertung_text(self) -> str:
        """The Bewertung's label; `keine_daten` of a sub-annual sum names the missing periods."""
        return bt.bewertung_text(self.bewertung, fehlende_perioden=self.fehlende_perioden)

    @property
    def prognose_bewertung_text(self) -> str:
        return str(self.prognose_bewertung.label) if self.prognose_bewertung else ""

    @property
    def prognose_ampel_text(self) -> str:
        return str(self.prognose_ampel.label) if self.prognose_ampel else ""

    @property
    def prognose_ampel_symbol(self) -> str:
        return bw.AMPEL_SYMBOL[self.prognose_ampel] if self.prognose_ampel else ""

    @property
    def ampel_text(self) -> str:
        return str(self.ampel.label)

    @property
    def ampel_symbol(self) -> str:
        return bw.AMPEL_SYMBOL[self.ampel]

    @property
    def erfassungsstatus_text(self) -> str:
        return str(ERFASSUNGSSTATUS_TEXT[self.erfassungsstatus])

    def gruende(self, *, mit_prognose: bool = False) -> list[str]:
        """Why the Kennzahl needs attention, one text per rule that fired (steuerung.bewertung_text);
        with `mit_prognose` also a red forecast ("Jahresziel gefährdet")."""
        m = self.messwert
        return bt.gruende(
            self,
            sorgenampel_grund=m.sorgenampel_grund if m is not None and m.sorgenampel else None,
            verstrichene_frist=self.frist if self.ueberfaellig else None,
            mit_prognose=mit_prognose,
        )


def _reihen_key(k: Kennzahl) -> tuple[str, int] | int:
    return (k.code, k.organisationseinheit_id) if k.code else k.pk


def _key(kennzahl_id: int, code: str, oe_id: int) -> tuple[str, int] | int:
    return (code, oe_id) if code else kennzahl_id


def reihen_laden(
    kennzahlen: Iterable[Kennzahl], *, perioden: Iterable[str] | None = None, ab_jahr: int | None = None
) -> dict[int, Reihe]:
    """Series for the given Kennzahlen with a constant number of queries.

    A Kennzahl's own rows win over its copies'. With `perioden`, full Messwert rows are loaded
    only for those period keys and plain (Stichtag, value) pairs for the rest; `ab_jahr` drops
    values of earlier years. Both keep the dashboard of a city from loading every row it has.
    """
    kennzahlen = list(kennzahlen)
    ids = [k.pk for k in kennzahlen]
    codes = {k.code for k in kennzahlen if k.code}
    if not ids:
        return {}
    bedingung = Q(kennzahl_id__in=ids) | Q(kennzahl__code__in=codes) if codes else Q(kennzahl_id__in=ids)
    messwerte = Messwert.objects.filter(bedingung)
    if ab_jahr is not None:
        messwerte = messwerte.filter(periode_ende__gte=date(ab_jahr, 1, 1))
    kennung = {"k_code": F("kennzahl__code"), "k_oe": F("kennzahl__organisationseinheit_id")}

    werte_je_schluessel: dict[Any, list[tuple[int, str, Periodenwert]]] = defaultdict(list)
    voll_je_schluessel: dict[Any, list[tuple[int, Messwert]]] = defaultdict(list)
    if perioden is None:
        for m in messwerte.annotate(**kennung).select_related("erfasst_von").order_by("periode_ende"):
            voll_je_schluessel[_key(m.kennzahl_id, m.k_code, m.k_oe)].append((m.kennzahl_id, m))
    else:
        zeilen = messwerte.values_list(
            "kennzahl_id",
            "kennzahl__code",
            "kennzahl__organisationseinheit_id",
            "periode",
            "periode_ende",
            "wert",
            "zaehler",
            "nenner",
            "fallzahl",
        )
        for kid, code, oe, periode, ende, *zahlen in zeilen.order_by("periode_ende").iterator(chunk_size=20_000):
            werte_je_schluessel[_key(kid, code, oe)].append((kid, periode, _periodenwert(ende, *zahlen)))
        for m in messwerte.filter(periode__in=list(perioden)).annotate(**kennung).select_related("erfasst_von"):
            voll_je_schluessel[_key(m.kennzahl_id, m.k_code, m.k_oe)].append((m.kennzahl_id, m))

    soll_je_schluessel: dict[Any, list[tuple[int, Sollwert]]] = defaultdict(list)
    for s in Sollwert.objects.filter(bedingung).annotate(**kennung):
        soll_je_schluessel[_key(s.kennzahl_id, s.k_code, s.k_oe)].append((s.kennzahl_id, s))
    ergebnis: dict[int, Reihe] = {}
    for k in kennzahlen:
        reihe = Reihe()
        key = _reihen_key(k)
        # Copies first, then the Kennzahl's own rows, so its own values override.
        for _kid, periode, wert in sorted(werte_je_schluessel.get(key, []), key=lambda e: e[0] == k.pk):
            reihe.werte[periode] = wert
        for _kid, m in sorted(voll_je_schluessel.get(key, []), key=lambda e: e[0] == k.pk):
            reihe.einsetzen(m)
        for _kid, s in sorted(soll_je_schluessel.get(key, []), key=lambda e: e[0] == k.pk):
            reihe.sollwerte[s.periode] = s.wert
        ergebnis[k.pk] = reihe
    return ergebnis


def auswerten(
    kennzahl: Kennzahl, periode: Periode, reihe: Reihe, *, heute: date | None = None, faellig: bool = True
) -> Auswertung:
    """Evaluate one Kennzahl for one period from its preloaded series (no queries).

    Steps: the pure rules judge the period (steuerung.periodenbewertung: year to date for a
    sub-annual sum, forecast judged against 31.12.); deviations to the previous period and year
    stay per period; then the explanation duty and the entry status.
    """
    heute = heute or timezone.localdate()
    messwert = reihe.messwerte.get(periode.schluessel)
    ist = messwert.wert if messwert else None
    pb = periode_bewerten(
        steckbrief=steckbrief_von(kennzahl), periode=periode, werte=reihe.werte, sollwerte=reihe.sollwerte
    )
    vorperiode, vorjahr = periode.vorperiode(), periode.vorjahresperiode()
    vp_wert, vj_wert = reihe.wert(vorperiode.schluessel), reihe.wert(vorjahr.schluessel)
    abw_vj = bw.abweichung(ist, vj_wert)
    noetig = ist is not None and bw.erklaerung_noetig(
        ampel=pb.ampel, abweichung_vorjahr_prozent=abw_vj.prozent, schwelle_prozent=kennzahl.schwelle_abweichung_prozent
    )
    fehlend = [str(text) for feld, text in ERKLAERUNGSFELDER.items() if noetig and not getattr(messwert, feld)]
    if ist is None and messwert is not None and messwert.fehlt_begruendung:
        erfassung = Erfassungsstatus.BEGRUENDET_FEHLEND
    elif not faellig and ist is None:
        erfassung = Erfassungsstatus.NICHT_FAELLIG
    elif ist is None:
        erfassung = Erfassungsstatus.ENTWURF if messwert else Erfassungsstatus.FEHLT
    else:
        erfassung = Erfassungsstatus.ENTWURF if fehlend else Erfassungsstatus.VOLLSTAENDIG
    frist = erfassungsfrist(periode)
    return Auswertung(
        kennzahl=kennzahl,
        periode=periode,
        messwert=messwert,
        ist=ist,
        soll=pb.soll,
        zielerreichungsgrad=pb.zielerreichungsgrad,
        bewertung=pb.bewertung,
        ampel=pb.ampel,
        vorperiode=vorperiode,
        vorperiode_wert=vp_wert,
        abweichung_vorperiode=bw.abweichung(ist, vp_wert),
        vorjahr=vorjahr,
        vorjahr_wert=vj_wert,
        abweichung_vorjahr=abw_vj,
        prognosen=list(pb.prognosen),
        erklaerung_noetig=noetig,
        fehlende_angaben=fehlend,
        erfassungsstatus=erfassung,
        frist=frist,
        ueberfaellig=faellig and erfassung in (Erfassungsstatus.FEHLT, Erfassungsstatus.ENTWURF) and heute > frist,
        faellig=faellig,
        kumuliert=pb.kumuliert,
        ist_kumuliert=pb.ist_kumuliert,
        soll_kumuliert=pb.soll_kumuliert,
        fehlende_perioden=pb.fehlende_perioden,
        jahreswert=pb.jahreswert,
        soll_jahresende=pb.soll_jahresende,
        prognose_zielerreichungsgrad=pb.prognose_zielerreichungsgrad,
        prognose_bewertung=pb.prognose_bewertung,
        prognose_ampel=pb.prognose_ampel,
    )


def kennzahl_auswertung(*, kennzahl: Kennzahl, periode: Periode) -> Auswertung:
    return auswerten(kennzahl, periode, reihen_laden([kennzahl])[kennzahl.pk])


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


def periode_fuer_rhythmus(rhythmus: str, tertial: Periode) -> tuple[Periode, bool]:
    """The period a Kennzahl of `rhythmus` reports for a tertial, and whether it is due then.

    Monthly Kennzahlen report the tertial's last month; yearly ones the year, due in Tertial 3.
    """
    if rhythmus == Rhythmus.MONAT:
        return monat(tertial.jahr, tertial.ende.month), True
    if rhythmus == Rhythmus.JAHR:
        return jahr_periode(tertial.jahr), tertial.ende.month == 12
    return tertial, True


def erfassung_zeilen(*, organisationseinheit_id: int, periode: Periode, user) -> list[Auswertung]:
    """All Kennzahlen of a unit that take values in the period's rhythm, evaluated for the entry form."""
    kennzahlen = sorted(
        fuer_benutzer(
            Kennzahl.objects.filter(
                organisationseinheit_id=organisationseinheit_id,
                jahr=periode.jahr,
                erhebungsrhythmus=periode.rhythmus,
            ).select_related("organisationseinheit"),
            user,
        ).order_by("code", "bezeichnung", "pk"),
        key=lambda k: (natuerlich(k.code), natuerlich(k.bezeichnung)),
    )
    reihen = reihen_laden(kennzahlen)
    return [auswerten(k, periode, reihen[k.pk]) for k in kennzahlen]


def auswertungen_im_tertial(
    kennzahlen: list[Kennzahl], tertial: Periode, *, heute: date | None = None
) -> dict[int, Auswertung]:
    """Each Kennzahl evaluated for the period its rhythm reports in the tertial (constant queries)."""
    rhythmen = (Rhythmus.JAHR, Rhythmus.TERTIAL, Rhythmus.MONAT)
    perioden = {periode_fuer_rhythmus(r, tertial)[0].schluessel for r in rhythmen}
    reihen = reihen_laden(kennzahlen, perioden=perioden, ab_jahr=tertial.jahr - VORJAHRE_SAISONAL)
    ergebnis = {}
    for k in kennzahlen:
        p, faellig = periode_fuer_rhythmus(k.erhebungsrhythmus, tertial)
        ergebnis[k.pk] = auswerten(k, p, reihen[k.pk], heute=heute, faellig=faellig)
    return ergebnis
