"""The SMART check of a goal: pure functions over plain data (no ORM), German findings.

Every failed criterion becomes one German sentence, so the Zielsystem-Check page, the API
and reports show the same wording. Warnings (e.g. Output-only Kennzahlen) do not make a goal
fail, they point at a weak goal design.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from core.money import format_de
from steuerung.bewertung import Richtung

OUTPUT = "output"
# Default plausibility bound: yearly change of a Kennzahl's target in percent of its baseline.
PLAUSIBILITAETSGRENZE = Decimal("20")


@dataclass(frozen=True)
class KennzahlDaten:
    """What the check needs to know about one Kennzahl."""

    bezeichnung: str
    einheit: str = ""
    datenquelle: str = ""
    richtung: str = Richtung.STEIGEND
    ausgangswert: Decimal | None = None
    ausgangsjahr: int | None = None
    zielwert: Decimal | None = None
    zieljahr: int | None = None
    wirkungsebene: str = "outcome"
    verantwortlich: bool = True
    vertretung: bool = True


@dataclass(frozen=True)
class ZielDaten:
    """What the check needs to know about one goal or Maßnahme."""

    typ: str
    titel: str
    zielgruppe: str = ""
    sozialraum: str = ""
    verantwortlich: bool = True
    begruendung_plausibilitaet: str = ""
    kennzahlen: Sequence[KennzahlDaten] = field(default_factory=tuple)
    # For a Maßnahme: whether it hangs below a Produktziel or Teilziel (and so below a Leitziel).
    hat_leitziel: bool = True


@dataclass(frozen=True)
class SmartErgebnis:
    maengel: tuple[str, ...]
    warnungen: tuple[str, ...] = ()

    @property
    def erfuellt(self) -> bool:
        return not self.maengel


def jaehrliche_veraenderung(
    ausgangswert: Decimal, zielwert: Decimal, ausgangsjahr: int | None, zieljahr: int | None
) -> Decimal | None:
    """Average yearly change from baseline to target in percent of the baseline.

    None when the baseline is zero (a relative change is undefined: it always needs a reason).
    """
    if ausgangswert == 0:
        return None
    jahre = max(1, (zieljahr or 0) - (ausgangsjahr or 0)) if zieljahr and ausgangsjahr else 1
    return abs(zielwert - ausgangswert) / abs(ausgangswert) * Decimal(100) / Decimal(jahre)


def _kennzahl_maengel(k: KennzahlDaten, *, begruendet: bool, grenze: Decimal) -> list[str]:
    vor = f"Kennzahl „{k.bezeichnung}“: "
    maengel: list[str] = []
    # M: measurable only with a unit and a data source.
    if not k.einheit.strip():
        maengel.append(vor + "Keine Einheit angegeben (nicht messbar)")
    if not k.datenquelle.strip():
        maengel.append(vor + "Keine Datenquelle angegeben (nicht messbar)")
    # A: baseline and a target that moves in the stated direction.
    if k.ausgangswert is None:
        maengel.append(vor + "Kein Ausgangswert (Erreichbarkeit nicht beurteilbar)")
    if k.zielwert is None:
        maengel.append(vor + "Kein Zielwert (Erreichbarkeit nicht beurteilbar)")
    if k.ausgangswert is not None and k.zielwert is not None:
        if (k.richtung == Richtung.STEIGEND and k.zielwert <= k.ausgangswert) or (
            k.richtung == Richtung.FALLEND and k.zielwert >= k.ausgangswert
        ):
            maengel.append(vor + "Zielwert liegt nicht in Zielrichtung")
        # R: a plausible yearly change, or a written justification.
        elif not begruendet:
            aenderung = jaehrliche_veraenderung(k.ausgangswert, k.zielwert, k.ausgangsjahr, k.zieljahr)
            if aenderung is None:
                maengel.append(vor + "Ausgangswert 0: Veränderung ohne Begründung nicht plausibel (nicht realistisch)")
            elif aenderung > grenze:
                maengel.append(
                    vor + f"Jährliche Veränderung von {format_de(aenderung, 1)} % liegt über der "
                    f"Plausibilitätsgrenze von {format_de(grenze, 0)} % und ist nicht begründet (nicht realistisch)"
                )
    # T: a target year not before the baseline year.
    if k.zieljahr is None:
        maengel.append(vor + "Kein Zieljahr (nicht terminiert)")
    elif k.ausgangsjahr is not None and k.zieljahr < k.ausgangsjahr:
        maengel.append(vor + "Zieljahr liegt vor dem Basisjahr (nicht terminiert)")
    if k.ausgangswert is not None and k.ausgangsjahr is None:
        maengel.append(vor + "Kein Basisjahr zum Ausgangswert (nicht terminiert)")
    if not k.verantwortlich:
        maengel.append(vor + "Keine verantwortliche Person benannt")
    if not k.vertretung:
        maengel.append(vor + "Keine Vertretung benannt")
    return maengel


def pruefe_ziel(ziel: ZielDaten, *, grenze: Decimal = PLAUSIBILITAETSGRENZE) -> SmartErgebnis:
    """Every failed SMART criterion of one goal as a German sentence, plus warnings."""
    maengel: list[str] = []
    warnungen: list[str] = []
    # S: a goal text and who it is for (a target group or a Sozialraum).
    if not ziel.titel.strip():
        maengel.append("Kein Zieltext (nicht spezifisch)")
    if not ziel.zielgruppe.strip() and not ziel.sozialraum.strip():
        maengel.append("Keine Zielgruppe und kein Sozialraum benannt (nicht spezifisch)")
    if not ziel.verantwortlich:
        maengel.append("Keine verantwortliche Person benannt")
    if ziel.typ == "massnahme" and not ziel.hat_leitziel:
        maengel.append("Maßnahme ist keinem Leitziel zugeordnet (hängt an keinem Produkt- oder Teilziel)")
    if not ziel.kennzahlen:
        maengel.append("Keine Kennzahl zugeordnet (nicht messbar)")
    begruendet = bool(ziel.begruendung_plausibilitaet.strip())
    for kennzahl in ziel.kennzahlen:
        maengel.extend(_kennzahl_maengel(kennzahl, begruendet=begruendet, grenze=grenze))
    if ziel.typ == "produktgruppenziel" and ziel.kennzahlen and all(k.wirkungsebene == OUTPUT for k in ziel.kennzahlen):
        warnungen.append("Alle Kennzahlen messen nur Output: die Wirkung des Ziels wird nicht gemessen")
    return SmartErgebnis(maengel=tuple(maengel), warnungen=tuple(warnungen))
