"""Benchmark 4 (child processes): finance CSV import of 100.000 Haushaltspositionen, time and peak memory.

`datei <verzeichnis>` writes a finance export as the Kämmerei's system writes it (semicolons,
de-DE amounts, UTF-8): every Produkt of the bench database, each importable line of the
Teilergebnisplan, Ansatz, fortgeschriebener Ansatz and month-end Ist/Prognose, years from 2024
on, until 100.000 distinct rows. `import <verzeichnis>` imports it through the product's
import service (haushalt.services.haushalt_importieren, applied at once) as the
Steuerungsunterstützung and rolls back, so the bench database stays as loaded. Peak memory is
the process's maximum resident set size (getrusage), Django included. The time includes the
deferred foreign-key checks a commit would run; `pruefen_s` is checking the file alone
(haushalt.importer.datei_pruefen, no write).
Reference: parsing the same file with Python's csv module (decode and split every row).
"""

from __future__ import annotations

import calendar
import csv
import io
import resource
import sys
import time
from pathlib import Path

from bench.umgebung import ausgeben, django_starten, zurueckgestellte_pruefungen

POSITIONEN = 100_000
DATEI = "haushalt.csv"


def _max_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _betrag(i: int) -> str:
    """A de-DE amount with thousands separators, varying by row: "1.234.567,89"."""
    cent = (i * 7919) % 250_000_000 + 1
    euro = f"{cent // 100:,}".replace(",", ".")
    return f"{euro},{cent % 100:02d}"


def datei(verzeichnis: Path) -> None:
    django_starten()
    from haushalt.models.auswahl import ZEILEN
    from steuerung.models import Produkt

    produkte = list(Produkt.objects.order_by("nummer").values_list("nummer", flat=True))
    nummern = sorted(n for n, _seite in ZEILEN.values())
    zeilen = ["Produkt;Zeile;Art;Jahr;Stichtag;Betrag"]
    jahr = 2024
    while len(zeilen) <= POSITIONEN:
        stichtage = [f"{calendar.monthrange(jahr, m)[1]:02d}.{m:02d}.{jahr}" for m in range(1, 13)]
        arten = [("Ansatz", ""), ("fortgeschriebener Ansatz", "")]
        arten += [(art, tag) for tag in stichtage for art in ("Ist", "Prognose")]
        for produkt in produkte:
            for art, tag in arten:
                for nummer in nummern:
                    zeilen.append(f"{produkt};{nummer};{art};{jahr};{tag};{_betrag(len(zeilen))}")
        jahr += 1
    verzeichnis.mkdir(parents=True, exist_ok=True)
    (verzeichnis / DATEI).write_text("\r\n".join(zeilen[: POSITIONEN + 1]) + "\r\n", encoding="utf-8")
    ausgeben({"zeilen": POSITIONEN, "produkte": len(produkte), "jahre": jahr - 2024})


def importieren(verzeichnis: Path) -> None:
    django_starten()
    from django.db import transaction

    from haushalt import importer
    from haushalt.models import Haushaltsposition
    from haushalt.services import haushalt_importieren
    from organisation.models import Benutzer

    user = Benutzer.objects.get(username="gs_steuerung")
    vorher_mb = _max_rss_mb()
    inhalt = (verzeichnis / DATEI).read_bytes()

    start = time.perf_counter()
    gelesen_ref = sum(1 for _z in csv.reader(io.StringIO(inhalt.decode("utf-8-sig"), newline=""), delimiter=";")) - 1
    referenz = time.perf_counter() - start

    start = time.perf_counter()
    importer.datei_pruefen(name=DATEI, inhalt=inhalt)
    pruefen = time.perf_counter() - start

    start = time.perf_counter()
    with transaction.atomic():
        ergebnis = haushalt_importieren(name=DATEI, inhalt=inhalt, user=user)
        zurueckgestellte_pruefungen()
        gespeichert = Haushaltsposition.objects.filter(herkunft=ergebnis.protokoll).count()
        transaction.set_rollback(True)
    dauer = time.perf_counter() - start
    ausgeben(
        {
            "zeilen": ergebnis.pruefung.anzahl,
            "status": ergebnis.status,
            "gespeichert": gespeichert,
            "import_s": dauer,
            "referenz_s": referenz,
            "pruefen_s": pruefen,
            "referenz_zeilen": gelesen_ref,
            "rss_vor_import_mb": vorher_mb,
            "rss_spitze_mb": _max_rss_mb(),
        }
    )


if __name__ == "__main__":
    {"datei": datei, "import": importieren}[sys.argv[1]](Path(sys.argv[2]))
