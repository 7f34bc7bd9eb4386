"""The evaluation of one Kennzahl for one period: the engine's verdict plus entry completeness.

Evaluations read preloaded series (steuerung.reihen), so a page evaluates any number of
Kennzahlen with a constant number of queries; the pure status engine judges in Python. Built on
these: the dashboard (steuerung.dashboard), the chart series (steuerung.kennzahlverlauf) and the
entry rows (steuerung.erfassungszeilen).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.periods import Periode, Rhythmus, monat
from core.periods import jahr as jahr_periode
from core.zwischenspeicher import zwischenspeicher
from steuerung import bewertung as bw
from steuerung import bewertung_text as bt
from steuerung.fristen import erfassungsfrist
from steuerung.models import Kennzahl, Messwert
from steuerung.periodenbewertung import Steckbrief, periode_bewerten
from steuerung.prognose import VORJAHRE_SAISONAL, Prognose
from steuerung.reihen import Reihe, reihen_laden

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


def periode_fuer_rhythmus(rhythmus: str, tertial: Periode) -> tuple[Periode, bool]:
    """The period a Kennzahl of `rhythmus` reports for a tertial, and whether it is due then.

    Monthly Kennzahlen report the tertial's last month; yearly ones the year, due in Tertial 3.
    """
    if rhythmus == Rhythmus.MONAT:
        return monat(tertial.jahr, tertial.ende.month), True
    if rhythmus == Rhythmus.JAHR:
        return jahr_periode(tertial.jahr), tertial.ende.month == 12
    return tertial, True


def auswertungen_im_tertial(
    kennzahlen: list[Kennzahl], tertial: Periode, *, heute: date | None = None
) -> dict[int, Auswertung]:
    """Each Kennzahl evaluated for the period its rhythm reports in the tertial (constant queries)."""
    rhythmen = (Rhythmus.JAHR, Rhythmus.TERTIAL, Rhythmus.MONAT)
    perioden = {periode_fuer_rhythmus(r, tertial)[0].schluessel for r in rhythmen}
    reihen = reihen_laden(kennzahlen, perioden=perioden, ab_jahr=tertial.jahr - VORJAHRE_SAISONAL)
    ergebnis = {}
    with zwischenspeicher():  # the deadlines once, not per Kennzahl
        for k in kennzahlen:
            p, faellig = periode_fuer_rhythmus(k.erhebungsrhythmus, tertial)
            ergebnis[k.pk] = auswerten(k, p, reihen[k.pk], heute=heute, faellig=faellig)
    return ergebnis
