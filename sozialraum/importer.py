"""CSV and Excel import of Indikatorwerte and Vergleichswerte: all rows or none, with German
messages naming row and column.

Indikatorwerte: columns indikator (Schlüssel), raum (Schlüssel), jahr, wert.
Vergleichswerte: kommune, vergleichsschluessel, jahr, wert; optional bezeichnung, einwohner,
quelle. Header row case-insensitive; CSV separated by ";" or "," with German decimals ("12,5").
Existing rows (same key) are updated, new ones created; the templates are `vorlage()`.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.money import parse_de, runden
from core.uploads import xlsx_pruefen
from sozialraum.models import Indikator, Indikatorwert, Raum, Vergleichswert

MAX_GROESSE = 5 * 1024 * 1024
MAX_ZEILEN = 50_000
SPALTEN = ("indikator", "raum", "jahr", "wert")
VERGLEICH_SPALTEN = ("kommune", "vergleichsschluessel", "jahr", "wert")
VERGLEICH_OPTIONAL = ("bezeichnung", "einwohner", "quelle")
MAX_FEHLER = 50


@dataclass(frozen=True)
class Importergebnis:
    angelegt: int
    aktualisiert: int


def _zeilen_aus_csv(inhalt: bytes) -> list[list[str]]:
    try:
        text = inhalt.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = inhalt.decode("cp1252", errors="strict")
    if "\x00" in text:
        raise ValidationError(_("Die Datei ist keine Textdatei (CSV)."))
    erste = text.splitlines()[0] if text.strip() else ""
    trenner = ";" if erste.count(";") >= erste.count(",") else ","
    return list(csv.reader(io.StringIO(text), delimiter=trenner))


def _zeilen_aus_excel(inhalt: bytes) -> list[list[object]]:
    from openpyxl import load_workbook

    try:
        mappe = load_workbook(io.BytesIO(inhalt), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise ValidationError(_("Die Excel-Datei kann nicht gelesen werden.")) from exc
    blatt = mappe.worksheets[0]
    zeilen = []
    for zeile in blatt.iter_rows(values_only=True):
        # Numbers stay numbers: str(12.345) must not be read as German "12.345" = 12345.
        zeilen.append(["" if z is None else z for z in zeile])
        if len(zeilen) > MAX_ZEILEN + 1:
            break
    mappe.close()
    return zeilen


def zeilen_lesen(*, name: str, inhalt: bytes) -> list[list[object]]:
    """Rows of the file by type; anything but .csv/.xlsx or an oversized file is refused."""
    if len(inhalt) > MAX_GROESSE:
        raise ValidationError(_("Die Datei ist zu groß (höchstens 5 MB)."))
    endung = name.lower().rsplit(".", 1)[-1] if "." in name else ""
    if endung == "csv":
        if inhalt.startswith(b"PK\x03\x04"):
            raise ValidationError(_("Die Datei heißt .csv, ist aber keine Textdatei."))
        return _zeilen_aus_csv(inhalt)
    if endung == "xlsx":
        if not inhalt.startswith(b"PK\x03\x04"):
            raise ValidationError(_("Die Datei heißt .xlsx, ist aber keine Excel-Datei."))
        xlsx_pruefen(inhalt, max_bytes=MAX_GROESSE)
        return _zeilen_aus_excel(inhalt)
    raise ValidationError(_("Bitte eine CSV- oder Excel-Datei (.csv, .xlsx) hochladen."))


def _jahr(text: object) -> int:
    roh = str(int(text)) if isinstance(text, (int, float)) and float(text).is_integer() else str(text).strip()
    if not roh.isdigit() or not 1990 <= int(roh) <= 2100:
        raise ValueError(_("„%(jahr)s“ ist kein gültiges Jahr (1990–2100).") % {"jahr": text})
    return int(roh)


def _wert(text: object) -> Decimal:
    if isinstance(text, bool):
        raise ValueError(_("„%(wert)s“ ist keine gültige Zahl.") % {"wert": text})
    wert = Decimal(str(text)) if isinstance(text, (int, float, Decimal)) else parse_de(str(text))
    if not wert.is_finite():
        raise ValueError(_("„%(wert)s“ ist keine gültige Zahl.") % {"wert": text})
    if abs(wert) >= Decimal("1e14"):
        raise ValueError(_("Der Wert „%(wert)s“ ist zu groß.") % {"wert": text})
    return runden(wert, 4)


def _fehler(nummer: int, spalte: str, text: str) -> str:
    return _("Zeile %(n)s, Spalte „%(spalte)s“: %(text)s") % {"n": nummer, "spalte": spalte, "text": text}


def _tabelle(*, name: str, inhalt: bytes, pflicht: tuple[str, ...], optional: tuple[str, ...] = ()):
    """(row number, {column: cell}) of every non-empty data row; refuses missing columns and size."""
    zeilen = [z for z in zeilen_lesen(name=name, inhalt=inhalt) if any(str(c).strip() for c in z)]
    if not zeilen:
        raise ValidationError(_("Die Datei ist leer."))
    kopf = [str(c).strip().lower() for c in zeilen[0]]
    fehlend = [s for s in pflicht if s not in kopf]
    if fehlend:
        raise ValidationError(
            _("Es fehlen Spalten: %(spalten)s (erwartet: %(erwartet)s).")
            % {"spalten": ", ".join(fehlend), "erwartet": "; ".join(pflicht)}
        )
    if len(zeilen) - 1 > MAX_ZEILEN:
        raise ValidationError(_("Die Datei hat zu viele Zeilen (höchstens %(n)s).") % {"n": MAX_ZEILEN})
    pos = {s: kopf.index(s) for s in (*pflicht, *optional) if s in kopf}
    for nummer, zeile in enumerate(zeilen[1:], start=2):
        zelle = {s: (zeile[p] if p < len(zeile) else "") for s, p in pos.items()}
        yield nummer, {s: w.strip() if isinstance(w, str) else w for s, w in zelle.items()}


def _genug(fehler: list[str]) -> bool:
    if len(fehler) >= MAX_FEHLER:
        fehler.append(_("Weitere Zeilen wurden nicht mehr geprüft."))
        return True
    return False


@transaction.atomic
def indikatorwerte_importieren(*, name: str, inhalt: bytes, user=None) -> Importergebnis:
    """Validate every row first; write only if no row has an error (then nothing is written)."""
    tabelle = _tabelle(name=name, inhalt=inhalt, pflicht=SPALTEN)
    indikatoren = {i.schluessel.lower(): i for i in Indikator.objects.all()}
    raeume = {r.schluessel.lower(): r for r in Raum.objects.all()}
    fehler: list[str] = []
    gelesen: dict[tuple[int, int, int], tuple[Indikator, Raum, int, Decimal]] = {}
    for nummer, zelle in tabelle:
        meldungen = []
        indikator = indikatoren.get(str(zelle["indikator"]).lower())
        if indikator is None:
            meldungen.append(
                _fehler(nummer, "indikator", _("Indikator „%(s)s“ ist unbekannt.") % {"s": zelle["indikator"]})
            )
        raum = raeume.get(str(zelle["raum"]).lower())
        if raum is None:
            meldungen.append(_fehler(nummer, "raum", _("Raum „%(s)s“ ist unbekannt.") % {"s": zelle["raum"]}))
        jahr = wert = None
        try:
            jahr = _jahr(zelle["jahr"])
        except ValueError as exc:
            meldungen.append(_fehler(nummer, "jahr", str(exc)))
        try:
            wert = _wert(zelle["wert"])
        except ValueError as exc:
            meldungen.append(_fehler(nummer, "wert", str(exc)))
        if not meldungen:
            schluessel = (indikator.id, raum.id, jahr)
            if schluessel in gelesen:
                meldungen.append(
                    _("Zeile %(n)s: doppelte Zeile für denselben Indikator, Raum und dasselbe Jahr.") % {"n": nummer}
                )
            gelesen[schluessel] = (indikator, raum, jahr, wert)
        fehler.extend(meldungen)
        if _genug(fehler):
            break
    if fehler:
        raise ValidationError(fehler)
    vorhanden = {
        (w.indikator_id, w.raum_id, w.jahr): w
        for w in Indikatorwert.objects.filter(
            indikator_id__in={k[0] for k in gelesen}, raum_id__in={k[1] for k in gelesen}
        )
    }
    angelegt = aktualisiert = 0
    for schluessel, (indikator, raum, jahr, wert) in gelesen.items():
        bestehend = vorhanden.get(schluessel)
        if bestehend is None:
            neu = Indikatorwert(indikator=indikator, raum=raum, jahr=jahr, wert=wert)
            neu._history_user = user
            neu.save()
            angelegt += 1
        elif bestehend.wert != wert:
            bestehend.wert = wert
            bestehend._history_user = user
            bestehend.save()
            aktualisiert += 1
    return Importergebnis(angelegt, aktualisiert)


def _einwohner(text: object) -> int | None:
    if text in ("", None):
        return None
    roh = str(int(text)) if isinstance(text, (int, float)) and float(text).is_integer() else str(text).strip()
    roh = roh.replace(".", "") if isinstance(text, str) else roh
    if not roh.isdigit():
        raise ValueError(_("„%(w)s“ ist keine ganze Zahl ≥ 0.") % {"w": text})
    return int(roh)


@transaction.atomic
def vergleichswerte_importieren(*, name: str, inhalt: bytes, user=None) -> Importergebnis:
    """Peer values by (kommune, vergleichsschluessel, jahr); each row checked by the model's own rules."""
    tabelle = _tabelle(name=name, inhalt=inhalt, pflicht=VERGLEICH_SPALTEN, optional=VERGLEICH_OPTIONAL)
    vorhanden = {(v.kommune.lower(), v.vergleichsschluessel.lower(), v.jahr): v for v in Vergleichswert.objects.all()}
    fehler: list[str] = []
    gelesen: dict[tuple[str, str, int], Vergleichswert] = {}
    for nummer, zelle in tabelle:
        meldungen = []
        werte: dict[str, object] = {
            s: str(zelle.get(s, "") or "").strip() for s in ("kommune", "vergleichsschluessel", "bezeichnung", "quelle")
        }
        for spalte, lesen in (("jahr", _jahr), ("wert", _wert), ("einwohner", _einwohner)):
            if spalte not in zelle:
                continue
            try:
                werte[spalte] = lesen(zelle[spalte])
            except ValueError as exc:
                meldungen.append(_fehler(nummer, spalte, str(exc)))
        if meldungen:
            fehler.extend(meldungen)
            if _genug(fehler):
                break
            continue
        schluessel = (str(werte["kommune"]).lower(), str(werte["vergleichsschluessel"]).lower(), werte["jahr"])
        if schluessel in gelesen:
            fehler.append(
                _("Zeile %(n)s: doppelte Zeile für dieselbe Kommune, denselben Schlüssel und dasselbe Jahr.")
                % {"n": nummer}
            )
            continue
        objekt = vorhanden.get(schluessel) or Vergleichswert()
        for feld, wert in werte.items():
            if feld in zelle or feld in VERGLEICH_SPALTEN:
                setattr(objekt, feld, wert)
        try:
            objekt.full_clean(validate_unique=False)
        except ValidationError as exc:
            for feld, texte in exc.message_dict.items():
                fehler.extend(
                    _fehler(nummer, feld, t) if feld != "__all__" else _("Zeile %(n)s: %(t)s") % {"n": nummer, "t": t}
                    for t in texte
                )
        gelesen[schluessel] = objekt
        if _genug(fehler):
            break
    if fehler:
        raise ValidationError(fehler)
    angelegt = aktualisiert = 0
    for objekt in gelesen.values():
        if objekt.pk is None:
            angelegt += 1
        elif Vergleichswert.objects.filter(pk=objekt.pk).values_list(
            "wert", "einwohner", "bezeichnung", "quelle"
        ).get() != (
            objekt.wert,
            objekt.einwohner,
            objekt.bezeichnung,
            objekt.quelle,
        ):
            aktualisiert += 1
        else:
            continue
        objekt._history_user = user
        objekt.save()
    return Importergebnis(angelegt, aktualisiert)
