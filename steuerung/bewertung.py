"""The status engine: pure functions over Decimal (no ORM), the contract for UI, API and reports.

Steps for one Kennzahl and period (issue "Tertialberichte I"):
1. `soll_fuer`: explicit Sollwert, else linear interpolation by days between the baseline
   (31.12. of the Basisjahr) and the target (31.12. of the Zieljahr); after the Zieljahr the Zielwert.
2. `zielerreichungsgrad`: ZEG in %, two decimals, ROUND_HALF_UP.
3. `bewertung_fuer`: five levels (Austrian federal Wirkungscontrolling) with per-Kennzahl thresholds.
4. `ampel_fuer`: traffic light of a Bewertung.
5. `abweichung`: to the previous period and to the same period a year earlier.
7. `verdichten`: roll-up of a goal (worst Ampel or share-weighted mean), naming the cause.
The forecast (step 6) lives in steuerung.prognose.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.money import runden

HUNDERT = Decimal("100")


class Richtung(models.TextChoices):
    """Which way a value is better; the one definition, also the choices of Kennzahl.richtung."""

    STEIGEND = "steigend", _("steigend (höher ist besser)")
    FALLEND = "fallend", _("fallend (niedriger ist besser)")


class Bewertung(models.TextChoices):
    UEBERPLANMAESSIG = "ueberplanmaessig", _("überplanmäßig erreicht")
    ZUR_GAENZE = "zur_gaenze", _("zur Gänze erreicht")
    UEBERWIEGEND = "ueberwiegend", _("überwiegend erreicht")
    TEILWEISE = "teilweise", _("teilweise erreicht")
    NICHT = "nicht", _("nicht erreicht")
    KEINE_DATEN = "keine_daten", _("keine Daten")


class Ampel(models.TextChoices):
    GRUEN = "gruen", _("grün")
    GELB = "gelb", _("gelb")
    ROT = "rot", _("rot")
    GRAU = "grau", _("grau (keine Daten)")


class Verfahren(models.TextChoices):
    SCHLECHTESTE = "schlechteste", _("schlechteste Ampel")
    GEWICHTET = "gewichtet", _("gewichteter Mittelwert")


AMPEL_SYMBOL = {Ampel.GRUEN: "✔", Ampel.GELB: "!", Ampel.ROT: "✖", Ampel.GRAU: "–"}

# Worse Ampeln sort first; grau (no data) never outranks a measured light in the roll-up.
_SCHWERE = {Ampel.ROT: 3, Ampel.GELB: 2, Ampel.GRUEN: 1, Ampel.GRAU: 0}
# Points for the share-weighted mean and the limits that turn the mean back into an Ampel.
_PUNKTE = {Ampel.GRUEN: Decimal(3), Ampel.GELB: Decimal(2), Ampel.ROT: Decimal(1)}
_GRENZE_GRUEN = Decimal("2.5")
_GRENZE_GELB = Decimal("1.5")


@dataclass(frozen=True)
class Schwellen:
    """ZEG thresholds in % (defaults as in the issue); configurable per Kennzahl."""

    ueberplanmaessig: Decimal = Decimal("110")
    zur_gaenze: Decimal = Decimal("100")
    ueberwiegend: Decimal = Decimal("80")
    teilweise: Decimal = Decimal("50")


def _jahresende(jahr: int) -> date:
    return date(jahr, 12, 31)


def soll_interpoliert(
    *,
    stichtag: date,
    ausgangswert: Decimal | None,
    ausgangsjahr: int | None,
    zielwert: Decimal | None,
    zieljahr: int | None,
) -> Decimal | None:
    """Linear interpolation by days, rounded to two decimals; None without a target.

    Without a baseline there is nothing to interpolate from, so the Zielwert applies throughout.
    Before the baseline date the Ausgangswert applies.
    """
    if zielwert is None or zieljahr is None:
        return None
    ziel_tag = _jahresende(zieljahr)
    if stichtag >= ziel_tag or ausgangswert is None or ausgangsjahr is None:
        return runden(zielwert, 2)
    basis_tag = _jahresende(ausgangsjahr)
    if stichtag <= basis_tag:
        return runden(ausgangswert, 2)
    anteil = Decimal((stichtag - basis_tag).days) / Decimal((ziel_tag - basis_tag).days)
    return runden(ausgangswert + (zielwert - ausgangswert) * anteil, 2)


def soll_fuer(
    *,
    stichtag: date,
    sollwert: Decimal | None,
    ausgangswert: Decimal | None,
    ausgangsjahr: int | None,
    zielwert: Decimal | None,
    zieljahr: int | None,
) -> Decimal | None:
    """The explicit Sollwert of the period if set, otherwise the interpolated one."""
    if sollwert is not None:
        return sollwert
    return soll_interpoliert(
        stichtag=stichtag, ausgangswert=ausgangswert, ausgangsjahr=ausgangsjahr, zielwert=zielwert, zieljahr=zieljahr
    )


def _erreicht(ist: Decimal, soll: Decimal, richtung: str) -> bool:
    """Whether `ist` is at or beyond `soll` in the stated direction."""
    return ist >= soll if richtung == Richtung.STEIGEND else ist <= soll


def _ohne_ausgangswert(ist: Decimal, soll: Decimal, richtung: str) -> Decimal:
    zaehler, nenner = (ist, soll) if richtung == Richtung.STEIGEND else (soll, ist)
    if nenner == 0:
        # A ratio against zero is undefined: reaching the target counts as 100 %, missing it as 0 %.
        return HUNDERT if _erreicht(ist, soll, richtung) else Decimal(0)
    return zaehler / nenner * HUNDERT


def vom_ausgangswert(*, soll: Decimal | None, ausgangswert: Decimal | None) -> bool:
    """Whether the ZEG is the distance covered from the Ausgangswert: (Ist − A) ÷ (Soll − A)."""
    return ausgangswert is not None and soll is not None and soll != ausgangswert


def zielerreichungsgrad(
    *, ist: Decimal | None, soll: Decimal | None, ausgangswert: Decimal | None, richtung: str
) -> Decimal | None:
    """ZEG in % with two decimals (ROUND_HALF_UP); None without Ist or Soll."""
    if ist is None or soll is None:
        return None
    if vom_ausgangswert(soll=soll, ausgangswert=ausgangswert):
        return runden((ist - ausgangswert) / (soll - ausgangswert) * HUNDERT, 2)
    if ausgangswert is not None and _erreicht(ist, soll, richtung):
        return runden(HUNDERT, 2)  # hold the level: reached
    return runden(_ohne_ausgangswert(ist, soll, richtung), 2)


def bewertung_fuer(zeg: Decimal | None, schwellen: Schwellen | None = None) -> Bewertung:
    s = schwellen or Schwellen()
    if zeg is None:
        return Bewertung.KEINE_DATEN
    if zeg > s.ueberplanmaessig:
        return Bewertung.UEBERPLANMAESSIG
    if zeg >= s.zur_gaenze:
        return Bewertung.ZUR_GAENZE
    if zeg >= s.ueberwiegend:
        return Bewertung.UEBERWIEGEND
    if zeg >= s.teilweise:
        return Bewertung.TEILWEISE
    return Bewertung.NICHT


_AMPEL_JE_BEWERTUNG = {
    Bewertung.UEBERPLANMAESSIG: Ampel.GRUEN,
    Bewertung.ZUR_GAENZE: Ampel.GRUEN,
    Bewertung.UEBERWIEGEND: Ampel.GELB,
    Bewertung.TEILWEISE: Ampel.ROT,
    Bewertung.NICHT: Ampel.ROT,
    Bewertung.KEINE_DATEN: Ampel.GRAU,
}


def ampel_fuer(bewertung: str) -> Ampel:
    return _AMPEL_JE_BEWERTUNG[Bewertung(bewertung)]


@dataclass(frozen=True)
class Abweichung:
    absolut: Decimal | None
    prozent: Decimal | None


def abweichung(ist: Decimal | None, frueher: Decimal | None) -> Abweichung:
    """Deviation to an earlier value: absolute, and in % of the earlier value (one decimal).

    Both are None when a value is missing; the percentage is None when the earlier value is 0.
    A negative earlier value is taken by its magnitude so the sign still means "higher than before".
    """
    if ist is None or frueher is None:
        return Abweichung(None, None)
    differenz = ist - frueher
    prozent = None if frueher == 0 else runden(differenz / abs(frueher) * HUNDERT, 1)
    return Abweichung(differenz, prozent)


def erklaerung_noetig(*, ampel: str, abweichung_vorjahr_prozent: Decimal | None, schwelle_prozent: Decimal) -> bool:
    """Begründung and Gegensteuerung are required for a red light or a large deviation to last year."""
    if ampel == Ampel.ROT:
        return True
    return abweichung_vorjahr_prozent is not None and abs(abweichung_vorjahr_prozent) > schwelle_prozent


def wert_bei_zeg(*, zeg: Decimal, soll: Decimal | None, ausgangswert: Decimal | None, richtung: str) -> Decimal | None:
    """The Ist that would give a ZEG (inverse of `zielerreichungsgrad`), for the corridor band of charts."""
    if soll is None:
        return None
    if ausgangswert is not None and soll != ausgangswert:
        return runden(ausgangswert + (soll - ausgangswert) * zeg / HUNDERT, 4)
    if richtung == Richtung.STEIGEND:
        return runden(soll * zeg / HUNDERT, 4)
    if zeg == 0:
        return None
    return runden(soll * HUNDERT / zeg, 4)


@dataclass(frozen=True)
class Baustein:
    """One input to a goal's roll-up: a Kennzahl or a child goal, with its own cause."""

    ampel: str
    ursache: Hashable | None = None
    gewicht: Decimal = Decimal(1)


@dataclass(frozen=True)
class Verdichtung:
    ampel: Ampel
    ursache: Hashable | None  # the Kennzahl (key) that determines the Ampel; None when all grey


def _schlimmster(bausteine: Sequence[Baustein]) -> Baustein:
    # Stable: among equally bad inputs the heavier one, then the first, is named as the cause.
    return max(bausteine, key=lambda b: (_SCHWERE[Ampel(b.ampel)], b.gewicht))


def verdichten(bausteine: Sequence[Baustein], *, verfahren: str = Verfahren.SCHLECHTESTE) -> Verdichtung:
    """Roll up the Ampeln of a goal's Kennzahlen and child goals.

    `schlechteste`: the worst measured Ampel wins. `gewichtet`: the mean of points
    (grün 3, gelb 2, rot 1) weighted by each input's share of the total weight; >= 2.5 grün,
    >= 1.5 gelb, else rot; the cause is the worst (then heaviest) input. Grey inputs (no data)
    are ignored unless every input is grey.
    """
    gemessen = [b for b in bausteine if b.ampel != Ampel.GRAU]
    if not gemessen:
        return Verdichtung(Ampel.GRAU, None)
    schlimmster = _schlimmster(gemessen)
    if verfahren == Verfahren.SCHLECHTESTE:
        return Verdichtung(Ampel(schlimmster.ampel), schlimmster.ursache)
    summe_gewichte = sum((b.gewicht for b in gemessen), Decimal(0))
    if summe_gewichte <= 0:
        return Verdichtung(Ampel(schlimmster.ampel), schlimmster.ursache)
    mittel = sum((_PUNKTE[Ampel(b.ampel)] * b.gewicht for b in gemessen), Decimal(0)) / summe_gewichte
    if mittel >= _GRENZE_GRUEN:
        ampel = Ampel.GRUEN
    elif mittel >= _GRENZE_GELB:
        ampel = Ampel.GELB
    else:
        ampel = Ampel.ROT
    return Verdichtung(ampel, schlimmster.ursache)


@dataclass(frozen=True)
class Status:
    """Everything the engine says about one Kennzahl and period."""

    ist: Decimal | None
    soll: Decimal | None
    zielerreichungsgrad: Decimal | None
    bewertung: Bewertung
    ampel: Ampel


def status(
    *,
    ist: Decimal | None,
    stichtag: date,
    sollwert: Decimal | None,
    ausgangswert: Decimal | None,
    ausgangsjahr: int | None,
    zielwert: Decimal | None,
    zieljahr: int | None,
    richtung: str,
    schwellen: Schwellen | None = None,
) -> Status:
    soll = soll_fuer(
        stichtag=stichtag,
        sollwert=sollwert,
        ausgangswert=ausgangswert,
        ausgangsjahr=ausgangsjahr,
        zielwert=zielwert,
        zieljahr=zieljahr,
    )
    zeg = zielerreichungsgrad(ist=ist, soll=soll, ausgangswert=ausgangswert, richtung=richtung)
    bewertung = bewertung_fuer(zeg, schwellen)
    return Status(ist, soll, zeg, bewertung, ampel_fuer(bewertung))
