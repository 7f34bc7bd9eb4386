"""Information request (Art. 15 DSGVO, § 83 SGB X): every stored field of a unit's cases as CSV.

The export covers the cases of the unit's subtree (optionally of one measure or one
pseudonym) and all their change-history entries, including those of cases deleted by hand.
CSV for Excel: UTF-8 with BOM, semicolon separated, German headers, de-DE numbers and dates;
cells beginning with = + - @ (or tab/CR) get a leading apostrophe so Excel never runs them
as formulas.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal

from django.db.models import Model
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from controlling.models import Ablaufschritt, Einzelfall, HSKMassnahme
from core.money import format_de
from core.protokoll import protokollieren
from organisation.models import Organisationseinheit
from organisation.selectors import unterbaum_ids

FORMEL_ZEICHEN = ("=", "+", "-", "@", "\t", "\r")
_HISTORIE_ART = {"+": gettext_lazy("angelegt"), "~": gettext_lazy("geändert"), "-": gettext_lazy("gelöscht")}


def neutralisieren(text: str) -> str:
    """Prefix an apostrophe to text that a spreadsheet would evaluate as a formula."""
    return "'" + text if text.startswith(FORMEL_ZEICHEN) else text


# Bookkeeping closes the row, after the case's own fields. Model order alone would put the
# lock state first: it is inherited from core.models.MitBearbeitungsstand.
_VERWALTUNG = ("revision", "geaendert")


def _felder() -> list:
    """All stored fields of a case (a new field is exported without code changes): its own in
    model order, then the bookkeeping fields."""
    felder = [f for f in Einzelfall._meta.concrete_fields if f.name != "hsk_massnahme"]
    return sorted(felder, key=lambda f: f.name in _VERWALTUNG)


def _zelle(feld, obj: Model, schritte: dict[int, str]) -> str:
    if feld.name == "ablaufschritt":
        return schritte.get(obj.ablaufschritt_id, "") if obj.ablaufschritt_id else ""
    wert = getattr(obj, feld.attname)
    if wert is None:
        return ""
    if feld.choices:
        return str(dict(feld.flatchoices).get(wert, wert))
    if isinstance(wert, datetime):
        return timezone.localtime(wert).strftime("%d.%m.%Y %H:%M")
    if isinstance(wert, date):
        return wert.strftime("%d.%m.%Y")
    if isinstance(wert, Decimal):
        return format_de(wert, feld.decimal_places)
    return str(wert)


def auskunft_zeilen(
    *, oe: Organisationseinheit, pseudonym: str | None = None, massnahme: HSKMassnahme | None = None
) -> list[list[str]]:
    """Header plus one row per current case and per history entry (three or four queries)."""
    massnahmen = HSKMassnahme.objects.filter(organisationseinheit_id__in=unterbaum_ids([oe.pk]))
    if massnahme is not None:
        massnahmen = massnahmen.filter(pk=massnahme.pk)
    namen = dict(massnahmen.values_list("pk", "bezeichnung"))
    schritte = dict(Ablaufschritt.objects.filter(hsk_massnahme_id__in=namen).values_list("pk", "bezeichnung"))
    faelle = Einzelfall.objects.filter(hsk_massnahme_id__in=namen).order_by("hsk_massnahme_id", "pseudonym", "pk")
    historie = (
        Einzelfall.history.filter(hsk_massnahme_id__in=namen)
        .select_related("history_user")
        .order_by("hsk_massnahme_id", "pseudonym", "id", "history_date", "history_id")
    )
    if pseudonym:
        # Every case that ever carried the pseudonym, with its whole history (also older pseudonyms).
        faelle = faelle.filter(pseudonym=pseudonym)
        historie = historie.filter(id__in=historie.filter(pseudonym=pseudonym).values("id"))
    felder = _felder()
    kopf = [
        _("Datensatz"),
        _("HSK-Maßnahme"),
        *[_("Fall-Nr.") if f.name == "id" else str(f.verbose_name) for f in felder],
        _("Änderungszeitpunkt"),
        _("Änderungsart"),
        _("geändert von"),
    ]
    zeilen: list[list[str]] = [kopf]

    def werte(obj: Model) -> list[str]:
        return [_zelle(f, obj, schritte) for f in felder]

    for fall in faelle:
        zeilen.append([_("aktueller Stand"), namen[fall.hsk_massnahme_id], *werte(fall), "", "", ""])
    for eintrag in historie:
        zeilen.append(
            [
                _("Änderungshistorie"),
                namen[eintrag.hsk_massnahme_id],
                *werte(eintrag),
                timezone.localtime(eintrag.history_date).strftime("%d.%m.%Y %H:%M:%S"),
                str(_HISTORIE_ART.get(eintrag.history_type, eintrag.history_type)),
                eintrag.history_user.get_username() if eintrag.history_user else _("System"),
            ]
        )
    return zeilen


def als_csv(zeilen: Iterable[list[str]]) -> bytes:
    """Excel-friendly CSV: BOM, semicolons, every cell neutralised against formula injection."""
    puffer = io.StringIO()
    schreiber = csv.writer(puffer, delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    for zeile in zeilen:
        schreiber.writerow([neutralisieren(z) for z in zeile])
    return ("\ufeff" + puffer.getvalue()).encode("utf-8")


def auskunft_csv(
    *, oe: Organisationseinheit, benutzer, pseudonym: str | None = None, massnahme: HSKMassnahme | None = None
) -> tuple[bytes, int]:
    """The CSV file and its number of data rows, with German headers; the export is logged.

    The decision-log entry records who exported how many rows, never the pseudonym.
    """
    with translation.override("de"):
        zeilen = auskunft_zeilen(oe=oe, pseudonym=pseudonym, massnahme=massnahme)
    anzahl = len(zeilen) - 1
    protokollieren(
        benutzer=benutzer,
        aktion="einzelfaelle_auskunft",
        objekt=massnahme or oe,
        daten={"zeilen": anzahl, "nach_pseudonym": bool(pseudonym)},
    )
    return als_csv(zeilen), anzahl
