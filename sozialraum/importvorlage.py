"""Excel templates (.xlsx) for the Sozialraum import: the columns the importer expects, an
example row and the known keys, so a filled template imports without renaming anything."""

from __future__ import annotations

from io import BytesIO

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from core.uploads import formeln_neutralisieren
from sozialraum.importer import SPALTEN, VERGLEICH_OPTIONAL, VERGLEICH_SPALTEN
from sozialraum.models import Indikator, Raum

ARTEN = ("indikatorwerte", "vergleichswerte")


def _kopf(blatt, spalten) -> None:
    blatt.append(list(spalten))
    for zelle in blatt[1]:
        zelle.font = Font(bold=True)
    for i, _s in enumerate(spalten):
        blatt.column_dimensions[chr(ord("A") + i)].width = 24
    blatt.freeze_panes = "A2"


def vorlage(art: str) -> bytes:
    """The template of `art` ("indikatorwerte" or "vergleichswerte")."""
    mappe = Workbook()
    werte = mappe.active
    werte.title = _("Werte")
    hinweise = mappe.create_sheet(_("Hinweise"))
    if art == "indikatorwerte":
        _kopf(werte, SPALTEN)
        hinweise.append([_("Eine Zeile je Indikator, Raum und Jahr. Indikator und Raum mit ihrem Schlüssel.")])
        hinweise.append([_("Zahlen wie 12,5 oder als Excel-Zahl; Jahr vierstellig. Vorhandene Werte werden ersetzt.")])
        hinweise.append([])
        hinweise.append([_("Indikator-Schlüssel"), _("Bezeichnung")])
        for i in Indikator.objects.order_by("schluessel"):
            hinweise.append([i.schluessel, i.bezeichnung])
        hinweise.append([])
        hinweise.append([_("Raum-Schlüssel"), _("Name")])
        for r in Raum.objects.order_by("schluessel"):
            hinweise.append([r.schluessel, r.name])
    else:
        _kopf(werte, (*VERGLEICH_SPALTEN, *VERGLEICH_OPTIONAL))
        hinweise.append([_("Eine Zeile je Kommune, Vergleichsschlüssel und Jahr; vorhandene Werte werden ersetzt.")])
        hinweise.append(
            [_("Pflicht: kommune, vergleichsschluessel, jahr, wert. Optional: bezeichnung, einwohner, quelle.")]
        )
        hinweise.append([_("Der Vergleichsschlüssel verbindet den Wert mit der eigenen Kennzahl gleichen Schlüssels.")])
    for blatt in mappe.worksheets:
        formeln_neutralisieren(blatt)
    puffer = BytesIO()
    mappe.save(puffer)
    return puffer.getvalue()
