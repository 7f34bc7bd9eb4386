"""Import of Haushaltspositionen from the finance system's export (CSV or xlsx): all rows or none.

CSV as finance systems write it: separated by semicolons (or tabs), UTF-8 or Windows-1252
(detected), de-DE numbers ("1.234.567,89", "-1.234,00"). Columns Produkt, Zeile (number or
name of the Teilergebnisplan line), Art, Jahr, Stichtag, Betrag; the Kommune maps its own
header names once (HaushaltEinstellungen.spalten) and may list columns to ignore. Any other
column is refused, like every bad row, with a German message per row.

Checking reads the lookup tables once (Produkte; lines and states are choices) and keeps the
rows as tuples (reading and cells: haushalt.importdatei), so 100.000 rows cost no query each; writing is one delete of the replaced groups
(Jahr, Art, Stichtag) and one bulk insert, inside the caller's transaction.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Q, Sum
from django.utils.translation import gettext as _

from core.money import cent
from haushalt.importdatei import (  # noqa: F401 - FELDER, FELDNAMEN, MAX_GROESSE are part of this module's interface
    FELDER,
    FELDNAMEN,
    MAX_FEHLER,
    MAX_GROESSE,
    MAX_ZEILEN,
    PFLICHTFELDER,
    Leser,
    spalten_zuordnen,
    zeilen_lesen,
    zelle_betrag,
    zelle_datum,
    zelle_jahr,
    zelle_text,
)
from haushalt.models import Art, HaushaltEinstellungen, Haushaltsimport, Haushaltsposition
from haushalt.models.auswahl import ARTEN_MIT_STICHTAG, AUFWANDSZEILEN, ERTRAGSZEILEN
from haushalt.selectors import einstellungen, produktbereich_von

Gruppe = tuple[int, str, date | None]  # Jahr, Art, Stichtag: the unit a newer file replaces
COPY_BLOCK = 10_000
_NULL = "\\N"  # NULL in COPY's text format


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


# --- Checking a whole file -----------------------------------------------------------------------


def datei_pruefen(*, name: str, inhalt: bytes, eingestellt: HaushaltEinstellungen | None = None) -> Pruefung:
    """Check every row; raise a ValidationError with one German message per bad row, or return the rows.

    Steps: read the rows; map the header; convert each row (Produkt, Zeile, Art, Jahr, Stichtag,
    Betrag) and refuse duplicates of a key within the file; sum the preview per Produktbereich,
    Jahr, Art and Stichtag, with the Zuschussbedarf of the rows it would replace.
    """
    eingestellt = eingestellt or einstellungen()
    nummeriert = enumerate(zeilen_lesen(name=name, inhalt=inhalt), start=1)
    for _nummer, kopf in nummeriert:
        if any(zelle_text(c) for c in kopf):
            break
    else:
        raise ValidationError(_("Die Datei ist leer."))
    spalten = spalten_zuordnen(kopf, eingestellt)
    pruefung = Pruefung(dateiname=name, sha256=hashlib.sha256(inhalt).hexdigest(), groesse=len(inhalt))
    leser = Leser(eingestellt)
    i_produkt, i_zeile, i_art, i_jahr, i_betrag = (spalten[f] for f in PFLICHTFELDER)
    i_stichtag = spalten.get("stichtag")
    breite = max(spalten.values()) + 1
    fehler: list[str] = []
    erste_zeile: dict[tuple, int] = {}
    summen: dict[tuple[str, int, str, date | None], list] = defaultdict(lambda: [0, Decimal(0), Decimal(0)])
    positionen = pruefung.positionen
    for nummer, zeile in nummeriert:
        if len(zeile) < breite:
            if not any(zelle_text(c) for c in zeile):
                continue
            zeile = [*zeile, *([""] * (breite - len(zeile)))]
        meldungen = []
        zelle = zeile[i_produkt]
        produkt_text = zelle.strip() if zelle.__class__ is str else zelle_text(zelle)
        produkt = leser.produkte.get(produkt_text)
        if produkt is None:
            if not any(zelle_text(c) for c in zeile):
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
            jahr = leser.gemerkt("jahr", zeile[i_jahr], zelle_jahr)
        except ValueError as exc:
            meldungen.append(str(exc))
        try:
            stichtag = leser.gemerkt("datum", zeile[i_stichtag], zelle_datum) if i_stichtag is not None else None
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
            betrag = zelle_betrag(zeile[i_betrag])
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
            # COPY's text format written in blocks: the values are ids, choice keys, ISO dates and
            # plain decimals (no tab, newline or backslash to escape), so formatting them here costs
            # a fraction of adapting each value through write_row.
            positionen = pruefung.positionen
            with cursor.cursor.copy(f"COPY {tabelle} ({liste}) FROM STDIN") as kopie:  # noqa: S608 - names from the model
                for start in range(0, len(positionen), COPY_BLOCK):
                    kopie.write(
                        "".join(
                            f"{p}\t{j}\t{z}\t{a}\t{_NULL if s is None else s.isoformat()}\t{b}\t{herkunft}\n"
                            for p, j, z, a, s, b in positionen[start : start + COPY_BLOCK]
                        ).encode()
                    )
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
