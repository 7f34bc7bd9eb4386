"""Benchmark 4 (child processes): Excel import of 10.000 Messwerte, time and peak memory.

`dateien <verzeichnis>` writes the upload files (2026-T3 values of the first 10.000 Kennzahlen);
the import refuses more than 2.000 rows per file, so 10.000 values are five uploads.
`import <verzeichnis>` uploads them through steuerung.excel_messwerte.hochladen as the
Steuerungsunterstützung and rolls everything back at the end, so the bench database stays as
loaded; the deferred foreign-key checks a commit would run are run (and timed) before that.
Peak memory is the process's maximum resident set size (getrusage), Django included.
Reference: reading the same files with openpyxl alone.
"""

from __future__ import annotations

import resource
import sys
import time
from pathlib import Path

from bench.umgebung import ausgeben, django_starten, zurueckgestellte_pruefungen

WERTE = 10000
PERIODE = "2026-T3"


def _max_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def dateien(verzeichnis: Path) -> None:
    django_starten()
    from openpyxl import Workbook

    from steuerung.excel_messwerte import BLATT, MAX_ZEILEN, SPALTEN
    from steuerung.models import Kennzahl

    kennzahlen = list(
        Kennzahl.objects.filter(jahr=2026, erhebungsrhythmus="tertial")
        .order_by("pk")
        .values_list("pk", "code", "bezeichnung", "einheit", "ausgangswert")[:WERTE]
    )
    verzeichnis.mkdir(parents=True, exist_ok=True)
    for alt in verzeichnis.glob("*.xlsx"):
        alt.unlink()
    for nummer, start in enumerate(range(0, len(kennzahlen), MAX_ZEILEN), start=1):
        wb = Workbook()
        ws = wb.active
        ws.title = BLATT
        ws.append([kopf for kopf, _f in SPALTEN])
        for pk, code, bezeichnung, einheit, basis in kennzahlen[start : start + MAX_ZEILEN]:
            # By header, so the files follow the template when it gains columns.
            zelle = {"Kennzahl-Nr.": pk, "Code": code, "Bezeichnung": bezeichnung, "Einheit": einheit}
            zelle |= {"Periode": PERIODE, "Ist-Wert": basis, "Kommentar": "Import"}
            ws.append([zelle.get(kopf) for kopf, _f in SPALTEN])
        wb.save(verzeichnis / f"werte_{nummer}.xlsx")
    ausgeben({"dateien": nummer, "zeilen": len(kennzahlen)})


def importieren(verzeichnis: Path) -> None:
    django_starten()
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import transaction
    from openpyxl import load_workbook

    from core.periods import periode
    from organisation.models import Benutzer
    from steuerung.excel_messwerte import hochladen
    from steuerung.models import Kennzahl, Messwert

    dateien_liste = sorted(verzeichnis.glob("*.xlsx"))
    vorher_mb = _max_rss_mb()
    start = time.perf_counter()
    gelesen_ref = 0
    for datei in dateien_liste:
        wb = load_workbook(datei, read_only=True, data_only=True)
        gelesen_ref += sum(1 for _z in wb.active.iter_rows(values_only=True)) - 1
        wb.close()
    referenz = time.perf_counter() - start

    user = Benutzer.objects.get(username="gs_steuerung")
    kennzahlen = list(Kennzahl.objects.filter(jahr=2026, erhebungsrhythmus="tertial"))
    gelesen = 0
    start = time.perf_counter()
    with transaction.atomic():
        for datei in dateien_liste:
            upload = SimpleUploadedFile(datei.name, datei.read_bytes())
            gelesen += hochladen(datei=upload, kennzahlen=kennzahlen, periode=periode(PERIODE), user=user)
        zurueckgestellte_pruefungen()
        gespeichert = Messwert.objects.filter(periode=PERIODE).count()
        transaction.set_rollback(True)
    dauer = time.perf_counter() - start
    ausgeben(
        {
            "dateien": len(dateien_liste),
            "zeilen": gelesen,
            "gespeichert": gespeichert,
            "import_s": dauer,
            "referenz_s": referenz,
            "referenz_zeilen": gelesen_ref,
            "rss_vor_import_mb": vorher_mb,
            "rss_spitze_mb": _max_rss_mb(),
        }
    )


if __name__ == "__main__":
    {"dateien": dateien, "import": importieren}[sys.argv[1]](Path(sys.argv[2]))
