"""Choices of the Haushalt: lines of the NKF Teilergebnisplan and the states of an amount."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Seite(models.TextChoices):
    ERTRAG = "ertrag", _("Ertrag")
    AUFWAND = "aufwand", _("Aufwand")


class Zeile(models.TextChoices):
    """Importable lines of the Teilergebnisplan (NKF NRW); the sum lines are computed, never stored."""

    STEUERN = "steuern", _("Steuern und ähnliche Abgaben")
    ZUWENDUNGEN_UMLAGEN = "zuwendungen_umlagen", _("Zuwendungen und allgemeine Umlagen")
    TRANSFERERTRAEGE = "sonstige_transferertraege", _("Sonstige Transfererträge")
    OEFFENTLICH_RECHTLICHE_ENTGELTE = "oeffentlich_rechtliche_entgelte", _("Öffentlich-rechtliche Leistungsentgelte")
    PRIVATRECHTLICHE_ENTGELTE = "privatrechtliche_entgelte", _("Privatrechtliche Leistungsentgelte")
    KOSTENERSTATTUNGEN = "kostenerstattungen_umlagen", _("Kostenerstattungen und Kostenumlagen")
    SONSTIGE_ERTRAEGE = "sonstige_ordentliche_ertraege", _("Sonstige ordentliche Erträge")
    AKTIVIERTE_EIGENLEISTUNGEN = "aktivierte_eigenleistungen", _("Aktivierte Eigenleistungen")
    BESTANDSVERAENDERUNGEN = "bestandsveraenderungen", _("Bestandsveränderungen")
    PERSONAL = "personalaufwendungen", _("Personalaufwendungen")
    VERSORGUNG = "versorgungsaufwendungen", _("Versorgungsaufwendungen")
    SACH_DIENSTLEISTUNGEN = "sach_dienstleistungen", _("Aufwendungen für Sach- und Dienstleistungen")
    ABSCHREIBUNGEN = "bilanzielle_abschreibungen", _("Bilanzielle Abschreibungen")
    TRANSFER = "transferaufwendungen", _("Transferaufwendungen")
    SONSTIGE_AUFWENDUNGEN = "sonstige_ordentliche_aufwendungen", _("Sonstige ordentliche Aufwendungen")
    FINANZERTRAEGE = "finanzertraege", _("Finanzerträge")
    FINANZAUFWENDUNGEN = "finanzaufwendungen", _("Zinsen und sonstige Finanzaufwendungen")
    AUSSERORDENTLICHE_ERTRAEGE = "ausserordentliche_ertraege", _("Außerordentliche Erträge")
    AUSSERORDENTLICHE_AUFWENDUNGEN = "ausserordentliche_aufwendungen", _("Außerordentliche Aufwendungen")
    INTERNE_ERTRAEGE = "ertraege_interne_leistungen", _("Erträge aus internen Leistungsbeziehungen")
    INTERNE_AUFWENDUNGEN = "aufwendungen_interne_leistungen", _("Aufwendungen aus internen Leistungsbeziehungen")


# Line number in the Teilergebnisplan (Muster zu § 4 KomHVO NRW) and its side.
ZEILEN: dict[str, tuple[int, str]] = {
    Zeile.STEUERN: (1, Seite.ERTRAG),
    Zeile.ZUWENDUNGEN_UMLAGEN: (2, Seite.ERTRAG),
    Zeile.TRANSFERERTRAEGE: (3, Seite.ERTRAG),
    Zeile.OEFFENTLICH_RECHTLICHE_ENTGELTE: (4, Seite.ERTRAG),
    Zeile.PRIVATRECHTLICHE_ENTGELTE: (5, Seite.ERTRAG),
    Zeile.KOSTENERSTATTUNGEN: (6, Seite.ERTRAG),
    Zeile.SONSTIGE_ERTRAEGE: (7, Seite.ERTRAG),
    Zeile.AKTIVIERTE_EIGENLEISTUNGEN: (8, Seite.ERTRAG),
    Zeile.BESTANDSVERAENDERUNGEN: (9, Seite.ERTRAG),
    Zeile.PERSONAL: (11, Seite.AUFWAND),
    Zeile.VERSORGUNG: (12, Seite.AUFWAND),
    Zeile.SACH_DIENSTLEISTUNGEN: (13, Seite.AUFWAND),
    Zeile.ABSCHREIBUNGEN: (14, Seite.AUFWAND),
    Zeile.TRANSFER: (15, Seite.AUFWAND),
    Zeile.SONSTIGE_AUFWENDUNGEN: (16, Seite.AUFWAND),
    Zeile.FINANZERTRAEGE: (19, Seite.ERTRAG),
    Zeile.FINANZAUFWENDUNGEN: (20, Seite.AUFWAND),
    Zeile.AUSSERORDENTLICHE_ERTRAEGE: (23, Seite.ERTRAG),
    Zeile.AUSSERORDENTLICHE_AUFWENDUNGEN: (24, Seite.AUFWAND),
    Zeile.INTERNE_ERTRAEGE: (27, Seite.ERTRAG),
    Zeile.INTERNE_AUFWENDUNGEN: (28, Seite.AUFWAND),
}
AUFWANDSZEILEN = frozenset(z for z, (_n, s) in ZEILEN.items() if s == Seite.AUFWAND)
ERTRAGSZEILEN = frozenset(z for z, (_n, s) in ZEILEN.items() if s == Seite.ERTRAG)

# Sum lines of the Teilergebnisplan: an export may name them, the import refuses them (computed here).
SUMMENZEILEN: dict[int, str] = {
    10: "Ordentliche Erträge",
    17: "Ordentliche Aufwendungen",
    18: "Ergebnis der laufenden Verwaltungstätigkeit",
    21: "Finanzergebnis",
    22: "Ordentliches Ergebnis",
    25: "Außerordentliches Ergebnis",
    26: "Ergebnis vor Berücksichtigung der internen Leistungsbeziehungen",
    29: "Ergebnis",
}


class Art(models.TextChoices):
    """The state of an amount: plan, amended plan, actual (at a Stichtag), forecast (made at a Stichtag)."""

    ANSATZ = "ansatz", _("Ansatz")
    FORTGESCHRIEBENER_ANSATZ = "fortgeschriebener_ansatz", _("fortgeschriebener Ansatz")
    IST = "ist", _("Ist")
    PROGNOSE = "prognose", _("Prognose")


ARTEN_MIT_STICHTAG = frozenset({Art.IST, Art.PROGNOSE})
