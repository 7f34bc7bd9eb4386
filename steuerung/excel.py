"""Excel export and import of a year's Zielmatrix (sheets "Ziele" and "Kennzahlen").

The import is all-or-nothing: every row is checked (through the same services as API and UI)
inside one transaction; if any row fails, the transaction is rolled back and the German error
report lists every bad row. openpyxl parses XML through defusedxml when it is installed.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from io import BytesIO
from typing import IO, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from openpyxl.utils.exceptions import InvalidFileException

from core.money import parse_de
from core.uploads import formeln_neutralisieren, xlsx_pruefen
from organisation.models import Benutzer, Organisationseinheit
from steuerung import services
from steuerung.models import Kennzahl, Produkt, Produktgruppe
from steuerung.models.auswahl import Erhebungsrhythmus, Messart, Praeventionsform, Richtung, Wirkungsebene, Zielart
from steuerung.selectors import ZIELMODELLE, baum_knoten, kennzahlen_fuer, zielpyramide_baum

MAX_GROESSE = 5 * 1024 * 1024
EBENEN = {
    "Leitziel": "leitziel",
    "Produktgruppenziel": "produktgruppenziel",
    "Produktziel": "produktziel",
    "Teilziel": "teilziel",
    "Maßnahme": "massnahme",
}
EBENE_NAME = {v: k for k, v in EBENEN.items()}
ZIEL_SPALTEN = [
    "Ebene",
    "Code",
    "Übergeordneter Code",
    "Zieltext",
    "Zielgruppe",
    "Zielart",
    "Wirkungsebene",
    "Organisationseinheit",
    "Produkt/Produktgruppe",
    "Maßnahmenziel",
    "Präventionsform",
    "SMART-Mängel",
]
KENNZAHL_SPALTEN = [
    "Code",
    "Bezeichnung",
    "Ziel-Code",
    "Definition",
    "Formel",
    "Einheit",
    "Datenquelle",
    "Erhebungsmethode",
    "Messart",
    "Richtung",
    "Erhebungsrhythmus",
    "Ausgangswert",
    "Basisjahr",
    "Zielwert",
    "Zieljahr",
    "Wirkungsebene",
    "Organisationseinheit",
    "Verantwortlich",
    "Vertretung",
]


def _text(wert: Any) -> str:
    if wert is None:
        return ""
    if isinstance(wert, float) and wert.is_integer():
        wert = int(wert)
    return str(wert).strip()


def zielmatrix_exportieren(*, jahr: int, user) -> bytes:
    """The Zielmatrix of a year as .xlsx (what the user may see), re-importable."""
    baum = zielpyramide_baum(jahr=jahr, user=user)
    mappe = Workbook()
    ziele = mappe.active
    ziele.title = "Ziele"
    ziele.append(ZIEL_SPALTEN)
    eltern: dict[tuple[str, int], str] = {}
    ziel_code: dict[tuple[str, int], str] = {}
    modelle: dict[str, dict[int, Any]] = {}
    for typ, modell in ZIELMODELLE.items():
        modelle[typ] = modell.objects.filter(jahr=jahr).select_related("organisationseinheit").in_bulk()
    knoten_liste = list(baum_knoten(baum)) + [(m, [m["code"]]) for m in baum["ohne_leitziel"]]
    for knoten, _pfad in knoten_liste:
        for kind in knoten["kinder"]:
            eltern[(kind["typ"], kind["id"])] = knoten["code"]
    for knoten, _pfad in knoten_liste:
        ziel = modelle[knoten["typ"]][knoten["id"]]
        ziel_code[(knoten["typ"], ziel.pk)] = ziel.code
        nummer = ""
        if knoten["typ"] == "produktgruppenziel":
            nummer = ziel.produktgruppe.nummer
        elif knoten["typ"] == "produktziel":
            nummer = ziel.produkt.nummer
        ziele.append(
            [
                EBENE_NAME[knoten["typ"]],
                ziel.code,
                eltern.get((knoten["typ"], ziel.pk), ""),
                ziel.titel,
                ziel.zielgruppe,
                ziel.get_zielart_display(),
                ziel.get_wirkungsebene_display(),
                ziel.organisationseinheit.kuerzel,
                nummer,
                getattr(ziel, "massnahmenziel", ""),
                ziel.get_praeventionsform_display() if knoten["typ"] == "massnahme" else "",
                "; ".join(knoten["smart"]["maengel"]),
            ]
        )
    blatt = mappe.create_sheet("Kennzahlen")
    blatt.append(KENNZAHL_SPALTEN)
    for k in kennzahlen_fuer(user).filter(jahr=jahr, archiviert=False).order_by("code", "pk"):
        typ = next(t for t in ZIELMODELLE if getattr(k, f"{t}_id"))
        blatt.append(
            [
                k.code,
                k.bezeichnung,
                ziel_code.get((typ, getattr(k, f"{typ}_id")), ""),
                k.definition,
                k.formel,
                k.einheit,
                k.datenquelle,
                k.erhebungsmethode,
                k.get_messart_display(),
                k.get_richtung_display(),
                k.get_erhebungsrhythmus_display(),
                k.ausgangswert,
                k.ausgangsjahr,
                k.zielwert,
                k.zieljahr,
                k.get_wirkungsebene_display(),
                k.organisationseinheit.kuerzel,
                k.verantwortlich.username,
                k.vertretung.username,
            ]
        )
    for b in (ziele, blatt):
        formeln_neutralisieren(b)
        for zelle in b[1]:
            zelle.font = Font(bold=True)
        b.freeze_panes = "A2"
    puffer = BytesIO()
    mappe.save(puffer)
    return puffer.getvalue()


@dataclass
class ImportErgebnis:
    fehler: list[str] = field(default_factory=list)
    ziele: int = 0
    kennzahlen: int = 0

    @property
    def erfolgreich(self) -> bool:
        return not self.fehler


class _Zeilenfehler(Exception):
    pass


def _auswahl(wert: str, choices, feld: str) -> str:
    """Accept a choice by its value or its German label (case-insensitive)."""
    text = wert.strip().lower()
    for schluessel, label in choices:
        if text in (schluessel.lower(), str(label).lower()):
            return schluessel
    erlaubt = ", ".join(str(label) for _s, label in choices)
    raise _Zeilenfehler(f"{feld} „{wert}“ ist unbekannt (erlaubt: {erlaubt})")


def _zahl(wert: Any, feld: str) -> Decimal | None:
    if wert is None or _text(wert) == "":
        return None
    if isinstance(wert, int | float):
        return Decimal(str(wert))
    try:
        return parse_de(str(wert))
    except (ValueError, InvalidOperation) as exc:
        raise _Zeilenfehler(f"{feld}: {exc}") from exc


def _jahr(wert: Any, feld: str) -> int | None:
    zahl = _zahl(wert, feld)
    if zahl is None:
        return None
    if zahl != int(zahl) or not 2000 <= zahl <= 2100:
        raise _Zeilenfehler(f"{feld} „{_text(wert)}“ ist kein Jahr zwischen 2000 und 2100")
    return int(zahl)


def _meldungen(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        if hasattr(exc, "error_dict"):
            return "; ".join(
                f"{f}: {' '.join(m)}" if f != "__all__" else " ".join(m) for f, m in exc.message_dict.items()
            )
        return " ".join(exc.messages)
    return str(exc)


def _oeffnen(datei: IO[bytes], name: str):
    if not name.lower().endswith(".xlsx"):
        raise _Zeilenfehler("Bitte eine Excel-Datei im Format .xlsx hochladen.")
    datei.seek(0, 2)
    groesse = datei.tell()
    datei.seek(0)
    if groesse > MAX_GROESSE:
        raise _Zeilenfehler("Die Datei ist größer als 5 MB und wird nicht verarbeitet.")
    inhalt = datei.read()
    try:
        xlsx_pruefen(inhalt, max_bytes=MAX_GROESSE)
    except ValidationError as exc:
        raise _Zeilenfehler(" ".join(exc.messages)) from exc
    try:
        return load_workbook(BytesIO(inhalt), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise _Zeilenfehler("Die Datei ist keine gültige Excel-Datei (.xlsx) und wurde nicht verarbeitet.") from exc


def _zeilen(mappe, blatt: str, spalten: list[str]) -> list[tuple[int, dict[str, Any]]]:
    if blatt not in mappe.sheetnames:
        raise _Zeilenfehler(f"Das Tabellenblatt „{blatt}“ fehlt.")
    zeilen = mappe[blatt].iter_rows(values_only=True)
    kopf = [_text(z) for z in next(zeilen, ())]
    fehlend = [s for s in spalten if s not in kopf and s != "SMART-Mängel"]
    if fehlend:
        raise _Zeilenfehler(f"Im Blatt „{blatt}“ fehlen die Spalten: {', '.join(fehlend)}.")
    ergebnis = []
    for nummer, werte in enumerate(zeilen, start=2):
        if not any(_text(w) for w in werte):
            continue
        ergebnis.append((nummer, dict(zip(kopf, werte, strict=False))))
    return ergebnis


def zielmatrix_importieren(*, datei: IO[bytes], name: str, jahr: int, user) -> ImportErgebnis:
    """Import goals and Kennzahlen of `jahr`; all rows or none.

    Steps: open and check the file; per goal row (sorted top-down by level) resolve unit,
    parent and Produkt by code and create or update it through the services; then the same for
    Kennzahlen; collect each failure with sheet and row; roll everything back on any failure.
    """
    ergebnis = ImportErgebnis()
    if not user.has_perm("steuerung.add_leitziel"):
        raise PermissionDenied("Nur die Steuerungsunterstützung darf die Zielmatrix importieren.")
    try:
        mappe = _oeffnen(datei, name)
        ziel_zeilen = _zeilen(mappe, "Ziele", ZIEL_SPALTEN)
        kennzahl_zeilen = _zeilen(mappe, "Kennzahlen", KENNZAHL_SPALTEN)
    except _Zeilenfehler as exc:
        ergebnis.fehler.append(str(exc))
        return ergebnis
    einheiten = {o.kuerzel: o for o in Organisationseinheit.objects.all()}
    personen = {b.username: b for b in Benutzer.objects.all()}
    produkte = {p.nummer: p for p in Produkt.objects.all()}
    gruppen = {g.nummer: g for g in Produktgruppe.objects.all()}
    reihenfolge = list(EBENEN.values())

    def ebene(zeile) -> int:
        typ = EBENEN.get(_text(zeile[1].get("Ebene")))
        return reihenfolge.index(typ) if typ else -1

    with transaction.atomic():
        codes: dict[str, dict[str, Any]] = {typ: {} for typ in reihenfolge}
        for typ, modell in ZIELMODELLE.items():
            codes[typ] = {z.code: z for z in modell.objects.filter(jahr=jahr)}
        for nummer, zeile in sorted(ziel_zeilen, key=ebene):
            try:
                _ziel_importieren(zeile, jahr, user, codes, einheiten, produkte, gruppen)
                ergebnis.ziele += 1
            except (_Zeilenfehler, ValidationError, PermissionDenied) as exc:
                ergebnis.fehler.append(f"Blatt „Ziele“, Zeile {nummer}: {_meldungen(exc)}")
        kennzahlen = {k.code: k for k in Kennzahl.objects.filter(jahr=jahr).exclude(code="")}
        for nummer, zeile in kennzahl_zeilen:
            try:
                _kennzahl_importieren(zeile, jahr, user, codes, kennzahlen, einheiten, personen, name)
                ergebnis.kennzahlen += 1
            except (_Zeilenfehler, ValidationError, PermissionDenied) as exc:
                ergebnis.fehler.append(f"Blatt „Kennzahlen“, Zeile {nummer}: {_meldungen(exc)}")
        if ergebnis.fehler:
            transaction.set_rollback(True)
            ergebnis.ziele = ergebnis.kennzahlen = 0
    ergebnis.fehler.sort(key=lambda f: (not f.startswith("Blatt „Ziele“"), int(f.split("Zeile ")[1].split(":")[0])))
    return ergebnis


def _pflicht(zeile: dict[str, Any], spalte: str) -> str:
    wert = _text(zeile.get(spalte))
    if not wert:
        raise _Zeilenfehler(f"„{spalte}“ fehlt")
    return wert


def _ziel_importieren(zeile, jahr, user, codes, einheiten, produkte, gruppen) -> None:
    ebene_text = _text(zeile.get("Ebene"))
    typ = EBENEN.get(ebene_text)
    if typ is None:
        raise _Zeilenfehler(f"Ebene „{ebene_text}“ ist unbekannt (erlaubt: {', '.join(EBENEN)})")
    code = _pflicht(zeile, "Code")
    kuerzel = _pflicht(zeile, "Organisationseinheit")
    if kuerzel not in einheiten:
        raise _Zeilenfehler(f"Organisationseinheit „{kuerzel}“ ist unbekannt")
    daten: dict[str, Any] = {
        "jahr": jahr,
        "code": code,
        "titel": _pflicht(zeile, "Zieltext"),
        "zielgruppe": _text(zeile.get("Zielgruppe")),
        "organisationseinheit": einheiten[kuerzel],
    }
    if _text(zeile.get("Zielart")):
        daten["zielart"] = _auswahl(_text(zeile.get("Zielart")), Zielart.choices, "Zielart")
    if _text(zeile.get("Wirkungsebene")):
        daten["wirkungsebene"] = _auswahl(_text(zeile.get("Wirkungsebene")), Wirkungsebene.choices, "Wirkungsebene")
    oben = _text(zeile.get("Übergeordneter Code"))
    nummer = _text(zeile.get("Produkt/Produktgruppe"))

    def eltern(typen: tuple[str, ...], pflicht: bool = True):
        for t in typen:
            if oben in codes[t]:
                return t, codes[t][oben]
        if pflicht or oben:
            namen = " oder ".join(EBENE_NAME[t] for t in typen)
            raise _Zeilenfehler(f"Übergeordneter Code „{oben}“: kein {namen} dieses Jahres gefunden")
        return None, None

    if typ == "produktgruppenziel":
        daten["leitziel"] = eltern(("leitziel",))[1]
        if nummer not in gruppen:
            raise _Zeilenfehler(f"Produktgruppe „{nummer}“ ist unbekannt")
        daten["produktgruppe"] = gruppen[nummer]
    elif typ == "produktziel":
        daten["produktgruppenziel"] = eltern(("produktgruppenziel",))[1]
        if nummer not in produkte:
            raise _Zeilenfehler(f"Produkt „{nummer}“ ist unbekannt")
        daten["produkt"] = produkte[nummer]
    elif typ == "teilziel":
        art, ziel = eltern(("teilziel", "produktziel"))
        daten["eltern"] = ziel if art == "teilziel" else None
        daten["produktziel"] = ziel.produktziel if art == "teilziel" else ziel
    elif typ == "massnahme":
        art, ziel = eltern(("teilziel", "produktziel"), pflicht=False)
        daten["teilziel"] = ziel if art == "teilziel" else None
        daten["produktziel"] = ziel if art == "produktziel" else None
        daten["massnahmenziel"] = _text(zeile.get("Maßnahmenziel"))
        if _text(zeile.get("Präventionsform")):
            daten["praeventionsform"] = _auswahl(
                _text(zeile.get("Präventionsform")), Praeventionsform.choices, "Präventionsform"
            )
    vorhanden = codes[typ].get(code)
    if vorhanden is not None and vorhanden.pk:
        codes[typ][code] = services.ziel_aendern(ziel=vorhanden, daten=daten, user=user, revision=None)
    else:
        codes[typ][code] = services.ziel_anlegen(typ=typ, daten=daten, user=user)


def _kennzahl_importieren(zeile, jahr, user, codes, kennzahlen, einheiten, personen, dateiname) -> None:
    ziel_code = _pflicht(zeile, "Ziel-Code")
    treffer = [(t, codes[t][ziel_code]) for t in codes if ziel_code in codes[t]]
    if not treffer:
        raise _Zeilenfehler(f"Ziel-Code „{ziel_code}“: kein Ziel dieses Jahres gefunden")
    kuerzel = _pflicht(zeile, "Organisationseinheit")
    if kuerzel not in einheiten:
        raise _Zeilenfehler(f"Organisationseinheit „{kuerzel}“ ist unbekannt")
    wer = {}
    for spalte, feld in (("Verantwortlich", "verantwortlich"), ("Vertretung", "vertretung")):
        name = _pflicht(zeile, spalte)
        if name not in personen:
            raise _Zeilenfehler(f"{spalte}: Benutzerkennung „{name}“ ist unbekannt")
        wer[feld] = personen[name]
    typ, ziel = treffer[0]
    daten: dict[str, Any] = {
        "jahr": jahr,
        "code": _text(zeile.get("Code")),
        "bezeichnung": _pflicht(zeile, "Bezeichnung"),
        "definition": _text(zeile.get("Definition")),
        "formel": _text(zeile.get("Formel")),
        "einheit": _text(zeile.get("Einheit")),
        "datenquelle": _text(zeile.get("Datenquelle")),
        "erhebungsmethode": _text(zeile.get("Erhebungsmethode")),
        "ausgangswert": _zahl(zeile.get("Ausgangswert"), "Ausgangswert"),
        "ausgangsjahr": _jahr(zeile.get("Basisjahr"), "Basisjahr"),
        "zielwert": _zahl(zeile.get("Zielwert"), "Zielwert"),
        "zieljahr": _jahr(zeile.get("Zieljahr"), "Zieljahr"),
        "organisationseinheit": einheiten[kuerzel],
        **wer,
        **dict.fromkeys(ZIELMODELLE),
        typ: ziel,
    }
    for spalte, feld, choices in (
        ("Messart", "messart", Messart.choices),
        ("Richtung", "richtung", Richtung.choices),
        ("Erhebungsrhythmus", "erhebungsrhythmus", Erhebungsrhythmus.choices),
        ("Wirkungsebene", "wirkungsebene", Wirkungsebene.choices),
    ):
        if _text(zeile.get(spalte)):
            daten[feld] = _auswahl(_text(zeile.get(spalte)), choices, spalte)
    vorhanden = kennzahlen.get(daten["code"]) if daten["code"] else None
    if vorhanden is not None:
        kennzahlen[daten["code"]] = services.kennzahl_aendern(
            kennzahl=vorhanden, daten=daten, user=user, revision=None, grund=f"Import aus {dateiname}"
        )
    else:
        neu = services.kennzahl_anlegen(daten=daten, user=user)
        if neu.code:
            kennzahlen[neu.code] = neu
