"""The status engine read aloud: German texts for pages, reports and the dashboard (pure, no ORM).

A Zielerreichungsgrad far outside 0–200 % is a correct number but a misleading sentence, so
pages say what it means; the exact number stays in data tables and the API. A reason on the
attention list names the rule that fired, not just the colour it produced.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal
from typing import Protocol

from django.utils.translation import gettext as _

from core.money import format_de
from core.periods import Periode
from steuerung.bewertung import Ampel, Bewertung

ZEG_OBERGRENZE = Decimal(200)


class Bewertet(Protocol):
    """What a reason is read from: a `Periodenbewertung`, or an evaluation carrying the same fields."""

    zielerreichungsgrad: Decimal | None
    bewertung: str
    ampel: str
    kumuliert: bool
    prognose_zielerreichungsgrad: Decimal | None
    prognose_bewertung: str | None
    prognose_ampel: str | None


def zeg_text(zeg: Decimal | None) -> str:
    """ "62,00 %"; below 0 "entgegen der Zielrichtung"; above 200 "über 200 %"; "–" without a ZEG."""
    if zeg is None:
        return "–"
    if zeg < 0:
        return _("entgegen der Zielrichtung")
    if zeg > ZEG_OBERGRENZE:
        return _("über %(grenze)s %%") % {"grenze": format_de(ZEG_OBERGRENZE, 0)}
    return format_de(zeg, 2, "%")


def bewertung_text(bewertung: str, *, fehlende_perioden: Sequence[Periode] = ()) -> str:
    """The Bewertung's label; `keine_daten` names the periods whose values are missing."""
    text = str(Bewertung(bewertung).label)
    if bewertung == Bewertung.KEINE_DATEN and fehlende_perioden:
        return _("%(text)s: es fehlt %(perioden)s") % {
            "text": text,
            "perioden": ", ".join(p.bezeichnung for p in fehlende_perioden),
        }
    return text


def _zielerreichung(zeg: Decimal | None, bewertung: str, *, kumuliert: bool) -> str:
    werte = {"zeg": zeg_text(zeg), "bewertung": str(Bewertung(bewertung).label)}
    if kumuliert:
        return _("Zielerreichung im Jahr bis dahin %(zeg)s – %(bewertung)s") % werte
    return _("Zielerreichung %(zeg)s – %(bewertung)s") % werte


def gruende(
    ergebnis: Bewertet,
    *,
    sorgenampel_grund: str | None = None,
    verstrichene_frist: date | None = None,
    mit_prognose: bool = False,
) -> list[str]:
    """Why a Kennzahl needs attention, one text per rule that fired; empty when none did.

    - a red Ampel: "Zielerreichung 62,00 % – teilweise erreicht" (year to date for a sub-annual sum);
    - a Sorgenampel (`sorgenampel_grund` not None): "Sorgenampel: <Grund>";
    - a missing value whose Frist has passed (`verstrichene_frist`, the last day to enter it):
      "überfällig seit 16.09.2026", the first day after it;
    - with `mit_prognose`, a red forecast: "Jahresziel gefährdet: Prognose 62,00 % – teilweise erreicht".
    """
    texte = []
    if ergebnis.ampel == Ampel.ROT:
        texte.append(_zielerreichung(ergebnis.zielerreichungsgrad, ergebnis.bewertung, kumuliert=ergebnis.kumuliert))
    if sorgenampel_grund is not None:
        grund = sorgenampel_grund.strip()
        texte.append(_("Sorgenampel: %(grund)s") % {"grund": grund} if grund else _("Sorgenampel"))
    if verstrichene_frist is not None:
        seit = verstrichene_frist + timedelta(days=1)
        texte.append(_("überfällig seit %(datum)s") % {"datum": seit.strftime("%d.%m.%Y")})
    if mit_prognose and ergebnis.prognose_ampel == Ampel.ROT and ergebnis.prognose_bewertung is not None:
        texte.append(
            _("Jahresziel gefährdet: Prognose %(zeg)s – %(bewertung)s")
            % {
                "zeg": zeg_text(ergebnis.prognose_zielerreichungsgrad),
                "bewertung": str(Bewertung(ergebnis.prognose_bewertung).label),
            }
        )
    return texte


def zeg_berechnung() -> str:
    """How the ZEG is computed (steuerung.bewertung.zielerreichungsgrad, steuerung.periodenbewertung),
    printed once under the report's Kennzahl tables."""
    return _(
        "So wird der Zielerreichungsgrad berechnet: Bei einer Summe, die je Tertial oder Monat erhoben wird, "
        "zählt das Jahr bis dahin: Ist ÷ Soll (bei fallender Zielrichtung Soll ÷ Ist). "
        "Bei Bestand, Quote, Mittelwert und jährlich erhobenen Summen mit Ausgangswert zählt die Strecke, "
        "die vom Ausgangswert zum Soll schon zurückgelegt ist: (Ist − Ausgangswert) ÷ (Soll − Ausgangswert); "
        "bei fallender Zielrichtung ebenso, beide Differenzen sind dann negativ. Der Ausgangswert steht mit "
        "seinem Basisjahr in der Zeile. Ohne Ausgangswert gilt Ist ÷ Soll (fallend: Soll ÷ Ist). "
        "Deshalb kann ein Ist nahe am Soll einen deutlich kleineren Zielerreichungsgrad ergeben, wenn der "
        "Ausgangswert selbst schon nahe am Soll lag."
    )
