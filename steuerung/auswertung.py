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
from steuerung.models import Kennzahl, Messwert, Sollwert
from steuerung.prognose import Prognose, prognosen

VORJAHRE_SAISONAL = 5
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
    NICHT_FAELLIG = "nicht_faellig"


ERFASSUNGSSTATUS_TEXT = {
    Erfassungsstatus.VOLLSTAENDIG: _("vollständig"),
    Erfassungsstatus.ENTWURF: _("Entwurf (unvollständig)"),
    Erfassungsstatus.FEHLT: _("fehlt"),
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


def jahreswerte_anteilig(kennzahl: Kennzahl, periode: Periode) -> tuple[Decimal | None, Decimal | None]:
    """Baseline and target of a `summe` Kennzahl are annual sums; a tertial or month gets its share.

    Without this a tertial's sum would be compared with a whole year's target. Explicit
    Sollwerte per period still take precedence (they are used as given).
    """
    a, z = kennzahl.ausgangswert, kennzahl.zielwert
    if kennzahl.messart != "summe" or periode.rhythmus == Rhythmus.JAHR:
        return a, z
    anteil = Decimal(periode.ende.month - periode.beginn.month + 1) / Decimal(12)
    return (None if a is None else a * anteil), (None if z is None else z * anteil)


@dataclass
class Reihe:
    """Values and Sollwerte of a Kennzahl (and its copies of other years) keyed by period.

    `werte` holds (Stichtag, value) of every loaded period; `messwerte` the full rows, which the
    dashboard loads only for the periods it evaluates (a city has hundreds of thousands of rows,
    and only the evaluated period needs comments and explanations).
    """

    messwerte: dict[str, Messwert] = field(default_factory=dict)
    werte: dict[str, tuple[date, Decimal | None]] = field(default_factory=dict)
    sollwerte: dict[str, Decimal] = field(default_factory=dict)

    def einsetzen(self, m: Messwert) -> None:
        self.messwerte[m.periode] = m
        self.werte[m.periode] = (m.periode_ende, m.wert)

    def wert(self, schluessel: str) -> Decimal | None:
        w = self.werte.get(schluessel)
        return w[1] if w else None


@dataclass
class Auswertung:
    """The engine's verdict on one Kennzahl and period, plus entry completeness."""

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

    @property
    def prognose(self) -> Prognose | None:
        return self.prognosen[0] if self.prognosen else None

    @property
    def vollstaendig(self) -> bool:
        return self.erfassungsstatus == Erfassungsstatus.VOLLSTAENDIG

    @property
    def sorgenampel(self) -> bool:
        return bool(self.messwert and self.messwert.sorgenampel)

    @property
    def bewertung_text(self) -> str:
        return str(self.bewertung.label)

    @property
    def ampel_text(self) -> str:
        return str(self.ampel.label)

    @property
    def ampel_symbol(self) -> str:
        return bw.AMPEL_SYMBOL[self.ampel]

    @property
    def erfassungsstatus_text(self) -> str:
        return str(ERFASSUNGSSTATUS_TEXT[self.erfassungsstatus])


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

    werte_je_schluessel: dict[Any, list[tuple[int, str, date, Decimal | None]]] = defaultdict(list)
    voll_je_schluessel: dict[Any, list[tuple[int, Messwert]]] = defaultdict(list)
    if perioden is None:
        for m in messwerte.annotate(**kennung).select_related("erfasst_von").order_by("periode_ende"):
            voll_je_schluessel[_key(m.kennzahl_id, m.k_code, m.k_oe)].append((m.kennzahl_id, m))
    else:
        zeilen = messwerte.values_list(
            "kennzahl_id", "kennzahl__code", "kennzahl__organisationseinheit_id", "periode", "periode_ende", "wert"
        )
        for kid, code, oe, periode, ende, wert in zeilen.order_by("periode_ende").iterator(chunk_size=20_000):
            werte_je_schluessel[_key(kid, code, oe)].append((kid, periode, ende, wert))
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
        for _kid, periode, ende, wert in sorted(werte_je_schluessel.get(key, []), key=lambda e: e[0] == k.pk):
            reihe.werte[periode] = (ende, wert)
        for _kid, m in sorted(voll_je_schluessel.get(key, []), key=lambda e: e[0] == k.pk):
            reihe.einsetzen(m)
        for _kid, s in sorted(soll_je_schluessel.get(key, []), key=lambda e: e[0] == k.pk):
            reihe.sollwerte[s.periode] = s.wert
        ergebnis[k.pk] = reihe
    return ergebnis


def _prognosen(kennzahl: Kennzahl, periode: Periode, reihe: Reihe) -> list[Prognose]:
    rhythmus = kennzahl.erhebungsrhythmus
    im_jahr = [
        (p.ende.month, reihe.wert(p.schluessel))
        for p in perioden_im_jahr(periode.jahr, rhythmus)
        if p.ende <= periode.ende and reihe.wert(p.schluessel) is not None
    ]
    vorjahre = []
    for j in range(periode.jahr - VORJAHRE_SAISONAL, periode.jahr):
        werte = [(p.ende.month, reihe.wert(p.schluessel)) for p in perioden_im_jahr(j, rhythmus)]
        if all(w is not None for _m, w in werte):
            vorjahre.append(werte)
    letzte = [(ende, wert) for ende, wert in reihe.werte.values() if wert is not None and ende <= periode.ende]
    return prognosen(
        messart=kennzahl.messart,
        jahr=periode.jahr,
        bis_monat=periode.ende.month,
        werte_im_jahr=im_jahr,
        vorjahre=vorjahre,
        letzte_werte=letzte,
    )


def auswerten(
    kennzahl: Kennzahl, periode: Periode, reihe: Reihe, *, heute: date | None = None, faellig: bool = True
) -> Auswertung:
    """Evaluate one Kennzahl for one period from its preloaded series (no queries)."""
    heute = heute or timezone.localdate()
    messwert = reihe.messwerte.get(periode.schluessel)
    ist = messwert.wert if messwert else None
    ausgangswert, zielwert = jahreswerte_anteilig(kennzahl, periode)
    st = bw.status(
        ist=ist,
        stichtag=periode.ende,
        sollwert=reihe.sollwerte.get(periode.schluessel),
        ausgangswert=ausgangswert,
        ausgangsjahr=kennzahl.ausgangsjahr,
        zielwert=zielwert,
        zieljahr=kennzahl.zieljahr,
        richtung=kennzahl.richtung,
        schwellen=schwellen_von(kennzahl),
    )
    vorperiode, vorjahr = periode.vorperiode(), periode.vorjahresperiode()
    vp_wert, vj_wert = reihe.wert(vorperiode.schluessel), reihe.wert(vorjahr.schluessel)
    abw_vj = bw.abweichung(ist, vj_wert)
    noetig = ist is not None and bw.erklaerung_noetig(
        ampel=st.ampel, abweichung_vorjahr_prozent=abw_vj.prozent, schwelle_prozent=kennzahl.schwelle_abweichung_prozent
    )
    fehlend = [str(text) for feld, text in ERKLAERUNGSFELDER.items() if noetig and not getattr(messwert, feld)]
    if not faellig and ist is None:
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
        soll=st.soll,
        zielerreichungsgrad=st.zielerreichungsgrad,
        bewertung=st.bewertung,
        ampel=st.ampel,
        vorperiode=vorperiode,
        vorperiode_wert=vp_wert,
        abweichung_vorperiode=bw.abweichung(ist, vp_wert),
        vorjahr=vorjahr,
        vorjahr_wert=vj_wert,
        abweichung_vorjahr=abw_vj,
        prognosen=_prognosen(kennzahl, periode, reihe),
        erklaerung_noetig=noetig,
        fehlende_angaben=fehlend,
        erfassungsstatus=erfassung,
        frist=frist,
        ueberfaellig=faellig and erfassung in (Erfassungsstatus.FEHLT, Erfassungsstatus.ENTWURF) and heute > frist,
        faellig=faellig,
    )


def kennzahl_auswertung(*, kennzahl: Kennzahl, periode: Periode) -> Auswertung:
    return auswerten(kennzahl, periode, reihen_laden([kennzahl])[kennzahl.pk])


@dataclass
class Verlaufspunkt:
    periode: Periode
    ist: Decimal | None
    soll: Decimal | None
    korridor_unten: Decimal | None
    korridor_oben: Decimal | None


def kennzahl_verlauf(*, kennzahl: Kennzahl, bis: Periode, jahre: int = 2) -> list[Verlaufspunkt]:
    """Ist and Soll per period of the Kennzahl's rhythm over the last `jahre` years up to `bis`."""
    reihe = reihen_laden([kennzahl])[kennzahl.pk]
    punkte = []
    for j in range(bis.jahr - jahre + 1, bis.jahr + 1):
        for p in perioden_im_jahr(j, kennzahl.erhebungsrhythmus):
            if p.ende > bis.ende:
                continue
            ausgangswert, zielwert = jahreswerte_anteilig(kennzahl, p)
            soll = bw.soll_fuer(
                stichtag=p.ende,
                sollwert=reihe.sollwerte.get(p.schluessel),
                ausgangswert=ausgangswert,
                ausgangsjahr=kennzahl.ausgangsjahr,
                zielwert=zielwert,
                zieljahr=kennzahl.zieljahr,
            )
            grenzen = [
                bw.wert_bei_zeg(zeg=z, soll=soll, ausgangswert=ausgangswert, richtung=kennzahl.richtung)
                for z in (kennzahl.schwelle_ueberwiegend, kennzahl.schwelle_ueberplanmaessig)
            ]
            werte = [g for g in grenzen if g is not None]
            punkte.append(
                Verlaufspunkt(
                    p, reihe.wert(p.schluessel), soll, min(werte) if werte else None, max(werte) if werte else None
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
