"""Reading a finance export: the file's rows (CSV or xlsx), its columns, and each cell's value.

The constants of the format live here (fields, recognised headers, states, limits); `Leser`
converts the cells of a whole file with the lookup tables loaded once and remembers each
distinct cell, so 100.000 rows cost no query each. haushalt.importer checks and writes.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.money import cent, parse_de
from core.uploads import xlsx_pruefen
from haushalt.models import Art, HaushaltEinstellungen, Zeile
from haushalt.models.auswahl import SUMMENZEILEN, ZEILEN
from haushalt.selectors import produktbereich_von
from steuerung.models import Produkt

MAX_GROESSE = 20 * 1024 * 1024
MAX_ZEILEN = 200_000
MAX_FEHLER = 50
GRENZE = Decimal("1e12")

FELDER = ("produkt", "zeile", "art", "jahr", "stichtag", "betrag")
PFLICHTFELDER = ("produkt", "zeile", "art", "jahr", "betrag")
FELDNAMEN = {
    "produkt": gettext_lazy("Produkt"),
    "zeile": gettext_lazy("Zeile"),
    "art": gettext_lazy("Art"),
    "jahr": gettext_lazy("Jahr"),
    "stichtag": gettext_lazy("Stichtag"),
    "betrag": gettext_lazy("Betrag"),
}
# Header names recognised without a saved mapping (compared in lower case, spaces collapsed).
STANDARDKOEPFE = {
    "produkt": ("produkt", "produktnummer", "produkt-nr.", "produkt-nr", "produkt nr"),
    "zeile": ("zeile", "zeilennummer", "position"),
    "art": ("art", "wertart"),
    "jahr": ("jahr", "haushaltsjahr"),
    "stichtag": ("stichtag", "datenstand"),
    "betrag": ("betrag", "betrag (eur)", "betrag eur", "betrag in eur", "wert"),
}
ARTEN = {
    "ansatz": Art.ANSATZ,
    "plan": Art.ANSATZ,
    "haushaltsansatz": Art.ANSATZ,
    "fortgeschriebener ansatz": Art.FORTGESCHRIEBENER_ANSATZ,
    "fortgeschriebener_ansatz": Art.FORTGESCHRIEBENER_ANSATZ,
    "fortgeschr. ansatz": Art.FORTGESCHRIEBENER_ANSATZ,
    "ist": Art.IST,
    "prognose": Art.PROGNOSE,
    "hochrechnung": Art.PROGNOSE,
}
_LEER = re.compile(r"\s+")
_DATUM_DE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
_DATUM_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def norm(text: object) -> str:
    return _LEER.sub(" ", str(text or "").strip().lower())


def zeilen_lookup() -> dict[str, str]:
    """A line by its number ("15", "015") or its name, in lower case."""
    lookup: dict[str, str] = {}
    for zeile in Zeile:
        nummer = ZEILEN[zeile][0]
        for schluessel in (str(nummer), f"{nummer:02d}", f"{nummer:03d}", zeile.value, norm(zeile.label)):
            lookup[schluessel] = zeile.value
    return lookup


# --- Reading the file ----------------------------------------------------------------------------


def _csv_zeilen(inhalt: bytes) -> Iterator[list[str]]:
    try:
        text = inhalt.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = inhalt.decode("cp1252")
        except UnicodeDecodeError as exc:
            raise ValidationError(_("Die Datei ist weder in UTF-8 noch in Windows-1252 kodiert.")) from exc
    if "\x00" in text:
        raise ValidationError(_("Die Datei ist keine Textdatei (CSV)."))
    if not text.strip():
        raise ValidationError(_("Die Datei ist leer."))
    erste = text.split("\n", 1)[0]
    if ";" in erste:
        trenner = ";"
    elif "\t" in erste:
        trenner = "\t"
    else:
        raise ValidationError(_("Die CSV-Datei muss mit Semikolon getrennt sein (Beispiel: Produkt;Zeile;Art;…)."))
    return csv.reader(io.StringIO(text, newline=""), delimiter=trenner)


def _xlsx_zeilen(inhalt: bytes) -> Iterator[list[object]]:
    from openpyxl import load_workbook

    xlsx_pruefen(inhalt, max_bytes=MAX_GROESSE)
    try:
        mappe = load_workbook(io.BytesIO(inhalt), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise ValidationError(_("Die Excel-Datei kann nicht gelesen werden.")) from exc
    try:
        for zeile in mappe.worksheets[0].iter_rows(values_only=True):
            yield ["" if z is None else z for z in zeile]
    finally:
        mappe.close()


def zeilen_lesen(*, name: str, inhalt: bytes) -> Iterator[list]:
    """Rows of a .csv or .xlsx file; anything else or an oversized file is refused."""
    if len(inhalt) > MAX_GROESSE:
        raise ValidationError(_("Die Datei ist zu groß (höchstens %(mb)s MB).") % {"mb": MAX_GROESSE // (1024 * 1024)})
    endung = name.lower().rsplit(".", 1)[-1] if "." in name else ""
    if endung == "csv":
        if inhalt.startswith(b"PK\x03\x04"):
            raise ValidationError(_("Die Datei heißt .csv, ist aber keine Textdatei."))
        return _csv_zeilen(inhalt)
    if endung == "xlsx":
        if not inhalt.startswith(b"PK\x03\x04"):
            raise ValidationError(_("Die Datei heißt .xlsx, ist aber keine Excel-Datei."))
        return _xlsx_zeilen(inhalt)
    raise ValidationError(_("Bitte eine CSV- oder Excel-Datei (.csv, .xlsx) hochladen."))


def spalten_zuordnen(kopf: list, eingestellt: HaushaltEinstellungen) -> dict[str, int]:
    """Column index per field from the saved mapping or the standard names; unknown columns are refused."""
    normiert = [norm(k) for k in kopf]
    zuordnung: dict[str, int] = {}
    for feld in FELDER:
        kandidaten = [eingestellt.spalten.get(feld), *STANDARDKOEPFE[feld]]
        for kandidat in kandidaten:
            if kandidat and norm(kandidat) in normiert:
                zuordnung[feld] = normiert.index(norm(kandidat))
                break
    fehler = []
    fehlend = [str(FELDNAMEN[f]) for f in PFLICHTFELDER if f not in zuordnung]
    if fehlend:
        fehler.append(
            _("Es fehlen Spalten für: %(felder)s. Gefundene Spalten: %(kopf)s.")
            % {"felder": ", ".join(fehlend), "kopf": "; ".join(str(k) for k in kopf if str(k).strip()) or "–"}
        )
    ignoriert = {norm(s) for s in eingestellt.ignorierte_spalten}
    genutzt = set(zuordnung.values())
    unbekannt = [str(kopf[i]) for i, n in enumerate(normiert) if n and i not in genutzt and n not in ignoriert]
    if unbekannt:
        fehler.append(
            _(
                "Unbekannte Spalten: %(spalten)s. Bitte in den Haushalt-Einstellungen zuordnen oder als ignoriert eintragen."
            )
            % {"spalten": ", ".join(f"„{s}“" for s in unbekannt)}
        )
    if fehler:
        raise ValidationError(fehler)
    return zuordnung


# --- Cells ---------------------------------------------------------------------------------------


def zelle_text(wert: object) -> str:
    if isinstance(wert, float) and wert.is_integer():
        return str(int(wert))
    return str(wert).strip()


def zelle_jahr(wert: object) -> int:
    text = zelle_text(wert)
    if not text.isdigit() or not 2000 <= int(text) <= 2100:
        raise ValueError(_("„%(jahr)s“ ist kein gültiges Haushaltsjahr (2000–2100)") % {"jahr": wert})
    return int(text)


def zelle_datum(wert: object) -> date | None:
    if isinstance(wert, datetime):
        return wert.date()
    if isinstance(wert, date):
        return wert
    text = zelle_text(wert)
    if not text:
        return None
    treffer = _DATUM_DE.fullmatch(text)
    teile = (treffer[3], treffer[2], treffer[1]) if treffer else None
    if teile is None and (treffer := _DATUM_ISO.fullmatch(text)):
        teile = (treffer[1], treffer[2], treffer[3])
    try:
        if teile is None:
            raise ValueError
        return date(int(teile[0]), int(teile[1]), int(teile[2]))
    except ValueError:
        raise ValueError(_("„%(datum)s“ ist kein gültiges Datum (TT.MM.JJJJ)") % {"datum": wert}) from None


# The shape of nearly every exported amount: de-DE with exactly two decimals ("-1.234.567,89").
# It parses to the same value as parse_de and cent, without their checks; anything else takes the full way.
_BETRAG_DE = re.compile(r"-?(?:\d{1,3}(?:\.\d{3})+|\d+),\d{2}")


def zelle_betrag(wert: object) -> Decimal:
    if wert.__class__ is str and _BETRAG_DE.fullmatch(wert):
        betrag = Decimal(wert.replace(".", "").replace(",", "."))
        if abs(betrag) < GRENZE:
            return betrag
    try:
        if wert.__class__ is str:  # the CSV case, first
            betrag = parse_de(wert)
        elif isinstance(wert, bool):
            raise ValueError(_("„%(wert)s“ ist kein gültiger Betrag") % {"wert": wert})
        elif isinstance(wert, int | Decimal):
            betrag = Decimal(wert)
        elif isinstance(wert, float):
            betrag = Decimal(repr(wert))
        else:
            betrag = parse_de(str(wert))
    except InvalidOperation as exc:
        raise ValueError(_("„%(wert)s“ ist kein gültiger Betrag") % {"wert": wert}) from exc
    except ValueError as exc:
        raise ValueError(str(exc).rstrip(".")) from None
    if not betrag.is_finite():
        raise ValueError(_("„%(wert)s“ ist kein gültiger Betrag") % {"wert": wert})
    if abs(betrag) >= GRENZE:
        raise ValueError(_("Der Betrag „%(wert)s“ ist zu groß") % {"wert": wert})
    gerundet = cent(betrag)
    if gerundet != betrag:
        raise ValueError(_("Der Betrag „%(wert)s“ hat mehr als zwei Nachkommastellen") % {"wert": wert})
    return gerundet


class Leser:
    """Converts and checks one cell after another with the lookup tables loaded once.

    A file repeats few distinct lines, states, years and dates: each distinct cell is converted
    once (`gemerkt`), its value or its German error kept for the next rows.
    """

    def __init__(self, eingestellt: HaushaltEinstellungen) -> None:
        self.produkte = {
            nummer: (pk, produktbereich_von(gruppe))
            for nummer, pk, gruppe in Produkt.objects.values_list("nummer", "id", "produktgruppe__nummer")
        }
        self.zeilen = zeilen_lookup()
        self.summen_nummern = {str(n): n for n in SUMMENZEILEN} | {f"{n:02d}": n for n in SUMMENZEILEN}
        self.arten = ARTEN | {norm(a.label): a.value for a in Art}
        self.aufwand_negativ = eingestellt.aufwand_negativ
        self._merker: dict[tuple[str, object], object] = {}

    def gemerkt(self, was: str, wert: object, umwandeln) -> object:
        schluessel = (was, wert)
        try:
            ergebnis = self._merker[schluessel]
        except KeyError:
            try:
                ergebnis = umwandeln(wert)
            except ValueError as exc:
                ergebnis = _Fehler(str(exc))
            self._merker[schluessel] = ergebnis
        if isinstance(ergebnis, _Fehler):
            raise ValueError(ergebnis.meldung)
        return ergebnis

    def zeile(self, wert: object) -> str:
        text = zelle_text(wert)
        zeile = self.zeilen.get(text) or self.zeilen.get(norm(text))
        if zeile:
            return zeile
        if text in self.summen_nummern:
            nummer = self.summen_nummern[text]
            raise ValueError(
                _("Zeile %(n)s (%(name)s) ist eine Summenzeile und wird berechnet, nicht importiert")
                % {"n": nummer, "name": SUMMENZEILEN[nummer]}
            )
        raise ValueError(_("Zeile „%(zeile)s“ ist im Teilergebnisplan unbekannt") % {"zeile": text})

    def art(self, wert: object) -> str:
        text = zelle_text(wert)
        art = self.arten.get(norm(text))
        if art is None:
            raise ValueError(
                _("Art „%(art)s“ ist unbekannt (erlaubt: Ansatz, fortgeschriebener Ansatz, Ist, Prognose)")
                % {"art": text}
            )
        return art


@dataclass(frozen=True)
class _Fehler:
    meldung: str
