"""Import of Haushaltspositionen from the finance system's export (CSV or xlsx): all rows or none.

CSV as finance systems write it: separated by semicolons (or tabs), UTF-8 or Windows-1252
(detected), de-DE numbers ("1.234.567,89", "-1.234,00"). Columns Produkt, Zeile (number or
name of the Teilergebnisplan line), Art, Jahr, Stichtag, Betrag; the Kommune maps its own
header names once (HaushaltEinstellungen.spalten) and may list columns to ignore. Any other
column is refused, like every bad row, with a German message per row.

Checking reads the lookup tables once (Produkte; lines and states are choices) and keeps the
rows as tuples, so 100.000 rows cost no query each; writing is one delete of the replaced groups
(Jahr, Art, Stichtag) and one bulk insert, inside the caller's transaction.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import zipfile
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Q, Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.money import cent, parse_de
from core.uploads import xlsx_pruefen
from haushalt.models import Art, HaushaltEinstellungen, Haushaltsimport, Haushaltsposition, Zeile
from haushalt.models.auswahl import ARTEN_MIT_STICHTAG, AUFWANDSZEILEN, ERTRAGSZEILEN, SUMMENZEILEN, ZEILEN
from haushalt.selectors import einstellungen, produktbereich_von
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

Gruppe = tuple[int, str, date | None]  # Jahr, Art, Stichtag: the unit a newer file replaces


def _norm(text: object) -> str:
    return _LEER.sub(" ", str(text or "").strip().lower())


def _zeilen_lookup() -> dict[str, str]:
    """A line by its number ("15", "015") or its name, in lower case."""
    lookup: dict[str, str] = {}
    for zeile in Zeile:
        nummer = ZEILEN[zeile][0]
        for schluessel in (str(nummer), f"{nummer:02d}", f"{nummer:03d}", zeile.value, _norm(zeile.label)):
            lookup[schluessel] = zeile.value
    return lookup


@dataclass(frozen=True)
class Summe:
    """Preview total of one Produktbereich, Jahr, Art and Stichtag."""

    produktbereich: str
    jahr: int
    art: str
    stichtag: date | None
    zeilen: int
    ertraege: Decimal
    aufwendungen: Decimal
    bisher: Decimal | None  # Zuschussbedarf of the rows the file would replace

    @property
    def zuschussbedarf(self) -> Decimal:
        return self.aufwendungen - self.ertraege

    @property
    def art_text(self) -> str:
        return str(Art(self.art).label)


@dataclass
class Pruefung:
    """A checked file: its rows as tuples (produkt_id, jahr, zeile, art, stichtag, betrag) and totals."""

    dateiname: str
    sha256: str
    groesse: int
    positionen: list[tuple[int, int, str, str, date | None, Decimal]] = field(default_factory=list)
    gruppen: dict[Gruppe, int] = field(default_factory=dict)
    summen: list[Summe] = field(default_factory=list)

    @property
    def anzahl(self) -> int:
        return len(self.positionen)

    def gruppen_json(self) -> list[dict]:
        return [
            {"jahr": j, "art": a, "stichtag": s.isoformat() if s else None, "zeilen": n}
            for (j, a, s), n in sorted(self.gruppen.items(), key=lambda e: (e[0][0], e[0][1], e[0][2] or date.min))
        ]

    def summen_json(self) -> list[dict]:
        return [
            {
                "produktbereich": s.produktbereich,
                "jahr": s.jahr,
                "art": s.art,
                "stichtag": s.stichtag.isoformat() if s.stichtag else None,
                "zeilen": s.zeilen,
                "ertraege": f"{s.ertraege:.2f}",
                "aufwendungen": f"{s.aufwendungen:.2f}",
                "zuschussbedarf": f"{s.zuschussbedarf:.2f}",
                "bisher": None if s.bisher is None else f"{s.bisher:.2f}",
            }
            for s in self.summen
        ]


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
    normiert = [_norm(k) for k in kopf]
    zuordnung: dict[str, int] = {}
    for feld in FELDER:
        kandidaten = [eingestellt.spalten.get(feld), *STANDARDKOEPFE[feld]]
        for kandidat in kandidaten:
            if kandidat and _norm(kandidat) in normiert:
                zuordnung[feld] = normiert.index(_norm(kandidat))
                break
    fehler = []
    fehlend = [str(FELDNAMEN[f]) for f in PFLICHTFELDER if f not in zuordnung]
    if fehlend:
        fehler.append(
            _("Es fehlen Spalten für: %(felder)s. Gefundene Spalten: %(kopf)s.")
            % {"felder": ", ".join(fehlend), "kopf": "; ".join(str(k) for k in kopf if str(k).strip()) or "–"}
        )
    ignoriert = {_norm(s) for s in eingestellt.ignorierte_spalten}
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


def _text(wert: object) -> str:
    if isinstance(wert, float) and wert.is_integer():
        return str(int(wert))
    return str(wert).strip()


def _jahr(wert: object) -> int:
    text = _text(wert)
    if not text.isdigit() or not 2000 <= int(text) <= 2100:
        raise ValueError(_("„%(jahr)s“ ist kein gültiges Haushaltsjahr (2000–2100)") % {"jahr": wert})
    return int(text)


def _datum(wert: object) -> date | None:
    if isinstance(wert, datetime):
        return wert.date()
    if isinstance(wert, date):
        return wert
    text = _text(wert)
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


def _betrag(wert: object) -> Decimal:
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


# --- Checking a whole file -----------------------------------------------------------------------


class _Leser:
    """Converts and checks one cell after another with the lookup tables loaded once.

    A file repeats few distinct lines, states, years and dates: each distinct cell is converted
    once (`gemerkt`), its value or its German error kept for the next rows.
    """

    def __init__(self, eingestellt: HaushaltEinstellungen) -> None:
        self.produkte = {
            nummer: (pk, produktbereich_von(gruppe))
            for nummer, pk, gruppe in Produkt.objects.values_list("nummer", "id", "produktgruppe__nummer")
        }
        self.zeilen = _zeilen_lookup()
        self.summen_nummern = {str(n): n for n in SUMMENZEILEN} | {f"{n:02d}": n for n in SUMMENZEILEN}
        self.arten = ARTEN | {_norm(a.label): a.value for a in Art}
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
        text = _text(wert)
        zeile = self.zeilen.get(text) or self.zeilen.get(_norm(text))
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
        text = _text(wert)
        art = self.arten.get(_norm(text))
        if art is None:
            raise ValueError(
                _("Art „%(art)s“ ist unbekannt (erlaubt: Ansatz, fortgeschriebener Ansatz, Ist, Prognose)")
                % {"art": text}
            )
        return art


@dataclass(frozen=True)
class _Fehler:
    meldung: str


def datei_pruefen(*, name: str, inhalt: bytes, eingestellt: HaushaltEinstellungen | None = None) -> Pruefung:
    """Check every row; raise a ValidationError with one German message per bad row, or return the rows.

    Steps: read the rows; map the header; convert each row (Produkt, Zeile, Art, Jahr, Stichtag,
    Betrag) and refuse duplicates of a key within the file; sum the preview per Produktbereich,
    Jahr, Art and Stichtag, with the Zuschussbedarf of the rows it would replace.
    """
    eingestellt = eingestellt or einstellungen()
    nummeriert = enumerate(zeilen_lesen(name=name, inhalt=inhalt), start=1)
    for _nummer, kopf in nummeriert:
        if any(_text(c) for c in kopf):
            break
    else:
        raise ValidationError(_("Die Datei ist leer."))
    spalten = spalten_zuordnen(kopf, eingestellt)
    pruefung = Pruefung(dateiname=name, sha256=hashlib.sha256(inhalt).hexdigest(), groesse=len(inhalt))
    leser = _Leser(eingestellt)
    i_produkt, i_zeile, i_art, i_jahr, i_betrag = (spalten[f] for f in PFLICHTFELDER)
    i_stichtag = spalten.get("stichtag")
    breite = max(spalten.values()) + 1
    fehler: list[str] = []
    erste_zeile: dict[tuple, int] = {}
    summen: dict[tuple[str, int, str, date | None], list] = defaultdict(lambda: [0, Decimal(0), Decimal(0)])
    positionen = pruefung.positionen
    for nummer, zeile in nummeriert:
        if len(zeile) < breite:
            if not any(_text(c) for c in zeile):
                continue
            zeile = [*zeile, *([""] * (breite - len(zeile)))]
        meldungen = []
        zelle = zeile[i_produkt]
        produkt_text = zelle.strip() if zelle.__class__ is str else _text(zelle)
        produkt = leser.produkte.get(produkt_text)
        if produkt is None:
            if not any(_text(c) for c in zeile):
                continue
            meldungen.append(_("Produkt „%(p)s“ ist unbekannt") % {"p": produkt_text})
        zeilenart = art = jahr = stichtag = betrag = None
        try:
            zeilenart = leser.gemerkt("zeile", zeile[i_zeile], leser.zeile)
        except ValueError as exc:
            meldungen.append(str(exc))
        try:
            art = leser.gemerkt("art", zeile[i_art], leser.art)
        except ValueError as exc:
            meldungen.append(str(exc))
        try:
            jahr = leser.gemerkt("jahr", zeile[i_jahr], _jahr)
        except ValueError as exc:
            meldungen.append(str(exc))
        try:
            stichtag = leser.gemerkt("datum", zeile[i_stichtag], _datum) if i_stichtag is not None else None
        except ValueError as exc:
            meldungen.append(str(exc))
        else:
            if stichtag is None and art in ARTEN_MIT_STICHTAG:
                meldungen.append(_("Ist und Prognose brauchen einen Stichtag"))
            elif stichtag is not None and jahr is not None and not jahr <= stichtag.year <= jahr + 1:
                meldungen.append(
                    _("Der Stichtag %(tag)s passt nicht zum Haushaltsjahr %(jahr)s")
                    % {"tag": stichtag.strftime("%d.%m.%Y"), "jahr": jahr}
                )
        try:
            betrag = _betrag(zeile[i_betrag])
        except ValueError as exc:
            meldungen.append(str(exc))
        if not meldungen:
            schluessel = (produkt[0], jahr, zeilenart, art, stichtag)
            frueher = erste_zeile.get(schluessel)
            if frueher is not None:
                meldungen.append(
                    _("doppelt: dasselbe Produkt, Jahr, dieselbe Zeile, Art und derselbe Stichtag wie in Zeile %(n)s")
                    % {"n": frueher}
                )
            else:
                erste_zeile[schluessel] = nummer
        if meldungen:
            fehler.append(_("Zeile %(n)s: %(text)s.") % {"n": nummer, "text": "; ".join(meldungen)})
            if len(fehler) >= MAX_FEHLER:
                fehler.append(_("Weitere Zeilen wurden nicht mehr geprüft."))
                break
            continue
        aufwand = zeilenart in AUFWANDSZEILEN
        if aufwand and leser.aufwand_negativ:
            betrag = -betrag
        positionen.append((produkt[0], jahr, zeilenart, art, stichtag, betrag))
        summe = summen[(produkt[1], jahr, art, stichtag)]
        summe[0] += 1
        summe[2 if aufwand else 1] += betrag
        if len(positionen) > MAX_ZEILEN:
            raise ValidationError(_("Die Datei hat zu viele Zeilen (höchstens %(n)s).") % {"n": MAX_ZEILEN})
    if fehler:
        raise ValidationError(fehler)
    if not positionen:
        raise ValidationError(_("Die Datei enthält keine Datenzeilen."))
    for (_bereich, jahr, art, stichtag), (anzahl, _e, _a) in summen.items():
        gruppe = (jahr, art, stichtag)
        pruefung.gruppen[gruppe] = pruefung.gruppen.get(gruppe, 0) + anzahl
    bisher = _bisher(pruefung.gruppen)
    pruefung.summen = [
        Summe(bereich, jahr, art, stichtag, anzahl, ertrag, aufwand, bisher.get((bereich, jahr, art, stichtag)))
        for (bereich, jahr, art, stichtag), (anzahl, ertrag, aufwand) in sorted(
            summen.items(), key=lambda e: (e[0][0], e[0][1], e[0][2], e[0][3] or date.min)
        )
    ]
    return pruefung


def gruppen_bedingung(gruppen) -> Q:
    """Rows of the given (Jahr, Art, Stichtag) groups; one term per Jahr and Art keeps the SQL shallow."""
    stichtage: dict[tuple[int, str], set[date | None]] = defaultdict(set)
    for jahr, art, stichtag in gruppen:
        stichtage[(jahr, art)].add(stichtag)
    bedingung = Q(pk__in=[])
    for (jahr, art), tage in stichtage.items():
        datiert = sorted(t for t in tage if t is not None)
        je_tag = Q(stichtag__in=datiert) if datiert else Q(pk__in=[])
        bedingung |= Q(jahr=jahr, art=art) & (je_tag | Q(stichtag__isnull=True) if None in tage else je_tag)
    return bedingung


def _bisher(gruppen) -> dict[tuple[str, int, str, date | None], Decimal]:
    """Zuschussbedarf per Produktbereich of the rows the file would replace (one aggregate query)."""
    ergebnis: dict[tuple[str, int, str, date | None], Decimal] = defaultdict(Decimal)
    zeilen = (
        Haushaltsposition.objects.filter(gruppen_bedingung(gruppen))
        .values("produkt__produktgruppe__nummer", "jahr", "art", "stichtag")
        .annotate(
            aufwand=Sum("betrag", filter=Q(zeile__in=sorted(AUFWANDSZEILEN))),
            ertrag=Sum("betrag", filter=Q(zeile__in=sorted(ERTRAGSZEILEN))),
        )
        .order_by()
    )
    for z in zeilen:
        bereich = produktbereich_von(z["produkt__produktgruppe__nummer"])
        ergebnis[(bereich, z["jahr"], z["art"], z["stichtag"])] += cent(z["aufwand"] or Decimal(0)) - cent(
            z["ertrag"] or Decimal(0)
        )
    return ergebnis


def ist_aktueller_stand(pruefung: Pruefung) -> bool:
    """True when the file's groups hold exactly the rows of an earlier import of the same file."""
    aktuell = Haushaltsposition.objects.filter(gruppen_bedingung(pruefung.gruppen))
    herkunft = set(aktuell.values_list("herkunft__sha256", flat=True).distinct())
    return herkunft == {pruefung.sha256} and aktuell.count() == pruefung.anzahl


def positionen_schreiben(*, pruefung: Pruefung, protokoll: Haushaltsimport) -> int:
    """Replace the file's groups by its rows (call inside a transaction); returns the replaced count.

    The rows are checked already (types, keys, duplicates); building 100.000 model instances and
    compiling them through the ORM would cost ten times the file's parsing, so they go to the table
    directly: COPY on PostgreSQL, executemany elsewhere. The table's constraints still hold.
    """
    ersetzt, _ = Haushaltsposition.objects.filter(gruppen_bedingung(pruefung.gruppen)).delete()
    meta = Haushaltsposition._meta
    spalten = [meta.get_field(f).column for f in ("produkt", "jahr", "zeile", "art", "stichtag", "betrag", "herkunft")]
    tabelle = connection.ops.quote_name(meta.db_table)
    liste = ", ".join(connection.ops.quote_name(s) for s in spalten)
    datum = connection.ops.adapt_datefield_value
    herkunft = protokoll.pk
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {tabelle} ({liste}) FROM STDIN") as kopie:  # noqa: S608 - names from the model
                for p, j, z, a, s, b in pruefung.positionen:
                    kopie.write_row((p, j, z, a, s, b, herkunft))
        else:
            platzhalter = ", ".join(["%s"] * len(spalten))
            cursor.executemany(
                f"INSERT INTO {tabelle} ({liste}) VALUES ({platzhalter})",  # noqa: S608 - names from the model
                [
                    (p, j, z, a, None if s is None else datum(s), b, herkunft)
                    for p, j, z, a, s, b in pruefung.positionen
                ],
            )
    return ersetzt
