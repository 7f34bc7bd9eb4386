"""The finance section of the Tertialbericht (registered in steuerung.berichte.abschnitte).

Per Produktgruppe of the report's unit (its Produkte and those of the units below) at the
report's Stichtag (steuerung.berichte.abschnitte.stichtag_von): Zuschussbedarf as Ansatz, Ist
(with its data stand, the latest imported Ist date up to the Stichtag, never later) and Prognose
Jahresende, and the Abweichung Prognose − Ansatz (haushalt.uebersicht.finanzen_bericht_zeilen). Where the deviation
exceeds the Kommune's thresholds (haushalt.kennwerte.erklaerung_noetig), a Finanzerlaeuterung
with Begründung and Gegensteuerung must exist before the report can be submitted.
1. `abschnitt_bauen` turns the rows and the explanations into plain JSON (money as decimal
   strings with cents), so the published snapshot keeps them frozen;
2. the template `haushalt/bericht_abschnitt.html` shows them on the page and in the PDF;
3. `excel_blaetter` writes the sheet "Finanzen" with numbers as numbers.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.money import cent, format_de
from core.periods import Periode
from haushalt import kennwerte
from haushalt.models import Finanzerlaeuterung
from haushalt.selectors import einstellungen
from haushalt.uebersicht import FinanzberichtZeile, finanzen_bericht_zeilen
from organisation.models import Organisationseinheit
from steuerung.berichte.abschnitte import Abschnitt, Blatt, stichtag_von

SCHLUESSEL = "finanzen"
VORLAGE = "haushalt/bericht_abschnitt.html"


def _geld(wert: Decimal | None) -> str | None:
    return None if wert is None else str(cent(wert))


def _tag(wert: date | None) -> str | None:
    return None if wert is None else wert.isoformat()


def zeilen_und_erlaeuterungen(
    *, organisationseinheit: Organisationseinheit, periode: Periode, stichtag: date | None = None
) -> tuple[list[FinanzberichtZeile], dict[int, Finanzerlaeuterung]]:
    """The section's rows at the report's Stichtag (default: abschnitte.stichtag_von) and the
    explanations of their Produktgruppen."""
    stichtag = stichtag or stichtag_von(periode)
    zeilen = finanzen_bericht_zeilen(oe=organisationseinheit, jahr=periode.jahr, stichtag=stichtag)
    erlaeuterungen = {
        e.produktgruppe_id: e
        for e in Finanzerlaeuterung.objects.filter(
            periode=periode.schluessel, produktgruppe__in=[z.produktgruppe for z in zeilen]
        )
    }
    return zeilen, erlaeuterungen


def erlaeuterung_fehlt(zeile: FinanzberichtZeile, erlaeuterung: Finanzerlaeuterung | None) -> bool:
    """The report rule: a deviation above the thresholds needs both a Begründung and a Gegensteuerung."""
    return zeile.erklaerung_noetig and (erlaeuterung is None or not erlaeuterung.vollstaendig)


def _summe(zeilen: list[FinanzberichtZeile], feld: str) -> Decimal | None:
    return kennwerte.summe(getattr(z, feld) for z in zeilen)


def abschnitt_bauen(*, organisationseinheit: Organisationseinheit, periode: Periode, stichtag: date) -> dict | None:
    """The section's data; None when none of the unit's Produkte has an amount in the year."""
    zeilen, erlaeuterungen = zeilen_und_erlaeuterungen(
        organisationseinheit=organisationseinheit, periode=periode, stichtag=stichtag
    )
    zeilen = [z for z in zeilen if any(w is not None for w in (z.ansatz, z.ist, z.prognose))]
    if not zeilen:
        return None
    eingestellt = einstellungen()
    daten = []
    for z in zeilen:
        e = erlaeuterungen.get(z.produktgruppe.pk)
        daten.append(
            {
                "nummer": z.produktgruppe.nummer,
                "bezeichnung": z.produktgruppe.bezeichnung,
                "ansatz": _geld(z.ansatz),
                "ist": _geld(z.ist),
                "ist_stichtag": _tag(z.ist_stichtag),
                "prognose": _geld(z.prognose),
                "prognose_stichtag": _tag(z.prognose_stichtag),
                "prognose_ist_jahresende": z.prognose_ist_jahresende,
                "abweichung": _geld(z.abweichung),
                "abweichung_prozent": None if z.abweichung_prozent is None else str(z.abweichung_prozent),
                "erklaerung_noetig": z.erklaerung_noetig,
                "begruendung": e.begruendung.strip() if e else "",
                "gegensteuerung": e.gegensteuerung.strip() if e else "",
            }
        )
    ansatz, prognose = _summe(zeilen, "ansatz"), _summe(zeilen, "prognose")
    ist_tage = [z.ist_stichtag for z in zeilen if z.ist_stichtag]
    return {
        "jahr": periode.jahr,
        "stichtag": stichtag.isoformat(),
        # The data stand of the Ist shown: the latest imported Ist date up to the report's Stichtag.
        "ist_stand": _tag(max(ist_tage)) if ist_tage else None,
        "schwelle_prozent": str(eingestellt.schwelle_prozent),
        "schwelle_betrag": _geld(eingestellt.schwelle_betrag),
        "zeilen": daten,
        "summe": {
            "ansatz": _geld(ansatz),
            "ist": _geld(_summe(zeilen, "ist")),
            "prognose": _geld(prognose),
            "abweichung": _geld(None if ansatz is None or prognose is None else prognose - ansatz),
        },
    }


def offene_punkte(*, organisationseinheit: Organisationseinheit, periode: Periode) -> list[str]:
    """One message naming every Produktgruppe whose deviation still lacks Begründung or Gegensteuerung."""
    zeilen, erlaeuterungen = zeilen_und_erlaeuterungen(organisationseinheit=organisationseinheit, periode=periode)
    fehlend = [z for z in zeilen if erlaeuterung_fehlt(z, erlaeuterungen.get(z.produktgruppe.pk))]
    if not fehlend:
        return []
    namen = "; ".join(
        f"{z.produktgruppe.nummer} {z.produktgruppe.bezeichnung} ({format_de(z.abweichung, einheit='€')})"
        for z in fehlend
    )
    return [
        _(
            "Für folgende Produktgruppen weicht die Prognose so stark vom Ansatz ab, dass Begründung und "
            "Gegensteuerung nötig sind; sie fehlen noch (Finanzen): %(namen)s"
        )
        % {"namen": namen}
    ]


def erfassung_url(*, organisationseinheit: Organisationseinheit, periode: Periode) -> str:
    """Where the Fachamt writes the explanations of this report's Produktgruppen."""
    return reverse(
        "frontend:finanzen-erlaeuterungen", kwargs={"oe": organisationseinheit.pk, "periode": periode.schluessel}
    )


def _zahl(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


def _iso_tag(iso: str | None) -> date | None:
    """A stored ISO date as a date cell (the report's Excel formats it as DD.MM.YYYY)."""
    return None if not iso else date.fromisoformat(iso)


def _datum(iso: str | None) -> str:
    return "" if not iso else f"{iso[8:10]}.{iso[5:7]}.{iso[:4]}"


KOPF = [
    "Produktgruppe",
    "Bezeichnung",
    "Ansatz €",
    "Ist €",
    "Ist Stand",
    "Prognose Jahresende €",
    "Abweichung Prognose − Ansatz €",
    "Abweichung %",
    "Erläuterung erforderlich",
    "Begründung",
    "Gegensteuerung",
]


def excel_blaetter(daten: dict) -> list[Blatt]:
    """The sheet "Finanzen": one row per Produktgruppe (Zuschussbedarf), the total and the thresholds."""
    zeilen: list[list] = [
        [
            z["nummer"],
            z["bezeichnung"],
            _zahl(z["ansatz"]),
            _zahl(z["ist"]),
            _iso_tag(z["ist_stichtag"]),
            _zahl(z["prognose"]),
            _zahl(z["abweichung"]),
            _zahl(z["abweichung_prozent"]),
            "ja" if z["erklaerung_noetig"] else "nein",
            z["begruendung"],
            z["gegensteuerung"],
        ]
        for z in daten["zeilen"]
    ]
    s = daten["summe"]
    zeilen.append(
        [
            "Summe",
            "",
            _zahl(s["ansatz"]),
            _zahl(s["ist"]),
            _iso_tag(daten.get("ist_stand")),
            _zahl(s["prognose"]),
            _zahl(s["abweichung"]),
        ]
    )
    zeilen.append([])
    zeilen.append(
        [
            f"Zuschussbedarf, Haushaltsjahr {daten['jahr']}, Stichtag des Berichts {_datum(daten['stichtag'])}, "
            f"Ist-Daten Stand {_datum(daten.get('ist_stand')) or 'keine'}; "
            f"Erläuterung erforderlich ab einer Abweichung über {format_de(Decimal(daten['schwelle_prozent']))} % "
            f"oder über {format_de(Decimal(daten['schwelle_betrag']), einheit='€')}"
        ]
    )
    return [("Finanzen", KOPF, zeilen)]


ABSCHNITT = Abschnitt(
    schluessel=SCHLUESSEL,
    titel=gettext_lazy("Finanzen: Zuschussbedarf je Produktgruppe"),
    vorlage=VORLAGE,
    bauen=abschnitt_bauen,
    offene_punkte=offene_punkte,
    excel_blaetter=excel_blaetter,
    erfassung=erfassung_url,
    reihenfolge=20,
)
