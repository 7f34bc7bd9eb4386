"""Reads of the Finanzdatenblatt: per Produkt, Produktgruppe and Produktbereich, for one year.

Which amounts count: per Produkt, Haushaltsjahr and Art the rows of the latest Stichtag up to
the requested one (an undated row, e.g. an Ansatz, counts as valid from the start). So an Ist
at 31.08. is replaced by the Ist at 30.09. as soon as that file is imported, and a view "as of
31.08." still shows the older one. All amounts of a sheet come from two queries (lines of the
year and the previous year; Zuschussbedarf per year) plus one per Fallzahl evaluation; loading
and the Fallzahl live in haushalt.bestand.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from haushalt import fallkosten, kennwerte
from haushalt.bestand import Bestand, Jahreszuschuss, bestand_laden, fallzahl_im_jahr, neueste, zuschussbedarf_verlauf
from haushalt.models import Art, Produktzuordnung, Zeile
from haushalt.models.auswahl import AUFWANDSZEILEN, ERTRAGSZEILEN, ZEILEN
from haushalt.selectors import einstellungen, produktbereich_bezeichnung, produkte_fuer
from steuerung.bewertung import abweichung
from steuerung.models import Kennzahl, Produkt, Produktgruppe


class NichtGefunden(Exception):
    """The requested Produkt, Produktgruppe or Produktbereich does not exist for this user (→ 404)."""


class Ebene:
    PRODUKT = "produkt"
    PRODUKTGRUPPE = "produktgruppe"
    PRODUKTBEREICH = "produktbereich"


class Vergleich:
    ANSATZ = "ansatz"
    VORJAHR = "vorjahr"


# The states of a sheet: (offset of the year, Art).
ZUSTAENDE: dict[str, tuple[int, str]] = {
    "ansatz": (0, Art.ANSATZ),
    "fortgeschriebener_ansatz": (0, Art.FORTGESCHRIEBENER_ANSATZ),
    "ist": (0, Art.IST),
    "prognose": (0, Art.PROGNOSE),
    "ist_vorjahr": (-1, Art.IST),
}


def _name(zustand: str, jahr: int) -> str:
    """The state in a German sentence ("Für das Ist 2025 …")."""
    texte = {
        "ansatz": _("den Ansatz %(jahr)s"),
        "fortgeschriebener_ansatz": _("den fortgeschriebenen Ansatz %(jahr)s"),
        "ist": _("das Ist %(jahr)s"),
        "prognose": _("die Prognose %(jahr)s"),
        "ist_vorjahr": _("das Ist %(jahr)s"),
    }
    return texte[zustand] % {"jahr": jahr - 1 if zustand == "ist_vorjahr" else jahr}


# --- The sheet --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Werte:
    ansatz: Decimal | None = None
    fortgeschriebener_ansatz: Decimal | None = None
    ist: Decimal | None = None
    prognose: Decimal | None = None
    ist_vorjahr: Decimal | None = None

    def von(self, zustand: str | None) -> Decimal | None:
        return getattr(self, zustand) if zustand else None

    def je(self, einwohner: int | None) -> Werte:
        return Werte(**{z: kennwerte.je_einwohner(getattr(self, z), einwohner) for z in ZUSTAENDE})


@dataclass(frozen=True)
class Finanzzeile:
    """One line of the sheet (a Teilergebnisplan line, a side's sum or the Zuschussbedarf) in every state."""

    schluessel: str
    nummer: int | None
    bezeichnung: str
    seite: str | None
    werte: Werte
    p: Decimal | None
    i: Decimal | None
    abweichung: Decimal | None
    abweichung_prozent: Decimal | None


def _finanzzeile(schluessel, nummer, bezeichnung, seite, werte: Werte, zustand_p, zustand_i) -> Finanzzeile:
    p, i = werte.von(zustand_p), werte.von(zustand_i)
    abw = abweichung(i, p)
    return Finanzzeile(schluessel, nummer, bezeichnung, seite, werte, p, i, abw.absolut, abw.prozent)


@dataclass(frozen=True)
class Unterposition:
    ebene: str
    nummer: str
    bezeichnung: str
    zuschussbedarf: Finanzzeile


@dataclass(frozen=True)
class Fallkostenanalyse:
    kennzahl: Kennzahl | None
    transferzeile: str
    fallzahl_p: Decimal | None
    fallzahl_i: Decimal | None
    aufwand_p: Decimal | None
    aufwand_i: Decimal | None
    aufteilung: fallkosten.Aufteilung | None
    grund: str | None


@dataclass
class Finanzdatenblatt:
    ebene: str
    nummer: str
    bezeichnung: str
    jahr: int
    bis: date | None
    vergleich: str
    zustand_p: str
    zustand_i: str | None
    ist_stichtag: date | None
    ist_stichtage_gemischt: bool
    prognose_stichtag: date | None
    ist_vorjahr_stichtag: date | None
    zeilen: list[Finanzzeile]
    ertraege: Finanzzeile
    aufwendungen: Finanzzeile
    zuschussbedarf: Finanzzeile
    einwohnerzahl: int | None
    je_einwohner: Werte | None
    unterpositionen: list[Unterposition]
    fallkosten: Fallkostenanalyse | None
    verlauf: list[Jahreszuschuss]
    produkte_sichtbar: int
    produkte_gesamt: int

    @property
    def teilsicht(self) -> bool:
        return self.produkte_sichtbar < self.produkte_gesamt


def _auswahl(*, user, ebene: str, nummer: str) -> tuple[str, QuerySet[Produkt], int]:
    """Name, the visible Produkte and the number of all Produkte of the requested unit of the budget."""
    sichtbar = produkte_fuer(user=user)
    if ebene == Ebene.PRODUKT:
        produkt = sichtbar.filter(nummer=nummer).first()
        if produkt is None:
            raise NichtGefunden
        return produkt.bezeichnung, sichtbar.filter(pk=produkt.pk), 1
    if ebene == Ebene.PRODUKTGRUPPE:
        gruppe = Produktgruppe.objects.filter(nummer=nummer).first()
        alle = Produkt.objects.filter(produktgruppe__nummer=nummer)
        bezeichnung = gruppe.bezeichnung if gruppe else ""
    elif ebene == Ebene.PRODUKTBEREICH:
        gruppe = Produktgruppe.objects.filter(nummer__startswith=f"{nummer}.").first()
        alle = Produkt.objects.filter(produktgruppe__nummer__startswith=f"{nummer}.")
        bezeichnung = produktbereich_bezeichnung(nummer)
    else:
        raise NichtGefunden
    produkte = sichtbar.filter(pk__in=alle.values("pk"))
    # A unit outside the user's scope does not exist for them (404, like every other object).
    if gruppe is None or not produkte.exists():
        raise NichtGefunden
    return bezeichnung, produkte, alle.count()


def _zustand_i(*, jahr: int, vergleich: str, vorhanden: dict[str, bool], ist_komplett: bool) -> str | None:
    """The actual state compared: the Ist of a closed year, else the Prognose, else the Ist so far.

    Compared with the previous year's Ist and without any Ist or Prognose, the Ansatz stands in
    (Plan against Vorjahres-Ist, as the Finanzdatenblatt of an annual report prints it).
    """
    if vorhanden["ist"] and ist_komplett:
        return "ist"
    if vorhanden["prognose"]:
        return "prognose"
    if vorhanden["ist"]:
        return "ist"
    if vergleich == Vergleich.VORJAHR and vorhanden["ansatz"]:
        return "ansatz"
    return None


def finanzdatenblatt(
    *, user, ebene: str, nummer: str, jahr: int, vergleich: str = Vergleich.ANSATZ, bis: date | None = None
) -> Finanzdatenblatt:
    """The sheet of a Produkt, Produktgruppe or Produktbereich (raises NichtGefunden outside the scope).

    Steps: pick the visible Produkte; load the lines of the year and the previous year; sum each
    line per state; choose the compared states P and I; build the sums, the Zuschussbedarf (also
    per Einwohner), the sub-units, the Mengen-/Preiseffekt (Produkt only) and the years' series.
    """
    bezeichnung, produkte, gesamt = _auswahl(user=user, ebene=ebene, nummer=nummer)
    liste = list(produkte.order_by("nummer"))
    ids = [p.pk for p in liste]
    bestand = bestand_laden(produkte=produkte, jahre=[jahr, jahr - 1], bis=bis)

    def stichtage(zustand: str) -> list[date | None]:
        versatz, art = ZUSTAENDE[zustand]
        return bestand.stichtage_von(ids, jahr + versatz, art)

    vorhanden = {z: bool(stichtage(z)) for z in ZUSTAENDE}
    ist_tage = [t for t in stichtage("ist") if t is not None]
    ist_stichtag = max(ist_tage) if ist_tage else None
    # The year is closed only when every Produkt's Ist reaches 31.12.
    ist_komplett = bool(ist_tage) and min(ist_tage) >= date(jahr, 12, 31)
    zustand_p = "ist_vorjahr" if vergleich == Vergleich.VORJAHR else "ansatz"
    zustand_i = _zustand_i(jahr=jahr, vergleich=vergleich, vorhanden=vorhanden, ist_komplett=ist_komplett)

    def werte(berechnen) -> Werte:
        return Werte(**{z: berechnen(jahr + versatz, art) for z, (versatz, art) in ZUSTAENDE.items()})

    def zeile(schluessel, nummer_, text, seite, w: Werte) -> Finanzzeile:
        return _finanzzeile(schluessel, nummer_, text, seite, w, zustand_p, zustand_i)

    zeilen = []
    for z in Zeile:
        w = werte(lambda j, a, z=z: bestand.zeile(ids, j, a, z))
        if any(getattr(w, s) is not None for s in ZUSTAENDE):
            nummer_z, seite = ZEILEN[z]
            zeilen.append(zeile(z.value, nummer_z, str(z.label), seite, w))
    ertraege = zeile(
        "ertraege", None, _("Summe Erträge"), "ertrag", werte(lambda j, a: bestand.seite(ids, j, a, ERTRAGSZEILEN))
    )
    aufwendungen = zeile(
        "aufwendungen",
        None,
        _("Summe Aufwendungen"),
        "aufwand",
        werte(lambda j, a: bestand.seite(ids, j, a, AUFWANDSZEILEN)),
    )
    zuschuss = zeile("zuschussbedarf", None, _("Zuschussbedarf"), None, werte(lambda j, a: bestand.zuschuss(ids, j, a)))
    einwohner = einstellungen().einwohnerzahl
    return Finanzdatenblatt(
        ebene=ebene,
        nummer=nummer,
        bezeichnung=bezeichnung,
        jahr=jahr,
        bis=bis,
        vergleich=vergleich,
        zustand_p=zustand_p,
        zustand_i=zustand_i,
        ist_stichtag=ist_stichtag,
        ist_stichtage_gemischt=len(set(ist_tage)) > 1,
        prognose_stichtag=neueste(stichtage("prognose")) if vorhanden["prognose"] else None,
        ist_vorjahr_stichtag=neueste(stichtage("ist_vorjahr")) if vorhanden["ist_vorjahr"] else None,
        zeilen=zeilen,
        ertraege=ertraege,
        aufwendungen=aufwendungen,
        zuschussbedarf=zuschuss,
        einwohnerzahl=einwohner,
        je_einwohner=zuschuss.werte.je(einwohner) if einwohner else None,
        unterpositionen=_unterpositionen(ebene, liste, bestand, werte, zeile),
        fallkosten=(
            _fallkosten(
                liste[0], bestand, jahr, zustand_p, zustand_i, ist_komplett=ist_komplett, ist_stichtag=ist_stichtag
            )
            if ebene == Ebene.PRODUKT
            else None
        ),
        verlauf=zuschussbedarf_verlauf(produkte=produkte, bis=bis),
        produkte_sichtbar=len(liste),
        produkte_gesamt=gesamt,
    )


def _unterpositionen(ebene: str, produkte: list[Produkt], bestand: Bestand, werte, zeile) -> list[Unterposition]:
    if ebene == Ebene.PRODUKT:
        return []
    if ebene == Ebene.PRODUKTGRUPPE:
        teile = [(Ebene.PRODUKT, p.nummer, p.bezeichnung, [p.pk]) for p in produkte]
    else:
        gruppen: dict[str, tuple[str, list[int]]] = {}
        for p in produkte:
            gruppen.setdefault(p.produktgruppe.nummer, (p.produktgruppe.bezeichnung, []))[1].append(p.pk)
        teile = [(Ebene.PRODUKTGRUPPE, n, b, ids) for n, (b, ids) in sorted(gruppen.items())]
    return [
        Unterposition(
            e, n, b, zeile("zuschussbedarf", None, b, None, werte(lambda j, a, ids=ids: bestand.zuschuss(ids, j, a)))
        )
        for e, n, b, ids in teile
    ]


def _fallkosten(
    produkt: Produkt,
    bestand: Bestand,
    jahr: int,
    zustand_p: str,
    zustand_i: str | None,
    *,
    ist_komplett: bool,
    ist_stichtag: date | None,
) -> Fallkostenanalyse:
    zuordnung = Produktzuordnung.objects.filter(produkt=produkt).select_related("fallzahl_kennzahl").first()
    transferzeile = zuordnung.transferzeile if zuordnung else Zeile.TRANSFER

    def aufwand(zustand: str | None) -> Decimal | None:
        if zustand is None:
            return None
        versatz, art = ZUSTAENDE[zustand]
        return bestand.zeile([produkt.pk], jahr + versatz, art, transferzeile)

    leer = {"fallzahl_p": None, "fallzahl_i": None, "aufteilung": None}
    a_p, a_i = aufwand(zustand_p), aufwand(zustand_i)
    kennzahl = zuordnung.fallzahl_kennzahl if zuordnung else None
    basis = {"kennzahl": kennzahl, "transferzeile": transferzeile, "aufwand_p": a_p, "aufwand_i": a_i}
    if kennzahl is None:
        grund = _("Für dieses Produkt ist keine Fallzahl-Kennzahl hinterlegt.")
        return Fallkostenanalyse(**basis, **leer, grund=grund)
    if zustand_i is None:
        grund = _("Für %(jahr)s liegen weder Ist noch Prognose vor.") % {"jahr": jahr}
        return Fallkostenanalyse(**basis, **leer, grund=grund)
    if zustand_i == "ist" and not ist_komplett:
        grund = _(
            "Das Ist zum Stichtag %(tag)s umfasst nicht das ganze Jahr; die Aufteilung braucht das Ist des "
            "ganzen Jahres oder eine Prognose."
        ) % {"tag": ist_stichtag.strftime("%d.%m.%Y") if ist_stichtag else "–"}
        return Fallkostenanalyse(**basis, **leer, grund=grund)

    def fallzahl(zustand: str) -> Decimal | None:
        versatz, art = ZUSTAENDE[zustand]
        return fallzahl_im_jahr(kennzahl=kennzahl, jahr=jahr + versatz, zustand=art)

    f_p, f_i = fallzahl(zustand_p), fallzahl(zustand_i)
    ergebnis = fallkosten.mengen_preis_aufteilung(
        plan=fallkosten.Zustand(_name(zustand_p, jahr), f_p, a_p),
        ist=fallkosten.Zustand(_name(zustand_i, jahr), f_i, a_i),
    )
    aufteilung = ergebnis if isinstance(ergebnis, fallkosten.Aufteilung) else None
    grund = ergebnis.grund if isinstance(ergebnis, fallkosten.KeineAufteilung) else None
    return Fallkostenanalyse(**basis, fallzahl_p=f_p, fallzahl_i=f_i, aufteilung=aufteilung, grund=grund)
